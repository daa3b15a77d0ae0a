import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { runtimeVerdictOf } from './runtime-verdict';
import { RuntimeVerdict } from '../../../policy/runtimes';
import { isCdkHelperFunction } from '../../template-view';

/**
 * A Lambda function on a runtime that will be deprecated within 180 days. Its own finding,
 * distinct from `LambdaRuntimeNotLatest` (a runtime is judged one or the other, never both),
 * because it comes with a date. The CDK's own helper functions are not applicable: their
 * runtime is chosen by aws-cdk-lib, and `LambdaDeprecatedRuntime` still catches them once the
 * date has passed. The finding's message names the runtime and its date (`deprecatingRuntimeDetail`),
 * not its id, so an acknowledgement by id keeps holding.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  const verdict = runtimeVerdictOf(node);
  if (verdict === undefined || isCdkHelperFunction(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return verdict === RuntimeVerdict.DEPRECATING ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });
