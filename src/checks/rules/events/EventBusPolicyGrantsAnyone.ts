import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { asList } from '../../../policy/template-json';
import { grantsAnyone, PolicyStatementJson, statementsOf } from '../../policy-document';
import { rendered } from '../../template-view';

/**
 * An event bus's resource policy lets any principal act on it (in practice `events:PutEvents`,
 * which lets anyone inject events that the bus's rules route to their targets) without a
 * condition that scopes it to an account, organization or source:
 *
 * - an `AWS::Events::EventBusPolicy` whose `Statement` (what `bus.addToResourcePolicy` writes)
 *   is an Allow for `*`, `{ AWS: '*' }` or everyone but a `NotPrincipal`;
 * - an `AWS::Events::EventBusPolicy` in the legacy form, `Principal: '*'` with an `Action`,
 *   whose `Condition` (`{ Type, Key, Value }`) does not narrow: it is judged as the statement
 *   condition `{ [Type]: { [Key]: Value } }` it stands for, so `StringEquals aws:PrincipalOrgID`
 *   with an organization id narrows and a wildcard does not;
 * - an `AWS::Events::EventBus` whose `Policy` has such a statement.
 *
 * Not findings: named accounts or roles, service principals, and `*` scoped to an organization
 * or account. A policy given as an intrinsic cannot be read and is not judged.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  let statements: PolicyStatementJson[];
  if (node.cfnResourceType === 'AWS::Events::EventBus') {
    statements = statementsOf(rendered(node).properties.Policy);
  } else if (node.cfnResourceType === 'AWS::Events::EventBusPolicy') {
    statements = busPolicyStatements(rendered(node).properties);
  } else {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return statements.some(grantsAnyone) ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });

/** The statements of an `AWS::Events::EventBusPolicy`: its `Statement`, or the one its legacy properties stand for. */
function busPolicyStatements(properties: { [key: string]: any }): PolicyStatementJson[] {
  if (properties.Statement !== undefined) {
    const statement: unknown = typeof properties.Statement === 'string' ? parseJson(properties.Statement) : properties.Statement;
    return asList(statement).filter((item): item is PolicyStatementJson => item !== null && typeof item === 'object');
  }
  if (properties.Principal === undefined) {
    return [];
  }
  const principal: unknown = properties.Principal;
  return [{
    Effect: 'Allow',
    Principal: principal === '*' ? '*' : { AWS: principal },
    Action: properties.Action,
    Condition: legacyCondition(properties.Condition),
  }];
}

/** The legacy `{ Type, Key, Value }` condition as a statement condition, `{ [Type]: { [Key]: Value } }`. */
function legacyCondition(condition: unknown): PolicyStatementJson['Condition'] {
  if (condition === null || typeof condition !== 'object') {
    return undefined;
  }
  const { Type: type, Key: key, Value: value } = condition as { Type?: unknown; Key?: unknown; Value?: unknown };
  return typeof type === 'string' && typeof key === 'string' ? { [type]: { [key]: value } } : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
