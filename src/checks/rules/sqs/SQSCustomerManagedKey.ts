import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { mayBeAwsManagedKey } from '../../../policy/kms-keys';
import { rendered, templateContextOf } from '../../template-view';

/**
 * A queue not encrypted with a customer-managed KMS key: no `KmsMasterKeyId` (SSE-SQS or
 * plaintext), or the AWS managed key `alias/aws/sqs` (`encryption: sqs.QueueEncryption.KMS_MANAGED`),
 * as an alias name (with or without `alias/`) or alias ARN, see `mayBeAwsManagedKey`. A key id
 * only the deployment decides (`Fn::GetAtt` of a key, a parameter) is taken as customer-managed:
 * AWS managed keys are named by alias.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::SQS::Queue') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const keyId = rendered(node).properties.KmsMasterKeyId;
  if (keyId === undefined || keyId === null || keyId === '') {
    return NagRuleCompliance.NON_COMPLIANT;
  }
  return mayBeAwsManagedKey(keyId, templateContextOf(node)) ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });
