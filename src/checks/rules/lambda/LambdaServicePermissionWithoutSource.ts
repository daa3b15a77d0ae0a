import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';

import { rendered, textOf } from '../../template-view';

/** A service principal: `s3.amazonaws.com`, `logs.eu-west-1.amazonaws.com`, `….amazonaws.com.cn`. */
const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/;

/**
 * A Lambda permission for an AWS service principal (`*.amazonaws.com`) without `SourceArn` or
 * `SourceAccount`: any resource of that service, in any AWS account, could invoke the function
 * (the confused-deputy problem).
 *
 * A principal written as a `Fn::Join` (`states.${AWS::Region}.amazonaws.com`) is read as text;
 * any other intrinsic is not judged.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::Lambda::Permission') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = rendered(node).properties;
  const principal = textOf(properties.Principal)?.replace(/\$\{[^}]+\}/g, 'region');
  if (principal === undefined || !SERVICE_PRINCIPAL.test(principal)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const scoped = [properties.SourceArn, properties.SourceAccount].some(value => value !== undefined && value !== '');
  return scoped ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
