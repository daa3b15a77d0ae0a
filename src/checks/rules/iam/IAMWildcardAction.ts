import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { allowStatementsOf, carriesIdentityPolicies, notActionsOf, unique } from './iam-policies';
import { judgeActionPattern } from '../../../policy/iam/action-breadth';
import { actionsOf } from '../../policy-document';

/**
 * An identity-based policy (`AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy`, the inline `Policies`
 * of a role, user or group) allows an action pattern that grants more than one kind of access, or
 * uses `NotAction` (everything but a list). Patterns are judged by what they match in the IAM
 * catalogue, not by their spelling (`judgeActionPattern`): `*`, `*:*`, `s3:*`, `s3:?*` (every
 * action of a service), `iam:*Policy` or `s3:PutObject*` (they grant permissions management,
 * `s3:PutObjectAcl`), `s3:*Object` (reads and writes at once).
 *
 * Patterns of one kind of access, such as `kms:GenerateDataKey*` or `s3:GetObject*`, which the
 * CDK's own grant methods write, are not findings, nor are exact action names or Deny statements.
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
    ...actionsOf(statement).filter(action => judgeActionPattern(action).broad).map(action => `Action::${action.trim()}`),
    ...notActionsOf(statement).map(action => `NotAction::${action.trim()}`),
  ]);
  return findings.length > 0 ? unique(findings) : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });
