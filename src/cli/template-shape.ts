import { inputError } from './cli-error';

/**
 * How many resources a template may have: 2,000, four times CloudFormation's deploy limit of
 * 500 per template, so that a limit AWS raises does not break the check, while a generated
 * template of tens of thousands of tiny resources cannot stall a pipeline.
 */
export const MAX_RESOURCES = 2000;

/** A plain object of a parsed template. */
export type Plain = { [key: string]: unknown };

/** A resource of a template whose shape has been checked. */
export interface TemplateResourceEntry {
  readonly logicalId: string;
  readonly type: string;
  /** The resource as written: Type, Properties, DependsOn, Condition, Metadata and the other attributes. */
  readonly attributes: Plain;
  readonly metadata: Plain;
}

/**
 * A template whose shape has been checked, with its sections in Maps: logical ids such as
 * `constructor` or `toString` are ordinary keys here, never members of a plain object.
 */
export interface TemplateDocument {
  readonly resources: ReadonlyMap<string, TemplateResourceEntry>;
  readonly parameters: ReadonlyMap<string, Plain>;
  readonly conditions: ReadonlyMap<string, unknown>;
  readonly mappings: ReadonlyMap<string, Plain>;
  /** The names of the template's transforms (`Transform`: a name, a list, or `{ Name }` objects). */
  readonly transforms: readonly string[];
  /** The template's own `Metadata` section. */
  readonly metadata: Plain;
}

/** CloudFormation's logical ids: alphanumeric, as the service requires. */
const LOGICAL_ID = /^[A-Za-z0-9]+$/;

/**
 * Checks the shape of a parsed template as CloudFormation would before deploying it: an
 * object, `Resources` an object of objects, each with a string `Type`, `Properties` and
 * `Metadata` objects, `DependsOn` a name or a list of names, `Condition` a name. Each problem
 * is an input error naming the file, the resource and the property, and saying what is wrong.
 */
export function templateShape(parsed: unknown, display: string): TemplateDocument {
  if (!isPlain(parsed)) {
    throw inputError(`${display} is not a CloudFormation template: its top level is ${kindOf(parsed)}, not an object with Resources`);
  }
  const resourcesSection = own(parsed, 'Resources');
  if (resourcesSection === undefined || resourcesSection === null || (isPlain(resourcesSection) && Object.keys(resourcesSection).length === 0)) {
    throw inputError(`${display} has no Resources: it is not a CloudFormation template, or an empty one`);
  }
  if (!isPlain(resourcesSection)) {
    throw inputError(`${display}: Resources must be an object of resources by logical id, not ${kindOf(resourcesSection)}`);
  }
  const ids = Object.keys(resourcesSection);
  if (ids.length > MAX_RESOURCES) {
    throw inputError(`${display} has ${ids.length.toLocaleString('en-US')} resources, over the limit of ${MAX_RESOURCES.toLocaleString('en-US')} (CloudFormation deploys at most 500 per template): split it into nested stacks`);
  }
  const resources = new Map<string, TemplateResourceEntry>();
  for (const logicalId of ids) {
    resources.set(logicalId, resourceShape(logicalId, own(resourcesSection, logicalId), display));
  }
  return {
    resources,
    parameters: section(parsed, 'Parameters', display, 'parameter', true) as Map<string, Plain>,
    conditions: section(parsed, 'Conditions', display, 'condition', false),
    mappings: section(parsed, 'Mappings', display, 'mapping', true) as Map<string, Plain>,
    transforms: transformNames(own(parsed, 'Transform'), display),
    metadata: objectOrEmpty(own(parsed, 'Metadata'), `${display}: the template's Metadata`),
  };
}

function resourceShape(logicalId: string, value: unknown, display: string): TemplateResourceEntry {
  const where = `${display}: resource '${logicalId}'`;
  if (!LOGICAL_ID.test(logicalId)) {
    throw inputError(`${where}: a logical id must be alphanumeric (A-Za-z0-9), as CloudFormation requires`);
  }
  if (!isPlain(value)) {
    throw inputError(`${where} must be an object with a Type, not ${kindOf(value)}`);
  }
  const type = own(value, 'Type');
  if (type === undefined) {
    throw inputError(`${where} has no Type`);
  }
  if (typeof type !== 'string') {
    throw inputError(`${where} property 'Type' must be a string, not ${kindOf(type)}`);
  }
  if (!/^[A-Za-z0-9]+::[A-Za-z0-9:_-]+$/.test(type)) {
    throw inputError(`${where} property 'Type' '${type}' is not a resource type (AWS::Service::Resource, Custom::Name or a registry type)`);
  }
  const properties = own(value, 'Properties');
  if (properties !== undefined && properties !== null && !isPlain(properties)) {
    throw inputError(`${where} property 'Properties' must be an object, not ${kindOf(properties)}`);
  }
  const dependsOn = own(value, 'DependsOn');
  if (dependsOn !== undefined && typeof dependsOn !== 'string'
    && !(Array.isArray(dependsOn) && dependsOn.every(item => typeof item === 'string'))) {
    throw inputError(`${where} property 'DependsOn' must be a logical id or a list of logical ids, not ${kindOf(dependsOn)}`);
  }
  for (const name of ['Condition', 'DeletionPolicy', 'UpdateReplacePolicy']) {
    const attribute = own(value, name);
    if (attribute !== undefined && typeof attribute !== 'string') {
      throw inputError(`${where} property '${name}' must be a string, not ${kindOf(attribute)}`);
    }
  }
  for (const name of ['CreationPolicy', 'UpdatePolicy']) {
    const attribute = own(value, name);
    if (attribute !== undefined && attribute !== null && !isPlain(attribute)) {
      throw inputError(`${where} property '${name}' must be an object, not ${kindOf(attribute)}`);
    }
  }
  const metadata = objectOrEmpty(own(value, 'Metadata'), `${where} property 'Metadata'`);
  return { logicalId, type, attributes: value, metadata };
}

/** A section of named entries (Parameters, Conditions, Mappings) as a Map. */
function section(template: Plain, name: string, display: string, entry: string, entriesAreObjects: boolean): Map<string, unknown> {
  const value = own(template, name);
  const entries = new Map<string, unknown>();
  if (value === undefined || value === null) {
    return entries;
  }
  if (!isPlain(value)) {
    throw inputError(`${display}: ${name} must be an object, not ${kindOf(value)}`);
  }
  for (const key of Object.keys(value)) {
    const item = own(value, key);
    if (!LOGICAL_ID.test(key)) {
      throw inputError(`${display}: ${entry} '${key}': a name must be alphanumeric (A-Za-z0-9), as CloudFormation requires`);
    }
    if (entriesAreObjects && !isPlain(item)) {
      throw inputError(`${display}: ${entry} '${key}' must be an object, not ${kindOf(item)}`);
    }
    if (entry === 'parameter' && typeof own(item as Plain, 'Type') !== 'string') {
      throw inputError(`${display}: parameter '${key}' property 'Type' must be a string, not ${kindOf(own(item as Plain, 'Type'))}`);
    }
    entries.set(key, item);
  }
  return entries;
}

function transformNames(value: unknown, display: string): string[] {
  if (value === undefined || value === null) {
    return [];
  }
  const names = (Array.isArray(value) ? value : [value]).map(item => {
    const name = isPlain(item) ? own(item, 'Name') : item;
    if (typeof name !== 'string') {
      throw inputError(`${display}: Transform must be a transform name, a list of names or { Name, Parameters } objects, not ${kindOf(item)}`);
    }
    return name;
  });
  return names;
}

function objectOrEmpty(value: unknown, what: string): Plain {
  if (value === undefined || value === null) {
    return {};
  }
  if (!isPlain(value)) {
    throw inputError(`${what} must be an object, not ${kindOf(value)}`);
  }
  return value;
}

/** An own property of a parsed object: never one inherited from `Object.prototype`. */
export function own(object: Plain, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/** Whether a parsed value is an object (not a list, not null). */
export function isPlain(value: unknown): value is Plain {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What a parsed value is, for messages: `a number`, `a list`, `a string`… */
export function kindOf(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
