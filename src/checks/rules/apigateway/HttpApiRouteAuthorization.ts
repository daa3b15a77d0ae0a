import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { isSet, possibly, referencedResource, upper, valuesAt } from './template-values';
import { rendered } from '../../template-view';

/** Whether the route key is an `OPTIONS /path` route, the method of CORS preflight requests. */
function isPreflight(routeKey: unknown): boolean {
  return typeof routeKey === 'string' && /^OPTIONS\s/i.test(routeKey);
}

/** Whether a route key can only belong to a WebSocket API (`$connect`, `$disconnect`, an action name). */
function isWebSocketRouteKey(routeKey: unknown): boolean {
  return typeof routeKey === 'string' && routeKey !== '$default' && !/\s/.test(routeKey);
}

/**
 * An `AWS::ApiGatewayV2::Route` must require authorization: an `AuthorizationType` of `AWS_IAM`,
 * `JWT` or `CUSTOM`. `NONE`, or no `AuthorizationType`, is a finding, `$default` routes included.
 * An `OPTIONS /…` route without an integration (no `Target`) is not checked: with the API's CORS
 * configuration, API Gateway answers the preflight itself, and browsers send preflights without
 * credentials. An `OPTIONS` route with an integration (a Lambda, an HTTP backend) runs that
 * backend for anyone, so it is an ordinary route; a `Target` that a condition may set counts. An
 * HTTP API made by quick create (an `AWS::ApiGatewayV2::Api` with a `Target`) is a finding too,
 * whatever its `RouteKey`: the route it creates has no authorizer and runs the target.
 *
 * On a WebSocket API only `$connect` can have an authorizer, so only `$connect` is checked. The
 * protocol is read from the route's API when it is in the same stack; otherwise the route key tells
 * (a key without a method and path other than `$default` is a WebSocket route).
 *
 * A branch of an `Fn::If` that is `NONE` is a finding; an authorization type that only deployment
 * decides is given the benefit of the doubt.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType === 'AWS::ApiGatewayV2::Api') {
    const api = rendered(node).properties;
    const quickCreate = api.Target !== undefined && upper(api.ProtocolType) === 'HTTP';
    return quickCreate ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.NOT_APPLICABLE;
  }
  if (node.cfnResourceType !== 'AWS::ApiGatewayV2::Route') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = rendered(node).properties;
  const routeKey = properties.RouteKey;
  const api = referencedResource(node, properties.ApiId, 'AWS::ApiGatewayV2::Api');
  const webSocket = api ? upper(api.properties.ProtocolType) === 'WEBSOCKET' : isWebSocketRouteKey(routeKey);
  const integrated = valuesAt(properties, 'Target').some(target => isSet(target));
  if (webSocket ? routeKey !== '$connect' : isPreflight(routeKey) && !integrated) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const open = possibly(valuesAt(properties, 'AuthorizationType'), type => type === undefined || upper(type) === 'NONE');
  return open ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });
