/*
 * Whether a request schema (an API Gateway model) constrains the body at all. One judgement,
 * shared by SecureApi (at synth) and the RestApiRequestValidation rule (on templates), so that
 * both refuse the same schemas.
 */

/** The verdict on a request schema. */
export interface SchemaJudgement {
  /** Whether the schema rejects some bodies: false for a schema that lets any object through. */
  readonly constrains: boolean;
  /** Why, as a clause after the schema's name: `requestSchema <reason>`. */
  readonly reason: string;
}

type Json = { [key: string]: unknown };

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A CloudFormation intrinsic (`{ Ref }`, `{ 'Fn::…' }`) or a CDK token: only deployment knows. */
function isUnreadable(value: Json): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

const JUDGED = (reason: string): SchemaJudgement => ({ constrains: true, reason });
const LOOSE = (reason: string): SchemaJudgement => ({ constrains: false, reason });

/**
 * Judges a request schema: an `apigateway.JsonSchema` (`ref`, `schema`…) or its rendered JSON
 * schema form (`$ref`, `$schema`…), or that JSON as a string (CloudFormation accepts both).
 *
 * A schema constrains nothing when it
 * - is empty (`{}` or `true`), or has no `type` and no keyword that restricts anything;
 * - is an object schema without `properties` (unless `additionalProperties` is `false`, which
 *   admits only `{}`, or a schema with a type, which types every value);
 * - has properties without a type (nor `$ref`, `enum`, `const`, `allOf`, `anyOf`, `oneOf`): any
 *   value passes for them;
 * - has neither `required` nor `additionalProperties: false`: `{}`, or an object made only of
 *   other properties, passes.
 *
 * What cannot be read (a `$ref` to another model, an intrinsic, text that is not JSON) is given
 * the benefit of the doubt. `allOf` constrains when one of its schemas does; `anyOf` and `oneOf`
 * when every one of theirs does. Non-object schemas (`string`, `array`…) constrain by their type.
 */
export function judgeRequestSchema(schema: unknown): SchemaJudgement {
  if (typeof schema === 'string') {
    try {
      return judgeRequestSchema(JSON.parse(schema));
    } catch {
      return JUDGED('is not JSON that can be read here, so it is not judged');
    }
  }
  if (schema === true) {
    return LOOSE('is `true`, which accepts any JSON value');
  }
  if (!isRecord(schema) || isUnreadable(schema)) {
    return JUDGED('cannot be read before deployment, so it is not judged');
  }
  if (schema.$ref !== undefined || schema.ref !== undefined) {
    return JUDGED('refers to another schema, which is not judged');
  }
  if (schema.enum !== undefined || schema.const !== undefined || schema.not !== undefined) {
    return JUDGED('restricts the body to listed values');
  }
  const combined = judgeCombinators(schema);
  if (combined?.constrains) {
    return combined;
  }

  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(type => type !== undefined);
  const objectKeywords = ['properties', 'required', 'additionalProperties', 'patternProperties', 'minProperties', 'maxProperties'];
  const objectLike = types.includes('object') || (types.length === 0 && objectKeywords.some(keyword => schema[keyword] !== undefined));
  if (!objectLike) {
    if (types.length === 0) {
      return combined ?? LOOSE('has no type and no keyword that restricts the body, so any JSON value passes');
    }
    return JUDGED(`restricts the body to ${types.join(' or ')}`);
  }
  if (types.length > 1) {
    return JUDGED(`restricts the body to ${types.join(' or ')}`);
  }

  const properties = isRecord(schema.properties) ? schema.properties : {};
  const names = Object.keys(properties);
  const closed = schema.additionalProperties === false || schema.additionalProperties === 'false';
  if (names.length === 0) {
    if (closed) {
      return JUDGED('admits only the empty object (no properties, additionalProperties false)');
    }
    if (isTyped(schema.additionalProperties) || isRecord(schema.patternProperties)) {
      return JUDGED('types the values of the object');
    }
    return LOOSE('is an object schema without properties, so any object passes');
  }
  const untyped = names.filter(name => !isTyped(properties[name]));
  if (untyped.length > 0) {
    return LOOSE(`declares ${untyped.map(name => `'${name}'`).join(', ')} without a type, so any value passes for ${untyped.length === 1 ? 'it' : 'them'}`);
  }
  const required = Array.isArray(schema.required) && schema.required.length > 0;
  if (!required && !closed) {
    return LOOSE('has neither required properties nor additionalProperties: false, so an empty object, or one made only of other properties, passes');
  }
  return JUDGED('declares typed properties and required ones or additionalProperties: false');
}

/** The verdict of `allOf`, `anyOf` and `oneOf`, when the schema has any. */
function judgeCombinators(schema: Json): SchemaJudgement | undefined {
  const all = Array.isArray(schema.allOf) ? schema.allOf.map(judgeRequestSchema) : [];
  const some = [schema.anyOf, schema.oneOf].filter(Array.isArray).map(list => (list as unknown[]).map(judgeRequestSchema));
  if (all.length === 0 && some.length === 0) {
    return undefined;
  }
  const constrainingAll = all.find(judgement => judgement.constrains);
  if (constrainingAll) {
    return JUDGED(`constrains through allOf: ${constrainingAll.reason}`);
  }
  const everyAlternative = some.find(list => list.length > 0 && list.every(judgement => judgement.constrains));
  if (everyAlternative) {
    return JUDGED('constrains through each of its alternatives (anyOf, oneOf)');
  }
  const loose = [...all, ...some.flat()].find(judgement => !judgement.constrains);
  return LOOSE(`lets any object through its combinators: one of them ${loose?.reason ?? 'constrains nothing'}`);
}

/** Whether a property's schema says what its value must be. */
function isTyped(schema: unknown): boolean {
  if (!isRecord(schema)) {
    return false;
  }
  return isUnreadable(schema) || ['type', '$ref', 'ref', 'enum', 'const', 'allOf', 'anyOf', 'oneOf', 'not'].some(keyword => schema[keyword] !== undefined);
}
