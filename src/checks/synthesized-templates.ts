import { readFileSync } from 'fs';
import { resolve } from 'path';
import { CfnResource, Stack, Stage, Token } from 'aws-cdk-lib';
import { unresolvedLogicalId } from './logical-id';

/** A resource entry of a template. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: { [key: string]: any };
  readonly Metadata?: { [key: string]: any };
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

/** A resource of the construct tree with its entry in the synthesized template. */
export interface PairedEntry {
  readonly logicalId: string;
  readonly entry: TemplateResource;
}

/** Keys JSON.parse moves to the front of an object (integer-like), which would break the order. */
const INTEGER_LIKE_KEY = /^(0|[1-9][0-9]*)$/;

interface Template {
  readonly Resources?: { [logicalId: string]: TemplateResource };
}

/**
 * The templates synthesis has just written, as a validation plugin is handed them: what will be
 * deployed, already rendered. Each is read once, when a rule first needs a resource of its
 * stack. A stack is matched to its template by its stage's assembly directory and its template
 * file; nested stacks, and stacks whose template is not in the list, are not matched.
 */
export class SynthesizedTemplates {
  private readonly paths: Set<string>;
  private readonly templates = new Map<string, Template>();

  constructor(templatePaths: readonly string[]) {
    this.paths = new Set(templatePaths.map(path => resolve(path)));
  }

  /** The resource's entry in its stack's synthesized template, if there is one. */
  public resourceOf(node: CfnResource, logicalId: () => string): TemplateResource | undefined {
    const template = this.templateOf(Stack.of(node));
    const resource = template?.Resources?.[logicalId()];
    return resource?.Type === node.cfnResourceType ? resource : undefined;
  }

  /**
   * Each resource of the stack with its template entry, paired by position: synthesis renders a
   * stack's CloudFormation elements in the construct tree's depth-first order and writes their
   * resources in that order, so the n-th resource of the tree (`resources`, the stack's own, in
   * that order) is the n-th entry of `Resources`. That saves working out each logical id (a hash
   * of the construct path) and finding the one entry whose id only resolving could name (an API's
   * latest deployment). `undefined`, and the caller names each resource itself, unless the two
   * agree throughout: as many entries as resources, no key that JSON.parse would have moved, and
   * for each pair the same type, the resource's path as the entry's `aws:cdk:path` metadata (when
   * synthesis wrote it), a literal logical-id override as the entry's key, and, for a sample (the
   * first, the last and one in 16), the logical id worked out the usual way as the key: a stack
   * that wrote its resources in another order fails that.
   */
  public pairedEntries(stack: Stack, resources: readonly CfnResource[]): Map<CfnResource, PairedEntry> | undefined {
    const template = this.templateOf(stack);
    const entries = Object.entries(template?.Resources ?? {});
    if (template === undefined || entries.length !== resources.length) {
      return undefined;
    }
    const paired = new Map<CfnResource, PairedEntry>();
    for (let position = 0; position < entries.length; position++) {
      const [logicalId, entry] = entries[position];
      const node = resources[position];
      const path: unknown = entry?.Metadata?.['aws:cdk:path'];
      const sampled = position % 16 === 0 || position === entries.length - 1;
      const expectedId = literalOverrideOf(node) ?? (sampled ? unresolvedLogicalId(node) : undefined);
      if (INTEGER_LIKE_KEY.test(logicalId) || entry?.Type !== node.cfnResourceType
        || (path !== undefined && path !== node.node.path) || (expectedId !== undefined && expectedId !== logicalId)) {
        return undefined;
      }
      paired.set(node, { logicalId, entry });
    }
    return paired;
  }

  /** The logical ids of every resource in the stack's synthesized template, if the run has it. */
  public logicalIdsOf(stack: Stack): string[] | undefined {
    const template = this.templateOf(stack);
    return template && Object.keys(template.Resources ?? {});
  }

  /** Whether the stack's synthesized template is one of the run's. */
  public covers(stack: Stack): boolean {
    return this.pathOf(stack) !== undefined;
  }

  private pathOf(stack: Stack): string | undefined {
    const stage = Stage.of(stack);
    if (stack.nested || stage === undefined) {
      return undefined;
    }
    const path = resolve(stage.outdir, stack.templateFile);
    return this.paths.has(path) ? path : undefined;
  }

  private templateOf(stack: Stack): Template | undefined {
    const path = this.pathOf(stack);
    if (path === undefined) {
      return undefined;
    }
    let template = this.templates.get(path);
    if (template === undefined) {
      template = JSON.parse(readFileSync(path, 'utf8')) as Template;
      this.templates.set(path, template);
    }
    return template;
  }
}

/** The resource's logical-id override when it is a literal (not a token), else undefined. */
function literalOverrideOf(node: CfnResource): string | undefined {
  const override = (node as unknown as { readonly _logicalIdOverride?: unknown })._logicalIdOverride;
  return typeof override === 'string' && override !== '' && !Token.isUnresolved(override) ? override : undefined;
}
