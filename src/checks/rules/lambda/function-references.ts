import { CfnResource } from 'aws-cdk-lib';
import { refersTo, RenderedResource, resourcesOfType } from '../../template-view';

/** The value when it is a literal string, otherwise `undefined`. */
export function literalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
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
  if (name === undefined || text === undefined) {
    return false;
  }
  return text === name || new RegExp(`^arn:[^:]+:lambda:[^:]*:[^:]*:function:${escapeRegExp(name)}(:[^:]+)?$`).test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The function resources of the node's stack that the value designates. */
export function functionsDesignatedBy(node: CfnResource, value: unknown): RenderedResource[] {
  return resourcesOfType(node, 'AWS::Lambda::Function').filter(fn => designatesFunction(value, fn));
}
