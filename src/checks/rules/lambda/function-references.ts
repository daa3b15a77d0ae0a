import { CfnResource } from 'aws-cdk-lib';
import { refersTo } from '../../../policy/template-json';
import { RenderedResource, resourcesOfType } from '../../template-view';

/** The value when it is a literal string, otherwise `undefined`. */
export function literalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}


/**
 * Whether a rendered value (a permission's `FunctionName`, an invoke configuration's
 * `FunctionName`, a schedule's target `Arn`) designates the function: a reference to it, a
 * reference to one of its aliases or versions, or its literal name or ARN (with or without a
 * qualifier).
 */
export function designatesFunction(value: unknown, fn: RenderedResource): boolean {
  if (refersTo(value, fn.logicalId)) {
    return true;
  }
  const qualifiers = [...resourcesOfType(fn.node, 'AWS::Lambda::Alias'), ...resourcesOfType(fn.node, 'AWS::Lambda::Version')]
    .filter(qualifier => refersTo(qualifier.properties.FunctionName, fn.logicalId));
  if (qualifiers.some(qualifier => refersTo(value, qualifier.logicalId))) {
    return true;
  }
  const name = literalString(fn.properties.FunctionName);
  const text = literalString(value);
  return name !== undefined && text !== undefined && namesFunction(text, name);
}

/** Whether a literal text is the function's name or ARN (with or without a qualifier). */
export function namesFunction(text: string, functionName: string): boolean {
  return text === functionName || new RegExp(`^arn:[^:]+:lambda:[^:]*:[^:]*:function:${escapeRegExp(functionName)}(:[^:]+)?$`).test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The function resources of the node's stack that the value designates. */
export function functionsDesignatedBy(node: CfnResource, value: unknown): RenderedResource[] {
  return resourcesOfType(node, 'AWS::Lambda::Function').filter(fn => designatesFunction(value, fn));
}
