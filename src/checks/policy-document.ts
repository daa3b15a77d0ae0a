import { conditionNarrows } from '../policy/conditions';
import { branches, hasVariants, possibleStrings, TemplateContext } from '../policy/intrinsics';
import { asList } from '../policy/template-json';

/** One statement of a rendered IAM or resource policy document. */
export interface PolicyStatementJson {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly NotPrincipal?: unknown;
  readonly Action?: unknown;
  readonly NotAction?: unknown;
  readonly Resource?: unknown;
  readonly NotResource?: unknown;
  readonly Condition?: { [operator: string]: { [key: string]: unknown } };
}

/**
 * The statements of a rendered policy document (an object, or a JSON string), in every variant the
 * template allows: each `Fn::If` picks either branch (a statement under a condition is judged like
 * any other), `AWS::NoValue` removes what it stands for, and `Fn::Join`, `Fn::Sub`, `Fn::Select`
 * and `Fn::Split` of literals and parameter values (from `context`) are evaluated. A statement that
 * is the same in several variants is returned once.
 */
export function statementsOf(document: unknown, context?: TemplateContext): PolicyStatementJson[] {
  const parsed = typeof document === 'string' ? safeParse(document) : document;
  if (parsed === null || typeof parsed !== 'object') {
    return [];
  }
  if (!hasVariants(parsed, context)) {
    return asList((parsed as { Statement?: PolicyStatementJson | PolicyStatementJson[] }).Statement)
      .filter(item => item !== null && typeof item === 'object');
  }
  const seen = new Map<string, PolicyStatementJson>();
  for (const variant of branches(parsed, context)) {
    const statements = asList((variant.value as { Statement?: PolicyStatementJson | PolicyStatementJson[] } | null)?.Statement);
    for (const statement of statements.filter(item => item !== null && typeof item === 'object')) {
      seen.set(JSON.stringify(statement), statement);
    }
  }
  return [...seen.values()];
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The actions of a statement, as strings: literals, and intrinsics whose every piece is known
 * (`Fn::Join` of `s3:` and a parameter whose default is `*`). Actions with an unknown piece
 * cannot be read and are left out.
 */
export function actionsOf(statement: PolicyStatementJson): readonly string[] {
  return remembered(ACTIONS, statement, () => asList(statement.Action as unknown).flatMap(action => typeof action === 'string'
    ? [action]
    : possibleStrings(action).filter(candidate => candidate.complete).map(candidate => candidate.text)));
}

/**
 * The resources of a statement as patterns to judge: literals, and every value an intrinsic may
 * take, with each piece known only at deploy time (`{ Ref: 'AWS::Partition' }`, a bucket's
 * `Fn::GetAtt`) written as `UNKNOWN_MARKER`, which holds no wildcard: it stands for one concrete
 * value, so it never makes a pattern broader.
 */
export function resourcePatternsOf(statement: PolicyStatementJson): readonly string[] {
  return remembered(RESOURCE_PATTERNS, statement, () => asList(statement.Resource as unknown).flatMap(resource => typeof resource === 'string'
    ? [resource]
    : possibleStrings(resource).map(candidate => candidate.text)));
}

/**
 * What `actionsOf` and `resourcePatternsOf` read from each statement object. The rules ask the
 * same statement about many actions (a role's statements, for each escalation path), and a
 * statement's intrinsics are costly to expand. A statement object is only read, never changed,
 * and each run reads new ones (from the templates, or rendered again), so nothing outlives the
 * objects it was read from; the lists are frozen, so no caller can change what another reads.
 */
const ACTIONS = new WeakMap<object, readonly string[]>();
const RESOURCE_PATTERNS = new WeakMap<object, readonly string[]>();

function remembered(cache: WeakMap<object, readonly string[]>, statement: PolicyStatementJson, read: () => string[]): readonly string[] {
  if (statement === null || typeof statement !== 'object') {
    return read();
  }
  let values = cache.get(statement);
  if (values === undefined) {
    values = Object.freeze(read());
    cache.set(statement, values);
  }
  return values;
}

/** The resources of a statement: strings, and intrinsics rendered as JSON text. */
export function resourcesOf(statement: PolicyStatementJson): string[] {
  return asList(statement.Resource as unknown).map(resource => typeof resource === 'string' ? resource : JSON.stringify(resource));
}

/** Whether a principal is everyone: `*`, `{ AWS: '*' }` or a list that contains `*`. */
export function isAnyPrincipal(principal: unknown): boolean {
  if (principal === '*') {
    return true;
  }
  if (principal === null || typeof principal !== 'object') {
    return false;
  }
  return Object.values(principal as object).some(value => asList(value).includes('*'));
}

/** The service principals of a statement (`lambda.amazonaws.com`…). */
export function servicePrincipalsOf(principal: unknown): string[] {
  if (principal === null || typeof principal !== 'object') {
    return [];
  }
  return asList((principal as { Service?: unknown }).Service).filter((service): service is string => typeof service === 'string');
}

/**
 * Whether the statement has a condition that scopes it to an account, organization, source or
 * network: judged by what the condition allows, in the policy model's one judgement.
 */
export function hasScopingCondition(statement: PolicyStatementJson): boolean {
  return conditionNarrows(statement.Condition);
}

/**
 * An Allow statement for any principal (`*`), or for everyone but a `NotPrincipal`, without a
 * scoping condition: it grants the world.
 */
export function grantsAnyone(statement: PolicyStatementJson): boolean {
  const everyone = isAnyPrincipal(statement.Principal) || statement.NotPrincipal !== undefined;
  return statement.Effect === 'Allow' && everyone && !hasScopingCondition(statement);
}

/**
 * Whether the statements deny, to everyone, requests that do not use TLS (`aws:SecureTransport`
 * false): for every action (`*` or `service:*`), or at least for all of `requiredActions`
 * (an SNS topic's TLS-only policy denies `sns:Publish`).
 */
export function deniesInsecureTransport(statements: PolicyStatementJson[], requiredActions: string[] = []): boolean {
  return statements.some(statement => {
    if (statement.Effect !== 'Deny' || !isAnyPrincipal(statement.Principal)) {
      return false;
    }
    const secureTransport = statement.Condition?.Bool?.['aws:SecureTransport'];
    const deniesWithoutTls = asList(secureTransport).some(value => value === false || value === 'false');
    const actions = actionsOf(statement);
    const coversAllActions = actions.some(action => action === '*' || action.endsWith(':*'));
    const coversRequired = requiredActions.length > 0 && requiredActions.every(required => actions.includes(required));
    return deniesWithoutTls && (coversAllActions || coversRequired);
  });
}
