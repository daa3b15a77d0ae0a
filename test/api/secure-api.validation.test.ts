import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { SecureFunction } from '../../src';
import { ApiAuthorization, LambdaRouteOptions, SecureApi, SecureApiProps } from '../../src/api';
import { errorOf, expectValidationError, minimalFunctionProps, newStack } from '../helpers';
import { orderSchema, restApiWithRoutes, templateOf } from './helpers';

/** Asserts the API's error: a ValidationError naming the path, the problem and the fix. */
function expectConstructError(error: Error, message: RegExp, path = 'TestStack/Api'): void {
  expectValidationError(error, path, message);
}

describe('SecureApi refuses bad props', () => {
  test.each<[string, SecureApiProps, RegExp]>([
    ['deploy: false', { deploy: false }, /deploy is false/],
    ['a CloudWatch role removal policy', { cloudWatchRoleRemovalPolicy: RemovalPolicy.DESTROY }, /cloudWatchRoleRemovalPolicy is set/],
    ['a stage rate of 0', { deployOptions: { throttlingRateLimit: 0 } }, /deployOptions.throttlingRateLimit is 0/],
    ['a negative stage rate', { deployOptions: { throttlingRateLimit: -1 } }, /deployOptions.throttlingRateLimit is -1/],
    ['a stage burst of 0', { deployOptions: { throttlingBurstLimit: 0 } }, /deployOptions.throttlingBurstLimit is 0/],
    ['a negative stage burst', { deployOptions: { throttlingBurstLimit: -5 } }, /deployOptions.throttlingBurstLimit is -5/],
    ['a fractional stage burst', { deployOptions: { throttlingBurstLimit: 1.5 } }, /deployOptions.throttlingBurstLimit is 1.5/],
    ['a stage rate at the account-wide 10,000 rps, which caps nothing', { deployOptions: { throttlingRateLimit: 10_000 } },
      /deployOptions.throttlingRateLimit is 10000; at or above API Gateway's account-wide 10000 requests per second it never binds/],
    ['a stage burst of 1e9', { deployOptions: { throttlingBurstLimit: 1e9 } }, /deployOptions.throttlingBurstLimit is 1000000000; .* caps nothing/],
    ['a method rate above the stage\'s', { deployOptions: { throttlingRateLimit: 50, throttlingBurstLimit: 100, methodOptions: { '/orders/POST': { throttlingRateLimit: 500 } } } },
      /deployOptions.methodOptions\['\/orders\/POST'\].rateLimit is 500, above the stage's 50: it lifts the stage's cap/],
    ['a method burst above the default stage\'s 200', { deployOptions: { methodOptions: { '/orders/POST': { throttlingBurstLimit: 201 } } } },
      /deployOptions.methodOptions\['\/orders\/POST'\].burstLimit is 201, above the stage's 200/],
    ['a method rate of 0', { deployOptions: { methodOptions: { '/orders/POST': { throttlingRateLimit: 0 } } } },
      /deployOptions.methodOptions\['\/orders\/POST'\].throttlingRateLimit is 0/],
    ['a method burst of 0', { deployOptions: { methodOptions: { '/orders/POST': { throttlingBurstLimit: 0 } } } },
      /deployOptions.methodOptions\['\/orders\/POST'\].throttlingBurstLimit is 0/],
    ['data trace on the stage without a reason', { deployOptions: { dataTraceEnabled: true } }, /deployOptions.dataTraceEnabled is true; data trace writes every request/],
    ['data trace on a method without a reason', { deployOptions: { methodOptions: { '/orders/POST': { dataTraceEnabled: true } } } },
      /methodOptions\['\/orders\/POST'\].dataTraceEnabled is true.*allowDataTrace/],
    ['an empty allowDataTrace', { allowDataTrace: ' ', deployOptions: { dataTraceEnabled: true } }, /allowDataTrace is empty/],
    ['waf: false with a webAclArn', { waf: false, webAclArn: 'arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/a/b' }, /webAclArn is set but waf is false/],
    ['a wafRateLimit with waf: false', { waf: false, wafRateLimit: 500 }, /wafRateLimit is set but waf is false/],
    ['a wafRateLimit with a webAclArn', { webAclArn: 'arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/a/b', wafRateLimit: 500 },
      /wafRateLimit is set but webAclArn names your own web ACL/],
    ['a wafRateLimit under 10', { wafRateLimit: 5 }, /wafRateLimit is 5/],
    ['a fractional wafRateLimit', { wafRateLimit: 100.5 }, /wafRateLimit is 100.5/],
    ['a CloudFront web ACL', { webAclArn: 'arn:aws:wafv2:us-east-1:111111111111:global/webacl/a/b' }, /is not the ARN of a regional AWS WAF web ACL/],
    ['accessLogRetention with an access log destination', {
      accessLogRetention: logs.RetentionDays.ONE_DAY,
      deployOptions: { accessLogDestination: { bind: () => ({ destinationArn: 'arn:aws:logs:eu-west-1:111111111111:log-group:x' }) } },
    }, /accessLogRetention and deployOptions.accessLogDestination are both set/],
    ['authorization with a default authorization type', { authorization: ApiAuthorization.iam(), defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.IAM } },
      /authorization and defaultMethodOptions.authorizer \(or authorizationType\) are both set/],
    ['an unauthenticated default', { defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.NONE } },
      /defaultMethodOptions.authorizationType is NONE/],
    ['a gateway response header with a quote', { gatewayResponseHeaders: { 'X-Test': 'it\'s' } }, /gatewayResponseHeaders\['X-Test'\] contains a single quote/],
  ])('fails on %s', (_name, props, message) => {
    const stack = newStack();
    expectConstructError(errorOf(() => new SecureApi(stack, 'Api', props)), message);
  });

  test('fails on a custom domain with TLS 1.0', () => {
    const stack = newStack();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:111111111111:certificate/abc');

    expectConstructError(errorOf(() => new SecureApi(stack, 'Api', {
      domainName: { domainName: 'api.example.com', certificate, securityPolicy: apigateway.SecurityPolicy.TLS_1_0 },
    })), /domainName.securityPolicy is TLS_1_0/);
  });

  test('fails on a domain added with addDomainName with TLS 1.0', () => {
    const stack = newStack();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:111111111111:certificate/abc');
    const api = new SecureApi(stack, 'Api');

    expectConstructError(errorOf(() => api.addDomainName('Domain', {
      domainName: 'api.example.com', certificate, securityPolicy: apigateway.SecurityPolicy.TLS_1_0,
    })), /TLS_1_0; TLS 1.0 and 1.1 are deprecated/);
  });
});

describe('SecureApi refuses bad authorizations', () => {
  const handler = (stack: ReturnType<typeof newStack>) => new SecureFunction(stack, 'Authorizer', minimalFunctionProps);

  test.each<[string, (stack: ReturnType<typeof newStack>) => ApiAuthorization, RegExp]>([
    ['a Cognito authorization without a user pool', () => ApiAuthorization.cognito([]), /ApiAuthorization.cognito\(\) without a user pool/],
    ['a request authorizer without identity sources', stack => ApiAuthorization.lambdaRequest(handler(stack), []), /lambdaRequest\(\) without identity sources/],
    ['a cache TTL over an hour', stack => ApiAuthorization.lambdaToken(handler(stack), { resultsCacheTtl: Duration.hours(2) }), /resultsCacheTtl of 2 hours/],
    ['a cache TTL in fractions of seconds', stack => ApiAuthorization.lambdaToken(handler(stack), { resultsCacheTtl: Duration.millis(1500) }), /resultsCacheTtl of 1 second 500 millis/],
    ['an empty OAuth scope', stack => ApiAuthorization.cognito([new cognito.UserPool(stack, 'Pool')], [' ']), /lists an empty OAuth scope/],
  ])('fails on %s', (_name, authorization, message) => {
    const stack = newStack();
    expectConstructError(errorOf(() => new SecureApi(stack, 'Api', { authorization: authorization(stack) })), message);
  });
});

describe('SecureApi.addLambdaRoute refuses bad routes', () => {
  test.each<[string, apigatewayv2.HttpMethod, string, LambdaRouteOptions, RegExp]>([
    ['a POST without a model', apigatewayv2.HttpMethod.POST, '/orders', {}, /addLambdaRoute\('POST \/orders'\): POST accepts a request body.*requestSchema/],
    ['a PUT without a model', apigatewayv2.HttpMethod.PUT, '/orders/{id}', {}, /PUT accepts a request body/],
    ['a PATCH without a model', apigatewayv2.HttpMethod.PATCH, '/orders/{id}', {}, /PATCH accepts a request body/],
    ['an ANY without a model', apigatewayv2.HttpMethod.ANY, '/{proxy+}', {}, /ANY accepts a request body/],
    ['a schema and a model together', apigatewayv2.HttpMethod.POST, '/orders', { requestSchema: orderSchema, requestModel: apigateway.Model.EMPTY_MODEL },
      /requestSchema and requestModel are both set/],
    ['a model and allowUnvalidatedBody together', apigatewayv2.HttpMethod.POST, '/orders', { requestSchema: orderSchema, allowUnvalidatedBody: 'the function validates' },
      /a request model and allowUnvalidatedBody are both set/],
    ['an empty allowUnvalidatedBody', apigatewayv2.HttpMethod.POST, '/orders', { allowUnvalidatedBody: '' }, /allowUnvalidatedBody is empty/],
    ['an empty allowUnauthenticated', apigatewayv2.HttpMethod.GET, '/health', { allowUnauthenticated: '  ' }, /allowUnauthenticated is empty/],
    ['an authorization and allowUnauthenticated together', apigatewayv2.HttpMethod.GET, '/health',
      { allowUnauthenticated: 'health check', authorization: ApiAuthorization.iam() }, /authorization and allowUnauthenticated are both set/],
    ['a path without a leading slash', apigatewayv2.HttpMethod.GET, 'orders', {}, /the path 'orders' does not start with '\/'/],
    ['a method that is not an HTTP method', 'FETCH' as apigatewayv2.HttpMethod, '/orders', {}, /'FETCH' is not an HTTP method/],
    ['a route rate of 0', apigatewayv2.HttpMethod.GET, '/orders', { throttle: { rateLimit: 0, burstLimit: 10 } }, /throttle.rateLimit is 0/],
    ['a route burst of 0', apigatewayv2.HttpMethod.GET, '/orders', { throttle: { rateLimit: 10, burstLimit: 0 } }, /throttle.burstLimit is 0/],
    ['a route throttle without a burst', apigatewayv2.HttpMethod.GET, '/orders', { throttle: { rateLimit: 10 } }, /throttle sets no burstLimit/],
    ['a route rate above the stage\'s 100', apigatewayv2.HttpMethod.GET, '/orders', { throttle: { rateLimit: 101, burstLimit: 10 } },
      /throttle.rateLimit is 101, above the stage's 100: it lifts the stage's cap for this route/],
  ])('fails on %s', (_name, method, path, options, message) => {
    const stack = newStack();
    const fn = new lambda.Function(stack, 'Fn', minimalFunctionProps);
    const api = new SecureApi(stack, 'Api');

    expectConstructError(errorOf(() => api.addLambdaRoute(method, path, fn, options)), message);
  });
});

