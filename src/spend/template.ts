/**
 * Templates as the worst-case model reads them: plain CloudFormation JSON, no constructs.
 * The CLI's report reads them with these helpers too (this layer never imports the CLI).
 */
import { wildcardRegex } from '../policy/iam/catalogue';

/** One resource: its rendered properties, by logical id. */
export interface SpendResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: { readonly [key: string]: any };
  /** The `aws:cdk:path` metadata, or the logical id. */
  readonly path: string;
}

/** One template. */
export interface SpendTemplate {
  /** The template file, as the user named it. */
  readonly template: string;
  readonly resources: readonly SpendResource[];
  /** Parameter defaults, by parameter name. */
  readonly parameterDefaults: ReadonlyMap<string, unknown>;
}

/** The model of a parsed CloudFormation template (JSON as synthesis writes it). */
export function spendTemplateOf(name: string, json: unknown): SpendTemplate {
  const body = (json ?? {}) as { Resources?: { [id: string]: any }; Parameters?: { [id: string]: any } };
  const resources = Object.entries(body.Resources ?? {})
    .filter(([, resource]) => resource !== null && typeof resource === 'object' && typeof resource.Type === 'string')
    .map(([logicalId, resource]) => ({
      logicalId,
      type: resource.Type as string,
      properties: (resource.Properties ?? {}) as { [key: string]: any },
      path: typeof resource.Metadata?.['aws:cdk:path'] === 'string' ? resource.Metadata['aws:cdk:path'] as string : logicalId,
    }));
  const parameterDefaults = new Map<string, unknown>();
  for (const [parameter, definition] of Object.entries(body.Parameters ?? {})) {
    if (definition?.Default !== undefined) {
      parameterDefaults.set(parameter, definition.Default);
    }
  }
  return { template: name, resources, parameterDefaults };
}

/** A number from a literal, a numeric string or a `Ref` to a parameter with a numeric default. */
export function numberOf(value: unknown, parameterDefaults: ReadonlyMap<string, unknown>): number | undefined {
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) {
    return Number(value);
  }
  const ref = (value as { Ref?: unknown } | null)?.Ref;
  if (typeof ref === 'string' && parameterDefaults.has(ref)) {
    return numberOf(parameterDefaults.get(ref), new Map());
  }
  return undefined;
}

/** Every string inside a value, joined: enough to find `dynamodb:action/PutItem` in an integration URI. */
export function textInside(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value !== 'object') {
    return String(value);
  }
  return (Array.isArray(value) ? value : Object.values(value as object)).map(textInside).join(' ');
}

/** Whether an IAM action pattern (`*`, `?`) covers an action, case-insensitively, as IAM compares them. */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardRegex(pattern).test(action);
}
