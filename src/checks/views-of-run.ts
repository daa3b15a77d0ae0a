import { CfnElement, CfnResource, Stack } from 'aws-cdk-lib';
import { unresolvedLogicalId } from './logical-id';
import { PairedEntry, SynthesizedTemplates, TemplateResource } from './synthesized-templates';
import type { RenderedResource } from './template-view';

/**
 * What one run of the pack knows of the app: each resource's view, each stack's resources by
 * type and their logical ids, each computed once and only when a rule first asks for it.
 *
 * Resources are read from the synthesized templates when the run has them. Otherwise they are
 * rendered from their constructs, all the resources of one type and stack in one `resolve`:
 * the rules read every resource of the types they check anyway, and each `resolve` call has a
 * fixed cost (the CDK times it).
 */
export class ViewsOfRun {
  private readonly views = new WeakMap<CfnResource, RenderedResource>();
  private readonly logicalIds = new WeakMap<CfnResource, string>();
  private readonly stackIndexes = new WeakMap<Stack, StackIndex>();
  private readonly pairings = new WeakMap<Stack, Map<CfnResource, PairedEntry> | null>();
  private readonly templates?: SynthesizedTemplates;

  constructor(templatePaths: readonly string[]) {
    this.templates = templatePaths.length > 0 ? new SynthesizedTemplates(templatePaths) : undefined;
  }

  public view(node: CfnResource): RenderedResource {
    let view = this.views.get(node);
    if (view === undefined) {
      const synthesized = this.pairedEntryOf(node)?.entry ?? this.templates?.resourceOf(node, () => this.logicalIdOf(node));
      view = synthesized ? this.viewOf(node, synthesized) : this.render(node);
      this.views.set(node, view);
    }
    return view;
  }

  /** The resources of a stack itself (not of its nested stacks), of one type or of all. */
  public resourcesOf(stack: Stack, type?: string): readonly CfnResource[] {
    const index = this.indexOf(stack);
    return type === undefined ? index.all : index.byType.get(type) ?? [];
  }

  /** The stack's own CloudFormation elements that are not resources (parameters, mappings, conditions…), in tree order. */
  public otherElementsOf(stack: Stack): readonly CfnElement[] {
    return this.indexOf(stack).otherElements;
  }

  /**
   * The resource's logical id: worked out without resolving its token when that is exact
   * (`unresolvedLogicalId`); otherwise resolved, with the others of its type in its stack that
   * also need resolving.
   */
  public logicalIdOf(node: CfnResource): string {
    let logicalId = this.logicalIds.get(node) ?? this.pairedEntryOf(node)?.logicalId ?? unresolvedLogicalId(node) ?? this.leftOverLogicalId(node);
    if (logicalId !== undefined) {
      this.logicalIds.set(node, logicalId);
    } else {
      const stack = Stack.of(node);
      const batch: CfnResource[] = [];
      for (const resource of this.resourcesOf(stack, node.cfnResourceType).filter(other => !this.logicalIds.has(other))) {
        const known = unresolvedLogicalId(resource);
        if (known === undefined) {
          batch.push(resource);
        } else {
          this.logicalIds.set(resource, known);
        }
      }
      const resolved = stack.resolve(batch.map(resource => resource.logicalId)) as string[];
      batch.forEach((resource, position) => this.logicalIds.set(resource, resolved[position]));
      logicalId = this.logicalIds.get(node) ?? stack.resolve(node.logicalId) as string;
    }
    return logicalId;
  }

  /**
   * The resource's entry in its stack's synthesized template, paired by position
   * (`SynthesizedTemplates.pairedEntries`), when the run has the template and the pairing holds.
   */
  private pairedEntryOf(node: CfnResource): PairedEntry | undefined {
    const stack = Stack.of(node);
    let pairing = this.pairings.get(stack);
    if (pairing === undefined) {
      pairing = this.templates?.pairedEntries(stack, this.indexOf(stack).all) ?? null;
      this.pairings.set(stack, pairing);
    }
    return pairing?.get(node);
  }

  /**
   * The logical id of the one resource of its stack that only resolving could name (an API's
   * latest deployment, named by a hash of the whole API), read from the stack's synthesized
   * template instead: the template holds exactly the stack's resources, so when every other
   * resource is named without resolving and each of those names is in the template, the one
   * entry left is this resource's. `undefined` when the run has no template for the stack, when
   * another resource also needs resolving, or when the names and the entries do not add up.
   */
  private leftOverLogicalId(node: CfnResource): string | undefined {
    const stack = Stack.of(node);
    const entries = this.templates?.logicalIdsOf(stack);
    if (entries === undefined) {
      return undefined;
    }
    const named = new Set<string>();
    for (const resource of this.resourcesOf(stack)) {
      if (resource === node) {
        continue;
      }
      const logicalId = this.logicalIds.get(resource) ?? unresolvedLogicalId(resource);
      if (logicalId === undefined) {
        return undefined;
      }
      this.logicalIds.set(resource, logicalId);
      named.add(logicalId);
    }
    const left = entries.filter(entry => !named.has(entry));
    return left.length === 1 && entries.length === named.size + 1 ? left[0] : undefined;
  }

  /**
   * Renders the resource, with the others of its type and stack, the way synthesis does:
   * `_toCloudFormation` is the only view with property overrides applied. If the batch fails,
   * the resource is rendered alone, so that an error is reported on the resource that has it.
   */
  private render(node: CfnResource): RenderedResource {
    const stack = Stack.of(node);
    // In a stack whose template the run has, the others are read from it: render this one alone.
    const batch = this.templates?.covers(stack)
      ? [node]
      : this.resourcesOf(stack, node.cfnResourceType).filter(resource => !this.views.has(resource));
    try {
      const resources = stack.resolve(batch.map(templateEntryOf)) as TemplateResource[];
      batch.forEach((resource, position) => this.views.set(resource, this.viewOf(resource, resources[position])));
    } catch {
      return this.viewOf(node, stack.resolve(templateEntryOf(node)) as TemplateResource);
    }
    return this.views.get(node) ?? this.viewOf(node, stack.resolve(templateEntryOf(node)) as TemplateResource);
  }

  /** A view whose logical id is resolved only when a rule reads it. */
  private viewOf(node: CfnResource, resource: TemplateResource): RenderedResource {
    const run = this;
    return {
      get logicalId() {
        return run.logicalIdOf(node);
      },
      type: resource.Type,
      properties: resource.Properties ?? {},
      metadata: resource.Metadata ?? {},
      deletionPolicy: resource.DeletionPolicy,
      updateReplacePolicy: resource.UpdateReplacePolicy,
      path: node.node.path,
      node,
    };
  }

  private indexOf(stack: Stack): StackIndex {
    let index = this.stackIndexes.get(stack);
    if (index === undefined) {
      index = { all: [], byType: new Map(), otherElements: [] };
      // Depth-first, in the order synthesis renders the stack's elements.
      for (const construct of stack.node.findAll()) {
        if (CfnElement.isCfnElement(construct) && !CfnResource.isCfnResource(construct) && Stack.of(construct) === stack) {
          index.otherElements.push(construct);
        } else if (CfnResource.isCfnResource(construct) && Stack.of(construct) === stack) {
          index.all.push(construct);
          const ofType = index.byType.get(construct.cfnResourceType) ?? [];
          ofType.push(construct);
          index.byType.set(construct.cfnResourceType, ofType);
        }
      }
      this.stackIndexes.set(stack, index);
    }
    return index;
  }
}

/** The resources of a stack itself, in the construct tree's depth-first order and by type, and its other elements. */
interface StackIndex {
  readonly all: CfnResource[];
  readonly byType: Map<string, CfnResource[]>;
  /** Parameters, mappings, conditions, outputs… */
  readonly otherElements: CfnElement[];
}

/**
 * The unresolved template entry of a resource, without its logical id: resolving that costs
 * more than the resource for some (an API deployment's hashes the whole API).
 */
function templateEntryOf(node: CfnResource): unknown {
  const fragment = (node as unknown as { _toCloudFormation(): { Resources?: object } })._toCloudFormation();
  return Object.values(fragment.Resources ?? {})[0] ?? { Type: node.cfnResourceType };
}
