import { dirname } from 'path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Acknowledgement, assemblyAcknowledgements, templateAcknowledgements } from './acknowledgements';
import { TemplateSource } from './assembly';
import { markCdkHelper, newProbeRoot } from './cdk-helpers';
import { inputError } from './cli-error';
import { TemplateBuilder } from './template-build';
import { checkIntrinsics } from './template-intrinsics';
import { resourceLines } from './template-lines';
import { parseTemplate } from './template-parse';
import { propertyError } from './template-properties';
import { isPlain, own, TemplateDocument, templateShape } from './template-shape';
import { readTemplateText } from './template-text';
import { setCodeRoot } from '../checks/code/function-code';

export { MAX_TEMPLATE_BYTES } from './template-text';

/** A resource of a loaded template. */
export interface IncludedResource {
  readonly logicalId: string;
  readonly type: string;
  /** The L1 construct built for it, which the rule packs check. */
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
 * Loads a template into its own stack of `app`, so that the rule packs run on it exactly as
 * on a CDK app: the text is read as UTF-8 (template-text), parsed from JSON or YAML with the
 * short-form tags and explicit limits (template-parse), its shape checked (template-shape),
 * and its elements built as the CDK's L1 constructs (template-build). Every resource of the
 * template is loaded, whatever its logical id, and each resource's properties are rendered
 * once here, so that a value CloudFormation would refuse is an input error naming the
 * resource and the property rather than a failure in the middle of the checks.
 */
export function loadTemplate(app: App, source: TemplateSource, index: number): LoadedTemplate {
  const text = readTemplateText(source.file, source.display);
  const template = templateShape(parseTemplate(text, source.display), source.display);
  refuseSam(source, template);
  checkTemplateIntrinsics(template, source.display);
  const stack = new Stack(app, `Template${index}`);
  // Asset paths in the template's metadata are relative to the folder it lives in.
  setCodeRoot(stack, dirname(source.file));
  const built = new TemplateBuilder(stack, template, source.display).build();
  for (const { entry, node } of built) {
    const problem = propertyError(node, entry);
    if (problem !== undefined) {
      throw inputError(`${source.display}: resource '${entry.logicalId}' ${problem}`);
    }
  }
  const lines = resourceLines(text);
  const templateLevel = templateAcknowledgements(template.metadata);
  const probes = newProbeRoot();
  const resources = built.map(({ entry, node }, position) => {
    const cdkPathValue = entry.metadata['aws:cdk:path'];
    const cdkPath = typeof cdkPathValue === 'string' ? cdkPathValue : undefined;
    // Without `aws:cdk:path` in the template, the assembly still knows the construct by its logical id.
    const constructPath = cdkPath ?? source.constructPaths?.get(entry.logicalId);
    if (entry.type === 'AWS::Lambda::Function') {
      markCdkHelper(node, constructPath, source.metadata, probes);
    }
    const line = lines.get(entry.logicalId);
    return {
      logicalId: entry.logicalId,
      type: entry.type,
      node,
      cdkPath,
      line: line ?? 1,
      order: line ?? Number.MAX_SAFE_INTEGER - built.length + position,
      acknowledgements: [
        ...templateAcknowledgements(entry.metadata, constructPath ?? entry.logicalId),
        ...templateLevel,
        ...assemblyAcknowledgements(source.metadata, constructPath),
      ],
    };
  }).sort((a, b) => a.order - b.order);
  const warnings = template.transforms.map(transform =>
    `${source.display} uses the transform ${transform}: the resources it generates at deploy time are not checked`);
  return { source, stack, resources, warnings };
}

/** The intrinsics of every resource property and condition, checked before anything is built. */
function checkTemplateIntrinsics(template: TemplateDocument, display: string): void {
  for (const resource of template.resources.values()) {
    const properties = own(resource.attributes, 'Properties');
    if (isPlain(properties)) {
      for (const name of Object.keys(properties)) {
        checkIntrinsics(properties[name], `${display}: resource '${resource.logicalId}' property '${name}'`);
      }
    }
  }
  template.conditions.forEach((condition, name) => checkIntrinsics(condition, `${display}: condition '${name}'`));
}

/**
 * SAM templates are expanded into CloudFormation only when CloudFormation deploys them, so
 * their functions, APIs and roles do not exist yet in the file: checking it would say nothing.
 */
function refuseSam(source: TemplateSource, template: TemplateDocument): void {
  const sam = template.transforms.find(transform => transform.startsWith('AWS::Serverless'))
    ?? [...template.resources.values()].map(resource => resource.type).find(type => type.startsWith('AWS::Serverless::'));
  if (sam !== undefined) {
    throw inputError(`${source.display} is an AWS SAM template (${sam}), which CloudFormation expands only at deploy time: check the expanded template instead (aws cloudformation get-template --template-stage Processed on a change set, or the AWS SAM translator's output)`);
  }
}
