import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as fc from 'fast-check';
import { expectNoWildcardAction, expectOneRolePerFunction, expectPassesBothPacks, RUNS, testRandomInvalidValues } from './invariants';
import { optional } from './random-props';
import { ApiAuthorization, SecureApi, SecureApiProps, SecureFunction, SecureHttpApi, SecureHttpApiProps } from '../../src';
import { minimalFunctionProps, newStack } from '../helpers';

const retention = fc.constantFrom(
  logs.RetentionDays.THREE_MONTHS, logs.RetentionDays.ONE_YEAR, logs.RetentionDays.FIVE_YEARS, logs.RetentionDays.TEN_YEARS);
const schema = { type: apigateway.JsonSchemaType.OBJECT, required: ['id'], properties: { id: { type: apigateway.JsonSchemaType.STRING } } };

/** Random routes: a method on a path of its own, each served by one of the app's functions. */
const routes = fc.uniqueArray(
  fc.record({
    method: fc.constantFrom(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE),
    path: fc.stringMatching(/^\/[a-z]{1,10}$/),
    handler: fc.nat(),
  }),
  { minLength: 1, maxLength: 3, selector: route => `${route.method} ${route.path}` },
);

/** Random valid REST API props and routes. */
const validRestApi = fc.record({
  authorization: fc.constantFrom('default', 'iam', 'lambdaToken', 'lambdaRequest'),
  webAcl: fc.constantFrom('default', 'rateLimit', 'own'),
  wafRateLimit: fc.integer({ min: 10, max: 2_000_000_000 }),
  accessLogRetention: optional(retention),
  // Below API Gateway's account-wide 10,000 rps and 5,000 burst: a limit at or above them caps nothing.
  throttlingRateLimit: optional(fc.integer({ min: 1, max: 9999 })),
  throttlingBurstLimit: optional(fc.integer({ min: 1, max: 4999 })),
  tracingEnabled: optional(fc.boolean()),
  headerValue: optional(fc.stringMatching(/^[a-z0-9=;-]{1,20}$/)),
  handlers: fc.integer({ min: 1, max: 3 }),
  routes,
});

type ValidRestApi = typeof validRestApi extends fc.Arbitrary<infer T> ? T : never;

/** `count` SecureFunctions, each with a role of its own. */
function handlers(stack: Stack, count: number): SecureFunction[] {
  return Array.from({ length: count }, (_, index) => new SecureFunction(stack, `Handler${index}`, minimalFunctionProps));
}

function authorizationOf(random: ValidRestApi, stack: Stack): ApiAuthorization | undefined {
  switch (random.authorization) {
    case 'iam':
      return ApiAuthorization.iam();
    case 'lambdaToken':
      return ApiAuthorization.lambdaToken(new SecureFunction(stack, 'Authorizer', minimalFunctionProps));
    case 'lambdaRequest':
      return ApiAuthorization.lambdaRequest(new SecureFunction(stack, 'Authorizer', minimalFunctionProps), ['method.request.header.Authorization']);
    default:
      return undefined;
  }
}

function buildRestApi(random: ValidRestApi): Stack {
  const stack = newStack();
  const api = new SecureApi(stack, 'Api', {
    authorization: authorizationOf(random, stack),
    ...(random.webAcl === 'rateLimit' ? { wafRateLimit: random.wafRateLimit } : {}),
    ...(random.webAcl === 'own' ? { webAclArn: 'arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/shared/0123abcd-4567-89ef-0123-456789abcdef' } : {}),
    accessLogRetention: random.accessLogRetention,
    deployOptions: {
      throttlingRateLimit: random.throttlingRateLimit,
      throttlingBurstLimit: random.throttlingBurstLimit,
      tracingEnabled: random.tracingEnabled,
    },
    ...(random.headerValue ? { gatewayResponseHeaders: { 'X-Frame-Options': 'DENY', 'X-Request-Policy': random.headerValue } } : {}),
  });
  const functions = handlers(stack, random.handlers);
  for (const route of random.routes) {
    api.addLambdaRoute(route.method, route.path, functions[route.handler % functions.length],
      route.method === HttpMethod.POST || route.method === HttpMethod.PUT ? { requestSchema: schema } : {});
  }
  return stack;
}

/** Random valid HTTP API props and routes. */
const validHttpApi = fc.record({
  throttle: optional(fc.record({ rateLimit: fc.integer({ min: 1, max: 9999 }), burstLimit: fc.integer({ min: 1, max: 4999 }) })),
  routeThrottle: optional(fc.record({ rateLimit: fc.integer({ min: 1, max: 1000 }), burstLimit: fc.integer({ min: 1, max: 500 }) })),
  accessLogRetention: optional(retention),
  handlers: fc.integer({ min: 1, max: 3 }),
  routes,
});

type ValidHttpApi = typeof validHttpApi extends fc.Arbitrary<infer T> ? T : never;

/** A route throttle no higher than the stage's (100 rps, bursts of 200 by default): a higher one is refused. */
function withinStage(route: ValidHttpApi['routeThrottle'], stage: ValidHttpApi['throttle']): ValidHttpApi['routeThrottle'] {
  const ceiling = stage ?? { rateLimit: 100, burstLimit: 200 };
  return route && { rateLimit: Math.min(route.rateLimit, ceiling.rateLimit), burstLimit: Math.min(route.burstLimit, ceiling.burstLimit) };
}

function buildHttpApi(random: ValidHttpApi): Stack {
  const stack = newStack();
  const api = new SecureHttpApi(stack, 'Api', { throttle: random.throttle, accessLogRetention: random.accessLogRetention });
  const functions = handlers(stack, random.handlers);
  for (const route of random.routes) {
    const throttle = withinStage(random.routeThrottle, random.throttle);
    api.addLambdaRoute(route.method, route.path, functions[route.handler % functions.length], { throttle });
  }
  return stack;
}

describe('SecureApi, for random valid props and routes', () => {
  test('synthesizes, passes AwsSolutions and our pack, with no wildcard action and one role per function', () => {
    fc.assert(fc.property(validRestApi, random => {
      const stack = buildRestApi(random);

      expectPassesBothPacks(stack);
      expectNoWildcardAction(stack);
      expectOneRolePerFunction(stack);
    }), RUNS);
  });
});

describe('SecureHttpApi, for random valid props and routes', () => {
  test('synthesizes, passes AwsSolutions and our pack, with no wildcard action and one role per function', () => {
    fc.assert(fc.property(validHttpApi, random => {
      const stack = buildHttpApi(random);

      expectPassesBothPacks(stack);
      expectNoWildcardAction(stack);
      expectOneRolePerFunction(stack);
    }), RUNS);
  });
});

describe('SecureApi and SecureHttpApi, for random invalid values', () => {
  const notPositive = fc.integer({ min: -1000, max: 0 });
  const invalidRestApi = fc.oneof(
    notPositive.map(value => ({ prop: 'throttlingRateLimit', props: { deployOptions: { throttlingRateLimit: value } } })),
    fc.integer({ min: 10_000, max: 1_000_000_000 }).map(value => ({ prop: 'throttlingRateLimit', props: { deployOptions: { throttlingRateLimit: value } } })),
    notPositive.map(value => ({ prop: 'throttlingBurstLimit', props: { deployOptions: { throttlingBurstLimit: value } } })),
    fc.oneof(fc.integer({ min: -1000, max: 9 }), fc.double({ min: 10.01, max: 9999.99, noInteger: true, noNaN: true }))
      .map(value => ({ prop: 'wafRateLimit', props: { wafRateLimit: value } })),
    fc.stringMatching(/^[a-z]{1,5}'[a-z]{0,5}$/).map(value => ({ prop: 'gatewayResponseHeaders', props: { gatewayResponseHeaders: { 'X-Test': value } } })),
    fc.constant({ prop: 'deploy', props: { deploy: false } }),
  );
  const invalidHttpApi = fc.oneof(
    notPositive.map(value => ({ prop: 'throttle', props: { throttle: { rateLimit: value, burstLimit: 10 } } })),
    notPositive.map(value => ({ prop: 'throttle', props: { throttle: { rateLimit: 10, burstLimit: value } } })),
  );

  describe('SecureApi', () => {
    testRandomInvalidValues<SecureApiProps>(invalidRestApi, 'TestStack/Api', props => new SecureApi(newStack(), 'Api', props));
  });

  describe('SecureHttpApi', () => {
    testRandomInvalidValues<SecureHttpApiProps>(invalidHttpApi, 'TestStack/Api', props => new SecureHttpApi(newStack(), 'Api', props));
  });
});
