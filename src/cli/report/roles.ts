import { ModelResource, ofType, TemplateModel } from './template-model';
import { describeValue } from './values';
import { actionsOf, statementsOf } from '../../checks/policy-document';
import { asList, refersTo } from '../../policy/template-json';
import { actionMatches } from '../../spend/template';

/** One statement of a function's role, as a reviewer reads it. */
export interface RoleStatement {
  /** `Allow` or `Deny`. */
  readonly effect: string;
  /** The actions; `NotAction` entries are prefixed with `not `. */
  readonly actions: readonly string[];
  /** The resources, intrinsics shown as `${LogicalId.Attribute}`; `NotResource` entries prefixed with `not `. */
  readonly resources: readonly string[];
  /** Where the statement comes from: the role's inline policy or the policy resource's logical id. */
  readonly source: string;
}

/** What a function's execution role allows. */
export interface RoleInventory {
  /** The role's logical id, or its ARN when the role is not in the template. */
  readonly role: string;
  readonly statements: readonly RoleStatement[];
  /** Managed policies attached by ARN (AWS managed or from elsewhere): their content is not in the template. */
  readonly managedPolicyArns: readonly string[];
}

/** The actions that read a secret's value: Secrets Manager secrets and SSM parameters. */
const SECRET_READ_ACTIONS = ['secretsmanager:GetSecretValue', 'ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'];

/** The role of a function and every statement that applies to it in the template. */
export function roleOf(model: TemplateModel, fn: ModelResource): RoleInventory | undefined {
  const roleValue = fn.properties.Role;
  if (roleValue === undefined) {
    return undefined;
  }
  const role = model.resources.find(resource => resource.type === 'AWS::IAM::Role' && refersTo(roleValue, resource.logicalId));
  if (!role) {
    return { role: describeValue(roleValue), statements: [], managedPolicyArns: [] };
  }
  const statements: RoleStatement[] = [];
  for (const policy of asList(role.properties.Policies as Array<{ PolicyName?: unknown; PolicyDocument?: unknown }>)) {
    statements.push(...describeStatements(policy?.PolicyDocument, `${role.logicalId} inline policy ${describeValue(policy?.PolicyName)}`));
  }
  const managedPolicyArns: string[] = [];
  for (const arn of asList(role.properties.ManagedPolicyArns as unknown[])) {
    const local = ofType(model, 'AWS::IAM::ManagedPolicy').find(policy => refersTo(arn, policy.logicalId));
    if (local) {
      statements.push(...describeStatements(local.properties.PolicyDocument, local.logicalId));
    } else {
      managedPolicyArns.push(describeValue(arn));
    }
  }
  // Policies that attach themselves to the role (the CDK's DefaultPolicy, grants, ManagedPolicy roles: [...]).
  for (const policy of model.resources.filter(resource => (resource.type === 'AWS::IAM::Policy' || resource.type === 'AWS::IAM::ManagedPolicy')
    && asList(resource.properties.Roles as unknown[]).some(item => refersTo(item, role.logicalId)))) {
    statements.push(...describeStatements(policy.properties.PolicyDocument, policy.logicalId));
  }
  return { role: role.logicalId, statements, managedPolicyArns };
}

function describeStatements(document: unknown, source: string): RoleStatement[] {
  return statementsOf(document).map(statement => ({
    effect: String(statement.Effect ?? 'Allow'),
    actions: [
      ...actionsOf(statement),
      ...asList(statement.NotAction as unknown[]).map(action => `not ${describeValue(action)}`),
    ],
    resources: [
      ...asList(statement.Resource as unknown[]).map(describeValue),
      ...asList(statement.NotResource as unknown[]).map(resource => `not ${describeValue(resource)}`),
    ],
    source,
  }));
}

/**
 * The secrets a role can read: the resources of Allow statements whose actions cover
 * `secretsmanager:GetSecretValue` or `ssm:GetParameter*` (wildcards such as `secretsmanager:*`
 * or `*` included). `NotAction` statements are counted when they do not exclude those actions.
 */
export function readableSecrets(role: RoleInventory | undefined): string[] {
  if (!role) {
    return [];
  }
  const found = new Set<string>();
  for (const statement of role.statements) {
    if (statement.effect !== 'Allow') {
      continue;
    }
    const allowed = statement.actions.filter(action => !action.startsWith('not '));
    const excluded = statement.actions.filter(action => action.startsWith('not ')).map(action => action.slice(4));
    const readsSecrets = SECRET_READ_ACTIONS.some(target =>
      allowed.some(action => actionMatches(action, target))
      || (excluded.length > 0 && !excluded.some(action => actionMatches(action, target))));
    if (readsSecrets) {
      statement.resources.forEach(resource => found.add(resource));
    }
  }
  return [...found];
}

