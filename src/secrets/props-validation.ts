import { Duration, SecretValue, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ROTATION_INTERVAL_BOUNDS } from './defaults';
import type { SecureSecretProps } from './secure-secret';
import { futurePath, secureValidationError } from '../core/errors';

/** Reports one bad input: its stable error name, what is wrong (naming the prop) and the fix. */
export type Fail = (name: string, problem: string, fix: string) => never;

/**
 * Refuses every invalid prop and combination of `SecureSecretProps` with an error that names the
 * construct path, the prop and the fix. It runs before the secret is created.
 *
 * @param scope the scope the secret is being created in
 * @param id the id it is being created with
 */
export function validateSecureSecretProps(scope: Construct, id: string, props: SecureSecretProps): void {
  const path = futurePath(scope, id);
  const fail: Fail = (name, problem, fix) => {
    throw secureValidationError(scope, name, problem, fix, path);
  };

  const rotations = [props.rotationFunction && 'rotationFunction', props.hostedRotation && 'hostedRotation']
    .filter((prop): prop is string => typeof prop === 'string');
  if (rotations.length > 1) {
    fail('ConflictingRotationProps', 'rotationFunction and hostedRotation are both set; a secret has one rotation schedule.',
      'keep rotationFunction (your own rotation function) or hostedRotation (a function Secrets Manager hosts for a database), not both.');
  }
  if (props.allowNoRotation !== undefined) {
    if (props.allowNoRotation.trim().length === 0) {
      fail('EmptyReason', 'allowNoRotation is empty.', 'write in allowNoRotation why this secret cannot rotate; reviewers read it.');
    }
    if (rotations.length > 0) {
      fail('ConflictingRotationProps', `allowNoRotation is set together with ${rotations[0]}.`,
        `keep ${rotations[0]} (recommended) and leave out allowNoRotation, or leave out ${rotations[0]}.`);
    }
  }
  if (props.automaticallyAfter !== undefined) {
    if (rotations.length === 0) {
      fail('RotationIntervalWithoutRotation', 'automaticallyAfter is set but neither rotationFunction nor hostedRotation is, so nothing would rotate on that schedule.',
        'pass rotationFunction or hostedRotation, or leave out automaticallyAfter (and pass the interval to addRotationSchedule instead).');
    }
    checkRotationInterval(props.automaticallyAfter, 'automaticallyAfter', fail);
  }
  if (props.restrictReadsToGrantees === true && props.hostedRotation) {
    fail('ReadRestrictionLocksOutHostedRotation', 'restrictReadsToGrantees is true with a hostedRotation; the hosted rotation function gets its role '
      + 'only at deploy time, so the restriction cannot name it and would deny it the secret it must rotate.',
    'leave out restrictReadsToGrantees (it is off by default with a hosted rotation), or rotate with your own rotationFunction.');
  }

  if (props.secretStringBeta1 !== undefined) {
    fail('DeprecatedSecretStringBeta1', 'secretStringBeta1 is deprecated.',
      'use generateSecretString (recommended: the value never appears anywhere but in Secrets Manager), or secretStringValue with a SecretValue that is a reference.');
  }
  if (props.secretStringValue !== undefined && isPlaintext(props.secretStringValue)) {
    fail('PlaintextSecretValue', 'secretStringValue is a plaintext value (SecretValue.unsafePlainText): it would be written into the template and cdk.out.',
      'use generateSecretString, or a SecretValue that is a reference (SecretValue.ssmSecure, SecretValue.cfnParameter with noEcho, a resource attribute).');
  }
  for (const [key, value] of Object.entries(props.secretObjectValue ?? {})) {
    if (isPlaintext(value)) {
      fail('PlaintextSecretValue', `secretObjectValue.${key} is a plaintext value (SecretValue.unsafePlainText): it would be written into the template and cdk.out.`,
        `use generateSecretString with a secretStringTemplate for '${key}', or a SecretValue that is a reference.`);
    }
  }
  (props.replicaRegions ?? []).forEach((replica, index) => {
    if (replica.encryptionKey === undefined) {
      fail('ReplicaWithoutKey', `replicaRegions[${index}] (${replica.region}) has no encryptionKey, so the replica would be encrypted with the AWS managed key aws/secretsmanager of that region.`,
        `pass the customer-managed KMS key of ${replica.region} that should encrypt the replica as its encryptionKey.`);
    }
  });
}

/**
 * Refuses a rotation interval Secrets Manager would not take: under four hours, over 1000 days,
 * not whole hours, or a day or more that is not whole days. A zero interval, which
 * `RotationSchedule` reads as "no schedule", is refused too.
 */
export function checkRotationInterval(interval: Duration, prop: string, fail: Fail): void {
  if (interval.isUnresolved()) {
    return;
  }
  const hours = interval.toHours({ integral: false });
  const bounds = `from ${ROTATION_INTERVAL_BOUNDS.minHours} hours to ${ROTATION_INTERVAL_BOUNDS.maxDays} days`;
  if (hours < ROTATION_INTERVAL_BOUNDS.minHours || hours > ROTATION_INTERVAL_BOUNDS.maxDays * 24) {
    fail('InvalidRotationInterval', `${prop} is ${interval.toHumanString()}; Secrets Manager rotates ${bounds}.`,
      `set ${prop} ${bounds} (the default is 30 days).`);
  }
  if (!Number.isInteger(hours) || (hours >= 24 && hours % 24 !== 0)) {
    fail('InvalidRotationInterval', `${prop} is ${interval.toHumanString()}; Secrets Manager schedules rotation in whole hours (under a day) or whole days.`,
      `set ${prop} to Duration.hours(N) with N from ${ROTATION_INTERVAL_BOUNDS.minHours} to 23, or Duration.days(N) with N up to ${ROTATION_INTERVAL_BOUNDS.maxDays}.`);
  }
}

/** A secret value written out in the template, rather than a reference resolved at deploy time. */
function isPlaintext(value: SecretValue): boolean {
  return !Token.isUnresolved(value.unsafeUnwrap());
}
