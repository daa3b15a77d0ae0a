import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { GREETING_ENTRY } from './variants';
import { SecureNodejsFunction } from '../../src';
import { errorOf, expectValidationError, LATEST_NODE, newStack } from '../helpers';

describe('SecureNodejsFunction', () => {
  // Docker is not there: any bundling in Docker would fail these tests.
  const docker = process.env.CDK_DOCKER;
  beforeAll(() => { process.env.CDK_DOCKER = '/nonexistent/docker'; });
  afterAll(() => {
    if (docker === undefined) {
      delete process.env.CDK_DOCKER;
    } else {
      process.env.CDK_DOCKER = docker;
    }
  });

  test('is a NodejsFunction, bundled from a TypeScript entry with the local esbuild', () => {
    const stack = newStack();
    const fn = new SecureNodejsFunction(stack, 'Fn', { entry: GREETING_ENTRY });

    expect(fn).toBeInstanceOf(nodejs.NodejsFunction);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Code: { S3Bucket: Match.anyValue(), S3Key: Match.stringLikeRegexp('\\.zip$') },
    });
  });

  test('runs on the newest Node.js runtime the installed aws-cdk-lib knows unless told otherwise, whatever the feature flags', () => {
    const stack = new Stack(new App(), 'Bare');
    new SecureNodejsFunction(stack, 'Fn', { entry: GREETING_ENTRY });
    new SecureNodejsFunction(stack, 'Pinned', { entry: GREETING_ENTRY, runtime: lambda.Runtime.NODEJS_22_X });

    expect(LATEST_NODE.name).toMatch(/^nodejs(2[4-9]|[3-9]\d)\.x$/);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { Runtime: LATEST_NODE.name, Handler: 'index.handler' });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs22.x' });
  });

  test('takes handler and bundling options, and never bundles in Docker unless asked', () => {
    const stack = newStack();
    new SecureNodejsFunction(stack, 'Fn', { entry: GREETING_ENTRY, handler: 'handler', bundling: { minify: true, sourceMap: false } });

    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.handler' });
  });

  test('refuses a deprecated runtime, as SecureFunction does', () => {
    const error = errorOf(() => new SecureNodejsFunction(newStack(), 'Fn', { entry: GREETING_ENTRY, runtime: lambda.Runtime.NODEJS_16_X }));

    expectValidationError(error, 'TestStack/Fn', /runtime nodejs16\.x was deprecated/);
  });

  test('refuses code, which would skip bundling, naming SecureFunction as the fix', () => {
    const error = errorOf(() => new SecureNodejsFunction(newStack(), 'Fn', {
      entry: GREETING_ENTRY,
      code: lambda.Code.fromInline('exports.handler = async () => ({});'),
    }));

    expectValidationError(error, 'TestStack/Fn', /code is set.*Fix: .*SecureFunction with code/);
  });
});
