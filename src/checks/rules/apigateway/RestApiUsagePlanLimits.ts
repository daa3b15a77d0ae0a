import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { always, throttleCapsNothing, evaluatedAt, isPositiveNumber, isSet } from './template-values';
import { rendered } from '../../template-view';

/**
 * An `AWS::ApiGateway::UsagePlan` must cap what each API key may do: a `Throttle` with a
 * `RateLimit` and a `BurstLimit` above zero, and a `Quota` with a `Limit` above zero and a
 * `Period`. A plan without them lets whoever holds (or leaks) a key call at the stage's full rate
 * for as long as they like.
 *
 * A plan throttle at or above the account's default limit (a rate of 10,000 requests per second,
 * a burst of 5,000) caps nothing: the account throttles first, so the key is not held back at
 * all. That is a finding too; per-method throttles of the plan's `ApiStages` above the plan's own
 * are `ApiMethodThrottleOverride`'s.
 *
 * A limit is judged by every value it may take: both branches of an `Fn::If`, and for a `Ref`
 * to a parameter its `Default` or each of its `AllowedValues`. Every alternative must set the
 * limits, and no throttle may be at or above the account's limit; a limit that only deployment
 * decides counts as set.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::ApiGateway::UsagePlan') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = rendered(node).properties;
  const rate = evaluatedAt(node, properties, 'Throttle', 'RateLimit');
  const burst = evaluatedAt(node, properties, 'Throttle', 'BurstLimit');
  const throttled = always(rate, isPositiveNumber) && always(burst, isPositiveNumber)
    && !throttleCapsNothing(rate, burst);
  const quota = always(evaluatedAt(node, properties, 'Quota', 'Limit'), isPositiveNumber)
    && always(evaluatedAt(node, properties, 'Quota', 'Period'), isSet);
  return throttled && quota ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
