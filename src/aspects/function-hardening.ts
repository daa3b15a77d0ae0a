import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { isOverridden, ownerOf, rendersSame, resourcesOfStack, textOfValue } from './cfn-values';
import { retainLogGroup } from './log-retention';
import { Hardening, reportChange, reportNotDone } from './report';
import { acknowledgeFindings } from '../core/acknowledgements';

/**
 * Caps the reserved concurrency of a function that has no cap, so that a flood of invocations
 * can neither run up the bill nor take the account's whole concurrency quota.
 */
export function capConcurrency(fn: lambda.CfnFunction, cap: number): void {
  if (fn.reservedConcurrentExecutions !== undefined || isOverridden(fn, 'ReservedConcurrentExecutions')) {
    return;
  }
  fn.reservedConcurrentExecutions = cap;
  reportChange(fn, `set ReservedConcurrentExecutions to ${cap}: at most ${cap} concurrent executions, so that a flood of `
    + 'invocations can neither run up the bill nor take the concurrency of the account\'s other functions.');
}

/** The construct id of the policy that lets a function's role write traces. */
const TRACING_POLICY_ID = 'SecureDefaultsTracing';

const TRACING_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];

const TRACING_ACKNOWLEDGEMENT = {
  id: 'AwsSolutions-IAM5[Resource::*]',
  reason: 'X-Ray\'s PutTraceSegments and PutTelemetryRecords have no resource-level permissions: the IAM service '
    + 'authorization reference lists no resource type for them, so `*` is the only resource they accept.',
};

/**
 * Turns on active X-Ray tracing where the function sets no tracing, and lets its role write
 * traces.
 *
 * Lambda refuses to turn tracing on for a role that cannot write traces (`InvalidParameterValueException:
 * The provided execution role does not have permissions to call PutTraceSegments on XRAY`), so
 * tracing is turned on only when the role is one this app defines and may change: the `iam.Role`
 * of the `lambda.Function` (not an imported role, nor one made immutable with
 * `withoutPolicyUpdates()`), or, for a `CfnFunction`, the `AWS::IAM::Role` of its stack that its
 * `Role` refers to. The permissions go in a managed policy of their own, on which the `*`
 * resource they need is acknowledged, and the function waits for it. Otherwise the function is
 * left as it is, with a warning.
 */
export function enableTracing(fn: lambda.CfnFunction): void {
  if (fn.tracingConfig !== undefined || isOverridden(fn, 'TracingConfig')) {
    return;
  }
  const role = findWritableRole(fn);
  if (typeof role === 'string') {
    reportNotDone(fn, Hardening.TRACING,
      `left tracing off, because Lambda refuses active tracing when the function's role cannot write traces, and ${role}.`,
      `grant ${TRACING_ACTIONS.join(' and ')} on resource * to the function's role, then turn tracing on `
      + '(lambda.Function\'s tracing: lambda.Tracing.ACTIVE does both when the role is mutable).');
    return;
  }
  const policy = tracingPolicyOf(role);
  // In another stack, the policy is deployed first anyway: the function's stack refers to the role's.
  if (Stack.of(policy) === Stack.of(fn)) {
    fn.addDependency(policy);
  }
  fn.tracingConfig = { mode: lambda.Tracing.ACTIVE };
  reportChange(fn, `set TracingConfig.Mode to Active, and let its role write traces (${TRACING_ACTIONS.join(' and ')}, `
    + `in the managed policy ${policy.node.path}).`);
}

/** The role of the function that the aspect may add a policy to, or why there is none. */
function findWritableRole(fn: lambda.CfnFunction): iam.CfnRole | string {
  const owner = ownerOf(fn, lambda.Function);
  if (owner) {
    const role = owner.role;
    // A role of another app cannot be one: the CDK refuses references across apps.
    return role instanceof iam.Role
      ? role.node.defaultChild as iam.CfnRole
      : `its role ${role ? `${role.node.path} ` : ''}is not an iam.Role this app defines (it is imported, or made immutable with withoutPolicyUpdates())`;
  }
  const stack = Stack.of(fn);
  const cfnRole = resourcesOfStack(fn, iam.CfnRole.CFN_RESOURCE_TYPE_NAME)
    .find(candidate => candidate instanceof iam.CfnRole && rendersSame(stack, fn.role, candidate.attrArn));
  return cfnRole instanceof iam.CfnRole
    ? cfnRole
    : 'its Role is not the ARN of an AWS::IAM::Role of its stack (Fn::GetAtt of the role\'s Arn)';
}

/** The policy that lets the role write traces, created once per role. */
function tracingPolicyOf(role: iam.CfnRole): iam.CfnManagedPolicy {
  const roleOwner = ownerOf(role, iam.Role);
  const scope: IConstruct = roleOwner ?? role.node.scope!;
  const id = roleOwner ? TRACING_POLICY_ID : `${role.node.id}${TRACING_POLICY_ID}`;
  const existing = scope.node.tryFindChild(id);
  if (existing instanceof iam.CfnManagedPolicy) {
    return existing;
  }
  const policy = new iam.CfnManagedPolicy(scope, id, {
    description: `X-Ray write access of the Lambda functions whose role is ${role.node.path}, added by SecureDefaults`,
    policyDocument: new iam.PolicyDocument({
      statements: [new iam.PolicyStatement({ sid: 'WriteTraces', actions: TRACING_ACTIONS, resources: ['*'] })],
    }),
    roles: [role.ref],
  });
  acknowledgeFindings(policy, TRACING_ACKNOWLEDGEMENT);
  return policy;
}

/**
 * Sets the retention of the function's log group, when the function has one in its stack:
 * the log group its `LoggingConfig.LogGroup` names, or the one named `/aws/lambda/<function name>`.
 *
 * A function with no log group of its own is only reported: its logs go to the log group that
 * Lambda creates when it first runs, which CloudFormation cannot take over. Creating
 * `/aws/lambda/<function name>` fails (`already exists`) for every function that has already run,
 * which is every function of an existing stack, the stacks this aspect is for; pointing the
 * function at a new log group instead would move its logs away from where dashboards, metric
 * filters and subscriptions look for them, and out of reach of role policies scoped to the old
 * name; and the CDK's `logRetention` helper adds a Lambda function with log permissions on every
 * log group of the account.
 */
export function retainFunctionLogs(fn: lambda.CfnFunction, retention: logs.RetentionDays): void {
  if (isOverridden(fn, 'LoggingConfig') || Token.isUnresolved(fn.loggingConfig)) {
    return;
  }
  const stack = Stack.of(fn);
  const logGroups = resourcesOfStack(fn, logs.CfnLogGroup.CFN_RESOURCE_TYPE_NAME)
    .filter((logGroup): logGroup is logs.CfnLogGroup => logGroup instanceof logs.CfnLogGroup);
  const configured = (fn.loggingConfig as lambda.CfnFunction.LoggingConfigProperty | undefined)?.logGroup;
  if (configured !== undefined) {
    // A log group kept outside the stack is not this aspect's to change.
    const name = textOfValue(stack, configured);
    const logGroup = logGroups.find(candidate => name !== undefined
      && (textOfValue(stack, candidate.ref) === name || textOfValue(stack, candidate.logGroupName) === name));
    if (logGroup) {
      retainLogGroup(logGroup, retention);
    }
    return;
  }
  const defaultNames = defaultLogGroupNames(fn);
  const logGroup = logGroups.find(candidate => defaultNames.includes(textOfValue(stack, candidate.logGroupName) ?? ''));
  if (logGroup) {
    retainLogGroup(logGroup, retention);
    return;
  }
  if (hasRetentionSetter(fn, defaultNames)) {
    return;
  }
  reportNotDone(fn, Hardening.LOG_RETENTION,
    'could not set the retention of this function\'s logs: it has no log group in its stack (no LoggingConfig.LogGroup, '
    + 'and no log group named /aws/lambda/<its name>), so they go to the log group Lambda creates when the function first '
    + 'runs, which keeps them forever. SecureDefaults does not create /aws/lambda/<its name> itself: CloudFormation fails '
    + 'to create a log group that already exists, as it does for every function that has run once.',
    'give the function a log group with a retention (lambda.Function\'s logGroup prop: new logs.LogGroup(this, \'Logs\', '
    + '{ retention: logs.RetentionDays.ONE_YEAR }); LoggingConfig.LogGroup on a CfnFunction), or acknowledge this warning '
    + 'if the log group is managed elsewhere.');
}

/** The name Lambda gives the function's log group, as `textOfValue` writes it (by reference, and by name if literal). */
function defaultLogGroupNames(fn: lambda.CfnFunction): string[] {
  const stack = Stack.of(fn);
  const byReference = `/aws/lambda/${textOfValue(stack, fn.ref)}`;
  const name = fn.functionName !== undefined ? textOfValue(stack, fn.functionName) : undefined;
  return name !== undefined ? [byReference, `/aws/lambda/${name}`] : [byReference];
}

/** Whether the CDK's deprecated `logRetention` helper (`Custom::LogRetention`) sets the retention of that log group. */
function hasRetentionSetter(fn: lambda.CfnFunction, logGroupNames: string[]): boolean {
  const stack = Stack.of(fn);
  return resourcesOfStack(fn, 'Custom::LogRetention').some(setter => {
    const name = textOfValue(stack, renderedProperties(setter).LogGroupName);
    return name !== undefined && logGroupNames.includes(name);
  });
}

/**
 * The properties of a resource as it renders. Used only on `Custom::LogRetention`, a plain
 * `CfnResource` whose properties have no public getter; `_toCloudFormation` is what synthesis
 * itself calls.
 */
function renderedProperties(resource: CfnResource): { [key: string]: unknown } {
  const template = (resource as unknown as { _toCloudFormation(): object })._toCloudFormation();
  const rendered = Stack.of(resource).resolve(template) as { Resources?: { [id: string]: { Properties?: object } } };
  const [definition] = Object.values(rendered.Resources ?? {});
  return (definition?.Properties ?? {}) as { [key: string]: unknown };
}
