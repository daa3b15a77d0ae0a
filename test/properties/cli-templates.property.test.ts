import { writeFileSync } from 'fs';
import { dirname, join } from 'path';
import * as fc from 'fast-check';
import { runCli, tempDir } from '../cli/helpers';

/**
 * The CLI on random templates, JSON and YAML, with random logical ids (every name on
 * `Object.prototype` among them), random types, properties and attributes: whatever the input,
 * the exit code is 0, 1 or 2, stderr never holds a stack trace or an internal error, and a run
 * that reads the template checks or counts every resource it declares.
 */

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

const logicalId = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES.filter(name => /^[A-Za-z]+$/.test(name))) },
  { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES.filter(name => name.startsWith('_'))) },
  { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,12}$/) },
  { weight: 4, arbitrary: fc.constantFrom('Fn', 'Url', 'Queue', '0') },
  { weight: 1, arbitrary: fc.constantFrom('My_Queue', '', 'a-b') },
);

const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom(...PROTOTYPE_NAMES));

/** Property values: plain values, and intrinsics that may or may not point at something. */
const value: fc.Arbitrary<unknown> = fc.letrec(tie => ({
  value: fc.oneof({ depthSize: 'small' },
    scalar,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(...PROTOTYPE_NAMES.filter(name => name !== '__proto__'))), tie('value'), { maxKeys: 3 }),
    logicalId.map(id => ({ Ref: id })),
    logicalId.map(id => ({ 'Fn::GetAtt': [id, 'Arn'] })),
    logicalId.map(id => ({ 'Fn::Sub': `\${${id}}` })),
  ),
})).value;

/** Resources CloudFormation would accept, secure or not: each of a type the packs have rules for, or of none. */
const validResource = fc.oneof(
  fc.record({
    Type: fc.constant('AWS::Lambda::Url'),
    Properties: fc.record({ AuthType: fc.constantFrom('NONE', 'AWS_IAM'), TargetFunctionArn: fc.constant('arn:aws:lambda:us-east-1:123456789012:function:f') }),
  }),
  fc.record({ Type: fc.constant('AWS::SNS::Topic'), Properties: fc.record({ TopicName: fc.stringMatching(/^[a-z]{1,8}$/) }, { requiredKeys: [] }) }),
  fc.record({ Type: fc.constant('AWS::SQS::Queue'), Properties: fc.record({ KmsMasterKeyId: fc.constantFrom('alias/aws/sqs', 'alias/mine') }, { requiredKeys: [] }) }),
  fc.record({ Type: fc.constant('AWS::S3::Bucket') }),
  fc.record({
    Type: fc.constant('AWS::IAM::ManagedPolicy'),
    Properties: fc.record({
      PolicyDocument: fc.constantFrom(
        { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
        JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] })),
    }),
  }),
  fc.record({ Type: fc.constantFrom('Custom::Thing', 'MyOrg::Service::Widget', 'AWS::CDK::Metadata'), Properties: fc.dictionary(fc.stringMatching(/^[A-Z][a-z]{0,6}$/), scalar, { maxKeys: 2 }) }),
);

/** Mostly absent: an attribute that is often wrong would make nearly every template a refusal. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
}

/** A valid resource, now and then with one part replaced by something random. */
const resource = fc.tuple(
  validResource,
  fc.record({
    Type: sometimes(scalar),
    Properties: sometimes(fc.oneof(scalar, fc.dictionary(fc.string({ maxLength: 8 }), value, { maxKeys: 3 }))),
    DependsOn: sometimes(fc.oneof(logicalId, fc.array(logicalId, { maxLength: 2 }), scalar)),
    Condition: sometimes(fc.oneof({ weight: 3, arbitrary: fc.constant('IsProd') }, { weight: 1, arbitrary: scalar })),
    Metadata: sometimes(fc.oneof(fc.constant({ 'aws:cdk:path': 'Stack/Thing/Resource' }), value)),
  }),
).map(([valid, changes]) => {
  const result: { [key: string]: unknown } = { ...valid };
  for (const [key, change] of Object.entries(changes)) {
    if (change !== undefined) {
      result[key] = change;
    }
  }
  return result;
});

const template = fc.record({
  Resources: fc.oneof(
    { weight: 30, arbitrary: fc.array(fc.tuple(logicalId, resource), { minLength: 1, maxLength: 5 }) },
    { weight: 1, arbitrary: fc.constant([] as Array<[string, unknown]>) },
  ),
  Conditions: fc.constant({ IsProd: { 'Fn::Equals': ['a', 'b'] } }),
  Parameters: sometimes(fc.dictionary(logicalId, fc.record({ Type: fc.oneof(fc.constant('String'), scalar), Default: scalar }), { maxKeys: 2 })),
});

/** The `yaml` module aws-cdk-lib bundles, to write block-style YAML. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require(require.resolve('yaml', { paths: [dirname(require.resolve('aws-cdk-lib/package.json'))] })) as { stringify(value: unknown): string };

/** A template object whose resources keep every id, `__proto__` included, as own properties. */
function asObject(generated: { Resources: Array<[string, unknown]>; [section: string]: unknown }): { [key: string]: unknown } {
  const resources: { [id: string]: unknown } = {};
  for (const [id, body] of generated.Resources) {
    Object.defineProperty(resources, id, { value: body, enumerable: true, writable: true, configurable: true });
  }
  return { ...generated, Resources: resources };
}

const encoding = fc.constantFrom('json', 'json-as-yaml', 'yaml');

function write(document: { [key: string]: unknown }, how: string): string {
  const dir = tempDir('cli-property-');
  const json = JSON.stringify(document, null, 1);
  if (how === 'json') {
    writeFileSync(join(dir, 'template.json'), json);
    return join(dir, 'template.json');
  }
  // A comment first sends JSON text through the YAML parser (JSON is YAML).
  writeFileSync(join(dir, 'template.yaml'), how === 'yaml' ? yaml.stringify(JSON.parse(json)) : `# as YAML\n${json}`);
  return join(dir, 'template.yaml');
}

describe('the CLI on random templates', () => {
  test('exits 0, 1 or 2, without a stack trace, and checks or counts every resource', () => {
    const codes: number[] = [];
    fc.assert(fc.property(template, encoding, (generated, how) => {
      const document = asObject(generated);
      const declared = Object.keys(document.Resources as object);
      const result = runCli(['check', write(document, how), '--format', 'json']);
      expect([0, 1, 2]).toContain(result.code);
      codes.push(result.code);
      expect(result.stderr).not.toMatch(/internal error|\n\s+at |YAMLWarning/);
      if (result.code === 2) {
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(/^cdk-secure-serverless: [^\n]+\n$/);
        return;
      }
      const output = JSON.parse(result.stdout) as { findings: Array<{ logicalId: string }>; summary: { resources: number; unchecked: number } };
      const counted = declared.filter(id => (document.Resources as { [id: string]: { Type: unknown } })[id].Type !== 'AWS::CDK::Metadata');
      expect(output.summary.resources).toBe(counted.length);
      expect(output.summary.unchecked).toBeLessThanOrEqual(counted.length);
      for (const finding of output.findings) {
        expect(declared).toContain(finding.logicalId);
      }
    }), { numRuns: 80 });
    // Not only refusals: about a quarter of the random templates are read and checked.
    expect(codes.filter(code => code !== 2).length).toBeGreaterThanOrEqual(5);
  });

  test.each(PROTOTYPE_NAMES.filter(name => /^[A-Za-z0-9]+$/.test(name)))('a public function URL named %s is found', id => {
    const document = asObject({ Resources: [[id, { Type: 'AWS::Lambda::Url', Properties: { AuthType: 'NONE', TargetFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f' } }]] });
    for (const how of ['json', 'yaml']) {
      const result = runCli(['check', write(document, how), '--format', 'json']);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout).findings).toContainEqual(expect.objectContaining({ ruleId: 'SecureServerless-LambdaFunctionUrlAuth', logicalId: id }));
    }
  });
});
