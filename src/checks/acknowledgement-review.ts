import { PolicyViolation, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { PACK_NAME } from './security-rule';

/** The warning for an acknowledgement of one of our rules that matches no finding. */
export const STALE_ACKNOWLEDGEMENT = `${PACK_NAME}-StaleAcknowledgement`;
/** The warning for an acknowledgement of one of our rules without a reason. */
export const ACKNOWLEDGEMENT_WITHOUT_REASON = `${PACK_NAME}-AcknowledgementWithoutReason`;
/** The warning for an acknowledgement of one of our rules by its bare name, which suppresses nothing. */
export const ACKNOWLEDGEMENT_WITHOUT_PACK = `${PACK_NAME}-AcknowledgementWithoutPack`;

const REVIEW_RULES = [STALE_ACKNOWLEDGEMENT, ACKNOWLEDGEMENT_WITHOUT_REASON, ACKNOWLEDGEMENT_WITHOUT_PACK];

/** One acknowledgement recorded in the construct tree (`aws:cdk:acknowledged-rules` metadata). */
export interface TreeAcknowledgement {
  /** The id without the CDK's `annotation::` prefix. */
  readonly id: string;
  readonly reason: unknown;
  /** The construct it was recorded on. */
  readonly construct: IConstruct;
}

/** Every acknowledgement recorded on the scope and the constructs under it, in tree order. */
export function treeAcknowledgements(scope: IConstruct): TreeAcknowledgement[] {
  const found: TreeAcknowledgement[] = [];
  for (const construct of scope.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || entry.data === null || typeof entry.data !== 'object') {
        continue;
      }
      for (const [key, reason] of Object.entries(entry.data as { [id: string]: unknown })) {
        found.push({ id: key.replace(/^annotation::/i, ''), reason, construct });
      }
    }
  }
  return found;
}

/**
 * Reviews the acknowledgements of the pack's own rules under `scope`, given the finding ids
 * each resource produced before acknowledgements were applied (`findings`), and returns one
 * warning per acknowledgement that:
 * - matches no finding (stale): on the construct it was recorded on, cdk-nag matches an id
 *   exactly against the findings of the resources at or under it; `SecureServerless::<id>`
 *   (the CDK's app-wide form) against every finding in the scope;
 * - has no reason;
 * - names one of our rules without the pack prefix (`LambdaTracing`), which suppresses nothing.
 *
 * Other packs' acknowledgements and the CDK's own (annotation warnings) are not ours to judge.
 */
export function reviewAcknowledgements(
  scope: IConstruct, findings: ReadonlyMap<IConstruct, ReadonlySet<string>>, ruleNames: readonly string[],
): PolicyViolation[] {
  const acknowledgements = treeAcknowledgements(scope);
  // The finding ids at or under each construct that holds an acknowledgement, so each is looked up once.
  const holders = new Set(acknowledgements.map(acknowledgement => acknowledgement.construct));
  const covered = new Map<IConstruct, Set<string>>();
  const everywhere = new Set<string>();
  for (const [resource, ids] of findings) {
    ids.forEach(id => everywhere.add(id));
    for (let current: IConstruct | undefined = resource; current !== undefined; current = current.node.scope) {
      if (holders.has(current)) {
        const set = covered.get(current) ?? new Set<string>();
        ids.forEach(id => set.add(id));
        covered.set(current, set);
      }
    }
  }
  const names = new Set(ruleNames);
  const violations: PolicyViolation[] = [];
  const warn = (ruleName: string, acknowledgement: TreeAcknowledgement, description: string) => violations.push({
    ruleName,
    description,
    severity: 'warning',
    violatingResources: [{ constructPath: acknowledgement.construct.node.path, locations: [`${Validations.ACKNOWLEDGED_RULES_METADATA_KEY}/${acknowledgement.id}`] }],
  });
  for (const acknowledgement of acknowledgements) {
    const { id, construct } = acknowledgement;
    const path = construct.node.path;
    const appWide = id.startsWith(`${PACK_NAME}::`);
    const findingId = appWide ? id.slice(PACK_NAME.length + 2) : id;
    if (!findingId.startsWith(`${PACK_NAME}-`)) {
      const bare = findingId.replace(/\[.*$/s, '');
      if (!appWide && names.has(bare)) {
        warn(ACKNOWLEDGEMENT_WITHOUT_PACK, acknowledgement,
          `The acknowledgement '${id}' on ${path} names a rule without its pack, so it suppresses nothing. Write ${PACK_NAME}-${findingId}.`);
      }
      continue;
    }
    if (REVIEW_RULES.includes(findingId)) {
      // Silencing the review itself (`SecureServerless::SecureServerless-StaleAcknowledgement`): not a finding to match.
      continue;
    }
    if (typeof acknowledgement.reason !== 'string' || acknowledgement.reason.trim() === '') {
      warn(ACKNOWLEDGEMENT_WITHOUT_REASON, acknowledgement,
        `The acknowledgement of ${findingId} on ${path} gives no reason. Say why the finding cannot apply or cannot be fixed, so that a reviewer can judge it.`);
    }
    const matched = appWide ? everywhere.has(findingId) : covered.get(construct)?.has(findingId) === true;
    if (!matched) {
      warn(STALE_ACKNOWLEDGEMENT, acknowledgement,
        `The acknowledgement of ${findingId} on ${path} matches no finding${appWide ? ' in the app' : ` at or under ${path}`}: `
        + 'what it hid is fixed or gone, or the id is misspelt (an id without a finding suffix does not cover `id[suffix]` findings). '
        + 'Remove it, so that it cannot hide a future finding.');
    }
  }
  return violations;
}
