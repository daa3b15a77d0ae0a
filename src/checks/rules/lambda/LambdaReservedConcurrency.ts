import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { isCdkHelperFunction, rendered } from '../../template-view';

/**
 * A Lambda function without a reserved-concurrency cap (`ReservedConcurrentExecutions`).
 *
 * Any literal cap counts, 0 included (a function capped at 0 cannot run, so it cannot run up
 * a bill). A cap that is an intrinsic (a parameter) is taken as set: its value is chosen at
 * deploy time. The CDK's own helper functions are not applicable: their concurrency is not
 * configurable.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::Lambda::Function' || isCdkHelperFunction(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const cap = rendered(node).properties.ReservedConcurrentExecutions;
  if (cap === undefined || cap === null) {
    return NagRuleCompliance.NON_COMPLIANT;
  }
  if (typeof cap === 'object') {
    return NagRuleCompliance.COMPLIANT;
  }
  const value = Number(cap);
  return Number.isInteger(value) && value >= 0 ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
