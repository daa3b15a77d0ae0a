import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { allowsPassRole, allowStatementsOf, carriesIdentityPolicies, reachesEveryResource, unique } from './iam-policies';
import { conditionScopesResources } from '../../../policy/conditions';
import { cannotBeScoped } from '../../../policy/iam/actions-without-resource-scope';
import { expandActionPattern } from '../../../policy/iam/catalogue';
import { actionsOf, PolicyStatementJson } from '../../policy-document';

/**
 * An identity-based policy allows, on every resource, an action that supports resource-level
 * permissions: it could name the one table, queue or key it needs, and names every one of the
 * account instead. "Every resource" is judged by what the `Resource` matches, not how it is
 * spelled: `*`, `NotResource`, and ARN patterns that match every resource of the action's type
 * (`arn:aws:s3:::*` for `s3:GetObject`, `arn:*:*:*:*:*`, `arn:aws:dynamodb:*:*:table/*`).
 * Action patterns are expanded against the IAM catalogue: `s3:Get*` on `*` is a finding because
 * `s3:GetObject` can be scoped.
 *
 * Not findings:
 * - actions that cannot be scoped (`src/policy/iam/actions-without-resource-scope.ts`: by the catalogue, those
 *   whose only resource is `*`, such as `xray:PutTraceSegments` or `ecr:GetAuthorizationToken`);
 * - statements whose `Condition` scopes the grant (`conditionScopesResources`: a resource tag,
 *   a service key such as `kms:ViaService`, or a caller or source pinned to values);
 *   a condition that scopes nothing, such as `aws:SecureTransport`, exempts nothing;
 * - `iam:PassRole` and the patterns that cover it, which `IAMPassRoleOnAnyResource` reports;
 * - `NotAction` statements, which `IAMWildcardAction` reports.
 *
 * One finding per offending action as written, `Action::s3:GetObject`. Actions written as
 * intrinsics cannot be read and are not judged.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (!carriesIdentityPolicies(node.cfnResourceType)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const findings = allowStatementsOf(node)
    .filter(statement => !conditionScopesResources(statement.Condition))
    .flatMap(statement => actionsOf(statement).filter(action => !allowsPassRole(action) && grantsScopableActionOnEveryResource(statement, action)))
    .map(action => `Action::${action.trim()}`);
  return findings.length > 0 ? unique(findings) : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });

/**
 * Whether the statement grants, on every resource, an action of the pattern that could be scoped.
 * A pattern the catalogue does not know is judged as written: a finding on `*` or `NotResource`.
 */
function grantsScopableActionOnEveryResource(statement: PolicyStatementJson, pattern: string): boolean {
  const actions = expandActionPattern(pattern);
  if (actions.length === 0) {
    return reachesEveryResource(statement);
  }
  return actions.some(action => !cannotBeScoped(action) && reachesEveryResource(statement, action));
}
