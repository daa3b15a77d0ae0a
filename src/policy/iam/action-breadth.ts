import { AccessLevel, actionsOfService, expandActionPattern, hasWildcard, IamAction, isKnownService } from './catalogue';

/**
 * What an IAM action pattern grants, judged on the catalogue's expansion of it rather than on its
 * spelling: `s3:*`, `s3:?*`, `S3:*` and `s3:*` in a list all grant the whole service, and
 * `s3:*Object` grants reads, writes and deletes at once. Neutral policy model: imports no construct.
 */
export interface ActionPatternVerdict {
  /** Whether the pattern grants more than one kind of access (see `judgeActionPattern`). */
  readonly broad: boolean;
  /** Why, in words to quote in a finding: the service, the access levels, an example action. */
  readonly reason: string;
  /** The catalogue actions the pattern matches (empty for an unknown service). */
  readonly actions: readonly IamAction[];
}

const READ_LEVELS = new Set([AccessLevel.LIST, AccessLevel.READ]);

/**
 * Judges an action pattern. A pattern is broad when it:
 * - is `*`, or has a wildcard in its service part (`*:*`, `s*:Get*`): it spans services;
 * - matches every action of a service (`s3:*`, `s3:?*`; also `svc:*` of a service the catalogue
 *   does not know, which is every action that service will ever have);
 * - matches a permissions-management action (`s3:PutObject*` matches `s3:PutObjectAcl`,
 *   `iam:*Policy` matches `iam:PutRolePolicy`): whoever holds it can change who has access;
 * - matches both reads and writes (`s3:*Object`): no one function's job needs both from a pattern.
 *
 * Exact action names are never broad here, nor are patterns of one kind of access, such as the
 * CDK's grant patterns `s3:GetObject*`, `kms:GenerateDataKey*` and `s3:List*`.
 */
export function judgeActionPattern(pattern: string): ActionPatternVerdict {
  let verdict = verdicts.get(pattern);
  if (verdict === undefined) {
    verdict = judgeUncached(pattern.trim());
    verdicts.set(pattern, verdict);
  }
  return verdict;
}

/** Verdicts, remembered: the catalogue never changes while the process runs. */
const verdicts = new Map<string, ActionPatternVerdict>();

function judgeUncached(text: string): ActionPatternVerdict {
  const colon = text.indexOf(':');
  if (!hasWildcard(text)) {
    return { broad: false, reason: `${text} names one action`, actions: expandActionPattern(text) };
  }
  if (text === '*' || colon < 0 || hasWildcard(text.slice(0, colon))) {
    const actions = expandActionPattern(text);
    return { broad: true, reason: `${text} spans services (${actions.length} actions)`, actions };
  }
  const service = text.slice(0, colon).toLowerCase();
  const namePattern = text.slice(colon + 1);
  if (!isKnownService(service)) {
    const wholeService = /^[*?]*\*[*?]*$/.test(namePattern) || /^\?+\*$/.test(namePattern);
    return { broad: wholeService, reason: wholeService ? `${text} grants every action of ${service}` : `${service} is not in the IAM catalogue`, actions: [] };
  }
  const actions = expandActionPattern(text);
  return { broad: breadthReason(text, service, actions) !== undefined, reason: breadthReason(text, service, actions) ?? `${text} grants one kind of access`, actions };
}

function breadthReason(text: string, service: string, actions: readonly IamAction[]): string | undefined {
  if (actions.length === 0) {
    return undefined;
  }
  if (actions.length === actionsOfService(service).length) {
    return `${text} grants every action of ${service} (${actions.length} actions)`;
  }
  const permissions = actions.find(action => action.accessLevel === AccessLevel.PERMISSIONS_MANAGEMENT);
  if (permissions !== undefined) {
    return `${text} grants permissions management (${permissions.fullName}): whoever holds it can change who has access`;
  }
  const read = actions.find(action => READ_LEVELS.has(action.accessLevel));
  const write = actions.find(action => !READ_LEVELS.has(action.accessLevel));
  if (read !== undefined && write !== undefined) {
    return `${text} grants both reads and writes (${read.fullName} and ${write.fullName})`;
  }
  return undefined;
}

/** Whether an action's only possible resource is `*`: the catalogue lists no resource type for it. */
export function acceptsOnlyAnyResource(action: IamAction): boolean {
  return action.resourceTypes.length === 0;
}
