import { CfnResource } from 'aws-cdk-lib';
import { IamAction, wildcardRegex } from '../../../policy/iam/catalogue';
import { coversEveryResourceOf } from '../../../policy/iam/resource-coverage';
import { asList } from '../../../policy/template-json';
import { PolicyStatementJson, resourcePatternsOf, statementsOf } from '../../policy-document';
import { rendered, templateContextOf } from '../../template-view';

/** Resource types that carry one identity-based policy document in `PolicyDocument`. */
const POLICY_DOCUMENT_TYPES = [
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::GroupPolicy',
];

/** Resource types that carry inline policies in `Policies` and attach managed policies in `ManagedPolicyArns`. */
export const IAM_IDENTITY_TYPES = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'];

/** The resource types whose identity-based policies the IAM policy rules read. */
export const IDENTITY_POLICY_CARRIER_TYPES = [...POLICY_DOCUMENT_TYPES, ...IAM_IDENTITY_TYPES];

/** Whether the IAM policy rules read this resource type. */
export function carriesIdentityPolicies(type: string): boolean {
  return IDENTITY_POLICY_CARRIER_TYPES.includes(type);
}

/**
 * The identity-based policy statements a resource carries: the document of an
 * `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy` (or the newer `AWS::IAM::RolePolicy`,
 * `UserPolicy`, `GroupPolicy`), or the inline `Policies` of a role, user or group.
 * Trust policies (`AssumeRolePolicyDocument`) are not identity-based policies and are left out.
 */
export function identityStatementsOf(node: CfnResource): PolicyStatementJson[] {
  const { type, properties } = rendered(node);
  if (POLICY_DOCUMENT_TYPES.includes(type)) {
    return statementsOf(properties.PolicyDocument, templateContextOf(node));
  }
  if (IAM_IDENTITY_TYPES.includes(type)) {
    return asList(properties.Policies as unknown[])
      .flatMap(policy => statementsOf((policy as { PolicyDocument?: unknown } | null)?.PolicyDocument, templateContextOf(node)));
  }
  return [];
}

/** The Allow statements of a resource's identity-based policies. */
export function allowStatementsOf(node: CfnResource): PolicyStatementJson[] {
  return identityStatementsOf(node).filter(statement => statement.Effect === 'Allow');
}

/** The `NotAction` values of a statement, as strings. */
export function notActionsOf(statement: PolicyStatementJson): string[] {
  return asList(statement.NotAction as string | string[]).filter((action): action is string => typeof action === 'string');
}

/**
 * Whether the statement applies to every resource (of the action's types, when one is given):
 * it uses `NotResource` (everything but a list is, for a least-privilege review, everything), or a
 * `Resource` is `*` or an ARN pattern that matches every resource of the action's types
 * (`arn:aws:iam::*:role/*` for `iam:PassRole`).
 */
export function reachesEveryResource(statement: PolicyStatementJson, action?: IamAction): boolean {
  if (statement.NotResource !== undefined) {
    return true;
  }
  return resourcePatternsOf(statement).some(resource => resource.trim() === '*' || (action !== undefined && coversEveryResourceOf(resource, action)));
}

/**
 * Whether an IAM action pattern (`s3:Get*`, `iam:Pass?ole`, `*`) matches an action. IAM action
 * names are case-insensitive, and `*` and `?` are their only wildcards.
 */
export function actionPatternMatches(pattern: string, action: string): boolean {
  let regex = PATTERN_REGEXES.get(pattern);
  if (regex === undefined) {
    regex = wildcardRegex(pattern);
    PATTERN_REGEXES.set(pattern, regex);
  }
  return regex.test(action);
}

/** Compiled patterns: the rules ask about the same few patterns for every statement. */
const PATTERN_REGEXES = new Map<string, RegExp>();

/** Whether the action pattern allows `iam:PassRole`. */
export function allowsPassRole(action: string): boolean {
  return actionPatternMatches(action, 'iam:PassRole');
}

/** Each value once, in first-seen order. */
export function unique(values: string[]): string[] {
  return [...new Set(values)];
}
