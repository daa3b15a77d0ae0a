import { Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LAMBDA_MEMORY_RANGE } from './defaults';
import type { SecureFunctionOptions } from './secure-function-options';
import { futurePath, secureValidationError } from '../core/errors';
import { LAMBDA_DEFAULT_ACCOUNT_CONCURRENCY } from '../policy/quotas';
import { secretVariableProblem } from '../secrets/secret-variables';

/** Lambda's bounds for the timeout, in seconds. */
const TIMEOUT_RANGE_SECONDS = Object.freeze({ min: 1, max: 900 });

/**
 * Refuses every invalid prop and combination of `SecureFunctionOptions` with an error that names
 * the construct path, the prop and the fix. It runs before the function is created, so that
 * these errors come before the base class's own, less helpful ones.
 *
 * @param scope the scope the function is being created in
 * @param id the id it is being created with
 */
export function validateSecureFunctionProps(scope: Construct, id: string, props: SecureFunctionOptions): void {
  const path = futurePath(scope, id);
  const fail = (name: string, problem: string, fix: string) => {
    throw secureValidationError(scope, name, problem, fix, path);
  };

  const cap = props.reservedConcurrentExecutions;
  if (cap !== undefined && !Token.isUnresolved(cap) && (!Number.isInteger(cap) || cap < 1)) {
    fail('InvalidReservedConcurrency',
      `reservedConcurrentExecutions is ${cap}; 0 stops the function from ever running and negative or fractional values are invalid.`,
      'set a whole number of at least 1 (the default is 10), or set allowUncappedConcurrency to a reason to run without a cap.');
  }
  // The pack's LambdaReservedConcurrency flags the same values: the account throttles first.
  if (cap !== undefined && !Token.isUnresolved(cap) && cap > LAMBDA_DEFAULT_ACCOUNT_CONCURRENCY) {
    fail('ConcurrencyCapsNothing',
      `reservedConcurrentExecutions is ${cap}; above Lambda's default account quota of ${LAMBDA_DEFAULT_ACCOUNT_CONCURRENCY} concurrent `
      + 'executions it never binds, so it caps nothing: the function can still take the whole quota.',
      `set reservedConcurrentExecutions to at most ${LAMBDA_DEFAULT_ACCOUNT_CONCURRENCY}, to the concurrency the backend and the budget can take `
      + '(the default is 10).');
  }
  if (props.allowUncappedConcurrency !== undefined) {
    requireReason(props.allowUncappedConcurrency, 'allowUncappedConcurrency', fail);
    if (cap !== undefined) {
      fail('ConflictingConcurrencyProps', 'reservedConcurrentExecutions and allowUncappedConcurrency are both set.',
        'keep reservedConcurrentExecutions (recommended) or allowUncappedConcurrency, not both.');
    }
  }
  if (props.allowPublicUrl !== undefined) {
    requireReason(props.allowPublicUrl, 'allowPublicUrl', fail);
  }

  const memory = props.memorySize;
  if (memory !== undefined && !Token.isUnresolved(memory)
    && (!Number.isInteger(memory) || memory < LAMBDA_MEMORY_RANGE.min || memory > LAMBDA_MEMORY_RANGE.max)) {
    fail('InvalidMemorySize', `memorySize is ${memory} MB; Lambda accepts whole numbers from ${LAMBDA_MEMORY_RANGE.min} to ${LAMBDA_MEMORY_RANGE.max}.`,
      `set memorySize between ${LAMBDA_MEMORY_RANGE.min} and ${LAMBDA_MEMORY_RANGE.max} (the default is 256).`);
  }
  const timeoutMs = props.timeout !== undefined && !props.timeout.isUnresolved() ? props.timeout.toMilliseconds() : undefined;
  if (timeoutMs !== undefined
    && (timeoutMs % 1000 !== 0 || timeoutMs < TIMEOUT_RANGE_SECONDS.min * 1000 || timeoutMs > TIMEOUT_RANGE_SECONDS.max * 1000)) {
    fail('InvalidTimeout', `timeout is ${props.timeout!.toHumanString()}; Lambda takes whole seconds from ${TIMEOUT_RANGE_SECONDS.min} to ${TIMEOUT_RANGE_SECONDS.max} (15 minutes).`,
      'set timeout to a whole number of seconds within that range (the default is 10 seconds).');
  }

  if (props.logRetention !== undefined) {
    fail('DeprecatedLogRetention', 'logRetention creates a CDK helper function (a custom resource) to set the retention, which is itself an unhardened Lambda function.',
      'use logGroupRetention, which sets the retention on the log group this construct creates.');
  }
  if (props.logGroup !== undefined && props.logGroupRetention !== undefined) {
    fail('ConflictingLogGroupProps', 'logGroup and logGroupRetention are both set; the retention applies only to the log group this construct creates.',
      'set the retention on the log group you pass, and leave out logGroupRetention.');
  }
  if (props.alarms === false && props.alarmTopic !== undefined) {
    fail('ConflictingAlarmProps', 'alarmTopic is set but alarms is false, so no alarm would ever notify it.',
      'leave out alarmTopic, or leave alarms at its default (true).');
  }
  if (props.signingProfiles !== undefined) {
    if (props.signingProfiles.length === 0) {
      fail('EmptySigningProfiles', 'signingProfiles is an empty list, so no code could ever be deployed.',
        'list at least one signing profile, or leave out signingProfiles.');
    }
    if (props.codeSigningConfig !== undefined) {
      fail('ConflictingCodeSigningProps', 'signingProfiles and codeSigningConfig are both set.',
        'pass signingProfiles (this construct creates an enforcing configuration) or your own codeSigningConfig, not both.');
    }
  }
  if (props.allowPublicSubnet === true) {
    fail('PublicSubnet', 'allowPublicSubnet is true; a function in a public subnet gets no public IP, so it cannot reach the internet, and it sits next to internet-facing resources.',
      'place the function in private subnets (vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }) and leave out allowPublicSubnet.');
  }
  const environmentNames = Object.keys(props.environment ?? {});
  for (const name of Object.keys(props.secrets ?? {})) {
    const problem = secretVariableProblem(name, `secrets.${name}`, environmentNames, []);
    if (problem) {
      fail(problem.name, problem.problem, problem.fix);
    }
  }
  for (const name of props.nonSecretEnvironmentVariables ?? []) {
    if (props.environment?.[name] === undefined) {
      fail('UnknownNonSecretVariable', `nonSecretEnvironmentVariables lists '${name}', which is not in environment.`,
        `remove '${name}' from nonSecretEnvironmentVariables, or add it to environment.`);
    }
  }
}

/** A reason prop must say something: an empty or blank reason is no reason. */
function requireReason(reason: string, prop: string, fail: (name: string, problem: string, fix: string) => void): void {
  if (reason.trim().length === 0) {
    fail('EmptyReason', `${prop} is empty.`, `write in ${prop} why this exception is acceptable; reviewers read it.`);
  }
}
