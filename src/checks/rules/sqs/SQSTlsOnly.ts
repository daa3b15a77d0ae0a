import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { queuePolicyStatements } from './queue-references';
import { deniesInsecureTransport } from '../../policy-document';

/**
 * A queue that no queue policy of its stack (`AWS::SQS::QueuePolicy` whose `Queues`, or
 * `AWS::SQS::QueueInlinePolicy` whose `Queue`, names it) protects with a `Deny` of every SQS
 * action (`sqs:*` or `*`) to `*` when `aws:SecureTransport` is false, which is what
 * `enforceSSL: true` writes. A policy kept outside the stack cannot be seen, so such a queue
 * is reported.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::SQS::Queue') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return deniesInsecureTransport(queuePolicyStatements(node)) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
