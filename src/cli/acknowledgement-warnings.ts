import { Acknowledgement, allAssemblyAcknowledgements, covers } from './acknowledgements';
import { IncludedResource, LoadedTemplate } from './template-loader';
import { ACKNOWLEDGEMENT_WITHOUT_PACK, ACKNOWLEDGEMENT_WITHOUT_REASON, STALE_ACKNOWLEDGEMENT } from '../checks/acknowledgement-review';

/** A warning about an acknowledgement: it matches no finding, gives no reason, or names a rule without its pack. */
export interface AcknowledgementWarning {
  /** `SecureServerless-StaleAcknowledgement`, `-AcknowledgementWithoutReason` or `-AcknowledgementWithoutPack`, as the pack reports them. */
  readonly ruleId: string;
  /** The acknowledged id, as written. */
  readonly acknowledgedId: string;
  /** The construct path (or logical id) it is recorded on; `the template` for a template-level one. */
  readonly path: string;
  /** `resource metadata`, `template metadata` or `cloud assembly`. */
  readonly declaredIn: string;
  /** The template it was found with. */
  readonly template: string;
  readonly message: string;
}

/** A finding before acknowledgements: its id and the resource it is on. */
export interface RawFindingId {
  readonly id: string;
  readonly resource: IncludedResource;
}

interface Declared {
  readonly acknowledgement: Acknowledgement;
  readonly template: LoadedTemplate;
}

/**
 * Reviews the acknowledgements written in the templates and the cloud assembly, as the pack
 * reviews those of the construct tree: only the ids of the packs that ran (`packNames`) are
 * judged, since an acknowledgement of another pack's rule cannot be matched by this run.
 */
export function reviewAcknowledgements(
  templates: readonly LoadedTemplate[], raw: readonly RawFindingId[], packNames: readonly string[], ruleNames: ReadonlyMap<string, string>,
): AcknowledgementWarning[] {
  const matched = new Set<Acknowledgement>();
  for (const { id, resource } of raw) {
    resource.acknowledgements.filter(acknowledgement => covers(acknowledgement, id)).forEach(acknowledgement => matched.add(acknowledgement));
  }
  // One acknowledgement can be read once per resource it covers: group the copies.
  const declared = new Map<string, { first: Declared; matched: boolean }>();
  const seenMetadata = new Set<unknown>();
  const add = (acknowledgement: Acknowledgement, template: LoadedTemplate) => {
    const where = acknowledgement.declared ?? { at: '', in: 'resource metadata' };
    const key = JSON.stringify([where.in === 'cloud assembly' ? '' : template.source.display, where.in, where.at, acknowledgement.id]);
    const entry = declared.get(key) ?? { first: { acknowledgement, template }, matched: false };
    entry.matched = entry.matched || matched.has(acknowledgement);
    declared.set(key, entry);
  };
  for (const template of templates) {
    template.resources.forEach(resource => resource.acknowledgements.forEach(acknowledgement => add(acknowledgement, template)));
    if (!seenMetadata.has(template.source.metadata)) {
      seenMetadata.add(template.source.metadata);
      allAssemblyAcknowledgements(template.source.metadata).forEach(acknowledgement => add(acknowledgement, template));
    }
  }

  const warnings: AcknowledgementWarning[] = [];
  const reported = new Set<string>();
  for (const { first: { acknowledgement, template }, matched: isMatched } of declared.values()) {
    const { id } = acknowledgement;
    const path = acknowledgement.declared?.at ?? '';
    const declaredIn = acknowledgement.declared?.in ?? 'resource metadata';
    const warn = (ruleId: string, message: string) => {
      // A construct of ours writes the same acknowledgement twice (resource metadata and cloud assembly): say it once.
      const once = JSON.stringify([ruleId, id, path]);
      if (!reported.has(once)) {
        reported.add(once);
        warnings.push({ ruleId, acknowledgedId: id, path, declaredIn, template: template.source.display, message });
      }
    };
    if (!packNames.some(pack => id.startsWith(`${pack}-`))) {
      const pack = ruleNames.get(id.replace(/\[.*$/s, ''));
      if (pack !== undefined) {
        warn(ACKNOWLEDGEMENT_WITHOUT_PACK, `The acknowledgement '${id}' on ${path} names a rule without its pack, so it suppresses nothing: write ${pack}-${id}.`);
      }
      continue;
    }
    if (acknowledgement.reason.trim() === '') {
      warn(ACKNOWLEDGEMENT_WITHOUT_REASON, `The acknowledgement of ${id} on ${path} (${declaredIn}) gives no reason: say why the finding cannot apply or cannot be fixed.`);
    }
    if (!isMatched) {
      warn(STALE_ACKNOWLEDGEMENT, `The acknowledgement of ${id} on ${path} (${declaredIn}) matches no finding: what it hid is fixed or gone, or the id is misspelt. Remove it, so that it cannot hide a future finding.`);
    }
  }
  return warnings;
}
