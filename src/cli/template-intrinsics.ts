import { inputError } from './cli-error';
import { isPlain, kindOf, Plain } from './template-shape';

/** What each intrinsic takes, as CloudFormation documents it, and a test of its argument. */
interface IntrinsicShape {
  readonly takes: string;
  readonly accepts: (argument: unknown) => boolean;
}

/** A value that may be an intrinsic standing for the kind of value wanted: checked when it is evaluated. */
const dynamic = (value: unknown) => isPlain(value);
const text = (value: unknown) => typeof value === 'string' || dynamic(value);
const list = (value: unknown) => Array.isArray(value) || dynamic(value);
const listOf = (min: number, max: number, ...items: Array<(item: unknown) => boolean>) => (value: unknown) =>
  Array.isArray(value) && value.length >= min && value.length <= max
  && items.every((accepts, index) => index >= value.length || accepts(value[index]));
const any = () => true;

const SHAPES: ReadonlyMap<string, IntrinsicShape> = new Map<string, IntrinsicShape>([
  ['Ref', { takes: 'a logical id or a pseudo parameter', accepts: value => typeof value === 'string' }],
  ['Fn::GetAtt', {
    takes: "[logicalId, attribute] or 'logicalId.attribute'",
    accepts: value => (typeof value === 'string' && value.includes('.')) || listOf(2, 2, item => typeof item === 'string', text)(value),
  }],
  ['Fn::Join', { takes: '[delimiter, [values]]', accepts: listOf(2, 2, item => typeof item === 'string', list) }],
  ['Fn::Select', { takes: '[index, [values]]', accepts: listOf(2, 2, item => typeof item === 'number' || text(item), list) }],
  ['Fn::Split', { takes: '[delimiter, string]', accepts: listOf(2, 2, item => typeof item === 'string', text) }],
  ['Fn::Sub', { takes: 'a string or [string, { name: value }]', accepts: value => typeof value === 'string' || listOf(2, 2, item => typeof item === 'string', isPlain)(value) }],
  ['Fn::If', { takes: '[condition, value if true, value if false]', accepts: listOf(3, 3, item => typeof item === 'string', any, any) }],
  ['Fn::FindInMap', { takes: '[mapping, top-level key, second-level key]', accepts: listOf(3, 4, text, text, text, any) }],
  ['Fn::Equals', { takes: '[value, value]', accepts: listOf(2, 2, any, any) }],
  ['Fn::And', { takes: 'a list of 2 to 10 conditions', accepts: listOf(2, 10) }],
  ['Fn::Or', { takes: 'a list of 2 to 10 conditions', accepts: listOf(2, 10) }],
  ['Fn::Not', { takes: '[condition]', accepts: listOf(1, 1, isPlain) }],
  ['Fn::Cidr', { takes: '[ipBlock, count, cidrBits]', accepts: listOf(3, 3, text, any, any) }],
  ['Fn::GetAZs', { takes: 'a region (or "")', accepts: text }],
  ['Fn::ImportValue', { takes: 'an export name', accepts: text }],
  ['Fn::Base64', { takes: 'a string', accepts: text }],
  ['Fn::Transform', { takes: '{ Name, Parameters }', accepts: value => isPlain(value) && typeof value.Name === 'string' }],
]);

/**
 * Checks the arguments of the intrinsics in a value (a resource's properties, a condition):
 * `Fn::Split: 5` would otherwise fail deep inside the CDK with a JavaScript message such as
 * "Cannot read properties of undefined", naming neither the property nor what is wrong.
 * `where` names the resource and the property; the path inside the property is added.
 */
export function checkIntrinsics(value: unknown, where: string, path = ''): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => checkIntrinsics(item, where, `${path}[${index}]`));
    return;
  }
  if (!isPlain(value)) {
    return;
  }
  const keys = Object.keys(value);
  const shape = keys.length === 1 ? SHAPES.get(keys[0]) : undefined;
  if (shape !== undefined && !shape.accepts(value[keys[0]])) {
    throw inputError(`${where}${path}: ${keys[0]} takes ${shape.takes}, not ${describe(value[keys[0]])}`);
  }
  if (keys.length === 1 && keys[0].startsWith('Fn::') && shape === undefined) {
    throw inputError(`${where}${path}: ${keys[0]} is not an intrinsic function the CLI can evaluate (${[...SHAPES.keys()].join(', ')})`);
  }
  for (const key of keys) {
    checkIntrinsics((value as Plain)[key], where, shape !== undefined ? `${path} (${key})` : `${path}.${key}`);
  }
}

function describe(value: unknown): string {
  return Array.isArray(value) ? `a list of ${value.length}` : kindOf(value);
}
