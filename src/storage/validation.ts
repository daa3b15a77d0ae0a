import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import { IAlias, IKey } from 'aws-cdk-lib/aws-kms';
import { IConstruct } from 'constructs';
import { futurePath, secureValidationError } from '../core/errors';
import { isAwsManagedKeyId } from '../policy/kms-keys';

/** Throws the validation error of one prop: a stable name, what is wrong, and the fix. */
export type Fail = (name: string, problem: string, fix: string) => never;

/**
 * The `fail` of a construct not created yet: its errors name the path it will have, because
 * props are validated before `super()`, so that our errors come before the base class's own,
 * less helpful ones.
 */
export function failFor(scope: IConstruct, id: string): Fail {
  const path = futurePath(scope, id);
  return (name, problem, fix) => {
    throw secureValidationError(scope, name, problem, fix, path);
  };
}

/** A reason prop must say something: an empty or blank reason is no reason. */
export function requireReason(reason: string | undefined, prop: string, fail: Fail): void {
  if (reason !== undefined && reason.trim().length === 0) {
    fail('EmptyReason', `${prop} is empty.`, `write in ${prop} why this exception is acceptable; reviewers read it.`);
  }
}

/** Whether a duration is known at synth time and a whole number of days of at least one. */
export function isWholeDays(duration: Duration): boolean {
  if (duration.isUnresolved()) {
    return true;
  }
  const hours = duration.toHours({ integral: false });
  return hours >= 24 && hours % 24 === 0;
}

/**
 * The alias name of an AWS managed key (`alias/aws/sns`, `alias/aws/sqs`…, or the same without
 * `alias/`) when the key passed is one, found by its alias: AWS managed keys are only ever
 * referenced by alias. `alias/aws-team-key` is a customer's alias.
 */
export function awsManagedKeyAlias(key: IKey | undefined): string | undefined {
  const aliasName = (key as IAlias | undefined)?.aliasName;
  return aliasName !== undefined && !Token.isUnresolved(aliasName) && isAwsManagedKeyId(aliasName) ? aliasName : undefined;
}

/** A removal policy as the user wrote it (`RemovalPolicy.DESTROY`), not as it renders (`destroy`). */
export function removalPolicyName(policy: RemovalPolicy): string {
  return `RemovalPolicy.${policy.toUpperCase().replace(/-/g, '_')}`;
}
