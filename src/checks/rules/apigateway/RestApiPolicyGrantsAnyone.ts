import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { conditionNarrows } from '../../../policy/conditions';
import { actionsOf, grantsAnyone, isAnyPrincipal, PolicyStatementJson, resourcesOf, statementsOf } from '../../policy-document';
import { rendered } from '../../template-view';
import { actionPatternMatches, notActionsOf } from '../iam/iam-policies';

const INVOKE = 'execute-api:Invoke';

/**
 * The resource policy (`Policy`) of a REST API (`AWS::ApiGateway::RestApi`) has an Allow
 * statement for any principal (`*`, `{ AWS: '*' }`, or everyone but a `NotPrincipal`) whose
 * actions cover `execute-api:Invoke` (`execute-api:Invoke`, `execute-api:*`, `*`, or a
 * `NotAction` that does not exclude it), without a condition that narrows who may call or from
 * where (`aws:SourceVpce`, `aws:SourceIp`, `aws:PrincipalOrgID`…, in the policy model's one
 * judgement).
 *
 * Such an Allow is not reported when a Deny for any principal covers the same actions and
 * resources and denies every request outside a narrow scope: the pattern AWS documents for
 * private APIs, an unconditional Allow next to a Deny with `StringNotEquals aws:SourceVpce`. The
 * Deny's condition must be negated on a key that identifies the caller or source, so that the
 * requests it leaves allowed are exactly those the positive condition would narrow to
 * (`StringNotEquals aws:SourceVpce vpce-1` leaves `StringEquals aws:SourceVpce vpce-1`).
 *
 * An Allow for anyone with `StringNotEquals aws:SourceVpce` is reported: it grants every caller
 * outside the endpoint. A policy given as an intrinsic cannot be read and is not judged.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::ApiGateway::RestApi') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const statements = statementsOf(rendered(node).properties.Policy);
  const deniesOutsideScope = statements.filter(isScopingDeny);
  const open = statements.filter(statement => grantsAnyone(statement) && coversInvoke(statement)
    && !deniesOutsideScope.some(deny => coversResources(deny, statement)));
  return open.length > 0 ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });

/** Whether a statement's actions include `execute-api:Invoke`. */
function coversInvoke(statement: PolicyStatementJson): boolean {
  if (statement.NotAction !== undefined) {
    return !notActionsOf(statement).some(pattern => actionPatternMatches(pattern.trim(), INVOKE));
  }
  return actionsOf(statement).some(pattern => actionPatternMatches(pattern.trim(), INVOKE));
}

/**
 * A Deny for any principal, covering `execute-api:Invoke`, whose every condition is a negated
 * operator that, turned positive, narrows: it denies everyone outside the scope it names.
 */
function isScopingDeny(statement: PolicyStatementJson): boolean {
  if (statement.Effect !== 'Deny' || statement.NotPrincipal !== undefined || !isAnyPrincipal(statement.Principal) || !coversInvoke(statement)) {
    return false;
  }
  const clauses = Object.entries(statement.Condition ?? {})
    .flatMap(([operator, block]) => Object.entries(block ?? {}).map(([key, values]) => ({ operator, key, values })));
  return clauses.length > 0 && clauses.every(({ operator, key, values }) => {
    const positive = positiveOf(operator);
    return positive !== undefined && conditionNarrows({ [positive]: { [key]: values } });
  });
}

/** Negated condition operators and the positive ones they deny the complement of (lower case). */
const POSITIVE_OF: { [negated: string]: string } = {
  stringnotequals: 'StringEquals',
  stringnotequalsignorecase: 'StringEqualsIgnoreCase',
  stringnotlike: 'StringLike',
  arnnotequals: 'ArnEquals',
  arnnotlike: 'ArnLike',
  notipaddress: 'IpAddress',
};

/**
 * The positive operator whose complement a negated one denies: `StringNotEquals` gives
 * `StringEquals`. `…IfExists` is dropped, since a Deny with it also denies requests without the
 * key; set operators (`ForAnyValue:`, `ForAllValues:`) are not turned around.
 */
function positiveOf(operator: string): string | undefined {
  const lower = operator.toLowerCase();
  if (lower.includes(':')) {
    return undefined;
  }
  return POSITIVE_OF[lower.endsWith('ifexists') ? lower.slice(0, -'ifexists'.length) : lower];
}

/**
 * Whether the Deny's resources cover every resource of the Allow: `*` or `execute-api:/*`
 * (every method of this API), or a pattern matching each of the Allow's resources.
 */
function coversResources(deny: PolicyStatementJson, allow: PolicyStatementJson): boolean {
  if (deny.NotResource !== undefined) {
    return false;
  }
  const patterns = resourcesOf(deny).map(resource => resource.trim());
  if (patterns.some(pattern => pattern === '*' || pattern === 'execute-api:/*')) {
    return true;
  }
  const resources = resourcesOf(allow);
  return allow.NotResource === undefined && resources.length > 0
    && resources.every(resource => patterns.some(pattern => pattern === resource || globMatches(pattern, resource)));
}

/** Whether an IAM resource pattern (`*` and `?` wildcards) matches a resource, case-sensitively. */
function globMatches(pattern: string, resource: string): boolean {
  const regex = pattern.split('').map(char => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/, '\\$&'))).join('');
  return new RegExp(`^${regex}$`).test(resource);
}
