import { readFileSync } from 'fs';
import { dirname, join } from 'path';
import { CfnCondition, CfnMapping, CfnParameter, CfnResource, Stack } from 'aws-cdk-lib';
import { CfnParser, CfnParsingContext, ICfnFinder } from 'aws-cdk-lib/core/lib/helpers-internal';
import { Construct } from 'constructs';
import { inputError, isInputError, oneLine } from './cli-error';
import { withPolicyDocumentsParsed } from './template-properties';
import { own, Plain, TemplateDocument, TemplateResourceEntry } from './template-shape';

/**
 * Builds the constructs of a parsed template in a stack, for the rule packs to check: each
 * resource as the typed L1 class of its type (`CfnFunction`, `CfnBucket`…, so that cdk-nag's
 * `instanceof` rules and L1 property reads see what they see in a CDK app), or as a plain
 * `CfnResource` for types without one; parameters, conditions and mappings as `CfnParameter`,
 * `CfnCondition` and `CfnMapping`, so that references render as in the template.
 *
 * Why not `CfnInclude`: it keeps the template's elements in plain objects, so a resource whose
 * logical id is the name of an object member (`constructor`, `toString`, `valueOf`…) was
 * silently lost, and its errors name neither the resource nor the property. This does what
 * CfnInclude does with the same two aws-cdk-lib pieces it uses, with Maps for every lookup:
 * - `CfnParser` (aws-cdk-lib/core/lib/helpers-internal, an export of aws-cdk-lib) turns
 *   template values into CDK values, calling back into a finder for `Ref`, `Fn::GetAtt`,
 *   conditions and mappings; the finder here answers from Maps, and its `parameters` (the
 *   values to substitute, none) is a prototype-less object, because CfnParser looks names up
 *   with `in`;
 * - the L1 classes' `_fromCloudFormation`, which the CDK's generated code provides for every
 *   resource type, found through the type-to-class table that cloudformation-include ships
 *   (`cfn-types-2-classes.json`).
 * Construct ids are the logical ids, except for the few that are `Object.prototype` members:
 * constructs keep children in a plain object too, so those get a `$` in front (which no
 * alphanumeric logical id can have); their logical ids are set to the original either way.
 */
export class TemplateBuilder {
  private readonly scope: Construct;
  private readonly parameters = new Map<string, CfnParameter>();
  private readonly conditions = new Map<string, CfnCondition>();
  private readonly mappings = new Map<string, CfnMapping>();
  private readonly resources = new Map<string, CfnResource>();
  private readonly placeholders = new Map<string, CfnResource>();
  private readonly inProgress = new Set<string>();
  private readonly conditionsInProgress = new Set<string>();

  constructor(stack: Stack, private readonly template: TemplateDocument, private readonly display: string) {
    this.scope = new Construct(stack, 'Template');
  }

  /** Builds every element; returns the resources in the template's order. */
  public build(): Array<{ entry: TemplateResourceEntry; node: CfnResource }> {
    const mappingScope = new Construct(this.scope, '$Mappings');
    this.template.mappings.forEach((mapping, name) => this.element(`mapping '${name}'`, () => {
      const value = new CfnParser({ finder: NO_REFERENCES, parameters: noParameters() }).parseValue(mapping);
      const element = new CfnMapping(mappingScope, constructId(name), { mapping: value });
      element.overrideLogicalId(name);
      this.mappings.set(name, element);
    }));
    const parameterScope = new Construct(this.scope, '$Parameters');
    this.template.parameters.forEach((parameter, name) => this.element(`parameter '${name}'`, () => {
      const element = new CfnParameter(parameterScope, constructId(name), parameterProps(parameter));
      element.overrideLogicalId(name);
      this.parameters.set(name, element);
    }));
    const conditionScope = new Construct(this.scope, '$Conditions');
    this.template.conditions.forEach((_, name) => this.condition(name, conditionScope));
    for (const logicalId of this.template.resources.keys()) {
      this.resource(logicalId);
    }
    return [...this.template.resources.values()].map(entry => ({ entry, node: this.resources.get(entry.logicalId)! }));
  }

  private condition(name: string, scope: Construct): CfnCondition | undefined {
    const existing = this.conditions.get(name);
    if (existing !== undefined || !this.template.conditions.has(name)) {
      return existing;
    }
    if (this.conditionsInProgress.has(name)) {
      throw inputError(`${this.display}: condition '${name}' refers to itself, through ${[...this.conditionsInProgress].join(' → ')}`);
    }
    this.conditionsInProgress.add(name);
    const builder = this;
    const finder: ICfnFinder = {
      findResource: () => {
        throw inputError(`${this.display}: condition '${name}' uses Fn::GetAtt, which conditions cannot use`);
      },
      findRefTarget: target => builder.parameters.get(target),
      findCondition: other => builder.condition(other, scope),
      findMapping: mapping => builder.mappings.get(mapping),
    };
    this.element(`condition '${name}'`, () => {
      const expression = new CfnParser({ finder, parameters: noParameters(), context: CfnParsingContext.CONDITIONS })
        .parseValue(this.template.conditions.get(name));
      const element = new CfnCondition(scope, constructId(name), { expression });
      element.overrideLogicalId(name);
      this.conditions.set(name, element);
    });
    this.conditionsInProgress.delete(name);
    return this.conditions.get(name);
  }

  /**
   * The resource with this logical id, built on first use: a resource is built after those it
   * refers to, as references need their target. A cycle (which CloudFormation refuses, but
   * which changes nothing for the checks) is closed with a placeholder, as CfnInclude's
   * `allowCyclicalReferences` does.
   */
  private resource(logicalId: string): CfnResource | undefined {
    const built = this.resources.get(logicalId) ?? this.placeholders.get(logicalId);
    if (built !== undefined) {
      return built;
    }
    const entry = this.template.resources.get(logicalId);
    if (entry === undefined) {
      return undefined;
    }
    if (this.inProgress.has(logicalId)) {
      const placeholder = new CfnResource(this.scope, `$Placeholder${this.placeholders.size}`, { type: entry.type, properties: {} });
      placeholder.overrideLogicalId(logicalId);
      this.placeholders.set(logicalId, placeholder);
      return placeholder;
    }
    this.inProgress.add(logicalId);
    const node = this.element(`resource '${logicalId}'`, () => this.newResource(entry));
    this.inProgress.delete(logicalId);
    const placeholder = this.placeholders.get(logicalId);
    if (placeholder !== undefined) {
      this.scope.node.tryRemoveChild(placeholder.node.id);
      this.placeholders.delete(logicalId);
    }
    this.resources.set(logicalId, node);
    return node;
  }

  private newResource(entry: TemplateResourceEntry): CfnResource {
    const builder = this;
    const finder: ICfnFinder = {
      findCondition: name => builder.conditions.get(name),
      findMapping: name => builder.mappings.get(name),
      findResource: id => builder.resource(id),
      findRefTarget: name => builder.parameters.get(name) ?? builder.resource(name),
    };
    const parser = new CfnParser({ finder, parameters: noParameters() });
    // CfnParser writes a default DependsOn into what it is given: give it a copy.
    const attributes: Plain = withPolicyDocumentsParsed({ ...entry.attributes });
    if (own(attributes, 'Properties') === null) {
      delete attributes.Properties;
    }
    const l1 = l1Class(entry.type);
    const id = constructId(entry.logicalId);
    let node: CfnResource;
    if (l1 !== undefined) {
      node = l1._fromCloudFormation(this.scope, id, attributes, { parser });
    } else {
      node = new CfnResource(this.scope, id, { type: entry.type, properties: parser.parseValue(own(attributes, 'Properties')) });
      parser.handleAttributes(node, attributes, entry.logicalId);
    }
    node.overrideLogicalId(entry.logicalId);
    for (const name of Object.keys(attributes)) {
      if (!KNOWN_ATTRIBUTES.has(name)) {
        node.addOverride(name, parser.parseValue(attributes[name]));
      }
    }
    return node;
  }

  /**
   * Runs a step of the build; what goes wrong becomes an input error naming the element. The
   * CDK's messages name the construct (`Template0/Template/$toString`) and properties in
   * camelCase: they are given the template's names instead.
   */
  private element<T>(what: string, step: () => T): T {
    try {
      return step();
    } catch (error) {
      if (isInputError(error)) {
        throw error;
      }
      if (error instanceof RangeError) {
        throw inputError(`${this.display}: ${what}: its references nest too deep to follow (a chain of references through hundreds of resources)`);
      }
      const message = oneLine(error instanceof Error ? error.message : String(error));
      const required = /is missing required property: (\w+)/.exec(message);
      if (required !== null) {
        const property = `${required[1].charAt(0).toUpperCase()}${required[1].slice(1)}`;
        throw inputError(`${this.display}: ${what} property '${property}' is required (CloudFormation refuses the resource without it)`);
      }
      const named = message.replace(/'\$(\w+)'/g, "'$1'")
        .replace(/^Property (\w+) should be/, (_, property: string) => `property '${property.charAt(0).toUpperCase()}${property.slice(1)}' should be`);
      throw inputError(`${this.display}: ${what}${named.startsWith('property ') ? ' ' : ': '}${named}`);
    }
  }
}

/** The resource attributes CloudFormation defines; any other is passed through as an override. */
const KNOWN_ATTRIBUTES = new Set(['Condition', 'DependsOn', 'Description', 'Metadata', 'Properties', 'Type', 'Version',
  'CreationPolicy', 'DeletionPolicy', 'UpdatePolicy', 'UpdateReplacePolicy']);

/** Mappings and parameters cannot refer to anything. */
const NO_REFERENCES: ICfnFinder = {
  findCondition: () => undefined,
  findMapping: () => undefined,
  findRefTarget: () => undefined,
  findResource: () => undefined,
};

/** CfnParser's values to substitute for parameters (none), prototype-less as it looks them up with `in`. */
function noParameters(): { [name: string]: unknown } {
  return Object.create(null);
}

/** A construct id for a template name: constructs keep children in a plain object. */
function constructId(name: string): string {
  return name in Object.prototype ? `$${name}` : name;
}

function parameterProps(parameter: Plain): { [key: string]: any } {
  const value = (name: string) => own(parameter, name) as any;
  return {
    type: value('Type'),
    default: value('Default'),
    allowedPattern: value('AllowedPattern'),
    allowedValues: value('AllowedValues'),
    constraintDescription: value('ConstraintDescription'),
    description: value('Description'),
    maxLength: value('MaxLength'),
    maxValue: value('MaxValue'),
    minLength: value('MinLength'),
    minValue: value('MinValue'),
    noEcho: value('NoEcho'),
  };
}

interface L1Class {
  _fromCloudFormation(scope: Construct, id: string, attributes: unknown, options: { parser: CfnParser }): CfnResource;
}

let typeTable: Map<string, string> | undefined;
const classes = new Map<string, L1Class | undefined>();

/**
 * The L1 class of a resource type, from the table cloudformation-include ships beside itself;
 * undefined for types without one (custom resources, registry types), which are then plain
 * `CfnResource`s, as in CfnInclude. A module is loaded only when a template has its types.
 */
function l1Class(type: string): L1Class | undefined {
  if (classes.has(type)) {
    return classes.get(type);
  }
  typeTable ??= readTypeTable();
  const fqn = type === 'AWS::CloudFormation::CustomResource' ? undefined : typeTable.get(type);
  let l1: L1Class | undefined;
  if (fqn !== undefined) {
    const [moduleName, ...className] = fqn.split('.');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const candidate = (require(moduleName) as { [name: string]: unknown })[className.join('.')] as L1Class | undefined;
    l1 = typeof candidate?._fromCloudFormation === 'function' ? candidate : undefined;
  }
  classes.set(type, l1);
  return l1;
}

function readTypeTable(): Map<string, string> {
  const file = join(dirname(require.resolve('aws-cdk-lib/package.json')), 'cloudformation-include', 'cfn-types-2-classes.json');
  const table = JSON.parse(readFileSync(file, 'utf8')) as { [type: string]: string };
  return new Map(Object.keys(table).map(type => [type, table[type]]));
}
