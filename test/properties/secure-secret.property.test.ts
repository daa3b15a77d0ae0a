import { Duration, SecretValue, Stack } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as fc from 'fast-check';
import { expectNoWildcardAction, expectPassesBothPacks, RUNS, testRandomInvalidValues, testRandomValidProps } from './invariants';
import { grantToFunctions, optional, reason, userKey } from './random-props';
import { SecureFunction, SecureSecret, SecureSecretProps } from '../../src';
import { minimalFunctionProps, newStack } from '../helpers';

/** A rotation interval Secrets Manager takes: whole hours from 4 to 23, or whole days up to 1000. */
const interval = fc.oneof(
  fc.integer({ min: 4, max: 23 }).map(hours => Duration.hours(hours)),
  fc.integer({ min: 1, max: 1000 }).map(days => Duration.days(days)),
);

/** Random valid props: rotated by a function of the user's, by a hosted rotation, or not, with a reason. */
const validProps = fc.record({
  rotation: fc.constantFrom('function', 'hosted', 'none'),
  automaticallyAfter: optional(interval),
  restrictReadsToGrantees: optional(fc.boolean()),
  description: optional(fc.stringMatching(/^[A-Za-z][A-Za-z0-9 .-]{0,40}$/)),
  passwordLength: optional(fc.integer({ min: 20, max: 128 })),
  excludePunctuation: fc.boolean(),
  ownKey: fc.boolean(),
  reason,
  grantees: fc.integer({ min: 0, max: 2 }),
});

type ValidProps = typeof validProps extends fc.Arbitrary<infer T> ? T : never;

function propsOf(random: ValidProps, stack: Stack): SecureSecretProps {
  const rotates = random.rotation !== 'none';
  return {
    ...(random.rotation === 'function' ? { rotationFunction: new SecureFunction(stack, 'Rotator', minimalFunctionProps) } : {}),
    ...(random.rotation === 'hosted' ? { hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser() } : {}),
    ...(random.rotation === 'none' ? { allowNoRotation: random.reason } : {}),
    automaticallyAfter: rotates ? random.automaticallyAfter : undefined,
    // A hosted rotation's function gets its role at deploy time, so reads cannot be restricted to grantees.
    restrictReadsToGrantees: random.rotation === 'hosted' ? undefined : random.restrictReadsToGrantees,
    description: random.description,
    generateSecretString: { passwordLength: random.passwordLength, excludePunctuation: random.excludePunctuation },
    ...(random.ownKey ? { encryptionKey: userKey(stack) } : {}),
  };
}

function build(random: ValidProps): Stack {
  const stack = newStack();
  const secret = new SecureSecret(stack, 'Secret', propsOf(random, stack));
  grantToFunctions(stack, random.grantees, fn => secret.grantRead(fn));
  return stack;
}

describe('SecureSecret, for random valid props', () => {
  testRandomValidProps(validProps, build);

  test('read by SecureFunctions: AwsSolutions still finds nothing, as a secret\'s grants name exact actions', () => {
    fc.assert(fc.property(validProps.filter(random => random.grantees > 0), random => {
      const stack = build(random);

      expectPassesBothPacks(stack);
      expectNoWildcardAction(stack);
    }), RUNS);
  });
});

describe('SecureSecret, for random invalid values', () => {
  const rotator = (stack: Stack) => new SecureFunction(stack, 'Rotator', minimalFunctionProps);
  /** Each invalid value, as props built in the stack, and the prop its error must name. */
  const invalid = fc.oneof(
    fc.oneof(
      fc.integer({ min: 1001, max: 100000 }).map(days => Duration.days(days)),
      fc.integer({ min: 1, max: 239 }).map(minutes => Duration.minutes(minutes)),
      fc.integer({ min: 1, max: 40 }).chain(days => fc.integer({ min: 1, max: 23 }).map(hours => Duration.hours(days * 24 + hours))),
    ).map(value => ({ prop: 'automaticallyAfter', props: (stack: Stack) => ({ rotationFunction: rotator(stack), automaticallyAfter: value }) })),
    interval.map(value => ({ prop: 'automaticallyAfter', props: () => ({ allowNoRotation: 'no rotation', automaticallyAfter: value }) })),
    fc.stringMatching(/^\s*$/).map(blank => ({ prop: 'allowNoRotation', props: () => ({ allowNoRotation: blank }) })),
    fc.constant({ prop: 'hostedRotation', props: (stack: Stack) => ({ rotationFunction: rotator(stack), hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser() }) }),
    fc.stringMatching(/^[A-Za-z0-9]{1,20}$/).map(value => ({
      prop: 'secretStringValue',
      props: () => ({ allowNoRotation: 'no rotation', secretStringValue: SecretValue.unsafePlainText(value) }),
    })),
  );

  testRandomInvalidValues<(stack: Stack) => SecureSecretProps>(invalid, 'TestStack/Secret', props => {
    const stack = newStack();
    return new SecureSecret(stack, 'Secret', props(stack));
  });
});
