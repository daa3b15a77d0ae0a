import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as fc from 'fast-check';
import { expectNoWildcardAction, expectOneRolePerFunction, expectPassesBothPacks, expectValidationErrorNaming, RUNS } from './invariants';
import { SecureFunction, SecureFunctionProps } from '../../src';
import { errorOf, minimalFunctionProps, newStack, userVpc } from '../helpers';

const retention = fc.constantFrom(
  logs.RetentionDays.ONE_WEEK, logs.RetentionDays.ONE_MONTH, logs.RetentionDays.ONE_YEAR, logs.RetentionDays.TEN_YEARS);
const environment = fc.dictionary(
  fc.constantFrom('TABLE_NAME', 'STAGE', 'LOG_LEVEL', 'FEATURE_FLAGS', 'REGION_HINT', 'POWERTOOLS_SERVICE_NAME'),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/),
);

/** Random valid props, and whether the function is in a VPC. */
const validProps = fc.record({
  capped: fc.boolean(),
  reservedConcurrentExecutions: fc.integer({ min: 1, max: 900 }),
  memorySize: fc.integer({ min: 128, max: 10240 }),
  timeoutSeconds: fc.integer({ min: 1, max: 900 }),
  architecture: fc.constantFrom(lambda.Architecture.ARM_64, lambda.Architecture.X86_64),
  tracing: fc.constantFrom(lambda.Tracing.ACTIVE, lambda.Tracing.PASS_THROUGH, lambda.Tracing.DISABLED),
  deadLetterQueueEnabled: fc.boolean(),
  alarms: fc.boolean(),
  logGroupRetention: retention,
  environment,
  inVpc: fc.boolean(),
});

type ValidProps = typeof validProps extends fc.Arbitrary<infer T> ? T : never;

function build(random: ValidProps) {
  const stack = newStack();
  const vpc = random.inVpc ? userVpc(stack) : undefined;
  const props: SecureFunctionProps = {
    ...minimalFunctionProps,
    ...(random.capped ? { reservedConcurrentExecutions: random.reservedConcurrentExecutions } : { allowUncappedConcurrency: 'property test' }),
    memorySize: random.memorySize,
    timeout: Duration.seconds(random.timeoutSeconds),
    architecture: random.architecture,
    tracing: random.tracing,
    deadLetterQueueEnabled: random.deadLetterQueueEnabled,
    alarms: random.alarms,
    logGroupRetention: random.logGroupRetention,
    environment: random.environment,
    vpc,
  };
  new SecureFunction(stack, 'Fn', props);
  return stack;
}

describe('SecureFunction, for random valid props', () => {
  test('synthesizes, passes AwsSolutions and reports only the defaults it was asked to loosen', () => {
    fc.assert(fc.property(validProps, random => {
      expectPassesBothPacks(build(random), [
        ...(random.capped ? [] : ['SecureServerless-LambdaReservedConcurrency TestStack/Fn/Resource']),
        ...(random.tracing === lambda.Tracing.ACTIVE ? [] : ['SecureServerless-LambdaTracing TestStack/Fn/Resource']),
      ]);
    }), RUNS);
  });

  test('has no policy statement with a wildcard action, and its role belongs to it alone', () => {
    fc.assert(fc.property(validProps, random => {
      const stack = build(random);

      expectNoWildcardAction(stack);
      expectOneRolePerFunction(stack);
    }), RUNS);
  });
});

describe('SecureFunction, for random invalid values', () => {
  /** Each invalid value, and the prop its error must name. */
  const invalid = fc.oneof(
    fc.integer({ min: -10000, max: 0 }).map(value => ({ prop: 'reservedConcurrentExecutions', props: { reservedConcurrentExecutions: value } })),
    fc.double({ min: 1.01, max: 999.99, noInteger: true, noNaN: true }).map(value => ({ prop: 'reservedConcurrentExecutions', props: { reservedConcurrentExecutions: value } })),
    fc.oneof(fc.integer({ min: -100000, max: 127 }), fc.integer({ min: 10241, max: 100000 }))
      .map(value => ({ prop: 'memorySize', props: { memorySize: value } })),
    fc.oneof(fc.integer({ min: 901, max: 100000 }).map(s => Duration.seconds(s)), fc.integer({ min: 1, max: 999 }).map(ms => Duration.millis(ms)))
      .map(value => ({ prop: 'timeout', props: { timeout: value } })),
  );

  test('a validation error naming the prop, never a crash or a silently insecure template', () => {
    fc.assert(fc.property(invalid, ({ prop, props }) => {
      expectValidationErrorNaming(errorOf(() => new SecureFunction(newStack(), 'Fn', { ...minimalFunctionProps, ...props })), 'TestStack/Fn', `${prop} is`);
    }), { numRuns: 100 });
  });
});
