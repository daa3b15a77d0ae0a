import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { isCdkHelperFunction, rendered } from '../../template-view';

/**
 * A Lambda function without active X-Ray tracing (`TracingConfig.Mode` `Active`);
 * `PassThrough` only traces requests that arrive already sampled, so it does not count.
 * A mode that is an intrinsic (a parameter) is not judged. The CDK's own helper functions are
 * not applicable.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::Lambda::Function' || isCdkHelperFunction(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const mode = rendered(node).properties.TracingConfig?.Mode;
  return mode === 'Active' || (mode !== null && typeof mode === 'object') ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
