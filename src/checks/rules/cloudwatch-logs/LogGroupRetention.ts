import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { rendered } from '../../template-view';

/**
 * A CloudWatch Logs log group has no `RetentionInDays`: its logs are kept forever.
 *
 * Any retention is compliant, including one given as an intrinsic (a parameter): the rule asks
 * that someone chose how long logs live, not for a particular length.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::Logs::LogGroup') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const retention = rendered(node).properties.RetentionInDays;
  return retention === undefined || retention === null ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });
