import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { always, isPositiveNumber, isSet, valuesAt } from './template-values';
import { rendered } from '../../template-view';

/**
 * An `AWS::ApiGateway::UsagePlan` must cap what each API key may do: a `Throttle` with a
 * `RateLimit` and a `BurstLimit` above zero, and a `Quota` with a `Limit` above zero and a
 * `Period`. A plan without them lets whoever holds (or leaks) a key call at the stage's full rate
 * for as long as they like.
 *
 * Both branches of an `Fn::If` must set the limits; a limit that only deployment decides (a
 * parameter) counts as set.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::ApiGateway::UsagePlan') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = rendered(node).properties;
  const throttled = always(valuesAt(properties, 'Throttle', 'RateLimit'), isPositiveNumber)
    && always(valuesAt(properties, 'Throttle', 'BurstLimit'), isPositiveNumber);
  const quota = always(valuesAt(properties, 'Quota', 'Limit'), isPositiveNumber)
    && always(valuesAt(properties, 'Quota', 'Period'), isSet);
  return throttled && quota ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
