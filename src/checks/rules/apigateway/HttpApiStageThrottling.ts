import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { always, throttleCapsNothing, evaluatedAt, isPositiveNumber } from './template-values';
import { rendered } from '../../template-view';

/**
 * An `AWS::ApiGatewayV2::Stage` (HTTP or WebSocket API) must set `DefaultRouteSettings` with a
 * `ThrottlingRateLimit` and a `ThrottlingBurstLimit` above zero: the limits of every route that
 * has no `RouteSettings` of its own. The `$default` stage that the CDK's `HttpApi` creates
 * (`createDefaultStage`, with `autoDeploy`) has none; per-route settings alone do not count.
 *
 * A default limit at or above the account's default limit (a rate of 10,000 requests per
 * second, a burst of 5,000) caps nothing: the account throttles first. That is a finding too;
 * route settings above the default are `ApiMethodThrottleOverride`'s.
 *
 * A limit is judged by every value it may take: both branches of an `Fn::If`, and for a `Ref`
 * to a parameter its `Default` or each of its `AllowedValues`. Every alternative must throttle,
 * and none may be at or above the account's limit; a limit that only deployment decides counts
 * as set.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::ApiGatewayV2::Stage') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = rendered(node).properties;
  const rate = evaluatedAt(node, properties, 'DefaultRouteSettings', 'ThrottlingRateLimit');
  const burst = evaluatedAt(node, properties, 'DefaultRouteSettings', 'ThrottlingBurstLimit');
  const throttled = always(rate, isPositiveNumber) && always(burst, isPositiveNumber)
    && !throttleCapsNothing(rate, burst);
  return throttled ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
