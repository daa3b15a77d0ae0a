import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** Every acknowledgement recorded on the constructs of a stack, as `path ruleId` lines, sorted. */
export function acknowledgementsIn(stack: Stack): string[] {
  return stack.node.findAll()
    .flatMap((construct: IConstruct) => construct.node.metadata
      .filter(entry => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap(entry => Object.keys(entry.data).map(id => `${construct.node.path} ${id.replace(/^annotation::/i, '')}`)))
    .sort();
}

/** The reason recorded on a resource's template metadata for one acknowledged finding. */
export function acknowledgedReason(resource: IConstruct, id: string): string | undefined {
  const rules = (resource as CfnResource).getMetadata('cdk_nag')?.rules_to_suppress as Array<{ id: string; reason: string }> | undefined;
  return rules?.find(rule => rule.id === id)?.reason;
}
