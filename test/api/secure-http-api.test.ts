import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { SecureFunction } from '../../src';
import { HttpLambdaRouteOptions, SecureHttpApi, SecureHttpApiProps } from '../../src/api';
import { securityFindings } from '../checks/helpers';
import { errorOf, expectValidationError, minimalFunctionProps, newStack } from '../helpers';
import { httpApiWithRoute, templateOf } from './helpers';

function expectConstructError(error: Error, message: RegExp): void {
  expectValidationError(error, 'TestStack/Api', message);
}

function certificateIn(stack: ReturnType<typeof newStack>): acm.ICertificate {
  return acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:111111111111:certificate/abc');
}

describe('SecureHttpApi defaults', () => {
  test('keeps the logical ids a plain apigatewayv2.HttpApi would have', () => {
    const { stack } = httpApiWithRoute();
    const template = templateOf(stack);

    expect(Object.keys(template.findResources('AWS::ApiGatewayV2::Api'))).toEqual(['ApiF70053CD']);
    expect(Object.keys(template.findResources('AWS::ApiGatewayV2::Stage'))).toEqual(['ApiDefaultStage189A7074']);
    expect(Object.keys(template.findResources('AWS::Logs::LogGroup'))).toContain('ApiAccessLogs50B185DB');
  });

  test('synthesizes without warnings', () => {
    const { stack } = httpApiWithRoute();

    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('throttles the default stage at 100 requests per second with bursts of 200', () => {
    const { stack } = httpApiWithRoute();

    templateOf(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
    });
  });

  test('writes JSON access logs to a log group encrypted with the stack key, kept one year and retained', () => {
    const { stack } = httpApiWithRoute();
    const template = templateOf(stack);
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0];

    expect(stage.Properties.AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': ['ApiAccessLogs50B185DB', 'Arn'] });
    expect(JSON.parse(stage.Properties.AccessLogSettings.Format)).toMatchObject({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      requestTime: '$context.requestTime',
      httpMethod: '$context.httpMethod',
      routeKey: '$context.routeKey',
      status: '$context.status',
      protocol: '$context.protocol',
      responseLength: '$context.responseLength',
    });
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SecureServerlessKey'), 'Arn'] } },
      DeletionPolicy: 'Retain',
    });
  });

  test('requires AWS IAM authorization on every route by default, routes added with addRoutes included', () => {
    const { stack, api, fn } = httpApiWithRoute();
    api.addRoutes({ path: '/other', methods: [apigatewayv2.HttpMethod.GET], integration: new integrations.HttpLambdaIntegration('Other', fn) });

    const routes = Object.values(templateOf(stack).findResources('AWS::ApiGatewayV2::Route'));
    expect(routes.map(route => route.Properties.AuthorizationType)).toEqual(['AWS_IAM', 'AWS_IAM']);
  });

  test('routes to the function with a permission scoped to the route\'s method and path', () => {
    const { stack } = httpApiWithRoute();
    const template = templateOf(stack);

    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission'));
    expect(permissions).toHaveLength(1);
    expect(permissions[0].Properties.SourceArn).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:eu-west-1:111111111111:', { Ref: 'ApiF70053CD' }, '/*/POST/orders']],
    });
  });

  test('a custom domain from addCustomDomain pins TLS 1.2, maps the default stage and disables the execute-api endpoint', () => {
    const stack = newStack();
    const api = new SecureHttpApi(stack, 'Api');
    api.addCustomDomain('Domain', { domainName: 'api.example.com', certificate: certificateIn(stack) });
    const template = templateOf(stack);

    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainNameConfigurations: [Match.objectLike({ SecurityPolicy: 'TLS_1_2' })] });
    template.hasResource('AWS::ApiGatewayV2::ApiMapping', { Properties: Match.objectLike({ Stage: '$default' }), DependsOn: ['ApiDefaultStage189A7074'] });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    expect(securityFindings(stack.node.root, 'HttpApiCustomDomainTls')).toEqual([]);
  });

  test('a defaultDomainMapping disables the execute-api endpoint', () => {
    const stack = newStack();
    const domainName = new apigatewayv2.DomainName(stack, 'Domain', {
      domainName: 'api.example.com', certificate: certificateIn(stack), securityPolicy: apigatewayv2.SecurityPolicy.TLS_1_2,
    });
    new SecureHttpApi(stack, 'Api', { defaultDomainMapping: { domainName } });

    templateOf(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
  });

  test('leaves OPTIONS routes open for CORS preflight', () => {
    const { stack, api, fn } = httpApiWithRoute();
    api.addRoutes({
      path: '/orders',
      methods: [apigatewayv2.HttpMethod.OPTIONS],
      integration: new integrations.HttpLambdaIntegration('Preflight', fn),
      authorizer: new apigatewayv2.HttpNoneAuthorizer(),
    });

    expect(() => templateOf(stack)).not.toThrow();
  });
});

describe('SecureHttpApi loosening and choices', () => {
  test('throttle sets the default stage\'s limits', () => {
    const { stack } = httpApiWithRoute({ throttle: { rateLimit: 20, burstLimit: 40 } });

    templateOf(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', { DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 } });
  });

  test('a route throttle becomes that route\'s settings', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    new SecureHttpApi(stack, 'Api').addLambdaRoute(apigatewayv2.HttpMethod.GET, '/orders', fn, { throttle: { rateLimit: 2, burstLimit: 4 } });

    templateOf(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      RouteSettings: { 'GET /orders': { ThrottlingRateLimit: 2, ThrottlingBurstLimit: 4 } },
    });
  });

  test('a route throttle above the stage\'s is refused: it would lift the stage\'s cap for that route', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    const api = new SecureHttpApi(stack, 'Api', { throttle: { rateLimit: 20, burstLimit: 40 } });

    expectValidationError(errorOf(() => api.addLambdaRoute(apigatewayv2.HttpMethod.GET, '/orders', fn, { throttle: { rateLimit: 10, burstLimit: 41 } })),
      'TestStack/Api', /throttle.burstLimit is 41, above the stage's 40: it lifts the stage's cap for this route/);
  });

  test('allowUnauthenticated opens one route, acknowledged with the reason', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    new SecureHttpApi(stack, 'Api').addLambdaRoute(apigatewayv2.HttpMethod.GET, '/status', fn, { allowUnauthenticated: 'public status page' });
    const template = templateOf(stack);

    template.hasResource('AWS::ApiGatewayV2::Route', {
      Properties: Match.objectLike({ AuthorizationType: 'NONE' }),
      Metadata: { cdk_nag: { rules_to_suppress: Match.arrayWith([{ id: 'SecureServerless-HttpApiRouteAuthorization', reason: 'Public by design (allowUnauthenticated): public status page' }]) } },
    });
    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('api.allowUnauthenticated opens a route added with addRoutes', () => {
    const { stack, api, fn } = httpApiWithRoute();
    const [route] = api.addRoutes({
      path: '/webhook',
      methods: [apigatewayv2.HttpMethod.POST],
      integration: new integrations.HttpLambdaIntegration('Webhook', fn),
      authorizer: new apigatewayv2.HttpNoneAuthorizer(),
    });
    api.allowUnauthenticated(route, 'Stripe webhook, verified by signature');

    expect(() => templateOf(stack)).not.toThrow();
  });

  test('a route may use its own authorizer and scopes', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    const pool = new cognito.UserPool(stack, 'Pool');
    const client = pool.addClient('Client');
    new SecureHttpApi(stack, 'Api').addLambdaRoute(apigatewayv2.HttpMethod.GET, '/me', fn, {
      authorizer: new authorizers.HttpUserPoolAuthorizer('Users', pool, { userPoolClients: [client] }),
      authorizationScopes: ['profile'],
    });

    templateOf(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { AuthorizationType: 'JWT', AuthorizationScopes: ['profile'] });
  });

  test('defaultAuthorizer replaces IAM for every route', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    const authorizerFn = new SecureFunction(stack, 'AuthorizerFn', minimalFunctionProps);
    new SecureHttpApi(stack, 'Api', { defaultAuthorizer: new authorizers.HttpLambdaAuthorizer('Auth', authorizerFn) })
      .addLambdaRoute(apigatewayv2.HttpMethod.GET, '/orders', fn);

    templateOf(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { AuthorizationType: 'CUSTOM' });
  });

  test('accessLogRetention and encryptionKey apply to the access logs', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Mine');
    new SecureHttpApi(stack, 'Api', { accessLogRetention: logs.RetentionDays.ONE_MONTH, encryptionKey: key });

    templateOf(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Mine'), 'Arn'] } });
  });

  test('stages added with addStage are throttled and logged too, unless their options say otherwise', () => {
    const stack = newStack();
    const api = new SecureHttpApi(stack, 'Api', { createDefaultStage: false });
    api.addStage('Beta', { stageName: 'beta', autoDeploy: true });
    api.addStage('Gamma', { stageName: 'gamma', throttle: { rateLimit: 5, burstLimit: 5 } });
    const template = templateOf(stack);

    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'beta',
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiBetaAccessLogs'), 'Arn'] }, Format: Match.anyValue() },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'gamma', DefaultRouteSettings: { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 5 }, AccessLogSettings: Match.objectLike({}),
    });
  });

  test('disableExecuteApiEndpoint: false keeps the execute-api endpoint next to a custom domain', () => {
    const stack = newStack();
    const api = new SecureHttpApi(stack, 'Api', { disableExecuteApiEndpoint: false });
    api.addCustomDomain('Domain', { domainName: 'api.example.com', certificate: certificateIn(stack) });

    templateOf(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: false });
  });
});

describe('SecureHttpApi refuses bad input', () => {
  test.each<[string, SecureHttpApiProps, RegExp]>([
    ['a stage rate of 0', { throttle: { rateLimit: 0, burstLimit: 10 } }, /throttle.rateLimit is 0/],
    ['a negative stage rate', { throttle: { rateLimit: -3, burstLimit: 10 } }, /throttle.rateLimit is -3/],
    ['a stage burst of 0', { throttle: { rateLimit: 10, burstLimit: 0 } }, /throttle.burstLimit is 0/],
    ['a fractional stage burst', { throttle: { rateLimit: 10, burstLimit: 2.5 } }, /throttle.burstLimit is 2.5/],
    ['a stage throttle without a burst', { throttle: { rateLimit: 10 } }, /throttle sets no burstLimit/],
    ['a stage rate at the account-wide 10,000 rps, which caps nothing', { throttle: { rateLimit: 10_000, burstLimit: 10 } }, /throttle.rateLimit is 10000; .* caps nothing/],
    ['an unauthenticated default', { defaultAuthorizer: new apigatewayv2.HttpNoneAuthorizer() }, /defaultAuthorizer is an HttpNoneAuthorizer/],
  ])('fails on %s', (_name, props, message) => {
    const stack = newStack();
    expectConstructError(errorOf(() => new SecureHttpApi(stack, 'Api', props)), message);
  });

  test.each<[string, apigatewayv2.SecurityPolicy | undefined, RegExp]>([
    ['TLS 1.0', apigatewayv2.SecurityPolicy.TLS_1_0, /defaultDomainMapping.domainName securityPolicy is TLS_1_0/],
    ['no security policy', undefined, /defaultDomainMapping.domainName has no securityPolicy/],
  ])('fails on a default domain mapping with %s', (_name, securityPolicy, message) => {
    const stack = newStack();
    const domainName = new apigatewayv2.DomainName(stack, 'Domain', { domainName: 'api.example.com', certificate: certificateIn(stack), securityPolicy });

    expectConstructError(errorOf(() => new SecureHttpApi(stack, 'Api', { defaultDomainMapping: { domainName } })), message);
  });

  test('fails on addCustomDomain with TLS 1.0, or without a default stage', () => {
    const stack = newStack();
    const certificate = certificateIn(stack);
    const api = new SecureHttpApi(stack, 'Api');
    const noStage = new SecureHttpApi(stack, 'NoStage', { createDefaultStage: false });

    expectConstructError(errorOf(() => api.addCustomDomain('Domain', { domainName: 'a.example.com', certificate, securityPolicy: apigatewayv2.SecurityPolicy.TLS_1_0 })),
      /addCustomDomain\('Domain'\): securityPolicy is TLS_1_0/);
    expect(errorOf(() => noStage.addCustomDomain('Domain', { domainName: 'b.example.com', certificate })).message)
      .toMatch(/^TestStack\/NoStage: addCustomDomain\('Domain'\): the API has no default stage.* Fix: /);
  });

  test.each<[string, apigatewayv2.HttpMethod, string, HttpLambdaRouteOptions, RegExp]>([
    ['an empty allowUnauthenticated', apigatewayv2.HttpMethod.GET, '/status', { allowUnauthenticated: '' }, /allowUnauthenticated is empty/],
    ['an authorizer and allowUnauthenticated together', apigatewayv2.HttpMethod.GET, '/status',
      { allowUnauthenticated: 'status', authorizer: new authorizers.HttpIamAuthorizer() }, /an authorizer \(or authorizationScopes\) and allowUnauthenticated are both set/],
    ['a path without a leading slash', apigatewayv2.HttpMethod.GET, 'status', {}, /the path 'status' does not start with '\/'/],
    ['a method that is not an HTTP method', 'FETCH' as apigatewayv2.HttpMethod, '/status', {}, /'FETCH' is not an HTTP method/],
    ['a route rate of 0', apigatewayv2.HttpMethod.GET, '/status', { throttle: { rateLimit: 0, burstLimit: 1 } }, /throttle.rateLimit is 0/],
    ['a route burst of 0', apigatewayv2.HttpMethod.GET, '/status', { throttle: { rateLimit: 1, burstLimit: 0 } }, /throttle.burstLimit is 0/],
  ])('addLambdaRoute fails on %s', (_name, method, path, options, message) => {
    const stack = newStack();
    const fn = new lambda.Function(stack, 'Fn', minimalFunctionProps);
    const api = new SecureHttpApi(stack, 'Api');

    expectConstructError(errorOf(() => api.addLambdaRoute(method, path, fn, options)), message);
  });

  test('addStage fails on a burst of 0', () => {
    const stack = newStack();
    const api = new SecureHttpApi(stack, 'Api');

    expectConstructError(errorOf(() => api.addStage('Beta', { throttle: { rateLimit: 1, burstLimit: 0 } })), /addStage\('Beta'\): throttle.burstLimit is 0/);
  });

  test('fails at synth on a route added with addRoutes and no authorizer', () => {
    const { stack, api, fn } = httpApiWithRoute();
    api.addRoutes({
      path: '/open',
      methods: [apigatewayv2.HttpMethod.GET],
      integration: new integrations.HttpLambdaIntegration('Open', fn),
      authorizer: new apigatewayv2.HttpNoneAuthorizer(),
    });

    expect(() => templateOf(stack)).toThrow(/TestStack\/Api\/GET--open: the route GET \/open has no authorizer.*Fix: .*allowUnauthenticated/);
  });

  test('fails on declaring a route of another API, or with an empty reason', () => {
    const { api, fn, stack, route } = httpApiWithRoute();
    const other = new apigatewayv2.HttpApi(stack, 'Other');
    const [foreign] = other.addRoutes({ path: '/x', methods: [apigatewayv2.HttpMethod.GET], integration: new integrations.HttpLambdaIntegration('X', fn) });

    expectConstructError(errorOf(() => api.allowUnauthenticated(foreign, 'public')), /a route of another API/);
    expectConstructError(errorOf(() => api.allowUnauthenticated(route, ' ')), /allowUnauthenticated is empty/);
  });
});
