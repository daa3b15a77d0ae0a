import { CfnParameter, Stack } from 'aws-cdk-lib';
import { PermissionSummary, permissionSummary } from '../../checks/code/permission-summary';
import { rendered } from '../../checks/template-view';
import { LoadedTemplate } from '../template-loader';

/** A resource as the report reads it: rendered properties, by logical id. */
export interface ModelResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: { readonly [key: string]: any };
  /** The `aws:cdk:path` metadata, or the logical id. */
  readonly path: string;
  /** Whether the CDK created it to back a custom resource (`isCdkHelperFunction`): CloudFormation invokes it, not users. */
  readonly cdkHelper: boolean;
  /** For a Node.js function whose code the assembly holds: what its code calls against what its role grants. */
  readonly permissions?: PermissionSummary;
}

/** One template, as plain data: what the report's analyses work on. */
export interface TemplateModel {
  /** The template file as the user named it. */
  readonly template: string;
  readonly resources: readonly ModelResource[];
  /** Parameter defaults, by parameter name (parameters without a default are absent). */
  readonly parameterDefaults: ReadonlyMap<string, unknown>;
}

/** The model of a loaded template: its resources rendered as the template has them. */
export function templateModel(loaded: LoadedTemplate): TemplateModel {
  const resources = loaded.resources.map(resource => {
    const view = rendered(resource.node);
    const cdkHelper = resource.node.node.metadata.some(entry => entry.type.startsWith('aws:cdk:is-custom-resource-handler'));
    const permissions = view.type === 'AWS::Lambda::Function' && !cdkHelper ? permissionSummary(view) : undefined;
    const path = resource.cdkPath ?? view.logicalId;
    return { logicalId: view.logicalId, type: view.type, properties: view.properties, path, cdkHelper, permissions };
  });
  const parameterDefaults = new Map<string, unknown>();
  for (const construct of loaded.stack.node.findAll()) {
    if (construct instanceof CfnParameter && construct.default !== undefined) {
      parameterDefaults.set(Stack.of(construct).resolve(construct.logicalId) as string, construct.default);
    }
  }
  return { template: loaded.source.display, resources, parameterDefaults };
}

/** The resources of a model of one type. */
export function ofType(model: TemplateModel, type: string): ModelResource[] {
  return model.resources.filter(resource => resource.type === type);
}
