import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { judgeRequestSchema } from '../../src/policy/json-schema';

const { OBJECT, STRING, INTEGER, ARRAY } = apigateway.JsonSchemaType;

describe('judgeRequestSchema', () => {
  test.each<[string, unknown, RegExp]>([
    ['an empty schema', {}, /no type/],
    ['true', true, /any JSON value/],
    ['an object without properties', { type: OBJECT }, /without properties/],
    ['an object without properties but with required', { type: OBJECT, required: ['name'] }, /without properties/],
    ['a property without a type', { type: OBJECT, properties: { name: { maxLength: 10 } }, required: ['name'] }, /'name' without a type/],
    ['properties without types', { type: OBJECT, properties: { a: {}, b: { description: 'b' } }, additionalProperties: false }, /'a', 'b' without a type/],
    ['typed properties, neither required nor closed', { type: OBJECT, properties: { name: { type: STRING } } }, /neither required properties nor additionalProperties: false/],
    ['an empty required list', { type: OBJECT, properties: { name: { type: STRING } }, required: [] }, /neither required/],
    ['the same as JSON text', JSON.stringify({ type: 'object' }), /without properties/],
    ['a rendered schema ($schema) without properties', { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' }, /without properties/],
    ['anyOf with a loose branch', { anyOf: [{ type: OBJECT }, { type: OBJECT, properties: { a: { type: STRING } }, required: ['a'] }] }, /combinators/],
  ])('constrains nothing: %s', (_, schema, reason) => {
    const judgement = judgeRequestSchema(schema);
    expect(judgement.constrains).toBe(false);
    expect(judgement.reason).toMatch(reason);
  });

  test.each<[string, unknown]>([
    ['typed properties and required', { type: OBJECT, properties: { item: { type: STRING } }, required: ['item'] }],
    ['typed properties and additionalProperties false', { type: OBJECT, properties: { item: { type: STRING } }, additionalProperties: false }],
    ['both', { type: OBJECT, properties: { item: { type: STRING }, count: { type: INTEGER } }, required: ['item'], additionalProperties: false }],
    ['properties typed by ref, enum or allOf', {
      type: OBJECT,
      required: ['a'],
      properties: { a: { ref: '#/definitions/a' }, b: { $ref: '#/definitions/b' }, c: { enum: ['x'] }, d: { allOf: [{ type: STRING }] } },
    }],
    ['only the empty object', { type: OBJECT, additionalProperties: false }],
    ['a map of typed values', { type: OBJECT, additionalProperties: { type: STRING } }],
    ['a non-object body', { type: ARRAY, items: { type: STRING } }],
    ['a reference to another model', { $ref: 'https://apigateway.amazonaws.com/restapis/abc/models/Order' }],
    ['an intrinsic', { 'Fn::If': ['Cond', {}, {}] }],
    ['text that is not JSON', '{ not json'],
    ['allOf with one constraining schema', { allOf: [{ type: OBJECT }, { type: OBJECT, properties: { a: { type: STRING } }, required: ['a'] }] }],
    ['the same as JSON text', JSON.stringify({ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] })],
  ])('constrains: %s', (_, schema) => {
    expect(judgeRequestSchema(schema).constrains).toBe(true);
  });
});
