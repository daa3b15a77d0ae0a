import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { runtimeVerdictOf } from './runtime-verdict';
import { RuntimeVerdict } from '../../../policy/runtimes';

/**
 * A Lambda function on a runtime past its deprecation date (`RUNTIME_DEPRECATION_DATES`): it
 * gets no security patches. Applies to the CDK's own helper functions too (the fix is a newer
 * aws-cdk-lib). Container-image functions and a `Runtime` that is an intrinsic are not applicable.
 *
 * The finding's message names the runtime and its date (`deprecatedRuntimeDetail`); its id is
 * the rule's alone, so an acknowledgement by id keeps holding, as it did before the message did.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  const verdict = runtimeVerdictOf(node);
  if (verdict === undefined) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return verdict === RuntimeVerdict.DEPRECATED ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });
