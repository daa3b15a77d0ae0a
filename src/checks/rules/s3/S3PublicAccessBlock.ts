import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { rendered } from '../../template-view';

const SETTINGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];

/**
 * A bucket whose `PublicAccessBlockConfiguration` is missing or has one of its four settings
 * not `true`.
 *
 * S3 turns the block on for buckets created since April 2023, but a template that does not
 * state it leaves the setting to history (an older bucket, or one whose block was removed
 * later), so a missing configuration is reported. A setting that is an intrinsic (a parameter)
 * is reported too: nothing in the template says it is on.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::S3::Bucket') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const block = rendered(node).properties.PublicAccessBlockConfiguration;
  if (block === null || typeof block !== 'object') {
    return NagRuleCompliance.NON_COMPLIANT;
  }
  const allOn = SETTINGS.every(setting => block[setting] === true || block[setting] === 'true');
  return allOn ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
