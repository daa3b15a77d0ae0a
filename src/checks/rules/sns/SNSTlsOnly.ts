import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { topicPolicyStatements } from './topic-references';
import { deniesInsecureTransport } from '../../policy-document';

/**
 * A topic that no topic policy of its stack (`AWS::SNS::TopicPolicy` whose `Topics`, or
 * `AWS::SNS::TopicInlinePolicy` whose `TopicArn`, names it) protects with a `Deny` to `*`
 * when `aws:SecureTransport` is false, for at least `sns:Publish` (what `enforceSSL: true`
 * writes) or for every action (`sns:*`, `*`). A policy kept outside the stack cannot be seen,
 * so such a topic is reported.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::SNS::Topic') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return deniesInsecureTransport(topicPolicyStatements(node), ['sns:Publish']) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
