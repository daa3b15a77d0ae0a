import { App, CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafregional from 'aws-cdk-lib/aws-wafregional';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { NagMessageLevel } from 'cdk-nag';
import { securityFindings } from './helpers';
import { APIGATEWAY_RULES } from '../../src/checks/rules/apigateway';
import { ruleName } from '../../src/checks/security-rule';

const CERTIFICATE_ARN = 'arn:aws:acm:eu-west-1:111111111111:certificate/11111111-2222-3333-4444-555555555555';

function newStack(): Stack {
  return new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
}

function handler(stack: Stack, id = 'Fn'): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
}

function certificate(stack: Stack): acm.ICertificate {
  const existing = stack.node.tryFindChild('Certificate') as acm.ICertificate | undefined;
  return existing ?? acm.Certificate.fromCertificateArn(stack, 'Certificate', CERTIFICATE_ARN);
}

function webAcl(stack: Stack): wafv2.CfnWebACL {
  return new wafv2.CfnWebACL(stack, 'WebAcl', {
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'api', sampledRequestsEnabled: true },
  });
}

/** The findings of every API Gateway rule. */
function apiGatewayFindings(stack: Stack): string[] {
  const names = new Set(APIGATEWAY_RULES.map(ruleName));
  return securityFindings(stack).filter(finding => names.has(finding.split(' ')[0].replace(/^SecureServerless-/, '')));
}

const id = (rule: string) => `SecureServerless-${rule}`;

describe('APIGATEWAY_RULES', () => {
  test('lists every API Gateway rule once, with what, why and fix', () => {
    const names = APIGATEWAY_RULES.map(ruleName);
    expect(names).toEqual([
      'RestApiStageThrottling', 'RestApiUsagePlanLimits', 'ApiMethodThrottleOverride', 'RestApiMethodAuthorization', 'RestApiRequestValidation',
      'RestApiWaf', 'RestApiAccessLogging', 'RestApiDataTrace', 'RestApiCustomDomainTls', 'RestApiPolicyGrantsAnyone',
      'HttpApiStageThrottling', 'HttpApiRouteAuthorization', 'HttpApiAccessLogging', 'HttpApiCustomDomainTls',
    ]);
    for (const rule of APIGATEWAY_RULES) {
      expect(rule.what.trim()).not.toEqual('');
      expect(rule.why.trim()).not.toEqual('');
      expect(rule.fix.trim()).not.toEqual('');
    }
  });

  test('warns (not errors) only for WAF and access logging', () => {
    const warnings = APIGATEWAY_RULES.filter(rule => rule.level === NagMessageLevel.WARN).map(ruleName);
    expect(warnings).toEqual(['RestApiWaf', 'RestApiAccessLogging', 'HttpApiAccessLogging']);
  });
});

describe('RestApiStageThrottling', () => {
  const rule = 'RestApiStageThrottling';

  test('flags the stage of a RestApi at its defaults', () => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api').root.addMethod('GET');
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/DeploymentStage.prod/Resource`]);
  });

  test('accepts deployOptions with a rate and a burst limit', () => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api', { deployOptions: { throttlingRateLimit: 50, throttlingBurstLimit: 100 } }).root.addMethod('GET');
    expect(securityFindings(stack, rule)).toEqual([]);
  });

  test('accepts a stage-wide method setting given as methodOptions /*/*', () => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api', {
      deployOptions: { methodOptions: { '/*/*': { throttlingRateLimit: 50, throttlingBurstLimit: 100 } } },
    }).root.addMethod('GET');
    expect(securityFindings(stack, rule)).toEqual([]);
  });

  test('flags a rate limit without a burst limit', () => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api', { deployOptions: { throttlingRateLimit: 50 } }).root.addMethod('GET');
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/DeploymentStage.prod/Resource`]);
  });

  test('flags limits of zero', () => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api', { deployOptions: { throttlingRateLimit: 0, throttlingBurstLimit: 0 } }).root.addMethod('GET');
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/DeploymentStage.prod/Resource`]);
  });

  test('flags throttling of one method only (not stage-wide)', () => {
    const stack = newStack();
    const api = new apigateway.RestApi(stack, 'Api', {
      deployOptions: { methodOptions: { '/items/GET': { throttlingRateLimit: 50, throttlingBurstLimit: 100 } } },
    });
    api.root.addResource('items').addMethod('GET');
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/DeploymentStage.prod/Resource`]);
  });

  test('flags a stage whose limits a condition can remove', () => {
    const stack = newStack();
    const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals('a', 'b') });
    const api = new apigateway.RestApi(stack, 'Api', { deployOptions: { throttlingRateLimit: 50, throttlingBurstLimit: 100 } });
    api.root.addMethod('GET');
    (api.deploymentStage.node.defaultChild as apigateway.CfnStage).addPropertyOverride(
      'MethodSettings.0.ThrottlingRateLimit', Fn.conditionIf(isProd.logicalId, 50, Fn.ref('AWS::NoValue')));
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/DeploymentStage.prod/Resource`]);
  });

  test('accepts limits that a parameter sets at deploy time', () => {
    const stack = newStack();
    const rate = new CfnParameter(stack, 'Rate', { type: 'Number' });
    new apigateway.RestApi(stack, 'Api', {
      deployOptions: { throttlingRateLimit: rate.valueAsNumber, throttlingBurstLimit: 100 },
    }).root.addMethod('GET');
    expect(securityFindings(stack, rule)).toEqual([]);
  });

  test.each([
    ['a rate of 10,000 (the account limit)', { throttlingRateLimit: 10000, throttlingBurstLimit: 100 }],
    ['a rate above the account limit', { throttlingRateLimit: 1e9, throttlingBurstLimit: 100 }],
    ['a burst of 5,000 (the account limit)', { throttlingRateLimit: 50, throttlingBurstLimit: 5000 }],
  ])('flags %s: the stage limit caps nothing', (_name, limits) => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api', { deployOptions: limits }).root.addMethod('GET');
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/DeploymentStage.prod/Resource`]);
  });

  test('accepts limits just below the account limit', () => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api', { deployOptions: { throttlingRateLimit: 9999, throttlingBurstLimit: 4999 } }).root.addMethod('GET');
    expect(securityFindings(stack, rule)).toEqual([]);
  });

  test('flags a limit that is a parameter whose default, or one of whose allowed values, caps nothing', () => {
    const stack = newStack();
    const rate = new CfnParameter(stack, 'Rate', { type: 'Number', default: 20000 });
    const burst = new CfnParameter(stack, 'Burst', { type: 'Number', default: 100, allowedValues: ['100', '8000'] });
    const fine = new CfnParameter(stack, 'FineLimit', { type: 'Number', default: 50, allowedValues: ['50', '100'] });
    new apigateway.RestApi(stack, 'ByDefault', {
      deployOptions: { throttlingRateLimit: rate.valueAsNumber, throttlingBurstLimit: 100 },
    }).root.addMethod('GET');
    new apigateway.RestApi(stack, 'ByAllowedValue', {
      deployOptions: { throttlingRateLimit: 50, throttlingBurstLimit: burst.valueAsNumber },
    }).root.addMethod('GET');
    new apigateway.RestApi(stack, 'Fine', {
      deployOptions: { throttlingRateLimit: fine.valueAsNumber, throttlingBurstLimit: fine.valueAsNumber },
    }).root.addMethod('GET');
    expect(securityFindings(stack, rule)).toEqual([
      `${id(rule)} S/ByDefault/DeploymentStage.prod/Resource`,
      `${id(rule)} S/ByAllowedValue/DeploymentStage.prod/Resource`,
    ]);
  });

  test('flags a condition that may lift the limit to the account limit, and a string spelling of it', () => {
    const stack = newStack();
    const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals('a', 'b') });
    const api = new apigateway.RestApi(stack, 'Api', { deployOptions: { throttlingRateLimit: 50, throttlingBurstLimit: 100 } });
    api.root.addMethod('GET');
    (api.deploymentStage.node.defaultChild as apigateway.CfnStage).addPropertyOverride(
      'MethodSettings.0.ThrottlingRateLimit', Fn.conditionIf(isProd.logicalId, 50, 10000));
    const text = new apigateway.RestApi(stack, 'Text', { deployOptions: { throttlingRateLimit: 50, throttlingBurstLimit: 100 } });
    text.root.addMethod('GET');
    (text.deploymentStage.node.defaultChild as apigateway.CfnStage).addPropertyOverride('MethodSettings.0.ThrottlingBurstLimit', '5000');
    expect(securityFindings(stack, rule)).toEqual([
      `${id(rule)} S/Api/DeploymentStage.prod/Resource`,
      `${id(rule)} S/Text/DeploymentStage.prod/Resource`,
    ]);
  });

  test('flags a deployment whose StageDescription throttles at the account limit', () => {
    const stack = newStack();
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'api' });
    new apigateway.CfnDeployment(stack, 'TopLevel', {
      restApiId: api.ref, stageName: 'top', stageDescription: { throttlingRateLimit: 10000, throttlingBurstLimit: 100 },
    });
    new apigateway.CfnDeployment(stack, 'Fine', {
      restApiId: api.ref, stageName: 'fine', stageDescription: { throttlingRateLimit: 50, throttlingBurstLimit: 100 },
    });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/TopLevel`]);
  });

  test('checks the stage that a deployment with a StageName creates', () => {
    const stack = newStack();
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'api' });
    new apigateway.CfnDeployment(stack, 'Open', { restApiId: api.ref, stageName: 'open' });
    new apigateway.CfnDeployment(stack, 'TopLevel', {
      restApiId: api.ref, stageName: 'top', stageDescription: { throttlingRateLimit: 50, throttlingBurstLimit: 100 },
    });
    new apigateway.CfnDeployment(stack, 'MethodSettings', {
      restApiId: api.ref,
      stageName: 'settings',
      stageDescription: { methodSettings: [{ httpMethod: '*', resourcePath: '/*', throttlingRateLimit: 50, throttlingBurstLimit: 100 }] },
    });
    new apigateway.CfnDeployment(stack, 'NoStage', { restApiId: api.ref });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Open`]);
  });
});

describe('RestApiUsagePlanLimits', () => {
  const rule = 'RestApiUsagePlanLimits';

  function planStack(props: apigateway.UsagePlanProps): Stack {
    const stack = newStack();
    new apigateway.UsagePlan(stack, 'Plan', props);
    return stack;
  }

  test('accepts a plan with a throttle and a quota', () => {
    const stack = planStack({ throttle: { rateLimit: 10, burstLimit: 20 }, quota: { limit: 10000, period: apigateway.Period.DAY } });
    expect(securityFindings(stack, rule)).toEqual([]);
  });

  test('flags a plan without limits', () => {
    expect(securityFindings(planStack({}), rule)).toEqual([`${id(rule)} S/Plan/Resource`]);
  });

  test('flags a plan with a throttle but no quota', () => {
    expect(securityFindings(planStack({ throttle: { rateLimit: 10, burstLimit: 20 } }), rule)).toEqual([`${id(rule)} S/Plan/Resource`]);
  });

  test('flags a plan with a quota but no throttle', () => {
    expect(securityFindings(planStack({ quota: { limit: 10000, period: apigateway.Period.DAY } }), rule)).toEqual([`${id(rule)} S/Plan/Resource`]);
  });

  test('flags a throttle without a burst limit', () => {
    const stack = planStack({ throttle: { rateLimit: 10 }, quota: { limit: 10000, period: apigateway.Period.DAY } });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Plan/Resource`]);
  });

  test.each([
    ['a rate of 10,000', { rateLimit: 10000, burstLimit: 20 }],
    ['a burst of 5,000', { rateLimit: 10, burstLimit: 5000 }],
  ])('flags a throttle with %s, at the account limit: it caps nothing', (_name, throttle) => {
    const stack = planStack({ throttle, quota: { limit: 10000, period: apigateway.Period.DAY } });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Plan/Resource`]);
  });

  test('flags a plan throttle that is a parameter whose default caps nothing', () => {
    const stack = newStack();
    const rate = new CfnParameter(stack, 'Rate', { type: 'Number', default: '20000' });
    new apigateway.UsagePlan(stack, 'Plan', {
      throttle: { rateLimit: rate.valueAsNumber, burstLimit: 20 }, quota: { limit: 10000, period: apigateway.Period.DAY },
    });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Plan/Resource`]);
  });

  test('flags a quota without a period', () => {
    const stack = newStack();
    new apigateway.CfnUsagePlan(stack, 'Plan', { throttle: { rateLimit: 10, burstLimit: 20 }, quota: { limit: 10000 } });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Plan`]);
  });
});

describe('ApiMethodThrottleOverride', () => {
  const rule = 'ApiMethodThrottleOverride';
  const finding = (name: string, path: string) => `${id(rule)}[${name}] ${path}`;
  const STAGE = 'S/Api/DeploymentStage.prod/Resource';

  function restApi(stack: Stack, methodOptions: { [path: string]: apigateway.MethodDeploymentOptions }): apigateway.RestApi {
    const api = new apigateway.RestApi(stack, 'Api', { deployOptions: { throttlingRateLimit: 100, throttlingBurstLimit: 200, methodOptions } });
    api.root.addResource('orders').addMethod('GET');
    return api;
  }

  test('flags a method setting whose rate or burst is above the stage-wide one, naming the method and both numbers', () => {
    const stack = newStack();
    restApi(stack, { '/orders/GET': { throttlingRateLimit: 5000, throttlingBurstLimit: 300 } });
    expect(securityFindings(stack, rule)).toEqual([
      finding('/orders/GET:ThrottlingRateLimit:5000>100', STAGE),
      finding('/orders/GET:ThrottlingBurstLimit:300>200', STAGE),
    ]);
  });

  test('flags a negative method limit, which API Gateway reads as no limit', () => {
    const stack = newStack();
    restApi(stack, { '/orders/GET': { throttlingRateLimit: -1 } });
    expect(securityFindings(stack, rule)).toEqual([finding('/orders/GET:ThrottlingRateLimit:-1>100', STAGE)]);
  });

  test('flags an override on every method of a path, on the root, and one a parameter default sets', () => {
    const stack = newStack();
    const rate = new CfnParameter(stack, 'Rate', { type: 'Number', default: 1000 });
    restApi(stack, {
      '/orders/*': { throttlingRateLimit: 150 },
      '//GET': { throttlingBurstLimit: 201 },
      '/*/POST': { throttlingRateLimit: rate.valueAsNumber },
    });
    expect(securityFindings(stack, rule)).toEqual([
      finding('/orders/*:ThrottlingRateLimit:150>100', STAGE),
      finding('/*/POST:ThrottlingRateLimit:1000>100', STAGE),
      finding('//GET:ThrottlingBurstLimit:201>200', STAGE),
    ]);
  });

  test('accepts method settings at or below the stage-wide one, and ones that leave a limit to the stage', () => {
    const stack = newStack();
    restApi(stack, {
      '/orders/GET': { throttlingRateLimit: 100, throttlingBurstLimit: 200 },
      '/orders/POST': { throttlingRateLimit: 5 },
      '/orders/DELETE': { loggingLevel: apigateway.MethodLoggingLevel.ERROR },
    });
    expect(securityFindings(stack, rule)).toEqual([]);
  });

  test('does not judge a stage without a stage-wide limit, nor an override a parameter without default sets', () => {
    const stack = newStack();
    const rate = new CfnParameter(stack, 'Rate', { type: 'Number' });
    new apigateway.RestApi(stack, 'Open', { deployOptions: { methodOptions: { '//GET': { throttlingRateLimit: 5000, throttlingBurstLimit: 5000 } } } })
      .root.addMethod('GET');
    restApi(stack, { '/orders/GET': { throttlingRateLimit: rate.valueAsNumber } });
    expect(securityFindings(stack, rule)).toEqual([]);
  });

  test('compares against the lowest stage-wide limit a condition allows', () => {
    const stack = newStack();
    const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals('a', 'b') });
    const api = restApi(stack, { '/orders/GET': { throttlingRateLimit: 80 } });
    (api.deploymentStage.node.defaultChild as apigateway.CfnStage).addPropertyOverride(
      'MethodSettings.0.ThrottlingRateLimit', Fn.conditionIf(isProd.logicalId, 50, 100));
    expect(securityFindings(stack, rule)).toEqual([finding('/orders/GET:ThrottlingRateLimit:80>50', STAGE)]);
  });

  test('checks a deployment\'s StageDescription against its top-level limits', () => {
    const stack = newStack();
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'api' });
    new apigateway.CfnDeployment(stack, 'Deployment', {
      restApiId: api.ref,
      stageName: 'live',
      stageDescription: {
        throttlingRateLimit: 50,
        throttlingBurstLimit: 100,
        methodSettings: [{ httpMethod: 'GET', resourcePath: '/~1orders~1{id}', throttlingRateLimit: 500 }],
      },
    });
    expect(securityFindings(stack, rule)).toEqual([finding('/orders/{id}/GET:ThrottlingRateLimit:500>50', 'S/Deployment')]);
  });

  test('flags an HTTP API route setting above the default route settings', () => {
    const stack = newStack();
    const api = new apigwv2.CfnApi(stack, 'Api', { name: 'api', protocolType: 'HTTP' });
    new apigwv2.CfnStage(stack, 'Stage', {
      apiId: api.ref,
      stageName: '$default',
      defaultRouteSettings: { throttlingRateLimit: 50, throttlingBurstLimit: 100 },
      routeSettings: {
        'GET /orders': { ThrottlingRateLimit: 9000 },
        'POST /orders': { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 10 },
        '$default': { ThrottlingBurstLimit: -1 },
      },
    });
    expect(securityFindings(stack, rule)).toEqual([
      finding('/orders/GET:ThrottlingRateLimit:9000>50', 'S/Stage'),
      finding('$default:ThrottlingBurstLimit:-1>100', 'S/Stage'),
    ]);
  });

  test('flags a usage plan\'s per-method throttle above the plan\'s', () => {
    const stack = newStack();
    const api = restApi(stack, {});
    const get = api.root.getResource('orders')!.node.findChild('GET') as apigateway.Method;
    api.addUsagePlan('Plan', {
      throttle: { rateLimit: 10, burstLimit: 20 },
      quota: { limit: 10000, period: apigateway.Period.DAY },
      apiStages: [{ api, stage: api.deploymentStage, throttle: [{ method: get, throttle: { rateLimit: 1000, burstLimit: 20 } }] }],
    });
    api.addUsagePlan('Fine', {
      throttle: { rateLimit: 10, burstLimit: 20 },
      quota: { limit: 10000, period: apigateway.Period.DAY },
      apiStages: [{ api, stage: api.deploymentStage, throttle: [{ method: get, throttle: { rateLimit: 5, burstLimit: 10 } }] }],
    });
    expect(securityFindings(stack, rule)).toEqual([finding('/orders/GET:RateLimit:1000>10', 'S/Api/Plan/Resource')]);
  });
});

describe('RestApiMethodAuthorization', () => {
  const rule = 'RestApiMethodAuthorization';

  test('flags a method without authorization', () => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api').root.addMethod('GET');
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/Default/GET/Resource`]);
  });

  test('flags a method that only requires an API key', () => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api').root.addMethod('GET', undefined, { apiKeyRequired: true });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/Default/GET/Resource`]);
  });

  test('flags a method without an AuthorizationType', () => {
    const stack = newStack();
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'api' });
    new apigateway.CfnMethod(stack, 'Get', { restApiId: api.ref, resourceId: api.attrRootResourceId, httpMethod: 'GET' });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Get`]);
  });

  test('flags a method whose authorization a condition can turn off', () => {
    const stack = newStack();
    const isDev = new CfnCondition(stack, 'IsDev', { expression: Fn.conditionEquals('a', 'b') });
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'api' });
    new apigateway.CfnMethod(stack, 'Get', {
      restApiId: api.ref,
      resourceId: api.attrRootResourceId,
      httpMethod: 'GET',
      authorizationType: Fn.conditionIf(isDev.logicalId, 'NONE', 'AWS_IAM').toString(),
    });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Get`]);
  });

  test('accepts a Lambda (CUSTOM), IAM and Cognito authorization', () => {
    const stack = newStack();
    const api = new apigateway.RestApi(stack, 'Api');
    api.root.addMethod('GET', undefined, { authorizer: new apigateway.TokenAuthorizer(stack, 'Token', { handler: handler(stack) }) });
    api.root.addMethod('DELETE', undefined, { authorizationType: apigateway.AuthorizationType.IAM });
    const pool = new cognito.UserPool(stack, 'Pool');
    api.root.addMethod('PUT', undefined, { authorizer: new apigateway.CognitoUserPoolsAuthorizer(stack, 'Cognito', { cognitoUserPools: [pool] }) });
    expect(securityFindings(stack, rule)).toEqual([]);
  });

  test('does not flag the CORS preflight OPTIONS methods', () => {
    const stack = newStack();
    const api = new apigateway.RestApi(stack, 'Api', {
      defaultCorsPreflightOptions: { allowOrigins: ['https://example.com'] },
      defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.IAM },
    });
    api.root.addResource('items').addMethod('GET');
    expect(securityFindings(stack, rule)).toEqual([]);
  });

  test('flags an OPTIONS method with a Lambda backend: it runs code for anyone', () => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api').root.addMethod('OPTIONS', new apigateway.LambdaIntegration(handler(stack)));
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/Default/OPTIONS/Resource`]);
  });

  test('does not flag an OPTIONS method with a MOCK integration', () => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api').root.addMethod('OPTIONS', new apigateway.MockIntegration());
    expect(securityFindings(stack, rule)).toEqual([]);
  });

  test.each(['CUSTOM', 'COGNITO_USER_POOLS'])('flags %s without an AuthorizerId: no authorizer runs', type => {
    const stack = newStack();
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'api' });
    new apigateway.CfnMethod(stack, 'Get', { restApiId: api.ref, resourceId: api.attrRootResourceId, httpMethod: 'GET', authorizationType: type });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Get`]);
  });

  test('flags OPTIONS methods with an HTTP backend, a lower-case method name, or an integration type a condition may make AWS_PROXY', () => {
    const stack = newStack();
    const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals('a', 'b') });
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'api' });
    const method = (name: string, httpMethod: string, type: string) => new apigateway.CfnMethod(stack, name, {
      restApiId: api.ref, resourceId: api.attrRootResourceId, httpMethod, authorizationType: 'NONE', integration: { type },
    });
    method('Http', 'OPTIONS', 'HTTP_PROXY');
    method('Lower', 'options', 'AWS');
    method('Maybe', 'OPTIONS', Fn.conditionIf(isProd.logicalId, 'MOCK', 'AWS_PROXY').toString());
    method('Mock', 'options', 'mock');
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Http`, `${id(rule)} S/Lower`, `${id(rule)} S/Maybe`]);
  });

  test('flags CUSTOM whose AuthorizerId a condition removes', () => {
    const stack = newStack();
    const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals('a', 'b') });
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'api' });
    new apigateway.CfnMethod(stack, 'Get', {
      restApiId: api.ref,
      resourceId: api.attrRootResourceId,
      httpMethod: 'GET',
      authorizationType: 'custom',
      authorizerId: Fn.conditionIf(isProd.logicalId, 'abc123', Fn.ref('AWS::NoValue')).toString(),
    });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Get`]);
  });

  test('accepts CUSTOM with an AuthorizerId', () => {
    const stack = newStack();
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'api' });
    new apigateway.CfnMethod(stack, 'Get', { restApiId: api.ref, resourceId: api.attrRootResourceId, httpMethod: 'GET', authorizationType: 'CUSTOM', authorizerId: 'abc123' });
    expect(securityFindings(stack, rule)).toEqual([]);
  });
});

describe('RestApiRequestValidation', () => {
  const rule = 'RestApiRequestValidation';

  test.each(['POST', 'PUT', 'PATCH', 'ANY'])('flags %s without a request validator', method => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api').root.addMethod(method);
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/Default/${method}/Resource`]);
  });

  test.each(['GET', 'DELETE', 'HEAD', 'OPTIONS'])('does not flag %s without a request validator', method => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api').root.addMethod(method);
    expect(securityFindings(stack, rule)).toEqual([]);
  });

  test('accepts a POST with a body validator and a model', () => {
    const stack = newStack();
    const api = new apigateway.RestApi(stack, 'Api');
    const model = api.addModel('Item', {
      schema: { type: apigateway.JsonSchemaType.OBJECT, required: ['name'], properties: { name: { type: apigateway.JsonSchemaType.STRING } } },
    });
    api.root.addMethod('POST', undefined, {
      requestValidator: api.addRequestValidator('Body', { validateRequestBody: true }),
      requestModels: { 'application/json': model },
    });
    expect(securityFindings(stack, rule)).toEqual([]);
  });

  test('accepts requestValidatorOptions that validate the body against a model', () => {
    const stack = newStack();
    const api = new apigateway.RestApi(stack, 'Api');
    const model = api.addModel('Order', { schema: { type: apigateway.JsonSchemaType.OBJECT, properties: { id: { type: apigateway.JsonSchemaType.STRING } }, required: ['id'] } });
    api.root.addMethod('PUT', undefined, { requestValidatorOptions: { validateRequestBody: true }, requestModels: { 'application/json': model } });
    expect(securityFindings(stack, rule)).toEqual([]);
  });

  test('flags a body validator without a request model: it has no schema to check the body against', () => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api').root.addMethod('PUT', undefined, { requestValidatorOptions: { validateRequestBody: true } });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/Default/PUT/Resource`]);
  });

  test('flags a validator that checks only the parameters', () => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api').root.addMethod('POST', undefined, { requestValidatorOptions: { validateRequestParameters: true } });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/Default/POST/Resource`]);
  });

  test('accepts a validator id that the stack does not define (imported)', () => {
    const stack = newStack();
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'api' });
    new apigateway.CfnMethod(stack, 'Post', {
      restApiId: api.ref,
      resourceId: api.attrRootResourceId,
      httpMethod: 'POST',
      authorizationType: 'AWS_IAM',
      requestValidatorId: 'abc123',
      requestModels: { 'application/json': 'Order' },
    });
    expect(securityFindings(stack, rule)).toEqual([]);
  });

  describe('request models that constrain nothing', () => {
    const { OBJECT, STRING } = apigateway.JsonSchemaType;

    /** A plain RestApi with a body-validating POST whose application/json model has this schema. */
    function postWithModel(schema: apigateway.JsonSchema, modelName?: string): Stack {
      const stack = newStack();
      const api = new apigateway.RestApi(stack, 'Api');
      const model = api.addModel('Body', { schema, modelName });
      api.root.addMethod('POST', undefined, { requestValidatorOptions: { validateRequestBody: true }, requestModels: { 'application/json': model } });
      return stack;
    }

    test.each<[string, apigateway.JsonSchema]>([
      ['an object without properties', { type: OBJECT }],
      ['properties without types', { type: OBJECT, properties: { name: {} }, required: ['name'] }],
      ['neither required nor additionalProperties false', { type: OBJECT, properties: { name: { type: STRING } } }],
    ])('flags a model that is %s, as Model::<name>', (_, schema) => {
      expect(securityFindings(postWithModel(schema), rule)).toEqual([`${id(rule)}[Model::ApiBody678932CF] S/Api/Default/POST/Resource`]);
      expect(securityFindings(postWithModel(schema, 'Order'), rule)).toEqual([`${id(rule)}[Model::Order] S/Api/Default/POST/Resource`]);
    });

    test('flags API Gateway\'s Empty model', () => {
      const stack = newStack();
      new apigateway.RestApi(stack, 'Api').root.addMethod('POST', undefined, {
        requestValidatorOptions: { validateRequestBody: true }, requestModels: { 'application/json': apigateway.Model.EMPTY_MODEL },
      });
      expect(securityFindings(stack, rule)).toEqual([`${id(rule)}[Model::Empty] S/Api/Default/POST/Resource`]);
    });

    test('flags a model named by its literal Name', () => {
      const stack = newStack();
      const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'api' });
      new apigateway.CfnModel(stack, 'Loose', { restApiId: api.ref, name: 'Loose', contentType: 'application/json', schema: { type: 'object' } });
      const validator = new apigateway.CfnRequestValidator(stack, 'Validator', { restApiId: api.ref, validateRequestBody: true });
      new apigateway.CfnMethod(stack, 'Post', {
        restApiId: api.ref,
        resourceId: api.attrRootResourceId,
        httpMethod: 'POST',
        authorizationType: 'AWS_IAM',
        requestValidatorId: validator.ref,
        requestModels: { 'application/json': 'Loose' },
      });
      expect(securityFindings(stack, rule)).toEqual([`${id(rule)}[Model::Loose] S/Post`]);
    });

    test.each<[string, apigateway.JsonSchema]>([
      ['typed properties and required', { type: OBJECT, properties: { name: { type: STRING } }, required: ['name'] }],
      ['typed properties and additionalProperties false', { type: OBJECT, properties: { name: { type: STRING } }, additionalProperties: false }],
    ])('accepts a model with %s', (_, schema) => {
      expect(securityFindings(postWithModel(schema), rule)).toEqual([]);
    });

    test('does not judge a model on a GET, which has no body, nor a model the template does not define', () => {
      const stack = newStack();
      const api = new apigateway.RestApi(stack, 'Api');
      const loose = api.addModel('Loose', { schema: { type: OBJECT } });
      api.root.addMethod('GET', undefined, { requestModels: { 'application/json': loose } });
      api.root.addMethod('POST', undefined, {
        requestValidatorOptions: { validateRequestBody: true },
        requestModels: { 'application/json': apigateway.Model.fromModelName(stack, 'Imported', 'Order') },
      });
      expect(securityFindings(stack, rule)).toEqual([]);
    });
  });
});

describe('RestApiWaf', () => {
  const rule = 'RestApiWaf';

  test('flags a stage without a web ACL', () => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api').root.addMethod('GET');
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/DeploymentStage.prod/Resource`]);
  });

  test('accepts a web ACL associated with the stage ARN', () => {
    const stack = newStack();
    const api = new apigateway.RestApi(stack, 'Api');
    api.root.addMethod('GET');
    new wafv2.CfnWebACLAssociation(stack, 'Association', { resourceArn: api.deploymentStage.stageArn, webAclArn: webAcl(stack).attrArn });
    expect(securityFindings(stack, rule)).toEqual([]);
  });

  test('accepts an association whose ARN is written with Fn::Sub and the stage name', () => {
    const stack = newStack();
    const api = new apigateway.RestApi(stack, 'Api');
    api.root.addMethod('GET');
    new wafv2.CfnWebACLAssociation(stack, 'Association', {
      resourceArn: Fn.sub('arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${Api}/stages/prod', { Api: api.restApiId }),
      webAclArn: webAcl(stack).attrArn,
    });
    expect(securityFindings(stack, rule)).toEqual([]);
  });

  test('accepts a classic WAF Regional association', () => {
    const stack = newStack();
    const api = new apigateway.RestApi(stack, 'Api');
    api.root.addMethod('GET');
    new wafregional.CfnWebACLAssociation(stack, 'Association', { resourceArn: api.deploymentStage.stageArn, webAclId: 'classic-acl-id' });
    expect(securityFindings(stack, rule)).toEqual([]);
  });

  test('flags the stages that the association does not name', () => {
    const stack = newStack();
    const api = new apigateway.RestApi(stack, 'Api');
    api.root.addMethod('GET');
    const other = new apigateway.RestApi(stack, 'Other');
    other.root.addMethod('GET');
    const beta = new apigateway.Stage(stack, 'Beta', { deployment: new apigateway.Deployment(stack, 'BetaDeployment', { api }), stageName: 'beta' });
    new wafv2.CfnWebACLAssociation(stack, 'Association', { resourceArn: api.deploymentStage.stageArn, webAclArn: webAcl(stack).attrArn });
    expect(securityFindings(stack, rule)).toEqual([
      `${id(rule)} S/Other/DeploymentStage.prod/Resource`,
      `${id(rule)} ${beta.node.path}/Resource`,
    ]);
  });

  test('matches a deployment stage by its name', () => {
    const stack = newStack();
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'api' });
    new apigateway.CfnDeployment(stack, 'Deployment', { restApiId: api.ref, stageName: 'live' });
    new wafv2.CfnWebACLAssociation(stack, 'Association', {
      resourceArn: `arn:aws:apigateway:eu-west-1::/restapis/${api.ref}/stages/live`,
      webAclArn: webAcl(stack).attrArn,
    });
    new apigateway.CfnDeployment(stack, 'Other', { restApiId: api.ref, stageName: 'liver' });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Other`]);
  });
});

describe('RestApiAccessLogging', () => {
  const rule = 'RestApiAccessLogging';

  test('flags a stage without access logs', () => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api').root.addMethod('GET');
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/DeploymentStage.prod/Resource`]);
  });

  test('accepts JSON access logs to a log group', () => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api', {
      deployOptions: {
        accessLogDestination: new apigateway.LogGroupLogDestination(new logs.LogGroup(stack, 'AccessLogs')),
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
      },
    }).root.addMethod('GET');
    expect(securityFindings(stack, rule)).toEqual([]);
  });

  test('does not count execution logging as access logging', () => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api', { deployOptions: { loggingLevel: apigateway.MethodLoggingLevel.ERROR } }).root.addMethod('GET');
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/DeploymentStage.prod/Resource`]);
  });

  test('reads the access log setting of a deployment stage', () => {
    const stack = newStack();
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'api' });
    new apigateway.CfnDeployment(stack, 'Logged', {
      restApiId: api.ref, stageName: 'logged', stageDescription: { accessLogSetting: { destinationArn: new logs.LogGroup(stack, 'Logs').logGroupArn } },
    });
    new apigateway.CfnDeployment(stack, 'Silent', { restApiId: api.ref, stageName: 'silent' });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Silent`]);
  });
});

describe('RestApiDataTrace', () => {
  const rule = 'RestApiDataTrace';

  test('flags data trace enabled in deployOptions', () => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api', { deployOptions: { dataTraceEnabled: true } }).root.addMethod('GET');
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/DeploymentStage.prod/Resource`]);
  });

  test('flags data trace enabled for one method', () => {
    const stack = newStack();
    const api = new apigateway.RestApi(stack, 'Api', { deployOptions: { methodOptions: { '/items/POST': { dataTraceEnabled: true } } } });
    api.root.addResource('items').addMethod('POST');
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/DeploymentStage.prod/Resource`]);
  });

  test('flags data trace enabled in a deployment stage description', () => {
    const stack = newStack();
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'api' });
    new apigateway.CfnDeployment(stack, 'Deployment', { restApiId: api.ref, stageName: 'live', stageDescription: { dataTraceEnabled: true } });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Deployment`]);
  });

  test('accepts a stage at its defaults and one with execution logging but no data trace', () => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api').root.addMethod('GET');
    new apigateway.RestApi(stack, 'Logged', {
      deployOptions: { loggingLevel: apigateway.MethodLoggingLevel.INFO, dataTraceEnabled: false },
    }).root.addMethod('GET');
    expect(securityFindings(stack, rule)).toEqual([]);
  });
});

describe('RestApiCustomDomainTls', () => {
  const rule = 'RestApiCustomDomainTls';

  test('flags a domain name at the CDK defaults (no security policy rendered)', () => {
    const stack = newStack();
    new apigateway.DomainName(stack, 'Domain', { domainName: 'api.example.com', certificate: certificate(stack) });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Domain/Resource`]);
  });

  test('flags TLS_1_0', () => {
    const stack = newStack();
    new apigateway.DomainName(stack, 'Domain', {
      domainName: 'api.example.com', certificate: certificate(stack), securityPolicy: apigateway.SecurityPolicy.TLS_1_0,
    });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Domain/Resource`]);
  });

  test('accepts TLS_1_2, also set through the RestApi domainName options', () => {
    const stack = newStack();
    new apigateway.DomainName(stack, 'Domain', {
      domainName: 'api.example.com', certificate: certificate(stack), securityPolicy: apigateway.SecurityPolicy.TLS_1_2,
    });
    new apigateway.RestApi(stack, 'Api', {
      domainName: { domainName: 'other.example.com', certificate: certificate(stack), securityPolicy: apigateway.SecurityPolicy.TLS_1_2 },
    }).root.addMethod('GET');
    expect(securityFindings(stack, rule)).toEqual([]);
  });

  test('accepts the enhanced TLS 1.3 and edge TLS 1.2 policies', () => {
    const stack = newStack();
    new apigateway.DomainName(stack, 'Regional', {
      domainName: 'api.example.com',
      certificate: certificate(stack),
      securityPolicy: apigateway.SecurityPolicy.TLS13_1_3_2025_09,
      endpointAccessMode: apigateway.EndpointAccessMode.STRICT,
    });
    new apigateway.DomainName(stack, 'Edge', {
      domainName: 'edge.example.com',
      certificate: certificate(stack),
      endpointType: apigateway.EndpointType.EDGE,
      securityPolicy: apigateway.SecurityPolicy.TLS12_2018_EDGE,
      endpointAccessMode: apigateway.EndpointAccessMode.BASIC,
    });
    expect(securityFindings(stack, rule)).toEqual([]);
  });
});

describe('HttpApiStageThrottling', () => {
  const rule = 'HttpApiStageThrottling';

  test('flags the $default stage that HttpApi creates', () => {
    const stack = newStack();
    new apigwv2.HttpApi(stack, 'Api');
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/DefaultStage/Resource`]);
  });

  test('accepts a $default stage with a rate and a burst limit', () => {
    const stack = newStack();
    const api = new apigwv2.HttpApi(stack, 'Api', { createDefaultStage: false });
    api.addStage('Stage', { stageName: '$default', autoDeploy: true, throttle: { rateLimit: 50, burstLimit: 100 } });
    expect(securityFindings(stack, rule)).toEqual([]);
  });

  test('flags a stage with only a rate limit', () => {
    const stack = newStack();
    const api = new apigwv2.HttpApi(stack, 'Api', { createDefaultStage: false });
    api.addStage('Stage', { stageName: '$default', autoDeploy: true, throttle: { rateLimit: 50 } });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/Stage/Resource`]);
  });

  test.each([
    ['a rate of 10,000', { rateLimit: 10000, burstLimit: 100 }],
    ['a burst of 5,000', { rateLimit: 50, burstLimit: 5000 }],
  ])('flags a stage with %s, at the account limit: it caps nothing', (_name, throttle) => {
    const stack = newStack();
    const api = new apigwv2.HttpApi(stack, 'Api', { createDefaultStage: false });
    api.addStage('Stage', { stageName: '$default', autoDeploy: true, throttle });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/Stage/Resource`]);
  });

  test('flags a default limit that a parameter\'s allowed values can set at the account limit', () => {
    const stack = newStack();
    const rate = new CfnParameter(stack, 'Rate', { type: 'Number', default: 50, allowedValues: ['50', '10000'] });
    const api = new apigwv2.CfnApi(stack, 'Api', { name: 'api', protocolType: 'HTTP' });
    new apigwv2.CfnStage(stack, 'Stage', {
      apiId: api.ref, stageName: '$default', defaultRouteSettings: { throttlingRateLimit: rate.valueAsNumber, throttlingBurstLimit: 100 },
    });
    new apigwv2.CfnStage(stack, 'Below', {
      apiId: api.ref, stageName: 'below', defaultRouteSettings: { throttlingRateLimit: 9999, throttlingBurstLimit: 4999 },
    });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Stage`]);
  });

  test('flags a stage that throttles one route only', () => {
    const stack = newStack();
    const api = new apigwv2.CfnApi(stack, 'Api', { name: 'api', protocolType: 'HTTP' });
    new apigwv2.CfnStage(stack, 'Stage', {
      apiId: api.ref, stageName: '$default', routeSettings: { 'GET /items': { throttlingRateLimit: 50, throttlingBurstLimit: 100 } },
    });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Stage`]);
  });

  test('checks WebSocket stages too', () => {
    const stack = newStack();
    const api = new apigwv2.WebSocketApi(stack, 'Ws');
    new apigwv2.WebSocketStage(stack, 'Open', { webSocketApi: api, stageName: 'open' });
    new apigwv2.WebSocketStage(stack, 'Throttled', { webSocketApi: api, stageName: 'throttled', throttle: { rateLimit: 50, burstLimit: 100 } });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Open/Resource`]);
  });
});

describe('HttpApiRouteAuthorization', () => {
  const rule = 'HttpApiRouteAuthorization';

  test('flags a route without an authorizer', () => {
    const stack = newStack();
    const api = new apigwv2.HttpApi(stack, 'Api');
    api.addRoutes({ path: '/items', methods: [apigwv2.HttpMethod.GET], integration: new integrations.HttpLambdaIntegration('Items', handler(stack)) });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/GET--items/Resource`]);
  });

  test('flags a $default route without an authorizer', () => {
    const stack = newStack();
    new apigwv2.HttpApi(stack, 'Api', { defaultIntegration: new integrations.HttpLambdaIntegration('Fallback', handler(stack)) });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/DefaultRoute/Resource`]);
  });

  test('flags a route that opts out of the default authorizer with HttpNoneAuthorizer', () => {
    const stack = newStack();
    const fn = handler(stack);
    const api = new apigwv2.HttpApi(stack, 'Api', { defaultAuthorizer: new authorizers.HttpLambdaAuthorizer('Auth', fn) });
    api.addRoutes({
      path: '/health',
      methods: [apigwv2.HttpMethod.GET],
      integration: new integrations.HttpLambdaIntegration('Health', fn),
      authorizer: new apigwv2.HttpNoneAuthorizer(),
    });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/GET--health/Resource`]);
  });

  test('accepts Lambda, IAM and JWT authorizers, the $default route included', () => {
    const stack = newStack();
    const fn = handler(stack);
    const api = new apigwv2.HttpApi(stack, 'Api', {
      defaultAuthorizer: new authorizers.HttpLambdaAuthorizer('Auth', fn),
      defaultIntegration: new integrations.HttpLambdaIntegration('Fallback', fn),
    });
    api.addRoutes({
      path: '/iam',
      methods: [apigwv2.HttpMethod.POST],
      integration: new integrations.HttpLambdaIntegration('Iam', fn),
      authorizer: new authorizers.HttpIamAuthorizer(),
    });
    api.addRoutes({
      path: '/jwt',
      methods: [apigwv2.HttpMethod.PUT],
      integration: new integrations.HttpLambdaIntegration('Jwt', fn),
      authorizer: new authorizers.HttpJwtAuthorizer('Jwt', 'https://issuer.example.com', { jwtAudience: ['api'] }),
    });
    expect(securityFindings(stack, rule)).toEqual([]);
  });

  test('flags an OPTIONS route with a Lambda integration: it runs the function for anyone', () => {
    const stack = newStack();
    const fn = handler(stack);
    const api = new apigwv2.HttpApi(stack, 'Api', { defaultAuthorizer: new authorizers.HttpLambdaAuthorizer('Auth', fn) });
    api.addRoutes({
      path: '/items',
      methods: [apigwv2.HttpMethod.OPTIONS],
      integration: new integrations.HttpLambdaIntegration('Preflight', fn),
      authorizer: new apigwv2.HttpNoneAuthorizer(),
    });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/OPTIONS--items/Resource`]);
  });

  test('does not flag an OPTIONS route without an integration (API Gateway answers the CORS preflight)', () => {
    const stack = newStack();
    const api = new apigwv2.CfnApi(stack, 'Api', { name: 'api', protocolType: 'HTTP', corsConfiguration: { allowOrigins: ['https://app.example.com'] } });
    new apigwv2.CfnRoute(stack, 'Preflight', { apiId: api.ref, routeKey: 'OPTIONS /{proxy+}', authorizationType: 'NONE' });
    new apigwv2.CfnRoute(stack, 'Lowercase', { apiId: api.ref, routeKey: 'options /items' });
    expect(securityFindings(stack, rule)).toEqual([]);
  });

  test('flags an L1 OPTIONS route with a Target, also one a condition may set, and a quick-create OPTIONS API', () => {
    const stack = newStack();
    const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals('a', 'b') });
    const api = new apigwv2.CfnApi(stack, 'Api', { name: 'api', protocolType: 'HTTP' });
    new apigwv2.CfnRoute(stack, 'Http', { apiId: api.ref, routeKey: 'OPTIONS /items', target: 'integrations/abc123' });
    new apigwv2.CfnRoute(stack, 'Maybe', {
      apiId: api.ref, routeKey: 'OPTIONS /other', target: Fn.conditionIf(isProd.logicalId, 'integrations/abc123', Fn.ref('AWS::NoValue')).toString(),
    });
    new apigwv2.CfnApi(stack, 'Quick', { name: 'quick', protocolType: 'HTTP', target: handler(stack).functionArn, routeKey: 'OPTIONS /x' });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Http`, `${id(rule)} S/Maybe`, `${id(rule)} S/Quick`]);
  });

  test('checks only $connect on a WebSocket API', () => {
    const stack = newStack();
    const fn = handler(stack);
    const open = new apigwv2.WebSocketApi(stack, 'Open', {
      connectRouteOptions: { integration: new integrations.WebSocketLambdaIntegration('Connect', fn) },
      disconnectRouteOptions: { integration: new integrations.WebSocketLambdaIntegration('Disconnect', fn) },
      defaultRouteOptions: { integration: new integrations.WebSocketLambdaIntegration('Fallback', fn) },
    });
    open.addRoute('sendmessage', { integration: new integrations.WebSocketLambdaIntegration('Send', fn) });
    new apigwv2.WebSocketApi(stack, 'Guarded', {
      connectRouteOptions: {
        integration: new integrations.WebSocketLambdaIntegration('GuardedConnect', fn),
        authorizer: new authorizers.WebSocketLambdaAuthorizer('Auth', fn),
      },
    });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Open/$connect-Route/Resource`]);
  });

  test('tells the protocol from the route key when the API is imported', () => {
    const stack = newStack();
    new apigwv2.CfnRoute(stack, 'HttpRoute', { apiId: 'abc123', routeKey: 'GET /items', authorizationType: 'NONE' });
    new apigwv2.CfnRoute(stack, 'WsAction', { apiId: 'def456', routeKey: 'sendmessage', authorizationType: 'NONE' });
    new apigwv2.CfnRoute(stack, 'WsConnect', { apiId: 'def456', routeKey: '$connect' });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/HttpRoute`, `${id(rule)} S/WsConnect`]);
  });

  test('flags a quick-create HTTP API (Target), whose route has no authorizer', () => {
    const stack = newStack();
    new apigwv2.CfnApi(stack, 'Quick', { name: 'quick', protocolType: 'HTTP', target: handler(stack).functionArn });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Quick`]);
  });
});

describe('HttpApiAccessLogging', () => {
  const rule = 'HttpApiAccessLogging';

  test('flags the $default stage that HttpApi creates', () => {
    const stack = newStack();
    new apigwv2.HttpApi(stack, 'Api');
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Api/DefaultStage/Resource`]);
  });

  test('accepts a stage with JSON access logs', () => {
    const stack = newStack();
    const api = new apigwv2.HttpApi(stack, 'Api', { createDefaultStage: false });
    api.addStage('Stage', {
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(new logs.LogGroup(stack, 'AccessLogs')),
        format: apigateway.AccessLogFormat.jsonWithStandardFields(),
      },
    });
    expect(securityFindings(stack, rule)).toEqual([]);
  });
});

describe('HttpApiCustomDomainTls', () => {
  const rule = 'HttpApiCustomDomainTls';

  test('flags a domain name at the CDK defaults (no security policy rendered)', () => {
    const stack = newStack();
    new apigwv2.DomainName(stack, 'Domain', { domainName: 'api.example.com', certificate: certificate(stack) });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Domain/Resource`]);
  });

  test('flags TLS_1_0', () => {
    const stack = newStack();
    new apigwv2.DomainName(stack, 'Domain', {
      domainName: 'api.example.com', certificate: certificate(stack), securityPolicy: apigwv2.SecurityPolicy.TLS_1_0,
    });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Domain/Resource`]);
  });

  test('accepts TLS_1_2', () => {
    const stack = newStack();
    new apigwv2.DomainName(stack, 'Domain', {
      domainName: 'api.example.com', certificate: certificate(stack), securityPolicy: apigwv2.SecurityPolicy.TLS_1_2,
    });
    expect(securityFindings(stack, rule)).toEqual([]);
  });

  test('flags a domain with one configuration on TLS_1_0 among TLS_1_2 ones, and one without configurations', () => {
    const stack = newStack();
    new apigwv2.CfnDomainName(stack, 'Mixed', {
      domainName: 'api.example.com',
      domainNameConfigurations: [
        { certificateArn: CERTIFICATE_ARN, endpointType: 'REGIONAL', securityPolicy: 'TLS_1_2' },
        { certificateArn: CERTIFICATE_ARN, endpointType: 'REGIONAL', securityPolicy: 'TLS_1_0' },
      ],
    });
    new apigwv2.CfnDomainName(stack, 'Bare', { domainName: 'bare.example.com' });
    expect(securityFindings(stack, rule)).toEqual([`${id(rule)} S/Mixed`, `${id(rule)} S/Bare`]);
  });
});

describe('hand-hardened APIs', () => {
  test('a hardened REST API has no API Gateway finding', () => {
    const stack = newStack();
    const fn = handler(stack);
    const authorizer = new apigateway.TokenAuthorizer(stack, 'Authorizer', { handler: handler(stack, 'AuthorizerFn') });
    const api = new apigateway.RestApi(stack, 'Api', {
      deployOptions: {
        throttlingRateLimit: 50,
        throttlingBurstLimit: 100,
        dataTraceEnabled: false,
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        accessLogDestination: new apigateway.LogGroupLogDestination(new logs.LogGroup(stack, 'AccessLogs')),
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
      },
      defaultMethodOptions: { authorizer },
      defaultCorsPreflightOptions: { allowOrigins: ['https://app.example.com'] },
      domainName: { domainName: 'api.example.com', certificate: certificate(stack), securityPolicy: apigateway.SecurityPolicy.TLS_1_2 },
    });
    const items = api.root.addResource('items');
    const integration = new apigateway.LambdaIntegration(fn);
    items.addMethod('GET', integration);
    items.addMethod('POST', integration, {
      requestValidator: api.addRequestValidator('BodyValidator', { validateRequestBody: true, validateRequestParameters: true }),
      requestModels: {
        'application/json': api.addModel('Item', {
          contentType: 'application/json',
          schema: { type: apigateway.JsonSchemaType.OBJECT, required: ['name'], properties: { name: { type: apigateway.JsonSchemaType.STRING } } },
        }),
      },
    });
    items.addResource('{id}').addMethod('DELETE', integration);
    api.addUsagePlan('Plan', {
      throttle: { rateLimit: 10, burstLimit: 20 },
      quota: { limit: 10000, period: apigateway.Period.DAY },
      apiStages: [{ api, stage: api.deploymentStage }],
    });
    new wafv2.CfnWebACLAssociation(stack, 'WebAclAssociation', { resourceArn: api.deploymentStage.stageArn, webAclArn: webAcl(stack).attrArn });

    expect(apiGatewayFindings(stack)).toEqual([]);
  });

  test('a hardened HTTP API has no API Gateway finding', () => {
    const stack = newStack();
    const fn = handler(stack);
    const api = new apigwv2.HttpApi(stack, 'Api', {
      createDefaultStage: false,
      defaultAuthorizer: new authorizers.HttpJwtAuthorizer('Jwt', 'https://issuer.example.com', { jwtAudience: ['api'] }),
      corsPreflight: { allowOrigins: ['https://app.example.com'], allowMethods: [apigwv2.CorsHttpMethod.GET, apigwv2.CorsHttpMethod.POST] },
    });
    api.addRoutes({ path: '/items', methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST], integration: new integrations.HttpLambdaIntegration('Items', fn) });
    const domainName = new apigwv2.DomainName(stack, 'Domain', {
      domainName: 'api.example.com', certificate: certificate(stack), securityPolicy: apigwv2.SecurityPolicy.TLS_1_2,
    });
    api.addStage('Stage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(new logs.LogGroup(stack, 'AccessLogs')),
        format: apigateway.AccessLogFormat.jsonWithStandardFields(),
      },
      domainMapping: { domainName },
    });

    expect(apiGatewayFindings(stack)).toEqual([]);
  });
});