describe('SecureApi refuses usage plans without limits', () => {
  const throttle = { rateLimit: 10, burstLimit: 20 };
  const quota = { limit: 10000, period: apigateway.Period.MONTH };

  test.each<[string, apigateway.UsagePlanProps | undefined, RegExp]>([
    ['no props', undefined, /addUsagePlan\('Plan'\): the usage plan has no throttle/],
    ['no throttle', { quota }, /the usage plan has no throttle/],
    ['no quota', { throttle }, /the usage plan has no quota/],
    ['a quota without a period', { throttle, quota: { limit: 100 } }, /quota has a limit but no period/],
    ['a quota without a limit', { throttle, quota: { period: apigateway.Period.DAY } }, /quota has no limit/],
    ['a quota of 0', { throttle, quota: { limit: 0, period: apigateway.Period.DAY } }, /quota.limit is 0/],
    ['a negative quota', { throttle, quota: { limit: -1, period: apigateway.Period.DAY } }, /quota.limit is -1/],
    ['a negative quota offset', { throttle, quota: { limit: 10, period: apigateway.Period.WEEK, offset: -1 } }, /quota.offset is -1/],
    ['a rate of 0', { throttle: { rateLimit: 0, burstLimit: 10 }, quota }, /throttle.rateLimit is 0/],
    ['a burst of 0', { throttle: { rateLimit: 10, burstLimit: 0 }, quota }, /throttle.burstLimit is 0/],
    ['a throttle without a rate', { throttle: { burstLimit: 10 }, quota }, /throttle sets no rateLimit/],
  ])('fails on %s', (_name, props, message) => {
    const { api } = restApiWithRoutes();
    expectConstructError(errorOf(() => api.addUsagePlan('Plan', props)), message);
  });

  test('fails on a per-method throttle of 0 in apiStages', () => {
    const { api, post } = restApiWithRoutes();

    expectConstructError(errorOf(() => api.addUsagePlan('Plan', {
      throttle,
      quota,
      apiStages: [{ api, stage: api.deploymentStage, throttle: [{ method: post, throttle: { rateLimit: 0, burstLimit: 1 } }] }],
    })), /apiStages\[0\].throttle \(POST \/orders\).rateLimit is 0/);
  });
});

describe('SecureApi checks every method at synth', () => {
  test('fails on a method added with addMethod and no authorization', () => {
    const stack = newStack();
    const api = new SecureApi(stack, 'Api');
    api.root.addResource('health').addMethod('GET', new apigateway.MockIntegration(), { authorizationType: apigateway.AuthorizationType.NONE });

    expect(() => templateOf(stack)).toThrow(/TestStack\/Api\/Default\/health\/GET: GET \/health has no authorization.*Fix: .*allowUnauthenticated/);
  });

  test('fails on a POST added with addMethod without a model', () => {
    const stack = newStack();
    const api = new SecureApi(stack, 'Api');
    api.root.addMethod('POST', new apigateway.MockIntegration(), { requestValidator: api.requestValidator });

    expect(() => templateOf(stack)).toThrow(/TestStack\/Api\/Default\/POST: POST \/ accepts a request body .*\(no request model\).*Fix: /);
  });

  test('fails on a POST added with addMethod with a model but no validator', () => {
    const stack = newStack();
    const api = new SecureApi(stack, 'Api');
    api.root.addMethod('POST', new apigateway.MockIntegration(), { requestModels: { 'application/json': apigateway.Model.EMPTY_MODEL } });

    expect(() => templateOf(stack)).toThrow(/POST \/ accepts a request body .*\(no request validator that validates the body\)/);
  });

  test('fails on a POST whose validator validates only parameters', () => {
    const stack = newStack();
    const api = new SecureApi(stack, 'Api');
    const parametersOnly = api.addRequestValidator('ParametersOnly', { validateRequestParameters: true });
    api.root.addMethod('POST', new apigateway.MockIntegration(), {
      requestModels: { 'application/json': apigateway.Model.EMPTY_MODEL },
      requestValidator: parametersOnly,
    });

    expect(() => templateOf(stack)).toThrow(/no request validator that validates the body/);
  });

  test('fails on declaring a method of another API', () => {
    const stack = newStack();
    const api = new SecureApi(stack, 'Api');
    const other = new apigateway.RestApi(stack, 'Other');
    const method = other.root.addMethod('GET');

    expectConstructError(errorOf(() => api.allowUnauthenticated(method, 'public')), /allowUnauthenticated was given TestStack\/Other\/Default\/GET, a method of another API/);
  });

  test('fails on an empty reason given to allowUnauthenticated or allowUnvalidatedBody', () => {
    const stack = newStack();
    const api = new SecureApi(stack, 'Api');
    const get = api.root.addMethod('GET', new apigateway.MockIntegration(), { authorizationType: apigateway.AuthorizationType.NONE });
    const post = api.root.addMethod('POST', new apigateway.MockIntegration());

    expectConstructError(errorOf(() => api.allowUnauthenticated(get, '')), /allowUnauthenticated is empty/);
    expectConstructError(errorOf(() => api.allowUnvalidatedBody(post, ' ')), /allowUnvalidatedBody is empty/);
  });

  test('fails on a throttleMethod with a burst of 0', () => {
    const { api, get } = restApiWithRoutes();

    expectConstructError(errorOf(() => api.throttleMethod(get, { rateLimit: 5, burstLimit: 0 })), /throttle.burstLimit is 0/);
  });
});

describe('SecureApi refuses request schemas that constrain nothing', () => {
  const { OBJECT, STRING } = apigateway.JsonSchemaType;

  test.each<[string, apigateway.JsonSchema, RegExp]>([
    ['an object without properties', { type: OBJECT }, /requestSchema is an object schema without properties/],
    ['properties without types', { type: OBJECT, properties: { item: {} }, required: ['item'] }, /requestSchema declares 'item' without a type/],
    ['neither required nor additionalProperties false', { type: OBJECT, properties: { item: { type: STRING } } },
      /requestSchema has neither required properties nor additionalProperties: false/],
  ])('fails if requestSchema is %s', (_, requestSchema, message) => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    const api = new SecureApi(stack, 'Api');
    const error = errorOf(() => api.addLambdaRoute(apigatewayv2.HttpMethod.POST, '/orders', fn, { requestSchema }));

    expectConstructError(error, message);
    expect(error.message).toMatch(/^TestStack\/Api: addLambdaRoute\('POST \/orders'\): requestSchema /);
    expect(error.message).toMatch(/Fix: declare the body's properties, each with a type, .*required.*additionalProperties: false/);
  });

  test('fails if requestModel is a model of the API whose schema constrains nothing, or API Gateway\'s Empty model', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    const api = new SecureApi(stack, 'Api');
    const loose = api.addModel('Loose', { schema: { type: OBJECT } });

    expectConstructError(errorOf(() => api.addLambdaRoute(apigatewayv2.HttpMethod.PUT, '/orders', fn, { requestModel: loose })),
      /addLambdaRoute\('PUT \/orders'\): requestModel is an object schema without properties/);
    expectConstructError(errorOf(() => api.addLambdaRoute(apigatewayv2.HttpMethod.PATCH, '/orders', fn, { requestModel: apigateway.Model.EMPTY_MODEL })),
      /requestModel is API Gateway's Empty model/);
  });

  test('fails at synth on a model that constrains nothing given to addMethod', () => {
    const stack = newStack();
    const api = new SecureApi(stack, 'Api');
    const loose = api.addModel('Loose', { schema: { type: OBJECT, properties: { item: { type: STRING } } } });
    api.root.addMethod('POST', new apigateway.MockIntegration(), { requestValidator: api.requestValidator, requestModels: { 'application/json': loose } });

    expect(() => templateOf(stack)).toThrow(
      /TestStack\/Api\/Default\/POST: POST \/'s request model for application\/json \(TestStack\/Api\/Loose\/Resource\) has neither required .*Fix: declare/);
  });

  test.each<[string, apigateway.JsonSchema]>([
    ['typed properties and required', { type: OBJECT, properties: { item: { type: STRING } }, required: ['item'] }],
    ['typed properties and additionalProperties false', { type: OBJECT, properties: { item: { type: STRING } }, additionalProperties: false }],
  ])('accepts %s', (_, requestSchema) => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    const api = new SecureApi(stack, 'Api');
    api.addLambdaRoute(apigatewayv2.HttpMethod.POST, '/orders', fn, { requestSchema });
    const model = api.addModel('Strict', { schema: requestSchema });
    api.root.addMethod('PUT', new apigateway.MockIntegration(), { requestValidator: api.requestValidator, requestModels: { 'application/json': model } });

    expect(() => templateOf(stack)).not.toThrow();
  });
});
