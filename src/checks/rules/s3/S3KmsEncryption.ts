import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { defaultEncryptionAlgorithms, receivesServerAccessLogs } from './bucket-references';
import { rendered } from '../../template-view';

const KMS_ALGORITHMS = ['aws:kms', 'aws:kms:dsse'];

/**
 * A bucket whose default encryption is not SSE-KMS or DSSE-KMS (`aws:kms`, `aws:kms:dsse`):
 * no `BucketEncryption` (S3 then applies SSE-S3), `AES256`, or an algorithm that is an
 * intrinsic (a parameter), which is reported as nothing says it is KMS.
 *
 * A bucket that receives S3 server access logs (see `receivesServerAccessLogs`) is compliant
 * with SSE-S3 (`AES256`, or no `BucketEncryption`): S3 log delivery does not support SSE-KMS
 * on the destination bucket, so SSE-S3 is the right choice there, not a weakness.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::S3::Bucket') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const algorithms = defaultEncryptionAlgorithms(rendered(node));
  if (algorithms.length > 0 && algorithms.every(algorithm => typeof algorithm === 'string' && KMS_ALGORITHMS.includes(algorithm))) {
    return NagRuleCompliance.COMPLIANT;
  }
  const sseS3 = algorithms.every(algorithm => algorithm === 'AES256');
  if (sseS3 && receivesServerAccessLogs(node)) {
    return NagRuleCompliance.COMPLIANT;
  }
  return NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
