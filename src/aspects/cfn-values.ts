import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { textOf } from '../checks/template-view';

/**
 * Whether a raw override (`addPropertyOverride`, `addOverride('Properties.…')`, or a deletion
 * override) touches the property. Such a property was set by hand, and an override wins over
 * the L1 field anyway, so the aspect leaves it alone.
 */
export function isOverridden(resource: CfnResource, property: string): boolean {
  // `CfnResource` keeps overrides in a private object; there is no public way to read them.
  const overrides = (resource as unknown as { rawOverrides?: { Properties?: object } }).rawOverrides;
  const properties = overrides?.Properties;
  return properties !== undefined && properties !== null && typeof properties === 'object' && property in properties;
}

/** The L2 construct whose resource this is (its `defaultChild`), when it is of the given class. */
export function ownerOf<T extends IConstruct>(resource: CfnResource, type: abstract new (...args: any[]) => T): T | undefined {
  const scope = resource.node.scope;
  return scope instanceof type && scope.node.defaultChild === resource ? scope : undefined;
}

/** Whether the construct is the scope or inside it. */
export function isWithin(construct: IConstruct, scope: IConstruct): boolean {
  return construct.node.scopes.includes(scope);
}

/** The resources of the given type in the stack of the node (not in its nested stacks). */
export function resourcesOfStack(node: IConstruct, type: string): CfnResource[] {
  const stack = Stack.of(node);
  return stack.node.findAll()
    .filter((construct): construct is CfnResource => CfnResource.isCfnResource(construct)
      && construct.cfnResourceType === type
      && Stack.of(construct) === stack);
}

/**
 * A value of the stack as text, with references written `${LogicalId}` the way `Fn::Sub`
 * writes them: a literal, a `Ref`, an `Fn::Sub` without variables, or an `Fn::Join` of those
 * with an empty delimiter. `undefined` for anything else. So `/aws/lambda/${fn.functionName}`
 * and `{ 'Fn::Sub': '/aws/lambda/${Fn}' }` compare equal.
 */
export function textOfValue(stack: Stack, value: unknown): string | undefined {
  return textOf(stack.resolve(value));
}


/** Whether two values render the same in the stack (both resolved to intrinsics). */
export function rendersSame(stack: Stack, a: unknown, b: unknown): boolean {
  return JSON.stringify(stack.resolve(a)) === JSON.stringify(stack.resolve(b));
}
