import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * A resource as it renders in the template: PascalCase properties with property overrides
 * applied and tokens resolved to intrinsics (`{ Ref }`, `{ 'Fn::GetAtt' }`). Rules read this
 * instead of the L1 class's fields, so that they judge what will be deployed, work the same on
 * every CfnResource class (including `CfnInclude`'s) and cannot be blinded by a second copy of
 * aws-cdk-lib.
 */
export interface RenderedResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: { [key: string]: any };
  readonly metadata: { [key: string]: any };
  /** `DeletionPolicy`, when the template sets one (`Retain`, `Snapshot`, `Delete`…). */
  readonly deletionPolicy?: string;
  /** `UpdateReplacePolicy`, when the template sets one. */
  readonly updateReplacePolicy?: string;
  /** The construct path of the resource. */
  readonly path: string;
  readonly node: CfnResource;
}

/** A resource entry of a template, as `_toCloudFormation` renders it. */
interface TemplateResource {
  readonly Type: string;
  readonly Properties?: object;
  readonly Metadata?: object;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

let renderCache = new WeakMap<CfnResource, RenderedResource>();
let stackCache = new WeakMap<Stack, RenderedResource[]>();
let typeIndexCache = new WeakMap<Stack, Map<string, CfnResource[]>>();
let logicalIdCache = new WeakMap<Stack, ReadonlyArray<{ readonly logicalId: string; readonly type: string; readonly node: CfnResource }>>();

/** Forgets every rendering; the pack calls it before each run, as resources may have changed. */
export function resetTemplateViews(): void {
  renderCache = new WeakMap();
  stackCache = new WeakMap();
  typeIndexCache = new WeakMap();
  logicalIdCache = new WeakMap();
}

/** The resource as it renders in its stack's template. */
export function rendered(node: CfnResource): RenderedResource {
  const cached = renderCache.get(node);
  if (cached) {
    return cached;
  }
  const stack = Stack.of(node);
  // `_toCloudFormation` is what synthesis itself calls: the only view with overrides applied.
  const template = stack.resolve((node as unknown as { _toCloudFormation(): object })._toCloudFormation()) as {
    Resources: { [logicalId: string]: TemplateResource };
  };
  const [logicalId, resource] = Object.entries(template.Resources)[0];
  const view: RenderedResource = {
    logicalId,
    type: resource.Type,
    properties: resource.Properties ?? {},
    metadata: resource.Metadata ?? {},
    deletionPolicy: resource.DeletionPolicy,
    updateReplacePolicy: resource.UpdateReplacePolicy,
    path: node.node.path,
    node,
  };
  renderCache.set(node, view);
  return view;
}

/** Every resource of the node's stack (not of nested stacks), rendered. */
export function resourcesOfStack(node: IConstruct): RenderedResource[] {
  const stack = Stack.of(node);
  const cached = stackCache.get(stack);
  if (cached) {
    return cached;
  }
  const resources = cfnResourcesOf(stack).map(rendered);
  stackCache.set(stack, resources);
  return resources;
}

/**
 * The resources of the node's stack of one type. The stack's resources are indexed by type once
 * per run, and only those of the asked type are rendered: rendering resolves every token of a
 * resource, the costliest step of a run.
 */
export function resourcesOfType(node: IConstruct, type: string): RenderedResource[] {
  const stack = Stack.of(node);
  let index = typeIndexCache.get(stack);
  if (!index) {
    index = new Map();
    for (const resource of cfnResourcesOf(stack)) {
      index.set(resource.cfnResourceType, [...index.get(resource.cfnResourceType) ?? [], resource]);
    }
    typeIndexCache.set(stack, index);
  }
  return (index.get(type) ?? []).map(rendered);
}

/**
 * The resource of the node's stack that a rendered value refers to (`Ref`, `Fn::GetAtt`…), by
 * logical id and type, without rendering any resource.
 */
export function referencedResource(node: IConstruct, value: unknown): { readonly logicalId: string; readonly type: string } | undefined {
  const stack = Stack.of(node);
  let ids = logicalIdCache.get(stack);
  if (!ids) {
    ids = cfnResourcesOf(stack).map(resource => ({
      logicalId: stack.resolve(resource.logicalId) as string,
      type: resource.cfnResourceType,
      node: resource,
    }));
    logicalIdCache.set(stack, ids);
  }
  return ids.find(candidate => candidate.node !== node && refersTo(value, candidate.logicalId));
}

/** The CloudFormation resources of a stack itself (not of its nested stacks). */
function cfnResourcesOf(stack: Stack): CfnResource[] {
  return stack.node.findAll()
    .filter((construct): construct is CfnResource => CfnResource.isCfnResource(construct) && Stack.of(construct) === stack);
}

/**
 * Whether a rendered value points at the resource with this logical id: `{ Ref: id }`,
 * `{ 'Fn::GetAtt': [id, …] }`, or a `Fn::Join`/`Fn::Sub` that contains one.
 */
export function refersTo(value: unknown, logicalId: string): boolean {
  if (value === null || typeof value !== 'object') {
    // `Fn::Sub` text: `${Id}` or `${Id.Attribute}`, not `${IdOther}`.
    return typeof value === 'string' && (value.includes(`\${${logicalId}}`) || value.includes(`\${${logicalId}.`));
  }
  if (Array.isArray(value)) {
    return value.some(item => refersTo(item, logicalId));
  }
  const record = value as { [key: string]: unknown };
  if (record.Ref === logicalId) {
    return true;
  }
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt[0] === logicalId) {
    return true;
  }
  if (typeof getAtt === 'string' && getAtt.split('.')[0] === logicalId) {
    return true;
  }
  return Object.values(record).some(item => refersTo(item, logicalId));
}

/** A value as a list: `undefined` is empty, a single value is a list of one. */
export function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined || value === null) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

/**
 * Whether the function was created by the CDK itself to back a custom resource (log retention,
 * auto-deleting bucket objects, AwsCustomResource, the custom-resource provider framework…).
 * The CDK marks most of these with construct metadata; the provider framework's functions are
 * recognised by their construct ids.
 * Rules about configuration a user cannot reach (concurrency caps, dead-letter queues, tracing,
 * code signing) do not apply to them; rules about exposure and secrets still do.
 */
export function isCdkHelperFunction(node: CfnResource): boolean {
  const marked = (construct: IConstruct | undefined) => construct?.node.metadata
    .some(entry => entry.type.startsWith('aws:cdk:is-custom-resource-handler')) ?? false;
  if (marked(node) || marked(node.node.scope)) {
    return true;
  }
  const path = node.node.path;
  return /(^|\/)(Custom::[A-Za-z0-9]+CustomResourceProvider|AWS[0-9a-f]{32}|LogRetention[0-9a-f]{32}|SingletonLambda[0-9a-f]+|BucketNotificationsHandler[0-9a-f]+)(\/|$)/.test(path)
    || /(^|\/)framework-(onEvent|isComplete|onTimeout)\/Resource$/.test(path);
}

/**
 * A rendered string value as text, with references written `${LogicalId}` and `${LogicalId.Attr}`
 * the way `Fn::Sub` writes them: a literal, a `Ref`, a `Fn::GetAtt`, a `Fn::Sub` without
 * variables or a `Fn::Join` of those. `undefined` for anything else (`Fn::ImportValue`…).
 */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  const record = value as { [key: string]: unknown };
  if (typeof record.Ref === 'string') {
    return `\${${record.Ref}}`;
  }
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt.every(part => typeof part === 'string')) {
    return `\${${getAtt.join('.')}}`;
  }
  if (typeof getAtt === 'string') {
    return `\${${getAtt}}`;
  }
  const sub = record['Fn::Sub'];
  if (typeof sub === 'string') {
    return sub;
  }
  const join = record['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const parts = (join[1] as unknown[]).map(textOf);
    return parts.every(part => part !== undefined) ? parts.join(join[0]) : undefined;
  }
  return undefined;
}
