import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { grantsAnyone, statementsOf } from '../../policy-document';
import { rendered } from '../../template-view';

/**
 * The key policy of a KMS key (`AWS::KMS::Key`, or a multi-Region `AWS::KMS::ReplicaKey`) has an
 * Allow statement for any principal (`*`, `{ AWS: '*' }`) without a condition that scopes it to
 * an account, organization or source (`kms:CallerAccount`, `aws:PrincipalOrgID`,
 * `aws:SourceAccount`…).
 *
 * Not findings: the account root principal (`arn:aws:iam::<account>:root`, which delegates to
 * the account's own IAM policies), service principals, and a `*` principal scoped by such a
 * condition. A key policy given as an intrinsic cannot be read and is not judged.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::KMS::Key' && node.cfnResourceType !== 'AWS::KMS::ReplicaKey') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const statements = statementsOf(rendered(node).properties.KeyPolicy);
  return statements.some(grantsAnyone) ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });
