import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { isCdkHelperFunction, rendered, resourcesOfType } from '../../template-view';

/**
 * A Lambda function whose execution role (`Role`, as rendered) is also the role of another
 * function of the same stack: each of them holds the permissions of all of them. Every
 * function of the group is reported. The CDK's own helper functions are not applicable and
 * are not counted: their roles are not configurable.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::Lambda::Function' || isCdkHelperFunction(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const self = rendered(node);
  if (self.properties.Role === undefined) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const role = JSON.stringify(self.properties.Role);
  const shared = resourcesOfType(node, 'AWS::Lambda::Function')
    .some(other => other.node !== node && !isCdkHelperFunction(other.node) && JSON.stringify(other.properties.Role) === role);
  return shared ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });
