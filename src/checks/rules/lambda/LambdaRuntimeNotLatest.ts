import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { runtimeVerdictOf } from './runtime-verdict';
import { RuntimeVerdict } from '../../../policy/runtimes';
import { isCdkHelperFunction } from '../../template-view';

/**
 * A Lambda function on a supported runtime that is not the newest of its family that this
 * aws-cdk-lib knows (`latestOfFamily`). A runtime within 180 days of deprecation is
 * `LambdaRuntimeDeprecatingSoon` instead, and one past it `LambdaDeprecatedRuntime`. A runtime
 * newer than this aws-cdk-lib knows is current. The CDK's own helper functions are not
 * applicable: their runtime is chosen by aws-cdk-lib.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  const verdict = runtimeVerdictOf(node);
  if (verdict === undefined || isCdkHelperFunction(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return verdict === RuntimeVerdict.NOT_LATEST ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });
