import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ViewsOfRun } from './views-of-run';
import { forgetParsedModules } from '../policy/code/parse-module';
import { TemplateContext, TemplateParameter } from '../policy/intrinsics';
import { refersTo } from '../policy/template-json';

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

let run = new ViewsOfRun([]);
let memos = new WeakMap<object, Map<string, unknown>>();

/**
 * Forgets every rendering; the pack calls it before each run, as resources may have changed.
 * `templatePaths` are the templates synthesis has just written (a validation plugin's
 * context): resources of those stacks are read from them instead of being rendered again.
 */
export function resetTemplateViews(templatePaths: readonly string[] = []): void {
  run = new ViewsOfRun(templatePaths);
  memos = new WeakMap();
  forgetParsedModules();
}

/**
 * A value a rule works out once per run for an owner (a stack, say) and forgets at the next
 * run, as resources may have changed: what every resource of a stack would otherwise work out
 * again from all the others (which functions share a role).
 */
export function oncePerRun<T>(owner: object, purpose: string, compute: () => T): T {
  let ofOwner = memos.get(owner);
  if (ofOwner === undefined) {
    ofOwner = new Map();
    memos.set(owner, ofOwner);
  }
  if (!ofOwner.has(purpose)) {
    ofOwner.set(purpose, compute());
  }
  return ofOwner.get(purpose) as T;
}

/**
 * The resource as it renders in its stack's template: read from the template synthesis wrote
 * when the pack runs as a validation plugin, rendered from the construct otherwise.
 */
export function rendered(node: CfnResource): RenderedResource {
  return run.view(node);
}

/**
 * What the node's stack offers for evaluating intrinsics: its parameters with their `Default`,
 * `AllowedValues` and `Type` (a template read by the CLI has them as `CfnParameter`s too).
 */
export function templateContextOf(node: IConstruct): TemplateContext {
  const stack = Stack.of(node);
  return oncePerRun(stack, 'template context', () => {
    const parameters: { [name: string]: TemplateParameter } = {};
    // Rendered like the template (no instanceof, which a second copy of aws-cdk-lib would defeat);
    // only parameters (the elements with `noEcho`) are rendered, as rendering resources is costly.
    const isParameter = (element: IConstruct) => 'noEcho' in element;
    for (const element of run.otherElementsOf(stack).filter(isParameter)) {
      const section = stack.resolve((element as unknown as { _toCloudFormation(): { Parameters?: object } })._toCloudFormation()).Parameters;
      Object.assign(parameters, section ?? {});
    }
    return { parameters };
  });
}

/**
 * The values of a mapping of the node's stack (its `Mappings` section entry), by its name;
 * `undefined` when the stack has no such mapping. A template read by the CLI has its mappings as
 * `CfnMapping`s too.
 */
export function mappingOf(node: IConstruct, name: string): { [key: string]: { [key: string]: unknown } } | undefined {
  const stack = Stack.of(node);
  // Recognised by shape, not instanceof (a second copy of aws-cdk-lib would defeat it).
  const isMapping = (element: IConstruct) => 'findInMap' in element;
  for (const element of run.otherElementsOf(stack).filter(isMapping)) {
    const cloudFormation = (element as unknown as { _toCloudFormation(): { Mappings?: { [name: string]: unknown } } })._toCloudFormation();
    const section = stack.resolve(cloudFormation).Mappings;
    if (section?.[name] !== undefined) {
      return section[name];
    }
  }
  return undefined;
}

/**
 * The resources of the node's stack of one type. The stack's resources are indexed by type once
 * per run, and only those of the asked type are rendered: rendering resolves every token of a
 * resource, the costliest step of a run.
 */
export function resourcesOfType(node: IConstruct, type: string): RenderedResource[] {
  return run.resourcesOf(Stack.of(node), type).map(resource => run.view(resource));
}

/**
 * The resource of the node's stack that a rendered value refers to (`Ref`, `Fn::GetAtt`…), by
 * logical id and type, without rendering any resource.
 */
export function referencedResource(node: IConstruct, value: unknown): { readonly logicalId: string; readonly type: string } | undefined {
  const referenced = run.resourcesOf(Stack.of(node))
    .find(candidate => candidate !== node && refersTo(value, run.logicalIdOf(candidate)));
  return referenced && { logicalId: run.logicalIdOf(referenced), type: referenced.cfnResourceType };
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
