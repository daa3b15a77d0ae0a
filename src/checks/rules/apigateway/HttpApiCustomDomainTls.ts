import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { always, DEPLOY_TIME, isModernTlsPolicy, listsAt, valuesAt } from './template-values';
import { rendered } from '../../template-view';

/**
 * An `AWS::ApiGatewayV2::DomainName` must pin a TLS 1.2+ `SecurityPolicy` in each of its
 * `DomainNameConfigurations`: `TLS_1_2` or an enhanced policy (`SecurityPolicy_TLS13_…`,
 * `SecurityPolicy_TLS12_…`). `TLS_1_0` is a finding, and so is a configuration without a policy
 * (the CDK's `DomainName` renders none by default) or a domain without configurations: the template
 * should say what it deploys rather than rely on an undocumented service default.
 *
 * A branch of an `Fn::If` must also pin TLS 1.2+; a policy that only deployment decides is given
 * the benefit of the doubt.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::ApiGatewayV2::DomainName') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const pinned = listsAt(rendered(node).properties, 'DomainNameConfigurations').every(configurations =>
    configurations === DEPLOY_TIME
    || (configurations.length > 0
      && configurations.every(configuration => always(valuesAt(configuration, 'SecurityPolicy'), isModernTlsPolicy))));
  return pinned ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
