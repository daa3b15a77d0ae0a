import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { SecureFunction } from '../../src';
import { SecureApi, SecureApiProps, SecureHttpApi, SecureHttpApiProps } from '../../src/api';
import { minimalFunctionProps, newStack } from '../helpers';

/** The JSON schema of the tests' order body. */
export const orderSchema: apigateway.JsonSchema = {
  type: apigateway.JsonSchemaType.OBJECT,
  required: ['item'],
  properties: { item: { type: apigateway.JsonSchemaType.STRING, maxLength: 64 } },
  additionalProperties: false,
};

/** A stack with a SecureFunction and a SecureApi that routes POST /orders and GET /orders/{id} to it. */
export function restApiWithRoutes(props: SecureApiProps = {}) {
  const stack = newStack();
  const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
  const api = new SecureApi(stack, 'Api', props);
  const post = api.addLambdaRoute(apigatewayv2.HttpMethod.POST, '/orders', fn, { requestSchema: orderSchema });
  const get = api.addLambdaRoute(apigatewayv2.HttpMethod.GET, '/orders/{id}', fn);
  return { stack, fn, api, post, get };
}

/** A stack with a SecureFunction and a SecureHttpApi that routes POST /orders to it. */
export function httpApiWithRoute(props: SecureHttpApiProps = {}) {
  const stack = newStack();
  const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
  const api = new SecureHttpApi(stack, 'Api', props);
  const route = api.addLambdaRoute(apigatewayv2.HttpMethod.POST, '/orders', fn);
  return { stack, fn, api, route };
}

/** The template of a stack; building it runs the constructs' synth-time validations. */
export function templateOf(stack: Stack): Template {
  return Template.fromStack(stack);
}

