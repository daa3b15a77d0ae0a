import { parse } from 'path';
import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { unique } from './iam-policies';
import { asList } from '../../../policy/template-json';
import { hasScopingCondition, isAnyPrincipal, PolicyStatementJson, statementsOf } from '../../policy-document';
import { rendered, textOf } from '../../template-view';

/**
 * The trust policy (`AssumeRolePolicyDocument`) of an IAM role lets anyone, or a whole other
 * account, assume it:
 *
 * - an Allow statement for any principal (`*`, `{ AWS: '*' }`, or everyone but a `NotPrincipal`)
 *   without a `Condition` that narrows who may use it (the policy model's one judgement), or
 * - an Allow statement for the root of an account that is not the role's own
 *   (`arn:aws:iam::123456789012:root`, the bare id `123456789012`, or the CDK's
 *   `Fn::Join` of them for `iam.AccountPrincipal`), without an `sts:ExternalId` pinned by a
 *   positive operator to values that are not wildcards and without a narrowing `Condition`.
 *   Trusting an account's root delegates the choice of who assumes the role to every
 *   administrator of that account.
 *
 * Not findings: the role's own account (`{ Ref: 'AWS::AccountId' }` or `${AWS::AccountId}` in the
 * ARN, which the CDK writes for `new iam.AccountRootPrincipal()`, or the stack's literal account),
 * service principals, federated principals, specific role or user ARNs, and principals that are
 * intrinsics the rule cannot read (a parameter, an import).
 *
 * One finding per principal: `Principal::*` or `Principal::123456789012`.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::IAM::Role') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const ownAccount = Stack.of(node).account;
  const statements = statementsOf(rendered(node).properties.AssumeRolePolicyDocument)
    .filter(statement => statement.Effect === 'Allow');
  const findings = statements.flatMap(statement => trustedTooWidely(statement, Token.isUnresolved(ownAccount) ? undefined : ownAccount));
  return findings.length > 0 ? unique(findings) : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });

/** The findings of one Allow statement of a trust policy. */
function trustedTooWidely(statement: PolicyStatementJson, ownAccount: string | undefined): string[] {
  if (isAnyPrincipal(statement.Principal) || statement.NotPrincipal !== undefined) {
    return hasScopingCondition(statement) ? [] : ['Principal::*'];
  }
  if (hasScopingCondition(statement) || pinsExternalId(statement.Condition)) {
    return [];
  }
  return awsPrincipalsOf(statement.Principal)
    .map(accountRootOf)
    .filter((account): account is string => account !== undefined && account !== ownAccount)
    .map(account => `Principal::${account}`);
}

/** The `AWS` principals of a statement (strings and intrinsics). */
function awsPrincipalsOf(principal: unknown): unknown[] {
  if (principal === null || typeof principal !== 'object' || Array.isArray(principal)) {
    return [];
  }
  return asList((principal as { AWS?: unknown }).AWS);
}

/**
 * The literal account id of a principal that is a whole account (`123456789012`,
 * `arn:<partition>:iam::123456789012:root`), or undefined for anything else: a role or user
 * ARN, the stack's own account as `${AWS::AccountId}`, or an account the rule cannot read.
 */
function accountRootOf(principal: unknown): string | undefined {
  // `${AWS::Partition}` is the one intrinsic in a root ARN whose colons would split it wrongly.
  const text = textOf(principal)?.trim().replace(/\$\{AWS::Partition\}/g, 'aws');
  if (text === undefined) {
    return undefined;
  }
  const account = /^\d{12}$/.test(text) ? text : /^arn:[^:]+:iam::([^:]*):root$/.exec(text)?.[1];
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

/**
 * Whether the condition requires an `sts:ExternalId` equal to values that are not wildcards: a
 * positive string operator (`StringEquals`, `StringEqualsIgnoreCase`, `StringLike`), without
 * `IfExists` (which holds when no external id is passed) or `ForAllValues:` (vacuously true).
 */
function pinsExternalId(condition: unknown): boolean {
  if (condition === null || typeof condition !== 'object') {
    return false;
  }
  return Object.entries(condition as { [operator: string]: unknown }).some(([operator, block]) => {
    const lower = operator.toLowerCase();
    const base = lower.slice(lower.indexOf(':') + 1);
    if (lower.startsWith('forallvalues:') || !['stringequals', 'stringequalsignorecase', 'stringlike'].includes(base)) {
      return false;
    }
    if (block === null || typeof block !== 'object') {
      return false;
    }
    return Object.entries(block as { [key: string]: unknown }).some(([key, values]) => {
      const list = asList(values);
      return key.toLowerCase() === 'sts:externalid' && list.length > 0 && list.every(pinsAValue);
    });
  });
}

/** A value that names one external id: a non-empty string without wildcards, or an intrinsic (a parameter, a secret). */
function pinsAValue(value: unknown): boolean {
  if (typeof value === 'string') {
    return value.trim() !== '' && !/[*?]/.test(value);
  }
  return value !== null && typeof value === 'object';
}
