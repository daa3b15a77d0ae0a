import { CfnResource } from 'aws-cdk-lib';
import { allowsPassRole, allowStatementsOf, carriesIdentityPolicies, notActionsOf, reachesEveryResource } from './iam-policies';
import { conditionScopesResources } from '../../../policy/conditions';
import { judgeActionPattern } from '../../../policy/iam/action-breadth';
import { cannotBeScoped } from '../../../policy/iam/actions-without-resource-scope';
import { expandActionPattern } from '../../../policy/iam/catalogue';
import { actionsOf, resourcePatternsOf } from '../../policy-document';

/**
 * What the IAM findings on one resource are about, for their messages: the exact action and why
 * it is broad, or the resource that reaches everything. The ids name the action already; these
 * sentences say why, from the same judgements the rules make.
 */

/** Why each wildcard action of the resource's policies is broad (`IAMWildcardAction`). */
export function wildcardActionDetail(node: CfnResource): string | undefined {
  if (!carriesIdentityPolicies(node.cfnResourceType)) {
    return undefined;
  }
  const reasons = allowStatementsOf(node).flatMap(statement => [
    ...actionsOf(statement).map(action => judgeActionPattern(action)).filter(verdict => verdict.broad).map(verdict => verdict.reason),
    ...notActionsOf(statement).map(action => `NotAction ${action.trim()} allows every other action of every service`),
  ]);
  return sentence(reasons);
}

/** Which action reaches every resource, through which `Resource`, and what it could name instead (`IAMActionOnAnyResource`). */
export function anyResourceDetail(node: CfnResource): string | undefined {
  if (!carriesIdentityPolicies(node.cfnResourceType)) {
    return undefined;
  }
  const reasons = allowStatementsOf(node)
    .filter(statement => !conditionScopesResources(statement.Condition))
    .flatMap(statement => actionsOf(statement).filter(action => !allowsPassRole(action)).flatMap(pattern => {
      const scopable = expandActionPattern(pattern).find(action => !cannotBeScoped(action) && reachesEveryResource(statement, action));
      if (scopable === undefined) {
        return [];
      }
      const written = statement.NotResource !== undefined ? 'NotResource' : `Resource ${resourcePatternsOf(statement).find(resource => resource.includes('*')) ?? '*'}`;
      const types = scopable.resourceTypes.map(type => type.name).join(', ');
      return [`${pattern.trim()} on ${written} reaches every resource, though ${scopable.fullName} can name its ${types}`];
    }));
  return sentence(reasons);
}

/** The reasons as one sentence, each once; none gives undefined. */
function sentence(reasons: string[]): string | undefined {
  const unique = [...new Set(reasons)];
  return unique.length === 0 ? undefined : `${unique.join('; ')}.`;
}
