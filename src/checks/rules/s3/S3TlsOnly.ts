import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { bucketPolicyStatements } from './bucket-references';
import { deniesInsecureTransport } from '../../policy-document';

/**
 * A bucket that no `AWS::S3::BucketPolicy` of its stack protects with a `Deny` of every
 * S3 action (`s3:*` or `*`) to `*` when `aws:SecureTransport` is false, which is what
 * `enforceSSL: true` writes.
 *
 * A policy counts when its `Bucket` refers to the bucket (`Ref`) or is the bucket's literal
 * `BucketName`. A policy kept outside the stack cannot be seen, so such a bucket is reported.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::S3::Bucket') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return deniesInsecureTransport(bucketPolicyStatements(node)) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
