import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { QUEUE_POLICY_TYPES } from './queue-references';
import { grantsAnyone, statementsOf } from '../../policy-document';
import { rendered } from '../../template-view';

/**
 * A queue policy (`AWS::SQS::QueuePolicy` or `AWS::SQS::QueueInlinePolicy`) with an `Allow`
 * statement for any principal (`*`, `{ AWS: '*' }`) or for everyone but a `NotPrincipal`,
 * without a condition that scopes it to an account, organization, source or network.
 *
 * Not reported: the TLS-only `Deny` for `*`; service principals, such as the
 * `sns.amazonaws.com` statement with `aws:SourceArn` that `topic.addSubscription(new
 * SqsSubscription(queue))` writes, or EventBridge's and S3's; and `*` scoped by
 * `aws:PrincipalOrgID` (`iam.OrganizationPrincipal`) or `aws:SourceArn`. A policy document
 * that is an intrinsic cannot be read and is not judged.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (QUEUE_POLICY_TYPES[node.cfnResourceType] === undefined) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const statements = statementsOf(rendered(node).properties.PolicyDocument);
  return statements.some(grantsAnyone) ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });
