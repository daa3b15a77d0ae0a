import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { allowStatementsOf, carriesIdentityPolicies, isWholeServiceWildcard, notActionsOf, unique } from './iam-policies';
import { actionsOf } from '../../policy-document';

/**
 * An identity-based policy (`AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy`, the inline `Policies`
 * of a role, user or group) allows every action, or every action of a service: an Allow
 * statement with `Action: '*'` or `'service:*'`, or with `NotAction` (everything but a list).
 *
 * Partial wildcards such as `kms:GenerateDataKey*` or `s3:GetObject*`, which the CDK's own grant
 * methods write, are not findings. Deny statements are not findings.
 *
 * One finding per offending action, `Action::s3:*`, and per `NotAction` value,
 * `NotAction::iam:*`, so that an acknowledgement names exactly what it accepts. Actions written
 * as intrinsics cannot be read and are not judged.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (!carriesIdentityPolicies(node.cfnResourceType)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const findings = allowStatementsOf(node).flatMap(statement => [
    ...actionsOf(statement).filter(isWholeServiceWildcard).map(action => `Action::${action.trim()}`),
    ...notActionsOf(statement).map(action => `NotAction::${action.trim()}`),
  ]);
  return findings.length > 0 ? unique(findings) : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });
