import { AssemblyMetadataEntry } from './assembly';

/** The construct metadata type by which the cloud assembly names the logical id of a resource. */
const LOGICAL_ID = 'aws:cdk:logicalId';

/** The path suffix of the resource by which a parent stack deploys a nested stack. */
const NESTED_STACK_RESOURCE = /\.NestedStack\/[^/]+\.NestedStackResource$/;

/** One `aws:cdk:logicalId` entry: a resource's logical id and its construct path (without the leading `/`). */
export interface LogicalIdEntry {
  readonly logicalId: string;
  readonly path: string;
}

/** The logical ids that construct metadata records, with their construct paths. */
export function logicalIdEntries(metadata: { readonly [path: string]: readonly AssemblyMetadataEntry[] }): LogicalIdEntry[] {
  const found: LogicalIdEntry[] = [];
  for (const [path, entries] of Object.entries(metadata ?? {})) {
    if (!Array.isArray(entries)) {
      continue;
    }
    for (const entry of entries) {
      if (entry !== null && typeof entry === 'object' && entry.type === LOGICAL_ID && typeof entry.data === 'string') {
        found.push({ logicalId: entry.data, path: path.replace(/^\//, '') });
      }
    }
  }
  return found;
}

/**
 * The construct paths of nested stacks, read from the resources that deploy them
 * (`Parent/Child.NestedStack/Child.NestedStackResource` deploys the stack at `Parent/Child`).
 */
export function nestedStackPaths(entries: readonly LogicalIdEntry[]): string[] {
  return entries.filter(entry => NESTED_STACK_RESOURCE.test(entry.path)).map(entry => entry.path.replace(NESTED_STACK_RESOURCE, ''));
}

/**
 * The construct path of each logical id of one template, for templates synthesized without
 * `aws:cdk:path` metadata (an app synthesized by `app.synth()` rather than the CDK CLI writes
 * none): the cloud assembly still records every resource's logical id at its construct path,
 * which is where `Validations.of(construct).acknowledge` records its acknowledgements.
 *
 * Logical ids are unique within one template only: `inNested` picks the entries under one of
 * `nested` (the resources of nested stacks' templates) or outside all of them (the stack's
 * own), and a logical id with two candidate paths is left out rather than guessed.
 */
export function constructPathsByLogicalId(entries: readonly LogicalIdEntry[], nested: readonly string[], inNested: boolean): Map<string, string> {
  const candidates = new Map<string, Set<string>>();
  for (const { logicalId, path } of entries) {
    const underNested = nested.some(prefix => path.startsWith(`${prefix}/`));
    if (underNested === inNested) {
      candidates.set(logicalId, (candidates.get(logicalId) ?? new Set()).add(path));
    }
  }
  const paths = new Map<string, string>();
  candidates.forEach((found, logicalId) => {
    if (found.size === 1) {
      paths.set(logicalId, [...found][0]);
    }
  });
  return paths;
}
