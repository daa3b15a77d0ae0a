import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { rendered } from '../../template-view';

/**
 * A bucket whose `VersioningConfiguration.Status` is not `Enabled`: missing, `Suspended`, or
 * an intrinsic (a parameter), which is reported as nothing says versioning is on.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::S3::Bucket') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const status = rendered(node).properties.VersioningConfiguration?.Status;
  return status === 'Enabled' ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
