import { Duration, Errors } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import * as fc from 'fast-check';
import { SecureApi, SecureFunction, SecureQueue, SecureSecret } from '../../src';
import { securityFindings } from '../checks/helpers';
import { minimalFunctionProps, newStack } from '../helpers';

const RUNS = { numRuns: 15 };

/** Builds the construct and returns the error it throws, or undefined. */
function errorOf(build: () => void): unknown {
  try {
    build();
    return undefined;
  } catch (error) {
    return error;
  }
}

function expectValidationErrorNaming(error: unknown, prop: string): void {
  expect(error).toBeDefined();
  expect(Errors.isValidationError(error)).toBe(true);
  expect((error as Error).message).toMatch(new RegExp(`^TestStack/\\w+: .*${prop}.* Fix: `, 's'));
}

describe('SecureApi throttling, for random limits', () => {
  test('valid rates and bursts synthesize with no finding from our pack', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10000 }), fc.integer({ min: 1, max: 5000 }), (rateLimit, burstLimit) => {
      const stack = newStack();
      const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
      new SecureApi(stack, 'Api', { deployOptions: { throttlingRateLimit: rateLimit, throttlingBurstLimit: burstLimit } })
        .addLambdaRoute(HttpMethod.GET, '/status', fn);

      expect(securityFindings(stack.node.root)).toEqual([]);
    }), RUNS);
  });

  test('a rate or burst of zero or less is a validation error naming it', () => {
    fc.assert(fc.property(fc.integer({ min: -1000, max: 0 }), fc.boolean(), (value, isRate) => {
      const prop = isRate ? 'throttlingRateLimit' : 'throttlingBurstLimit';
      const error = errorOf(() => new SecureApi(newStack(), 'Api', { deployOptions: { [prop]: value } }));

      expectValidationErrorNaming(error, prop);
    }), { numRuns: 50 });
  });
});

describe('SecureQueue, for random maxReceiveCount', () => {
  test('a whole number from 1 to 1000 synthesizes with no finding from our pack', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), maxReceiveCount => {
      const stack = newStack();
      new SecureQueue(stack, 'Queue', { maxReceiveCount });

      expect(securityFindings(stack.node.root)).toEqual([]);
    }), RUNS);
  });

  test('anything else is a validation error naming maxReceiveCount', () => {
    const invalid = fc.oneof(
      fc.integer({ min: -1000, max: 0 }),
      fc.integer({ min: 1001, max: 100000 }),
      fc.double({ min: 1.01, max: 999.99, noInteger: true, noNaN: true }),
    );
    fc.assert(fc.property(invalid, maxReceiveCount => {
      expectValidationErrorNaming(errorOf(() => new SecureQueue(newStack(), 'Queue', { maxReceiveCount })), 'maxReceiveCount');
    }), { numRuns: 50 });
  });
});

describe('SecureSecret rotation schedule, for random periods', () => {
  test('a whole number of days from 1 to 1000 synthesizes with no finding from our pack', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), days => {
      const stack = newStack();
      const rotator = new SecureFunction(stack, 'Rotator', minimalFunctionProps);
      new SecureSecret(stack, 'Secret', { rotationFunction: rotator, automaticallyAfter: Duration.days(days) });

      expect(securityFindings(stack.node.root)).toEqual([]);
    }), RUNS);
  });

  test('a period over 1000 days is a validation error naming automaticallyAfter', () => {
    fc.assert(fc.property(fc.integer({ min: 1001, max: 100000 }), days => {
      const stack = newStack();
      const rotator = new SecureFunction(stack, 'Rotator', minimalFunctionProps);

      expectValidationErrorNaming(errorOf(() => new SecureSecret(stack, 'Secret', { rotationFunction: rotator, automaticallyAfter: Duration.days(days) })),
        'automaticallyAfter');
    }), { numRuns: 30 });
  });
});
