import { acceptsOnlyAnyResource } from './action-breadth';
import { findAction, IamAction } from './catalogue';

/**
 * Actions that `IAMActionOnAnyResource` accepts on `Resource: '*'`.
 *
 * First, every action for which the IAM catalogue (the Service Authorization Reference) lists no
 * resource type: its only possible resource is `*` (`xray:PutTraceSegments`,
 * `ecr:GetAuthorizationToken`, `sts:GetCallerIdentity`, `s3:ListAllMyBuckets`…). That is a fact of
 * the catalogue, not a hand list.
 *
 * Then the few actions accepted although the reference lists a resource type, because in practice
 * they cannot be scoped by resource:
 * - EC2's read-only Describe family: all but a handful of its ~190 actions have no resource type,
 *   and those few (`DescribeInstanceAttribute`…) only read metadata.
 * - the network-interface actions Lambda performs with the role of a VPC function (the content of
 *   `AWSLambdaVPCAccessExecutionRole`): Lambda creates the interfaces, so their ids do not exist
 *   when the policy is written, and Lambda validates these permissions on `*` when the function
 *   is created.
 * - `cloudwatch:PutMetricData`: the optional `dataset` resource type does not apply to metrics;
 *   a namespace is scoped with the `cloudwatch:namespace` condition key, not with a resource.
 */
const NOT_SCOPABLE_IN_PRACTICE = new Set([
  'ec2:createnetworkinterface',
  'ec2:deletenetworkinterface',
  'ec2:assignprivateipaddresses',
  'ec2:unassignprivateipaddresses',
  'cloudwatch:putmetricdata',
]);

/** Whether the action cannot be scoped by resource: by the catalogue, or in practice (above). */
export function cannotBeScoped(action: IamAction): boolean {
  const name = action.fullName.toLowerCase();
  return acceptsOnlyAnyResource(action) || NOT_SCOPABLE_IN_PRACTICE.has(name) || (action.service === 'ec2' && action.name.startsWith('Describe'));
}

/**
 * Whether an action named exactly (as written in a policy) cannot be scoped by resource. A name
 * the catalogue does not know can be scoped, for all anyone knows.
 */
export function hasNoResourceScope(action: string): boolean {
  const known = findAction(action);
  return known !== undefined && cannotBeScoped(known);
}
