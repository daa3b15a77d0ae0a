import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join, resolve } from 'path';
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
}

interface ManifestArtifact {
  readonly type?: string;
  readonly properties?: { readonly templateFile?: string; readonly directoryName?: string };
  readonly metadata?: { [path: string]: AssemblyMetadataEntry[] };
  readonly additionalMetadataFile?: string;
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
  const templates = assemblyTemplates(absolute, given, new Set());
  if (templates.length === 0) {
    throw inputError(`${given}: the cloud assembly has no stack templates (its manifest.json lists no aws:cloudformation:stack artifact)`);
  }
  return templates;
}

function assemblyTemplates(directory: string, display: string, seen: Set<string>): TemplateSource[] {
  if (seen.has(directory)) {
    return [];
  }
  seen.add(directory);
  const artifacts = readManifest(directory, display);
  const metadata = new Map<string, AssemblyMetadataEntry[]>();
  const stackFiles: string[] = [];
  const nestedAssemblies: string[] = [];
  for (const artifact of Object.values(artifacts)) {
    if (artifact.type === 'aws:cloudformation:stack' && artifact.properties?.templateFile) {
      stackFiles.push(artifact.properties.templateFile);
      addMetadata(metadata, artifact.metadata ?? {});
      if (artifact.additionalMetadataFile) {
        const file = artifact.additionalMetadataFile;
        addMetadata(metadata, readJson(join(directory, file), join(display, file)) as { [path: string]: AssemblyMetadataEntry[] });
      }
    } else if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      nestedAssemblies.push(artifact.properties.directoryName);
    }
  }
  // Nested stacks' templates are file assets of their parent, named `*.nested.template.json`.
  const nestedStackFiles = readdirSync(directory).filter(name => name.endsWith('.nested.template.json')).sort();
  const own = [...stackFiles, ...nestedStackFiles].map(file => ({
    file: join(directory, file),
    display: join(display, file),
    metadata,
  }));
  return [
    ...own,
    ...nestedAssemblies.flatMap(name => assemblyTemplates(join(directory, name), join(display, name), seen)),
  ];
}

function readManifest(directory: string, display: string): { [id: string]: ManifestArtifact } {
  const manifest = readJson(join(directory, 'manifest.json'), join(display, 'manifest.json')) as { artifacts?: { [id: string]: ManifestArtifact } };
  return manifest?.artifacts ?? {};
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
  } catch (error) {
    throw inputError(`${display}: not valid JSON (${(error as Error).message})`);
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
