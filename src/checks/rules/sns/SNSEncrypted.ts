import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { rendered } from '../../template-view';

/**
 * A topic without a `KmsMasterKeyId`. Unlike SQS, SNS does not encrypt a topic unless a key
 * is set. The AWS managed key `alias/aws/sns` counts as encrypted; a key id that is an
 * intrinsic is taken as set.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::SNS::Topic') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const keyId = rendered(node).properties.KmsMasterKeyId;
  return keyId === undefined || keyId === null || keyId === '' ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });
