import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { always, isSet, possibly, upper, valuesAt } from './template-values';
import { rendered } from '../../template-view';

/**
 * An `AWS::ApiGateway::Method` must require authorization: an `AuthorizationType` of `AWS_IAM`,
 * `COGNITO_USER_POOLS` or `CUSTOM` (a Lambda authorizer). `NONE`, or no `AuthorizationType` (which
 * means `NONE`), is a finding; an API key (`ApiKeyRequired`) does not authenticate anyone and does
 * not make up for it.
 *
 * `OPTIONS` methods with a `MOCK` integration are not checked: browsers send CORS preflight
 * requests without credentials, so the preflight methods that `defaultCorsPreflightOptions` adds
 * must stay open. An `OPTIONS` method with a real backend (Lambda, HTTP) runs code for anyone, so
 * it is an ordinary method. `CUSTOM` or `COGNITO_USER_POOLS` without an `AuthorizerId` names no
 * authorizer, so nothing authorizes the call: a finding too, and so is an `AuthorizerId` that a
 * branch of an `Fn::If` removes.
 *
 * A branch of an `Fn::If` that is `NONE` is a finding; an authorization type that only deployment
 * decides (a parameter) is given the benefit of the doubt.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::ApiGateway::Method') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = rendered(node).properties;
  const preflight = valuesAt(properties, 'HttpMethod').every(method => upper(method) === 'OPTIONS');
  if (preflight && always(valuesAt(properties, 'Integration', 'Type'), type => upper(type) === 'MOCK')) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const withoutAuthorizer = possibly(valuesAt(properties, 'AuthorizerId'), id => !isSet(id));
  const open = possibly(valuesAt(properties, 'AuthorizationType'), type => type === undefined || upper(type) === 'NONE'
    || (withoutAuthorizer && (upper(type) === 'CUSTOM' || upper(type) === 'COGNITO_USER_POOLS')));
  return open ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });
