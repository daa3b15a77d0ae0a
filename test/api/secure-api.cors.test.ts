import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SecureFunction } from '../../src';
import { ApiAuthorization, SecureApi, SecureHttpApi } from '../../src/api';
import { securityFindings } from '../checks/helpers';
import { minimalFunctionProps, nagFindings, newStack, userVpc } from '../helpers';

/** What a browser app on another origin needs. */
const browserCors: apigateway.CorsOptions = { allowOrigins: ['https://app.example.com'], allowMethods: ['GET', 'POST'] };

/** The OPTIONS methods of the stack's template, by logical id. */
function optionsMethods(stack: Stack): { [logicalId: string]: { Properties: { [key: string]: unknown } } } {
  return Template.fromStack(stack).findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'OPTIONS' } }) as
    { [logicalId: string]: { Properties: { [key: string]: unknown } } };
}

/** The findings of the six cdk-nag packs and of ServerlessSecurityChecks on OPTIONS methods. */
function preflightFindings(stack: Stack): string[] {
  return [...nagFindings(stack.node.root), ...securityFindings(stack.node.root)].filter(finding => finding.includes('/OPTIONS/'));
}

/** The acknowledgements recorded on a method, as `id` → reason. */
function acknowledgementsOf(method: apigateway.Method): { [id: string]: string } {
  const resource = method.node.defaultChild as CfnResource;
  const entries = resource.node.metadata
    .filter(entry => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap(entry => Object.entries(entry.data as { [id: string]: string }));
  return Object.fromEntries(entries.map(([id, reason]) => [id.replace(/^annotation::/i, ''), reason]));
}

/** A MOCK integration that answers a preflight, as a user would write it for addMethod. */
function preflightIntegration(): apigateway.MockIntegration {
  return new apigateway.MockIntegration({
    requestTemplates: { 'application/json': '{ "statusCode": 204 }' },
    integrationResponses: [{
      statusCode: '204',
      responseParameters: { 'method.response.header.Access-Control-Allow-Origin': '\'https://app.example.com\'' },
    }],
  });
}

describe('SecureApi CORS preflight', () => {
  test('defaultCorsPreflightOptions for a browser app: every OPTIONS method is an unauthenticated MOCK, the routes keep IAM', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', { ...minimalFunctionProps, vpc: userVpc(stack) });
    const api = new SecureApi(stack, 'Api', { defaultCorsPreflightOptions: browserCors });
    api.addLambdaRoute(apigatewayv2.HttpMethod.GET, '/orders', fn);
    const template = Template.fromStack(stack);

    const preflights = Object.values(optionsMethods(stack));
    expect(preflights).toHaveLength(2); // the root and /orders
    for (const preflight of preflights) {
      expect(preflight.Properties).toMatchObject({ AuthorizationType: 'NONE', ApiKeyRequired: false, Integration: { Type: 'MOCK' } });
      expect(preflight.Properties.AuthorizerId).toBeUndefined();
      expect(JSON.stringify(preflight.Properties)).toContain('https://app.example.com');
      expect(JSON.stringify(preflight.Properties)).toContain('\'GET,POST\'');
    }
    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', AuthorizationType: 'AWS_IAM' });
    expect(preflightFindings(stack)).toEqual([]);
  });

  test('acknowledges on each preflight exactly AwsSolutions-APIG4, with a reason naming CORS preflight', () => {
    const stack = newStack();
    const api = new SecureApi(stack, 'Api', { defaultCorsPreflightOptions: browserCors });
    const orders = api.root.addResource('orders');
    orders.addMethod('GET', new apigateway.MockIntegration());
    const preflights = api.methods.filter(method => method.httpMethod === 'OPTIONS');

    expect(preflights.map(method => method.resource.path).sort()).toEqual(['/', '/orders']);
    for (const preflight of preflights) {
      const acknowledgements = acknowledgementsOf(preflight);
      expect(Object.keys(acknowledgements)).toEqual(['AwsSolutions-APIG4']);
      expect(acknowledgements['AwsSolutions-APIG4']).toMatch(/CORS preflight/);
    }
    expect(acknowledgementsOf(api.methods.find(method => method.httpMethod === 'GET')!)).not.toHaveProperty('AwsSolutions-APIG4');
  });

  test('with a Cognito default with scopes: the preflights carry no authorizer, no scopes and no CDK warning', () => {
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'Pool');
    const api = new SecureApi(stack, 'Api', {
      authorization: ApiAuthorization.cognito([pool], ['orders/read']),
      defaultCorsPreflightOptions: browserCors,
    });
    api.root.addResource('orders').addMethod('GET', new apigateway.MockIntegration());

    for (const preflight of Object.values(optionsMethods(stack))) {
      expect(preflight.Properties).toMatchObject({ AuthorizationType: 'NONE' });
      expect(preflight.Properties.AuthorizerId).toBeUndefined();
      expect(preflight.Properties.AuthorizationScopes).toBeUndefined();
    }
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('AuthorizationScopes'));
    expect(preflightFindings(stack).filter(finding => !finding.includes('/Pool/'))).toEqual([]);
  });

  test('resource.addCorsPreflight(...) is opened the same way', () => {
    const stack = newStack();
    const api = new SecureApi(stack, 'Api');
    const orders = api.root.addResource('orders');
    orders.addMethod('GET', new apigateway.MockIntegration());
    const preflight = orders.addCorsPreflight(browserCors);

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'OPTIONS', AuthorizationType: 'NONE', AuthorizerId: Match.absent(), Integration: Match.objectLike({ Type: 'MOCK' }),
    });
    expect(Object.keys(acknowledgementsOf(preflight))).toEqual(['AwsSolutions-APIG4']);
    expect(preflightFindings(stack)).toEqual([]);
  });

  test('addMethod(\'OPTIONS\', new MockIntegration(...)) is a preflight: no IAM, no API key, and no finding', () => {
    const stack = newStack();
    const api = new SecureApi(stack, 'Api', { defaultMethodOptions: { apiKeyRequired: true } });
    const orders = api.root.addResource('orders');
    orders.addMethod('GET', new apigateway.MockIntegration());
    orders.addMethod('OPTIONS', preflightIntegration(), {
      methodResponses: [{ statusCode: '204', responseParameters: { 'method.response.header.Access-Control-Allow-Origin': true } }],
    });
    // Without method responses, AwsSolutions-APIG4 does not recognise a preflight: it is acknowledged.
    api.root.addMethod('OPTIONS', preflightIntegration());

    const preflights = Object.values(optionsMethods(stack));
    expect(preflights).toHaveLength(2);
    for (const preflight of preflights) {
      expect(preflight.Properties).toMatchObject({ AuthorizationType: 'NONE', ApiKeyRequired: false, Integration: { Type: 'MOCK' } });
      expect(preflight.Properties.AuthorizerId).toBeUndefined();
    }
    expect(preflightFindings(stack)).toEqual([]);
  });

  test('the acknowledgement is needed: AwsSolutions-APIG4 reports the same open MOCK OPTIONS on a plain RestApi', () => {
    const stack = newStack();
    const api = new SecureApi(stack, 'Api');
    api.root.addMethod('OPTIONS', preflightIntegration());
    const plain = new apigateway.RestApi(stack, 'Plain');
    plain.root.addMethod('OPTIONS', preflightIntegration(), { authorizationType: apigateway.AuthorizationType.NONE });

    expect(nagFindings(stack.node.root, [new AwsSolutionsChecks()]).filter(finding => finding.includes('/OPTIONS/'))).toEqual([
      'AwsSolutions-APIG4 TestStack/Plain/Default/OPTIONS/Resource',
    ]);
  });

  test('a Lambda behind OPTIONS is an ordinary method: it keeps the API\'s IAM authorization', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    const api = new SecureApi(stack, 'Api');
    const method = api.root.addResource('orders').addMethod('OPTIONS', new apigateway.LambdaIntegration(fn));

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'OPTIONS', AuthorizationType: 'AWS_IAM' });
    expect(acknowledgementsOf(method)).not.toHaveProperty('AwsSolutions-APIG4');
  });

  test('fails if a Lambda behind OPTIONS is opened without a reason', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    const api = new SecureApi(stack, 'Api');
    api.root.addResource('orders').addMethod('OPTIONS', new apigateway.LambdaIntegration(fn), { authorizationType: apigateway.AuthorizationType.NONE });

    expect(() => Template.fromStack(stack)).toThrow(/TestStack\/Api\/Default\/orders\/OPTIONS: OPTIONS \/orders has no authorization/);
  });
});

describe('SecureHttpApi CORS preflight', () => {
  test('corsPreflight needs no authorization: API Gateway answers preflights itself, and no OPTIONS route gets an authorizer', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', { ...minimalFunctionProps, vpc: userVpc(stack) });
    const api = new SecureHttpApi(stack, 'Api', {
      corsPreflight: { allowOrigins: ['https://app.example.com'], allowMethods: [apigatewayv2.CorsHttpMethod.GET, apigatewayv2.CorsHttpMethod.POST] },
    });
    api.addLambdaRoute(apigatewayv2.HttpMethod.GET, '/orders', fn);
    api.addLambdaRoute(apigatewayv2.HttpMethod.ANY, '/{proxy+}', fn);
    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: { AllowOrigins: ['https://app.example.com'], AllowMethods: ['GET', 'POST'] },
    });
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(route => route.Properties);
    expect(routes.filter(route => String(route.RouteKey).startsWith('OPTIONS '))).toEqual([]);
    expect(routes.map(route => route.AuthorizationType)).toEqual(['AWS_IAM', 'AWS_IAM']);
    expect([...nagFindings(stack.node.root), ...securityFindings(stack.node.root)]).toEqual([]);
  });
});
