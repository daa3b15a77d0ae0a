import { readFileSync, statSync } from 'fs';
import { dirname } from 'path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { Acknowledgement, assemblyAcknowledgements, templateAcknowledgements } from './acknowledgements';
import { TemplateSource } from './assembly';
import { markCdkHelper, newProbeRoot } from './cdk-helpers';
import { inputError, oneLine } from './cli-error';
import { resourceLines } from './template-lines';
import { setCodeRoot } from '../checks/code/function-code';
import { rendered } from '../checks/template-view';

/**
 * The largest template the CLI reads: 1 MiB, CloudFormation's own limit for a template body
 * in S3 (51,200 bytes when passed directly). A larger template could never be deployed, and
 * refusing it keeps a run fast and its memory small.
 */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

/** A resource of a loaded template. */
export interface IncludedResource {
  readonly logicalId: string;
  readonly type: string;
  /** The L1 construct `CfnInclude` made for it, which the rule packs check. */
  readonly node: CfnResource;
  /** The `aws:cdk:path` metadata, when the template was synthesized by the CDK. */
  readonly cdkPath?: string;
  /** The line of the template on which the resource starts (1 when unknown). */
  readonly line: number;
  /** The resource's place in the template's order. */
  readonly order: number;
  /** The findings acknowledged on this resource (its own metadata, the template's, the assembly's). */
  readonly acknowledgements: readonly Acknowledgement[];
}

/** A template loaded into a throwaway stack, ready for the rule packs. */
export interface LoadedTemplate {
  readonly source: TemplateSource;
  readonly stack: Stack;
  readonly resources: readonly IncludedResource[];
  /** Things the user should know that do not stop the run (transforms that generate resources). */
  readonly warnings: readonly string[];
}

/**
 * Loads a template with `CfnInclude` (which parses JSON and YAML, short-form tags such as
 * `!Ref` and `!GetAtt` included) into its own stack of `app`, so that the rule packs run on it
 * exactly as on a CDK app. Unknown resource types become plain `CfnResource`s and are checked
 * by whichever rules apply to them (usually none); parameters without defaults stay parameters
 * (`{ Ref }`), which the rules treat as values they cannot see.
 */
export function loadTemplate(app: App, source: TemplateSource, index: number): LoadedTemplate {
  const text = readTemplateText(source);
  const stack = new Stack(app, `Template${index}`);
  // Asset paths in the template's metadata are relative to the folder it lives in.
  setCodeRoot(stack, dirname(source.file));
  try {
    new CfnInclude(stack, 'Template', { templateFile: source.file, allowCyclicalReferences: true });
  } catch (error) {
    throw inputError(`${source.display}: ${describeParseError(error)}`);
  }
  const nodes = stack.node.findAll().filter((construct): construct is CfnResource => CfnResource.isCfnResource(construct));
  if (nodes.length === 0) {
    throw inputError(`${source.display} has no Resources: it is not a CloudFormation template, or an empty one`);
  }
  const transforms = stack.templateOptions.transforms ?? [];
  refuseSam(source, transforms, nodes);
  const lines = resourceLines(text);
  const templateLevel = templateAcknowledgements(stack.templateOptions.metadata);
  const probes = newProbeRoot();
  const resources = nodes.map((node, creationOrder) => {
    const view = rendered(node);
    const cdkPath = typeof view.metadata['aws:cdk:path'] === 'string' ? view.metadata['aws:cdk:path'] as string : undefined;
    if (view.type === 'AWS::Lambda::Function') {
      markCdkHelper(node, cdkPath, source.metadata, probes);
    }
    const line = lines.get(view.logicalId);
    return {
      logicalId: view.logicalId,
      type: view.type,
      node,
      cdkPath,
      line: line ?? 1,
      order: line ?? Number.MAX_SAFE_INTEGER - nodes.length + creationOrder,
      acknowledgements: [
        ...templateAcknowledgements(view.metadata, cdkPath ?? view.logicalId),
        ...templateLevel,
        ...assemblyAcknowledgements(source.metadata, cdkPath),
      ],
    };
  }).sort((a, b) => a.order - b.order);
  refuseLostResources(source, text, lines, resources);
  const warnings = transforms.map(transform =>
    `${source.display} uses the transform ${transform}: the resources it generates at deploy time are not checked`);
  return { source, stack, resources, warnings };
}

/**
 * \`CfnInclude\` keeps resources in a plain object, so one whose logical id is the name of an
 * object member (\`constructor\`, \`toString\`, \`valueOf\`…) is silently dropped: neither checked
 * nor counted. Until the CLI loads templates itself, such a template is refused rather than
 * passed with resources nobody looked at.
 */
function refuseLostResources(
  source: TemplateSource, text: string, lines: Map<string, number>, resources: ReadonlyArray<{ readonly logicalId: string }>,
): void {
  const declared = new Set(lines.keys());
  if (/^\s*[{[]/.test(text)) {
    const resourcesSection = (JSON.parse(text) as { Resources?: unknown }).Resources;
    if (resourcesSection !== null && typeof resourcesSection === 'object') {
      Object.keys(resourcesSection).forEach(id => declared.add(id));
    }
  }
  const loaded = new Set(resources.map(resource => resource.logicalId));
  const lost = [...declared].find(id => !loaded.has(id));
  if (lost !== undefined) {
    throw inputError(`${source.display}: resource '${lost}' could not be loaded for checking (its logical id is the name of a JavaScript object member): refused rather than left unchecked; rename the resource`);
  }
}

function readTemplateText(source: TemplateSource): string {
  let size: number;
  try {
    size = statSync(source.file).size;
  } catch (error) {
    throw inputError(`${source.display}: cannot be read (${(error as Error).message})`);
  }
  if (size > MAX_TEMPLATE_BYTES) {
    throw inputError(`${source.display} is ${size.toLocaleString('en-US')} bytes, over the ${MAX_TEMPLATE_BYTES.toLocaleString('en-US')}-byte limit (CloudFormation's own limit for a template in S3): split it into nested stacks`);
  }
  let text: string;
  try {
    text = readFileSync(source.file, 'utf8');
  } catch (error) {
    throw inputError(`${source.display}: cannot be read (${(error as Error).message})`);
  }
  if (text.trim().length === 0) {
    throw inputError(`${source.display} is empty`);
  }
  if (/^\s*[{[]/.test(text)) {
    // JSON's own parser says where JSON is broken more clearly than the YAML parser would.
    try {
      JSON.parse(text);
    } catch (error) {
      const message = (error as Error).message;
      const position = /at position (\d+)/.exec(message);
      const line = position && !/line \d+/.test(message) ? `, line ${text.slice(0, Number(position[1])).split('\n').length}` : '';
      // The parser quotes the text it choked on: keep only where, never the file's contents.
      const where = position ? `at position ${position[1]}` : (/line \d+(, column \d+)?/.exec(message)?.[0] ?? 'syntax error');
      throw inputError(`${source.display}: not valid JSON (${where}${line})`);
    }
  }
  return text;
}

/** A YAML or template error as one line, with the line number when the YAML parser knows it. */
function describeParseError(error: unknown): string {
  const yamlLine = (error as { source?: { rangeAsLinePos?: { start?: { line?: number } } } })?.source?.rangeAsLinePos?.start?.line;
  const message = oneLine(error instanceof Error ? error.message : String(error));
  if (error instanceof Error && error.name.startsWith('YAML')) {
    return `not valid YAML (${message}${yamlLine ? `, line ${yamlLine}` : ''})`;
  }
  return `not a valid CloudFormation template (${message})`;
}

/**
 * SAM templates are expanded into CloudFormation only when CloudFormation deploys them, so
 * their functions, APIs and roles do not exist yet in the file: checking it would say nothing.
 */
function refuseSam(source: TemplateSource, transforms: readonly string[], nodes: readonly CfnResource[]): void {
  const sam = transforms.find(transform => transform.startsWith('AWS::Serverless'))
    ?? nodes.map(node => node.cfnResourceType).find(type => type.startsWith('AWS::Serverless::'));
  if (sam !== undefined) {
    throw inputError(`${source.display} is an AWS SAM template (${sam}), which CloudFormation expands only at deploy time: check the expanded template instead (aws cloudformation get-template --template-stage Processed on a change set, or the AWS SAM translator's output)`);
  }
}
