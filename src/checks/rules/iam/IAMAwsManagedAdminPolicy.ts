import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { IAM_IDENTITY_TYPES, unique } from './iam-policies';
import { rendered } from '../../template-view';

/** AWS managed policies that grant administrator, power-user or IAM rights by name. */
const ADMIN_POLICY_NAMES = ['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess'];

/**
 * `arn:<partition>:iam::aws:policy/<path/name>` anywhere in a rendered value: a literal, a
 * `Fn::Join` with `AWS::Partition` (how `ManagedPolicy.fromAwsManagedPolicyName` renders) or an
 * `Fn::Sub`. Captures the path and name, which end at a quote of the JSON text.
 */
const AWS_MANAGED_POLICY = /:iam::aws:policy\/([\w+=,.@/-]+)/g;

/**
 * Whether an AWS managed policy grants far more than one workload needs: `AdministratorAccess`,
 * `PowerUserAccess`, `IAMFullAccess`, or any `…FullAccess` policy (`AmazonS3FullAccess`,
 * `AWSLambda_FullAccess`, `CloudWatchFullAccessV2`…), which allow every action of a service on
 * every resource.
 */
export function isAdminLikePolicyName(pathAndName: string): boolean {
  const name = pathAndName.split('/').pop() ?? '';
  return ADMIN_POLICY_NAMES.includes(name) || name.includes('FullAccess');
}

/**
 * A role, user or group has an AWS managed policy that grants administrator rights or every
 * action of a service: `AdministratorAccess`, `PowerUserAccess`, `IAMFullAccess` or a
 * `…FullAccess` policy, in `ManagedPolicyArns`.
 *
 * Narrow AWS managed policies (`service-role/AWSLambdaBasicExecutionRole`) are not findings
 * here. One finding per policy, `Policy::AdministratorAccess`, named as
 * `ManagedPolicy.fromAwsManagedPolicyName` takes it (with its path, e.g.
 * `Policy::job-function/…`). A policy ARN held in a parameter or import cannot be read and is
 * not judged.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (!IAM_IDENTITY_TYPES.includes(node.cfnResourceType)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const text = JSON.stringify(rendered(node).properties.ManagedPolicyArns ?? []);
  const findings = [...text.matchAll(AWS_MANAGED_POLICY)]
    .map(match => match[1])
    .filter(isAdminLikePolicyName)
    .map(name => `Policy::${name}`);
  return findings.length > 0 ? unique(findings) : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });
