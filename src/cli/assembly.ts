import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'fs';
import { join, resolve } from 'path';
import { constructPathsByLogicalId, LogicalIdEntry, logicalIdEntries, nestedStackPaths } from './assembly-logical-ids';
import { pathInsideAssembly } from './assembly-paths';
import { inputError } from './cli-error';

/** One entry of construct metadata, as the cloud assembly records it. */
export interface AssemblyMetadataEntry {
  readonly type: string;
  readonly data?: unknown;
}

/** Construct metadata of an assembly, by construct path without the leading `/`. */
export type AssemblyMetadata = ReadonlyMap<string, readonly AssemblyMetadataEntry[]>;

/** A template to check, and what its cloud assembly says about its constructs. */
export interface TemplateSource {
  /** The absolute path of the template file. */
  readonly file: string;
  /** The path as the user gave it (joined with the file's place in the assembly): what findings show. */
  readonly display: string;
  /** Construct metadata of the assembly the template belongs to; empty for a lone template. */
  readonly metadata: AssemblyMetadata;
  /**
   * The construct path of each of the template's logical ids, as the assembly records them
   * (`aws:cdk:logicalId`): how a resource of a template without `aws:cdk:path` metadata finds
   * the acknowledgements recorded on its construct. Logical ids the assembly does not tie to
   * one path are absent.
   * @default - none (a lone template)
   */
  readonly constructPaths?: ReadonlyMap<string, string>;
}

interface ManifestArtifact {
  readonly type?: string;
  readonly properties?: { readonly templateFile?: unknown; readonly directoryName?: unknown };
  readonly metadata?: { [path: string]: AssemblyMetadataEntry[] };
  readonly additionalMetadataFile?: unknown;
}

/**
 * The templates behind a path: every stack template of a cloud assembly (`cdk.out`, nested
 * stages' assemblies and nested stacks' templates included), or the one template file given.
 */
export function findTemplates(given: string, cwd: string): TemplateSource[] {
  const absolute = resolve(cwd, given);
  if (!existsSync(absolute)) {
    throw inputError(`${given}: no such file or directory`);
  }
  if (!statSync(absolute).isDirectory()) {
    return [{ file: absolute, display: given, metadata: new Map() }];
  }
  if (!existsSync(join(absolute, 'manifest.json'))) {
    throw inputError(`${given} is a directory without manifest.json: pass a cloud assembly (the cdk.out folder of cdk synth) or a template file`);
  }
  const root = realpathSync(absolute);
  const templates = assemblyTemplates(root, root, given, new Set());
  if (templates.length === 0) {
    throw inputError(`${given}: the cloud assembly has no stack templates (its manifest.json lists no aws:cloudformation:stack artifact)`);
  }
  return templates;
}

function assemblyTemplates(root: string, directory: string, display: string, seen: Set<string>): TemplateSource[] {
  if (seen.has(directory)) {
    return [];
  }
  seen.add(directory);
  const manifest = join(display, 'manifest.json');
  const artifacts = readManifest(root, directory, display);
  const metadata = new Map<string, AssemblyMetadataEntry[]>();
  const stackFiles: Array<{ file: string; display: string; logicalIds: LogicalIdEntry[] }> = [];
  const nestedAssemblies: Array<{ directory: string; display: string }> = [];
  for (const [id, artifact] of Object.entries(artifacts)) {
    if (artifact === null || typeof artifact !== 'object' || Array.isArray(artifact)) {
      throw inputError(`${manifest}: artifacts.${id} must be an object`);
    }
    if (artifact.type === 'aws:cloudformation:stack' && artifact.properties?.templateFile !== undefined) {
      const file = artifact.properties.templateFile;
      const real = pathInsideAssembly(root, directory, file, `artifacts.${id}.properties.templateFile`, manifest);
      const own = [artifact.metadata ?? {}];
      if (artifact.additionalMetadataFile !== undefined) {
        const extra = artifact.additionalMetadataFile;
        const realExtra = pathInsideAssembly(root, directory, extra, `artifacts.${id}.additionalMetadataFile`, manifest);
        own.push(readJson(realExtra, join(display, String(extra))) as { [path: string]: AssemblyMetadataEntry[] });
      }
      own.forEach(entries => addMetadata(metadata, entries));
      stackFiles.push({ file: real, display: join(display, String(file)), logicalIds: own.flatMap(entries => logicalIdEntries(entries)) });
    } else if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName !== undefined) {
      const name = artifact.properties.directoryName;
      const real = pathInsideAssembly(root, directory, name, `artifacts.${id}.properties.directoryName`, manifest);
      nestedAssemblies.push({ directory: real, display: join(display, String(name)) });
    }
  }
  // Each stack's logical ids are read from its own artifact: two stacks of one assembly can
  // have the same logical id. Nested stacks' resources are recorded in their parent's artifact.
  const allLogicalIds = stackFiles.flatMap(stack => stack.logicalIds);
  const nested = nestedStackPaths(allLogicalIds);
  const nestedConstructPaths = constructPathsByLogicalId(allLogicalIds, nested, true);
  // Nested stacks' templates are file assets of their parent, named `*.nested.template.json`;
  // a symlink among them must not lead outside the assembly either.
  const nestedStackFiles = readdirSync(directory).filter(name => name.endsWith('.nested.template.json')).sort().map(name => ({
    file: pathInsideAssembly(root, directory, name, `nested stack template ${name}`, join(display, name)),
    display: join(display, name),
    metadata,
    constructPaths: nestedConstructPaths,
  }));
  return [
    ...stackFiles.map(({ file, display: shown, logicalIds }) =>
      ({ file, display: shown, metadata, constructPaths: constructPathsByLogicalId(logicalIds, nested, false) })),
    ...nestedStackFiles,
    ...nestedAssemblies.flatMap(inner => assemblyTemplates(root, inner.directory, inner.display, seen)),
  ];
}

function readManifest(root: string, directory: string, display: string): { [id: string]: ManifestArtifact } {
  const file = pathInsideAssembly(root, directory, 'manifest.json', 'manifest.json', display);
  const manifest = readJson(file, join(display, 'manifest.json')) as { artifacts?: unknown } | null;
  const artifacts = manifest === null || typeof manifest !== 'object' ? undefined : manifest.artifacts;
  if (artifacts === undefined) {
    return {};
  }
  if (artifacts === null || typeof artifacts !== 'object' || Array.isArray(artifacts)) {
    throw inputError(`${join(display, 'manifest.json')}: artifacts must be an object`);
  }
  return artifacts as { [id: string]: ManifestArtifact };
}

function readJson(file: string, display: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw inputError(`${display}: cannot be read (${(error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch {
    // The parser's message quotes the text it choked on: never print file contents.
    throw inputError(`${display}: not valid JSON`);
  }
}

function addMetadata(target: Map<string, AssemblyMetadataEntry[]>, source: { [path: string]: AssemblyMetadataEntry[] }): void {
  for (const [path, entries] of Object.entries(source ?? {})) {
    if (!Array.isArray(entries)) {
      continue;
    }
    const key = path.replace(/^\//, '');
    target.set(key, [...(target.get(key) ?? []), ...entries]);
  }
}

/** The metadata entries recorded for a construct path. */
export function metadataAt(metadata: AssemblyMetadata, path: string): readonly AssemblyMetadataEntry[] {
  return metadata.get(path) ?? [];
}
