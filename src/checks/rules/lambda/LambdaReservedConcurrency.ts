import { parse } from 'path';
import { CfnParameter, CfnResource, Stack } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { isCdkHelperFunction, rendered } from '../../template-view';

/**
 * A Lambda function without a reserved-concurrency cap (`ReservedConcurrentExecutions`).
 *
 * Any literal cap counts, 0 included (a function capped at 0 cannot run, so it cannot run up
 * a bill). A cap above 1,000, the default account concurrency quota, caps nothing: the account
 * throttles first, so the function can still take the whole quota. A `Ref` to a parameter is
 * judged by the parameter's default; any other intrinsic is taken as set (deploy time decides). The CDK's own helper functions are not applicable: their concurrency is not
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
  const value = Number(typeof cap === 'object' ? parameterDefault(node, cap) : cap);
  if (typeof cap === 'object' && Number.isNaN(value)) {
    return NagRuleCompliance.COMPLIANT;
  }
  const capsSomething = Number.isInteger(value) && value >= 0 && value <= DEFAULT_ACCOUNT_CONCURRENCY;
  return capsSomething ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });

/** Lambda's default concurrent-executions quota per account and region: a cap above it caps nothing. */
const DEFAULT_ACCOUNT_CONCURRENCY = 1000;

/** The default of the stack parameter a `{ Ref }` names, or undefined. */
function parameterDefault(node: CfnResource, value: object): unknown {
  const name = (value as { Ref?: unknown }).Ref;
  if (typeof name !== 'string') {
    return undefined;
  }
  const stack = Stack.of(node);
  const parameter = stack.node.findAll()
    .find(child => child instanceof CfnParameter && stack.resolve(child.logicalId) === name) as CfnParameter | undefined;
  return parameter?.default;
}
