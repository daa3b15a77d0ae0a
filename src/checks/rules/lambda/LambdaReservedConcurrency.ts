import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { possibleValues } from '../../../policy/intrinsics';
import { LAMBDA_DEFAULT_ACCOUNT_CONCURRENCY } from '../../../policy/quotas';
import { isCdkHelperFunction, rendered, templateContextOf } from '../../template-view';

/**
 * A Lambda function without a reserved-concurrency cap (`ReservedConcurrentExecutions`), or with
 * one that caps nothing.
 *
 * Any cap up to 1,000 counts, 0 included (a function capped at 0 cannot run, so it cannot run up
 * a bill). A cap above 1,000, the default account concurrency quota, caps nothing: the account
 * throttles first, so the function can still take the whole quota. (1,000 itself is accepted:
 * Lambda keeps 100 of the quota unreserved, so a cap of 1,000 only deploys where the quota was
 * raised, and there it caps.)
 *
 * The cap is judged by every value it may take: both branches of an `Fn::If`, and for a `Ref` to
 * a parameter its `Default` or each of its `AllowedValues` (whichever the deployer may pick); a
 * cap that `AWS::NoValue` removes is no cap. A value that only deployment decides (a parameter
 * without a default, an import) is taken as set. The CDK's own helper functions are not
 * applicable: their concurrency is not configurable.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::Lambda::Function' || isCdkHelperFunction(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const cap = rendered(node).properties.ReservedConcurrentExecutions;
  if (cap === undefined || cap === null) {
    return NagRuleCompliance.NON_COMPLIANT;
  }
  const capsNothing = possibleValues(cap, templateContextOf(node))
    .some(possible => possible.complete && !capsSomething(possible.value));
  return capsNothing ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });


/** Whether a known cap value (a number, or the string CloudFormation makes of a parameter) caps anything. */
function capsSomething(value: unknown): boolean {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= 0 && number <= LAMBDA_DEFAULT_ACCOUNT_CONCURRENCY;
}
