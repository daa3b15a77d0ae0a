import { parse } from 'path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { isCdkHelperFunction, oncePerRun, rendered, resourcesOfType } from '../../template-view';

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
  const shared = (functionsByRole(node).get(JSON.stringify(self.properties.Role)) ?? 0) > 1;
  return shared ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });

/** How many functions of the node's stack (the CDK's helpers aside) have each rendered `Role`, counted once per run. */
function functionsByRole(node: CfnResource): ReadonlyMap<string, number> {
  return oncePerRun(Stack.of(node), 'functions by role', () => {
    const counts = new Map<string, number>();
    for (const fn of resourcesOfType(node, 'AWS::Lambda::Function')) {
      if (fn.properties.Role !== undefined && !isCdkHelperFunction(fn.node)) {
        const role = JSON.stringify(fn.properties.Role);
        counts.set(role, (counts.get(role) ?? 0) + 1);
      }
    }
    return counts;
  });
}
