import { Duration } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SecureFunction } from '../../src';
import { ApiAuthorization, SecureApi } from '../../src/api';
import { securityFindings } from '../checks/helpers';
import { minimalFunctionProps, nagFindings, newStack } from '../helpers';
import { orderSchema, restApiWithRoutes, templateOf } from './helpers';

/** Only the findings on the API's own resources (not on the test's function or user pool). */
function apiFindings(findings: string[]): string[] {
  return findings.filter(finding => / TestStack\/(Api|SecureServerless)/.test(finding));
}

describe('SecureApi authorization choices', () => {
  test('ApiAuthorization.cognito creates a user pool authorizer that every method uses, with the scopes', () => {
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'Pool');
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    const api = new SecureApi(stack, 'Api', { authorization: ApiAuthorization.cognito([pool], ['orders/read']) });
    api.addLambdaRoute(apigatewayv2.HttpMethod.GET, '/orders', fn);
    api.root.addResource('health').addMethod('GET', new apigateway.MockIntegration());
    const template = templateOf(stack);

    template.resourceCountIs('AWS::ApiGateway::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'COGNITO_USER_POOLS',
      ProviderARNs: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Pool'), 'Arn'] }],
      IdentitySource: 'method.request.header.Authorization',
    });
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method'));
    expect(methods).toHaveLength(2);
    for (const method of methods) {
      expect(method.Properties).toMatchObject({
        AuthorizationType: 'COGNITO_USER_POOLS',
        AuthorizerId: { Ref: expect.stringMatching(/^ApiAuthorizer/) },
        AuthorizationScopes: ['orders/read'],
      });
    }
    expect(apiFindings(nagFindings(stack.node.root, [new AwsSolutionsChecks()]))).toEqual([]);
  });

  test('ApiAuthorization.lambdaToken creates a token authorizer, invokable by this API\'s authorizer only', () => {
    const stack = newStack();
    const authorizerFn = new SecureFunction(stack, 'AuthorizerFn', minimalFunctionProps);
    const api = new SecureApi(stack, 'Api', { authorization: ApiAuthorization.lambdaToken(authorizerFn, { validationRegex: '^Bearer [-0-9a-zA-Z._]+$' }) });
    api.root.addMethod('GET', new apigateway.MockIntegration());
    const template = templateOf(stack);

    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'TOKEN',
      IdentitySource: 'method.request.header.Authorization',
      IdentityValidationExpression: '^Bearer [-0-9a-zA-Z._]+$',
      AuthorizerResultTtlInSeconds: 300,
      AuthorizerUri: { 'Fn::Join': ['', Match.arrayWith([':apigateway:eu-west-1:lambda:path/2015-03-31/functions/', { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuthorizerFn'), 'Arn'] }, '/invocations'])] },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'apigateway.amazonaws.com',
      SourceArn: { 'Fn::Join': ['', Match.arrayWith([{ Ref: 'ApiF70053CD' }, '/authorizers/', { Ref: Match.stringLikeRegexp('^ApiAuthorizer') }])] },
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', { AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: Match.stringLikeRegexp('^ApiAuthorizer') } });
  });

  test('ApiAuthorization.lambdaRequest creates a request authorizer with the identity sources and cache TTL', () => {
    const stack = newStack();
    const authorizerFn = new SecureFunction(stack, 'AuthorizerFn', minimalFunctionProps);
    const api = new SecureApi(stack, 'Api', {
      authorization: ApiAuthorization.lambdaRequest(authorizerFn,
        [apigateway.IdentitySource.header('Authorization'), apigateway.IdentitySource.queryString('tenant')], { resultsCacheTtl: Duration.seconds(0) }),
    });
    api.root.addMethod('GET', new apigateway.MockIntegration());

    templateOf(stack).hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      IdentitySource: 'method.request.header.Authorization,method.request.querystring.tenant',
      AuthorizerResultTtlInSeconds: 0,
    });
  });

  test('ApiAuthorization.fromAuthorizer uses an authorizer you built', () => {
    const stack = newStack();
    const authorizerFn = new SecureFunction(stack, 'AuthorizerFn', minimalFunctionProps);
    const authorizer = new apigateway.TokenAuthorizer(stack, 'Mine', { handler: authorizerFn });
    const api = new SecureApi(stack, 'Api', { authorization: ApiAuthorization.fromAuthorizer(authorizer) });
    api.root.addMethod('GET', new apigateway.MockIntegration());

    templateOf(stack).hasResourceProperties('AWS::ApiGateway::Method', { AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: Match.stringLikeRegexp('^Mine') } });
  });

  test('defaultMethodOptions with your own authorizer is the default instead of IAM', () => {
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'Pool');
    const authorizer = new apigateway.CognitoUserPoolsAuthorizer(stack, 'Mine', { cognitoUserPools: [pool] });
    const api = new SecureApi(stack, 'Api', { defaultMethodOptions: { authorizer } });
    api.root.addMethod('GET', new apigateway.MockIntegration());

    templateOf(stack).hasResourceProperties('AWS::ApiGateway::Method', { AuthorizationType: 'COGNITO_USER_POOLS' });
  });

  test('a route may use another authorization than the API\'s, and one ApiAuthorization creates one authorizer', () => {
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'Pool');
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    const api = new SecureApi(stack, 'Api', { authorization: ApiAuthorization.cognito([pool]) });
    api.addLambdaRoute(apigatewayv2.HttpMethod.GET, '/orders', fn);
    api.addLambdaRoute(apigatewayv2.HttpMethod.GET, '/internal', fn, { authorization: ApiAuthorization.iam() });
    const template = templateOf(stack);

    template.resourceCountIs('AWS::ApiGateway::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGateway::Method', { AuthorizationType: 'COGNITO_USER_POOLS' });
    template.hasResourceProperties('AWS::ApiGateway::Method', { AuthorizationType: 'AWS_IAM', AuthorizerId: Match.absent() });
  });

  test('allowUnauthenticated opens one route, and acknowledges the findings with the reason', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    const api = new SecureApi(stack, 'Api');
    const method = api.addLambdaRoute(apigatewayv2.HttpMethod.GET, '/status', fn, { allowUnauthenticated: 'public status page' });
    const template = templateOf(stack);

    template.hasResource('AWS::ApiGateway::Method', {
      Properties: Match.objectLike({ AuthorizationType: 'NONE' }),
      Metadata: { cdk_nag: { rules_to_suppress: Match.arrayWith([{ id: 'SecureServerless-RestApiMethodAuthorization', reason: 'Public by design (allowUnauthenticated): public status page' }]) } },
    });
    expect(method.node.path).toBe('TestStack/Api/Default/status/GET');
    expect(apiFindings(nagFindings(stack.node.root))).toEqual([]);
    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('a public route under a Cognito default with scopes raises no scope warning', () => {
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'Pool');
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    const api = new SecureApi(stack, 'Api', { authorization: ApiAuthorization.cognito([pool], ['orders/read']) });
    api.addLambdaRoute(apigatewayv2.HttpMethod.GET, '/status', fn, { allowUnauthenticated: 'public status page' });

    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    templateOf(stack).hasResourceProperties('AWS::ApiGateway::Method', { AuthorizationType: 'NONE', AuthorizationScopes: Match.absent() });
  });

  test('api.allowUnauthenticated opens a method added with addMethod', () => {
    const stack = newStack();
    const api = new SecureApi(stack, 'Api');
    const method = api.root.addMethod('GET', new apigateway.MockIntegration(), { authorizationType: apigateway.AuthorizationType.NONE });
    api.allowUnauthenticated(method, 'landing page');

    expect(() => templateOf(stack)).not.toThrow();
  });
});

describe('SecureApi body validation choices', () => {
  test('allowUnvalidatedBody lets a POST through without a model, acknowledged with the reason', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    const api = new SecureApi(stack, 'Api');
    api.addLambdaRoute(apigatewayv2.HttpMethod.POST, '/uploads', fn, { allowUnvalidatedBody: 'opaque binary upload, scanned by the function' });
    const template = templateOf(stack);

    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'POST', RequestModels: Match.absent() });
    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('api.allowUnvalidatedBody declares a method added with addMethod', () => {
    const stack = newStack();
    const api = new SecureApi(stack, 'Api');
    api.allowUnvalidatedBody(api.root.addMethod('POST', new apigateway.MockIntegration()), 'webhook verified by signature');

    expect(() => templateOf(stack)).not.toThrow();
  });

  test('requestModel uses your model', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    const api = new SecureApi(stack, 'Api');
    const model = api.addModel('Order', { contentType: 'application/json', schema: orderSchema });
    api.addLambdaRoute(apigatewayv2.HttpMethod.PUT, '/orders/{id}', fn, { requestModel: model });

    templateOf(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'PUT',
      RequestModels: { 'application/json': { Ref: Match.stringLikeRegexp('^ApiOrder') } },
    });
  });

  test('a POST added with addMethod with requestModels and api.requestValidator passes', () => {
    const stack = newStack();
    const api = new SecureApi(stack, 'Api');
    api.root.addMethod('POST', new apigateway.MockIntegration(), {
      requestModels: { 'application/json': api.addModel('Order', { schema: orderSchema }) },
      requestValidator: api.requestValidator,
    });

    expect(() => templateOf(stack)).not.toThrow();
  });

  test('but not with API Gateway\'s Empty model, which accepts any object (it used to pass)', () => {
    const stack = newStack();
    const api = new SecureApi(stack, 'Api');
    api.root.addMethod('POST', new apigateway.MockIntegration(), {
      requestModels: { 'application/json': apigateway.Model.EMPTY_MODEL },
      requestValidator: api.requestValidator,
    });

    expect(() => templateOf(stack)).toThrow(/POST \/'s request model for application\/json \(Empty\) is API Gateway's Empty model/);
  });

  test('route options pass apiKeyRequired and requestParameters through', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    const api = new SecureApi(stack, 'Api');
    api.addLambdaRoute(apigatewayv2.HttpMethod.GET, '/orders', fn, { apiKeyRequired: true, requestParameters: { 'method.request.querystring.page': true } });

    templateOf(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      ApiKeyRequired: true,
      RequestParameters: { 'method.request.querystring.page': true },
    });
  });

  test('allowTestInvoke adds the console\'s test-invoke permission', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    new SecureApi(stack, 'Api').addLambdaRoute(apigatewayv2.HttpMethod.GET, '/orders', fn, { allowTestInvoke: true });

    expect(JSON.stringify(templateOf(stack).findResources('AWS::Lambda::Permission'))).toMatch(/test-invoke-stage/);
  });
});

describe('SecureApi throttling and usage plans', () => {
  test('deployOptions set the stage limits', () => {
    const { stack } = restApiWithRoutes({ deployOptions: { throttlingRateLimit: 50, throttlingBurstLimit: 80 } });

    templateOf(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 50, ThrottlingBurstLimit: 80 })]),
    });
  });

  test('a route throttle becomes a method setting of that method, with the stage\'s logging and no data trace', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    const api = new SecureApi(stack, 'Api');
    api.addLambdaRoute(apigatewayv2.HttpMethod.POST, '/orders/{id}', fn, { requestSchema: orderSchema, throttle: { rateLimit: 5, burstLimit: 10 } });

    templateOf(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [
        Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 100 }),
        { HttpMethod: 'POST', ResourcePath: '/~1orders~1{id}', ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10, LoggingLevel: 'ERROR', DataTraceEnabled: false },
      ],
    });
  });

  test('throttleMethod throttles a method added with addMethod', () => {
    const stack = newStack();
    const api = new SecureApi(stack, 'Api');
    api.throttleMethod(api.root.addMethod('GET', new apigateway.MockIntegration()), { rateLimit: 1, burstLimit: 2 });

    templateOf(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([Match.objectLike({ HttpMethod: 'GET', ResourcePath: '/', ThrottlingRateLimit: 1, ThrottlingBurstLimit: 2 })]),
    });
  });

  test('a usage plan with throttle and quota is created as given', () => {
    const { stack, api } = restApiWithRoutes();
    const plan = api.addUsagePlan('Plan', { throttle: { rateLimit: 10, burstLimit: 20 }, quota: { limit: 10000, period: apigateway.Period.MONTH } });
    plan.addApiStage({ stage: api.deploymentStage });

    templateOf(stack).hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Throttle: { RateLimit: 10, BurstLimit: 20 },
      Quota: { Limit: 10000, Period: 'MONTH' },
    });
    expect(securityFindings(stack.node.root, 'RestApiUsagePlanLimits')).toEqual([]);
  });
});

describe('SecureApi logging choices', () => {
  test('allowDataTrace lets data trace on, acknowledged with the reason', () => {
    const { stack } = restApiWithRoutes({ deployOptions: { dataTraceEnabled: true }, allowDataTrace: 'incident 42, until 2026-07-01' });

    templateOf(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [Match.objectLike({ DataTraceEnabled: true })],
    });
    expect(securityFindings(stack.node.root, 'RestApiDataTrace')).toEqual([]);
  });

  test('accessLogRetention sets the retention of the access and web ACL logs', () => {
    const { stack } = restApiWithRoutes({ accessLogRetention: logs.RetentionDays.ONE_MONTH });
    const groups = Object.entries(templateOf(stack).findResources('AWS::Logs::LogGroup'))
      .filter(([logicalId]) => logicalId.startsWith('Api')).map(([, group]) => group);

    expect(groups.map(group => group.Properties.RetentionInDays)).toEqual([30, 30]);
  });

  test('your own access log destination and format replace the log group', () => {
    const stack = newStack();
    const logGroup = new logs.LogGroup(stack, 'Mine');
    const api = new SecureApi(stack, 'Api', {
      deployOptions: {
        accessLogDestination: new apigateway.LogGroupLogDestination(logGroup),
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
      },
    });
    api.root.addMethod('GET', new apigateway.MockIntegration());
    const template = templateOf(stack);

    expect(api.accessLogGroup).toBeUndefined();
    template.hasResourceProperties('AWS::ApiGateway::Stage', { AccessLogSetting: { DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Mine'), 'Arn'] } } });
  });

  test('an access log format alone is written to the construct\'s log group', () => {
    const stack = newStack();
    const api = new SecureApi(stack, 'Api', { deployOptions: { accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields() } });
    api.root.addMethod('GET', new apigateway.MockIntegration());
    const stage = Object.values(templateOf(stack).findResources('AWS::ApiGateway::Stage'))[0];

    expect(stage.Properties.AccessLogSetting.DestinationArn).toEqual({ 'Fn::GetAtt': ['ApiAccessLogs50B185DB', 'Arn'] });
    expect(Object.keys(JSON.parse(stage.Properties.AccessLogSetting.Format))).not.toContain('xrayTraceId');
  });

  test('loggingLevel INFO is kept', () => {
    const { stack } = restApiWithRoutes({ deployOptions: { loggingLevel: apigateway.MethodLoggingLevel.INFO } });

    templateOf(stack).hasResourceProperties('AWS::ApiGateway::Stage', { MethodSettings: [Match.objectLike({ LoggingLevel: 'INFO' })] });
  });

  test('encryptionKey encrypts the logs instead of the stack key', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Mine');
    const api = new SecureApi(stack, 'Api', { encryptionKey: key });
    api.root.addMethod('GET', new apigateway.MockIntegration());

    const groups = Object.values(templateOf(stack).findResources('AWS::Logs::LogGroup'));
    expect(groups.map(group => group.Properties.KmsKeyId)).toEqual([{ 'Fn::GetAtt': [expect.stringMatching(/^Mine/), 'Arn'] }, { 'Fn::GetAtt': [expect.stringMatching(/^Mine/), 'Arn'] }]);
  });

  test('cloudWatchRole: false leaves the account\'s CloudWatch role to someone else', () => {
    const { stack } = restApiWithRoutes({ cloudWatchRole: false });
    const template = templateOf(stack);

    template.resourceCountIs('AWS::ApiGateway::Account', 0);
    template.resourceCountIs('AWS::IAM::Role', 1); // the function's
  });
});

describe('SecureApi WAF choices', () => {
  test('waf: false creates no web ACL, and the packs then say so', () => {
    const { stack } = restApiWithRoutes({ waf: false });
    const template = templateOf(stack);

    template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
    expect(securityFindings(stack.node.root)).toEqual(['SecureServerless-RestApiWaf TestStack/Api/DeploymentStage.prod/Resource']);
    expect(nagFindings(stack.node.root, [new AwsSolutionsChecks()])).toEqual(['AwsSolutions-APIG3 TestStack/Api/DeploymentStage.prod/Resource']);
  });

  test('webAclArn associates your web ACL instead of creating one', () => {
    const arn = 'arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/shared/0123';
    const { stack } = restApiWithRoutes({ webAclArn: arn });
    const template = templateOf(stack);

    template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { WebACLArn: arn });
    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('wafRateLimit sets the rate-based rule\'s limit', () => {
    const { stack } = restApiWithRoutes({ wafRateLimit: 300 });

    templateOf(stack).hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([Match.objectLike({ Statement: { RateBasedStatement: Match.objectLike({ Limit: 300 }) } })]),
    });
  });
});

