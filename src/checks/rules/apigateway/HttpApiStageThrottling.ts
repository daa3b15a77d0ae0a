import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { always, isPositiveNumber, valuesAt } from './template-values';
import { rendered } from '../../template-view';

/**
 * An `AWS::ApiGatewayV2::Stage` (HTTP or WebSocket API) must set `DefaultRouteSettings` with a
 * `ThrottlingRateLimit` and a `ThrottlingBurstLimit` above zero: the limits of every route that
 * has no `RouteSettings` of its own. The `$default` stage that the CDK's `HttpApi` creates
 * (`createDefaultStage`, with `autoDeploy`) has none; per-route settings alone do not count.
 *
 * Both branches of an `Fn::If` must throttle; a limit that only deployment decides counts as set.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::ApiGatewayV2::Stage') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = rendered(node).properties;
  const throttled = always(valuesAt(properties, 'DefaultRouteSettings', 'ThrottlingRateLimit'), isPositiveNumber)
    && always(valuesAt(properties, 'DefaultRouteSettings', 'ThrottlingBurstLimit'), isPositiveNumber);
  return throttled ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
