import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { hasNoResourceScope } from './actions-without-resource-scope';
import { allowsPassRole, allowStatementsOf, appliesToAnyResource, carriesIdentityPolicies, hasCondition, unique } from './iam-policies';
import { actionsOf } from '../../policy-document';

/**
 * An identity-based policy allows, on `Resource: '*'` (or with `NotResource`), an action that
 * supports resource-level permissions: it could name the one table, queue or key it needs, and
 * names every one of the account instead.
 *
 * Not findings:
 * - actions that have no resource-level permission, whose only possible resource is `*`
 *   (`xray:PutTraceSegments`, the network-interface actions of a VPC function, `List*` and
 *   `Describe*` actions that enumerate…): the documented list of `actions-without-resource-scope.ts`;
 * - statements with a `Condition`, which scope the `*` some other way (a tag, a namespace,
 *   a source);
 * - `iam:PassRole` and the patterns that cover it, which `IAMPassRoleOnAnyResource` reports;
 * - `NotAction` statements, which `IAMWildcardAction` reports.
 *
 * One finding per offending action, `Action::s3:GetObject`. Actions written as intrinsics cannot
 * be read and are not judged.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (!carriesIdentityPolicies(node.cfnResourceType)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const findings = allowStatementsOf(node)
    .filter(statement => appliesToAnyResource(statement) && !hasCondition(statement))
    .flatMap(actionsOf)
    .filter(action => !hasNoResourceScope(action) && !allowsPassRole(action))
    .map(action => `Action::${action.trim()}`);
  return findings.length > 0 ? unique(findings) : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });
