import { SubtreeAcknowledgement } from '../../core/subtree-acknowledgement';
import { LoadedTemplate } from '../template-loader';

/** An acknowledgement made with `SubtreeAcknowledgement.acknowledge`, and how far it reaches. */
export interface SubtreeReach {
  readonly id: string;
  readonly reason: string;
  /** The construct path of the subtree's root. */
  readonly path: string;
  /** The resources at or under the path, in every template of the run (the CDK's own metadata left out). */
  readonly resources: number;
}

/** Every subtree acknowledgement the cloud assemblies record, with the number of resources it covers. */
export function subtreeReach(templates: readonly LoadedTemplate[]): SubtreeReach[] {
  const paths = templates.flatMap(template => template.resources)
    .filter(resource => resource.type !== 'AWS::CDK::Metadata' && resource.cdkPath !== undefined)
    .map(resource => resource.cdkPath!);
  const found = new Map<string, SubtreeReach>();
  for (const metadata of new Set(templates.map(template => template.source.metadata))) {
    for (const [path, entries] of metadata) {
      for (const entry of entries) {
        const data = entry.data as { id?: unknown; reason?: unknown } | undefined;
        if (entry.type !== SubtreeAcknowledgement.METADATA_TYPE || typeof data?.id !== 'string') {
          continue;
        }
        const resources = paths.filter(candidate => candidate === path || candidate.startsWith(`${path}/`)).length;
        found.set(JSON.stringify([path, data.id]), { id: data.id, reason: String(data.reason ?? ''), path, resources });
      }
    }
  }
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path) || a.id.localeCompare(b.id));
}

/** The text section of the report: one line per subtree acknowledgement, with its reach. */
export function subtreeReachLines(reach: readonly SubtreeReach[]): string[] {
  if (reach.length === 0) {
    return [];
  }
  return [
    `Subtree acknowledgements (${reach.length})`,
    ...reach.map(item => `  ${item.id} on ${item.path}: covers ${item.resources} resource${item.resources === 1 ? '' : 's'} (${item.reason})`),
    '',
  ];
}
