import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { always, isModernTlsPolicy, valuesAt } from './template-values';
import { rendered } from '../../template-view';

/**
 * An `AWS::ApiGateway::DomainName` must pin a TLS 1.2+ `SecurityPolicy`: `TLS_1_2` or an enhanced
 * policy (`SecurityPolicy_TLS13_…`, `SecurityPolicy_TLS12_…`). `TLS_1_0` is a finding, and so is
 * no `SecurityPolicy`: the CloudFormation and CDK defaults render none, and API Gateway then picks
 * the service default, which was `TLS_1_0` until at least 2021 (domains created then keep it) and is not
 * documented for CloudFormation; the template should say what it deploys.
 *
 * A branch of an `Fn::If` must also pin TLS 1.2+; a policy that only deployment decides is given
 * the benefit of the doubt.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::ApiGateway::DomainName') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return always(valuesAt(rendered(node).properties, 'SecurityPolicy'), isModernTlsPolicy)
    ? NagRuleCompliance.COMPLIANT
    : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
