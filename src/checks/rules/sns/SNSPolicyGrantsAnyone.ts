import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { TOPIC_POLICY_TYPES } from './topic-references';
import { grantsAnyone, statementsOf } from '../../policy-document';
import { rendered } from '../../template-view';

/**
 * A topic policy (`AWS::SNS::TopicPolicy` or `AWS::SNS::TopicInlinePolicy`) with an `Allow`
 * statement for any principal (`*`, `{ AWS: '*' }`) or for everyone but a `NotPrincipal`,
 * without a condition that scopes it to an account, organization, source or network.
 *
 * Not reported: the TLS-only `Deny` for `*`; service principals (S3 event notifications,
 * CloudWatch alarms, EventBridge); and `*` scoped by `AWS:SourceOwner`/`aws:SourceAccount`
 * (the default policy SNS gives a topic) or `aws:PrincipalOrgID` (`iam.OrganizationPrincipal`).
 * A policy document that is an intrinsic cannot be read and is not judged.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (TOPIC_POLICY_TYPES[node.cfnResourceType] === undefined) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const statements = statementsOf(rendered(node).properties.PolicyDocument);
  return statements.some(grantsAnyone) ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });
