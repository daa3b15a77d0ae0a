import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { rendered } from '../../template-view';

/**
 * A layer version permission for principal `*` without `OrganizationId`: every AWS account may
 * add the layer to its functions and read its code (and whatever secrets or internal logic it
 * bundles). A principal that is an intrinsic is not judged.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::Lambda::LayerVersionPermission') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = rendered(node).properties;
  if (properties.Principal !== '*') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const organization = properties.OrganizationId;
  return organization !== undefined && organization !== '' && organization !== '*' ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
