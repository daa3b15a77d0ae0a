import { AssemblyMetadata, metadataAt } from './assembly';

/**
 * A finding acknowledged on a resource: in its template metadata the cdk-nag 2 way
 * (`Metadata.cdk_nag.rules_to_suppress`, which our constructs also write), or in the cloud
 * assembly the cdk-nag 3 way (`Validations.of(construct).acknowledge`).
 */
export interface Acknowledgement {
  /** The rule id, with the finding suffix where there is one (`AwsSolutions-IAM5[Resource::*]`). */
  readonly id: string;
  readonly reason: string;
  /**
   * cdk-nag 2's `appliesTo`: the finding suffixes (strings, or `{ regex }`) that the entry
   * covers. Without it, a template entry for a rule covers every finding of the rule.
   */
  readonly appliesTo?: readonly unknown[];
  /** Whether the id must match exactly (cdk-nag 3 acknowledgements do not cover suffixed findings). */
  readonly exact: boolean;
  /**
   * Where it is written, for warnings about it: the construct path (or logical id) it is
   * recorded on, in the resource's or the template's metadata, or in the cloud assembly.
   */
  readonly declared?: { readonly at: string; readonly in: 'resource metadata' | 'template metadata' | 'cloud assembly' };
}

/** The cdk-nag 3 metadata type that `Validations.acknowledge` records. */
const ACKNOWLEDGED_RULES = 'aws:cdk:acknowledged-rules';

/**
 * The entries of a `cdk_nag.rules_to_suppress` metadata value (resource or template level);
 * `declaredAt` names the resource (its construct path or logical id), or nothing for the template's.
 */
export function templateAcknowledgements(metadata: unknown, declaredAt?: string): Acknowledgement[] {
  const rules = (metadata as { cdk_nag?: { rules_to_suppress?: unknown } } | undefined)?.cdk_nag?.rules_to_suppress;
  if (!Array.isArray(rules)) {
    return [];
  }
  return rules
    .filter((rule): rule is { id: string; reason?: unknown; applies_to?: unknown; appliesTo?: unknown } =>
      rule !== null && typeof rule === 'object' && typeof (rule as { id?: unknown }).id === 'string')
    .map(rule => {
      const appliesTo = rule.applies_to ?? rule.appliesTo;
      return {
        id: rule.id,
        reason: typeof rule.reason === 'string' ? rule.reason : '',
        appliesTo: Array.isArray(appliesTo) ? appliesTo : undefined,
        exact: false,
        declared: declaredAt !== undefined
          ? { at: declaredAt, in: 'resource metadata' as const }
          : { at: 'the template', in: 'template metadata' as const },
      };
    });
}

/**
 * The acknowledgements the cloud assembly records for a construct path and its ancestors, as
 * cdk-nag 3 looks them up (an acknowledgement on a construct covers the resources under it).
 */
export function assemblyAcknowledgements(metadata: AssemblyMetadata, path: string | undefined): Acknowledgement[] {
  if (path === undefined) {
    return [];
  }
  const segments = path.split('/');
  const found: Acknowledgement[] = [];
  for (let length = segments.length; length > 0; length--) {
    const at = segments.slice(0, length).join('/');
    for (const entry of metadataAt(metadata, at)) {
      if (entry.type !== ACKNOWLEDGED_RULES || entry.data === null || typeof entry.data !== 'object') {
        continue;
      }
      for (const [key, reason] of Object.entries(entry.data as { [key: string]: unknown })) {
        found.push({ id: key.replace(/^annotation::/i, ''), reason: String(reason), exact: true, declared: { at, in: 'cloud assembly' } });
      }
    }
  }
  return found;
}

/** Every acknowledgement the cloud assembly records, on any construct (with resources under it or not). */
export function allAssemblyAcknowledgements(metadata: AssemblyMetadata): Acknowledgement[] {
  return [...metadata.keys()].flatMap(path => assemblyAcknowledgements(new Map([[path, metadata.get(path)!]]), path)
    .filter(acknowledgement => acknowledgement.declared?.at === path));
}

/** The acknowledgement that covers a finding id, if any. */
export function acknowledgementFor(findingId: string, acknowledgements: readonly Acknowledgement[]): Acknowledgement | undefined {
  return acknowledgements.find(acknowledgement => covers(acknowledgement, findingId));
}

/** Whether an acknowledgement covers a finding id. */
export function covers(acknowledgement: Acknowledgement, findingId: string): boolean {
  if (acknowledgement.id === findingId) {
    return true;
  }
  const bracket = findingId.indexOf('[');
  const ruleId = bracket < 0 ? findingId : findingId.slice(0, bracket);
  const suffix = bracket < 0 ? undefined : findingId.slice(bracket + 1, -1);
  if (acknowledgement.exact || suffix === undefined || acknowledgement.id !== ruleId) {
    return false;
  }
  return acknowledgement.appliesTo === undefined || acknowledgement.appliesTo.some(pattern => matchesSuffix(pattern, suffix));
}

function matchesSuffix(pattern: unknown, suffix: string): boolean {
  if (typeof pattern === 'string') {
    return pattern === suffix;
  }
  const regex = (pattern as { regex?: unknown } | null)?.regex;
  if (typeof regex !== 'string') {
    return false;
  }
  try {
    return toRegExp(regex).test(suffix);
  } catch {
    return false;
  }
}

/** cdk-nag 2 writes regexes in literal form (`/^Resource::arn:(.*)\*$/g`); plain text works too. */
function toRegExp(text: string): RegExp {
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(text);
  // Drop `g` and `y`: they make `test` stateful.
  return literal ? new RegExp(literal[1], literal[2].replace(/[gy]/g, '')) : new RegExp(text);
}
