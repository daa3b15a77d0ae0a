import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { actionPatternMatches, allowStatementsOf, IAM_IDENTITY_TYPES, notActionsOf, reachesEveryResource } from './iam-policies';
import { PRINCIPAL_POLICY_TYPES, principalsOf, principalStatementsOf } from './principal-policies';
import { findAction, IamAction } from '../../../policy/iam/catalogue';
import { actionsOf, PolicyStatementJson } from '../../policy-document';

/**
 * One principal (a role, user or group) holds a known IAM privilege-escalation path: permissions
 * that let it give itself, or take, more permissions than it was granted. How each escalates:
 *
 * - `iam:PassRole` on every role + `lambda:CreateFunction`: create a function that runs with any
 *   role of the account, an administrator's included, and run code as that role.
 * - `iam:PassRole` on every role + `lambda:UpdateFunctionConfiguration`: swap an existing
 *   function's role for any role of the account, and act as it the next time the function runs.
 * - `iam:CreatePolicyVersion`: write a new default version of a managed policy it holds, saying `*`.
 * - `iam:SetDefaultPolicyVersion`: make an older, broader version of a policy it holds the default.
 * - `iam:AttachRolePolicy`, `iam:AttachUserPolicy`, `iam:AttachGroupPolicy`: attach
 *   `AdministratorAccess` to itself (or to a role it can assume, or a group it is in).
 * - `iam:PutRolePolicy`, `iam:PutUserPolicy`, `iam:PutGroupPolicy`: write an inline policy that
 *   allows `*` into itself.
 * - `iam:UpdateAssumeRolePolicy`: make any role, an administrator's included, trust it, then assume it.
 * - `iam:CreateAccessKey`: mint long-lived keys for any user, an administrator's included.
 * - `iam:CreateLoginProfile`, `iam:UpdateLoginProfile`: set the console password of any user and
 *   sign in as that user.
 * - `sts:AssumeRole` on every role: become any role that trusts the account (every role whose trust
 *   policy names the account root trusts whoever the account's policies allow).
 * - `lambda:UpdateFunctionCode` on every function: replace the code of any function, and run as
 *   its role.
 *
 * The principal's permissions are gathered from one template (`principal-policies.ts`): its inline
 * `Policies`, and every `AWS::IAM::Policy`, `ManagedPolicy`, `RolePolicy`, `UserPolicy` and
 * `GroupPolicy` attached to it by reference, so a path split across two policies of one role is
 * still found; permissions split between two principals are no path. The finding is reported on
 * the principal; a policy attached to no principal of its template is judged alone, and reported
 * on the policy.
 *
 * How each permission is judged:
 * - Allow statements only. A `Deny` is not subtracted (a least-privilege review reads what is
 *   granted), and a `Condition` does not make a statement compliant: the keys that go with these
 *   actions (`iam:PassedToService`, `iam:PolicyARN`) narrow how, not whether, the path is open.
 * - Actions are judged by what a pattern expands to: `iam:Put*Policy`, `iam:*`, `*`, and `NotAction`
 *   statements that do not exclude the action all grant it.
 * - Resources must reach every resource of the action's type (`reachesEveryResource`: `*`,
 *   `NotResource`, or a pattern such as `arn:aws:iam::*:role/*` or `arn:aws:iam::111111111111:user/*`).
 *   An action scoped to named resources is no finding, even when a named resource is powerful:
 *   `iam:CreatePolicyVersion` on one named policy, or `sts:AssumeRole` on one role ARN, is a
 *   deliberate grant that this rule cannot judge without knowing what the named resource holds.
 * - For the two `iam:PassRole` pairs, `iam:PassRole` must reach every role, and the Lambda action
 *   may be on any resource: a function of any one permitted name can be created, or reconfigured,
 *   with the passed role. `iam:PassRole` on one named role plus `lambda:CreateFunction` is clean.
 *
 * One finding per path, named after it: `Escalation::iam:PassRole+lambda:CreateFunction`,
 * `Escalation::iam:PutRolePolicy`, `Escalation::sts:AssumeRole`.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  let statements: PolicyStatementJson[];
  if (IAM_IDENTITY_TYPES.includes(node.cfnResourceType)) {
    statements = principalStatementsOf(node).filter(statement => statement.Effect === 'Allow');
  } else if (PRINCIPAL_POLICY_TYPES.includes(node.cfnResourceType)) {
    if (principalsOf(node).length > 0) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    statements = allowStatementsOf(node);
  } else {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const findings = escalationPaths(statements);
  return findings.length > 0 ? findings.map(path => `Escalation::${path}`) : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });

/** Actions that escalate alone when they reach every resource of their type. */
export const SINGLE_ACTION_PATHS = [
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:AttachRolePolicy',
  'iam:AttachUserPolicy',
  'iam:AttachGroupPolicy',
  'iam:PutRolePolicy',
  'iam:PutUserPolicy',
  'iam:PutGroupPolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'sts:AssumeRole',
  'lambda:UpdateFunctionCode',
];

/** Lambda actions that, with `iam:PassRole` on every role, run code as any role. */
export const PASS_ROLE_PARTNERS = ['lambda:CreateFunction', 'lambda:UpdateFunctionConfiguration'];

/** The escalation paths the Allow statements of one principal open, as `iam:PutRolePolicy` or `iam:PassRole+lambda:CreateFunction`. */
export function escalationPaths(statements: PolicyStatementJson[]): string[] {
  // Each statement's action patterns are read once, not once per path: a principal's statements
  // are asked about every path.
  const granting = statements.map(actionPatternsOf);
  const paths: string[] = [];
  const passRole = catalogueAction('iam:PassRole');
  if (granting.some(statement => grantsOnEveryResource(statement, passRole))) {
    paths.push(...PASS_ROLE_PARTNERS
      .filter(partner => granting.some(statement => grants(statement, catalogueAction(partner).fullName)))
      .map(partner => `${passRole.fullName}+${catalogueAction(partner).fullName}`));
  }
  for (const name of SINGLE_ACTION_PATHS) {
    const action = catalogueAction(name);
    if (granting.some(statement => grantsOnEveryResource(statement, action))) {
      paths.push(action.fullName);
    }
  }
  return paths;
}

/** A statement with the escalation actions its action patterns match, read once. */
interface StatementPatterns {
  readonly statement: PolicyStatementJson;
  /** The escalation actions its `NotAction` patterns match when it has `NotAction`, its `Action` patterns' otherwise. */
  readonly matched: ReadonlySet<string>;
  readonly notAction: boolean;
}

function actionPatternsOf(statement: PolicyStatementJson): StatementPatterns {
  const notAction = statement.NotAction !== undefined;
  const matched = new Set<string>();
  for (const pattern of notAction ? notActionsOf(statement) : actionsOf(statement)) {
    escalationActionsMatchedBy(pattern.trim()).forEach(action => matched.add(action));
  }
  return { statement, matched, notAction };
}

/** Every action an escalation path names, as the catalogue spells it (read when first asked: the catalogue loads lazily). */
let escalationActions: readonly string[] | undefined;

/**
 * The escalation actions one action pattern matches. Apps repeat the same few patterns in every
 * role (`logs:PutLogEvents`, `dynamodb:GetItem`), so each is matched against the list once.
 */
function escalationActionsMatchedBy(pattern: string): readonly string[] {
  let matched = MATCHED_BY_PATTERN.get(pattern);
  if (matched === undefined) {
    escalationActions ??= ['iam:PassRole', ...PASS_ROLE_PARTNERS, ...SINGLE_ACTION_PATHS].map(name => catalogueAction(name).fullName);
    matched = escalationActions.filter(action => actionPatternMatches(pattern, action));
    if (MATCHED_BY_PATTERN.size >= MAX_REMEMBERED_PATTERNS) {
      MATCHED_BY_PATTERN.clear();
    }
    MATCHED_BY_PATTERN.set(pattern, matched);
  }
  return matched;
}

const MATCHED_BY_PATTERN = new Map<string, readonly string[]>();
const MAX_REMEMBERED_PATTERNS = 10_000;

/**
 * Whether the statement grants the action, on any resource: one of its action patterns expands to
 * it (a pattern matches an action exactly when the catalogue's expansion of it holds the action),
 * or it is a `NotAction` statement that does not exclude it.
 */
function grants(statement: StatementPatterns, actionName: string): boolean {
  const matched = statement.matched.has(actionName);
  return statement.notAction ? !matched : matched;
}

/** Whether the statement grants the action on every resource of the action's type. */
function grantsOnEveryResource(statement: StatementPatterns, action: IamAction): boolean {
  return grants(statement, action.fullName) && reachesEveryResource(statement.statement, action);
}

/** The catalogue's entry for an action this rule names; a name missing from the catalogue is a bug here. */
function catalogueAction(name: string): IamAction {
  const action = findAction(name);
  if (action === undefined) {
    throw new Error(`IAMPrivilegeEscalation: the IAM catalogue has no action ${name}`);
  }
  return action;
}
