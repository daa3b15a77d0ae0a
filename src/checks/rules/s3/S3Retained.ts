import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { rendered } from '../../template-view';

/** Deletion policies that keep the bucket when the stack deletes it. */
const RETAINING_DELETION_POLICIES = ['Retain', 'RetainExceptOnCreate'];

/**
 * A bucket whose `DeletionPolicy` is not `Retain` or `RetainExceptOnCreate`: missing
 * (CloudFormation then deletes it) or `Delete` (`removalPolicy: RemovalPolicy.DESTROY`).
 * The CDK's `s3.Bucket` retains by default, so this finds buckets that opted out, and L1
 * buckets that never opted in.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::S3::Bucket') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const policy = rendered(node).deletionPolicy;
  return policy !== undefined && RETAINING_DELETION_POLICIES.includes(policy) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
