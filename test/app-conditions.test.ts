import { join } from 'path';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SecureDockerImageFunction, SecureFunction, SecureNodejsFunction } from '../src';
import { APP_CONDITIONS, recommendedFeatureFlags, stackIn } from './apps';
import { SecureApi, SecureHttpApi } from '../src/api';
import { SecureSecret } from '../src/secrets';
import { SecureBucket, SecureQueue, SecureTable, SecureTopic } from '../src/storage';
import { orderSchema } from './api/helpers';
import { securityFindings } from './checks/helpers';
import { GREETING_ENTRY } from './function/variants';
import { minimalFunctionProps, nagFindings } from './helpers';

const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };

/** Each construct as its default tests build it, in a given stack. */
const AT_DEFAULTS: Array<[string, (stack: Stack) => void]> = [
  ['SecureFunction', stack => new SecureFunction(stack, 'Fn', minimalFunctionProps)],
  ['SecureNodejsFunction', stack => new SecureNodejsFunction(stack, 'Fn', { entry: GREETING_ENTRY })],
  ['SecureDockerImageFunction', stack => new SecureDockerImageFunction(stack, 'Fn', {
    code: lambda.DockerImageCode.fromImageAsset(join(__dirname, 'fixtures', 'images', 'greeting')),
  })],
  ['SecureTable', stack => new SecureTable(stack, 'Table', { partitionKey })],
  ['SecureBucket', stack => new SecureBucket(stack, 'Data')],
  ['SecureQueue', stack => new SecureQueue(stack, 'Queue')],
  ['SecureTopic', stack => new SecureTopic(stack, 'Topic')],
  ['SecureSecret with a rotation function', stack => new SecureSecret(stack, 'Secret', {
    rotationFunction: new SecureFunction(stack, 'Rotator', minimalFunctionProps),
  })],
  ['SecureSecret with a hosted rotation', stack => new SecureSecret(stack, 'Secret', {
    hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser(),
  })],
  ['SecureApi', stack => {
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    const api = new SecureApi(stack, 'Api');
    api.addLambdaRoute(apigatewayv2.HttpMethod.POST, '/orders', fn, { requestSchema: orderSchema });
    api.addLambdaRoute(apigatewayv2.HttpMethod.GET, '/orders/{id}', fn);
  }],
  ['SecureHttpApi', stack => {
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    const api = new SecureHttpApi(stack, 'Api');
    api.addLambdaRoute(apigatewayv2.HttpMethod.POST, '/orders', fn);
    api.addLambdaRoute(apigatewayv2.HttpMethod.GET, '/orders/{id}', fn);
  }],
];

test('the recommended flags are read from the installed aws-cdk-lib and include useCdkManagedLogGroup', () => {
  expect(recommendedFeatureFlags()['@aws-cdk/aws-lambda:useCdkManagedLogGroup']).toBe(true);
});

describe.each(APP_CONDITIONS.map(condition => [condition.name, condition] as const))('in a %s', (_name, condition) => {
  test.each(AT_DEFAULTS)('%s at its defaults synthesizes, with no finding from AwsSolutions nor from our pack', (_construct, build) => {
    const stack = stackIn(condition);
    build(stack);

    Template.fromStack(stack);
    expect(nagFindings(stack.node.root, [new AwsSolutionsChecks()])).toEqual([]);
    expect(securityFindings(stack.node.root)).toEqual([]);
  });
});