describe('SecureApi endpoint and response choices', () => {
  test('disableExecuteApiEndpoint: false keeps the execute-api endpoint next to a custom domain', () => {
    const stack = newStack();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:111111111111:certificate/abc');
    const api = new SecureApi(stack, 'Api', { domainName: { domainName: 'api.example.com', certificate }, disableExecuteApiEndpoint: false });
    api.root.addMethod('GET', new apigateway.MockIntegration());

    templateOf(stack).hasResourceProperties('AWS::ApiGateway::RestApi', { DisableExecuteApiEndpoint: false });
  });

  test('an enhanced TLS 1.3 policy is kept', () => {
    const stack = newStack();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:111111111111:certificate/abc');
    const api = new SecureApi(stack, 'Api', {
      domainName: { domainName: 'api.example.com', certificate, securityPolicy: apigateway.SecurityPolicy.TLS13_1_3_2025_09, endpointAccessMode: apigateway.EndpointAccessMode.STRICT },
    });
    api.root.addMethod('GET', new apigateway.MockIntegration());

    templateOf(stack).hasResourceProperties('AWS::ApiGateway::DomainName', { SecurityPolicy: 'SecurityPolicy_TLS13_1_3_2025_09' });
  });

  test('endpointTypes replaces REGIONAL', () => {
    const { stack } = restApiWithRoutes({ endpointTypes: [apigateway.EndpointType.EDGE] });

    templateOf(stack).hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['EDGE'] } });
  });

  test('gatewayResponseHeaders are added to the error responses', () => {
    const { stack } = restApiWithRoutes({ gatewayResponseHeaders: { 'Access-Control-Allow-Origin': 'https://app.example.com' } });

    templateOf(stack).hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'DEFAULT_4XX',
      ResponseParameters: Match.objectLike({ 'gatewayresponse.header.Access-Control-Allow-Origin': '\'https://app.example.com\'' }),
    });
  });

  test('a cache or a client certificate of your own is not acknowledged away', () => {
    const { stack } = restApiWithRoutes({ deployOptions: { cacheClusterEnabled: true, clientCertificateId: 'abc123' } });
    const stage = Object.values(templateOf(stack).findResources('AWS::ApiGateway::Stage'))[0];

    expect(JSON.stringify(stage.Metadata ?? {})).not.toMatch(/APIGWCacheEnabledAndEncrypted|APIGWSSLEnabled/);
  });
});
