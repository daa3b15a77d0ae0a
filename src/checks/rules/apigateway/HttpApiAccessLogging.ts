import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { always, isSet, valuesAt } from './template-values';
import { rendered } from '../../template-view';

/**
 * An `AWS::ApiGatewayV2::Stage` (HTTP or WebSocket API) should write access logs:
 * `AccessLogSettings` with a `DestinationArn`. Both branches of an `Fn::If` must set one; a
 * destination that only deployment decides counts as set.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::ApiGatewayV2::Stage') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return always(valuesAt(rendered(node).properties, 'AccessLogSettings', 'DestinationArn'), isSet)
    ? NagRuleCompliance.COMPLIANT
    : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
