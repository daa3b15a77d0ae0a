import { join } from 'path';
// The SARIF 2.1.0 schema (draft-04) ships in @microsoft/jest-sarif; ajv 6 validates draft-04.
import Ajv from 'ajv';
import { Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { FIXTURES, runCli, stackIn, synthesize, tempDir } from './helpers';
import { SecureFunction } from '../../src';
import { minimalFunctionProps } from '../helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sarifSchema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const draft04 = require('ajv/lib/refs/json-schema-draft-04.json');

function validateSarif(log: unknown): string[] {
  const ajv = new Ajv({ schemaId: 'auto', allErrors: true });
  ajv.addMetaSchema(draft04);
  const validate = ajv.compile(sarifSchema);
  return validate(log) ? [] : (validate.errors ?? []).map(error => `${error.dataPath} ${error.message}`);
}

describe('check --format sarif', () => {
  const outdir = synthesize(app => {
    const stack = stackIn(app);
    new SecureFunction(stack, 'Secure', minimalFunctionProps);
    new lambda.Function(stack, 'Plain', minimalFunctionProps).addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
  });
  const cwd = join(outdir, '..');
  const result = runCli(['check', outdir, '--format', 'sarif', '--pack', 'AwsSolutions'], cwd);
  const log = JSON.parse(result.stdout);
  const run = log.runs[0];

  test('is valid SARIF 2.1.0 (the schema GitHub code scanning accepts)', () => {
    expect(validateSarif(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
  });

  test('also validates the YAML fixture with unknown types and acknowledgements', () => {
    const yaml = JSON.parse(runCli(['check', join(FIXTURES, 'insecure.yaml'), '--format', 'sarif'], FIXTURES).stdout);
    expect(validateSarif(yaml)).toEqual([]);
  });

  test('names the tool and describes every rule that fired, with risk and security severity', () => {
    expect(run.tool.driver).toMatchObject({ name: 'cdk-secure-serverless', informationUri: expect.stringMatching(/^https:\/\//) });
    const rule = run.tool.driver.rules.find((candidate: { id: string }) => candidate.id === 'SecureServerless-LambdaReservedConcurrency');
    expect(rule).toEqual({
      id: 'SecureServerless-LambdaReservedConcurrency',
      name: 'LambdaReservedConcurrency',
      shortDescription: { text: expect.stringContaining('The Lambda function has no reserved-concurrency cap, or a cap above 1,000') },
      fullDescription: { text: expect.stringContaining('billing denial of service') },
      helpUri: expect.stringContaining('RULES.md'),
      help: { text: expect.stringContaining('Fix: Use SecureFunction'), markdown: expect.stringContaining('**Fix:** Use SecureFunction') },
      defaultConfiguration: { level: 'error' },
      properties: { 'tags': ['security', 'billing-dos', 'SecureServerless'], 'security-severity': '8.0', 'precision': 'high' },
    });
    const warning = run.tool.driver.rules.find((candidate: { id: string }) => candidate.id === 'SecureServerless-LambdaTracing');
    expect(warning.properties['security-severity']).toBe('5.0');
    expect(run.tool.driver.rules.find((candidate: { id: string }) => candidate.id === 'AwsSolutions-IAM4').properties.tags).toEqual(['security', 'least-privilege', 'AwsSolutions']);
  });

  test('locates each result at its resource line, relative to the working directory', () => {
    const url = run.results.find((candidate: { ruleId: string }) => candidate.ruleId === 'SecureServerless-LambdaFunctionUrlAuth');
    const location = url.locations[0].physicalLocation;
    const relativeDir = outdir.slice(cwd.length + 1);
    expect(location.artifactLocation.uri).toBe(`${relativeDir}/MyStack.template.json`);
    expect(location.region.startLine).toBeGreaterThan(1);
    expect(url.ruleIndex).toBe(run.tool.driver.rules.findIndex((rule: { id: string }) => rule.id === url.ruleId));
    expect(url.partialFingerprints['cdkSecureServerless/v1']).toMatch(/^[0-9a-f]{64}$/);
    expect(url.locations[0].logicalLocations[0].fullyQualifiedName).toBe('MyStack/Plain/FunctionUrl/Resource');
  });

  test('keeps acknowledged findings as suppressed results with the reason', () => {
    const suppressed = run.results.filter((candidate: { suppressions?: unknown[] }) => candidate.suppressions !== undefined);
    expect(suppressed.length).toBeGreaterThan(0);
    expect(suppressed[0].suppressions[0]).toEqual({ kind: 'inSource', justification: expect.any(String) });
  });

  test('points a YAML resource at the line where it starts', () => {
    const yaml = JSON.parse(runCli(['check', join(FIXTURES, 'insecure.yaml'), '--format', 'sarif'], FIXTURES).stdout);
    const url = yaml.runs[0].results.find((candidate: { ruleId: string }) => candidate.ruleId === 'SecureServerless-LambdaFunctionUrlAuth');
    expect(url.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'insecure.yaml' }, region: { startLine: 45 } });
  });
});

describe('the SARIF validator of these tests', () => {
  test('rejects a log that breaks the schema, so a pass means something', () => {
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [{ level: 'fatal' }] }] })).not.toEqual([]);
  });
});

describe('check --format sarif with a baseline and acknowledgement warnings', () => {
  const outdir = synthesize(app => {
    const fn = new lambda.Function(stackIn(app), 'Fn', { ...minimalFunctionProps, reservedConcurrentExecutions: 5 });
    Validations.of(fn).acknowledge({ id: 'SecureServerless-LambdaReservedConcurrency', reason: 'Was uncapped.' });
  });
  const cwd = join(outdir, '..');
  const baseline = join(tempDir(), 'baseline.json');
  runCli(['check', outdir, '--write-baseline', baseline]);
  const log = JSON.parse(runCli(['check', outdir, '--format', 'sarif', '--baseline', baseline], cwd).stdout);
  const run = log.runs[0];

  test('is valid SARIF 2.1.0', () => {
    expect(validateSarif(log)).toEqual([]);
  });

  test('reports the stale acknowledgement as a warning result of its own rule', () => {
    const stale = run.results.find((result: { ruleId: string }) => result.ruleId === 'SecureServerless-StaleAcknowledgement');
    expect(stale).toMatchObject({
      level: 'warning',
      baselineState: 'new',
      locations: [{ logicalLocations: [{ name: 'SecureServerless-LambdaReservedConcurrency', fullyQualifiedName: 'MyStack/Fn' }] }],
    });
    expect(stale.message.text).toContain('matches no finding');
    expect(run.tool.driver.rules[stale.ruleIndex].id).toBe('SecureServerless-StaleAcknowledgement');
    expect(run.tool.driver.rules[stale.ruleIndex].defaultConfiguration.level).toBe('warning');
  });

  test('the baselined findings are unchanged', () => {
    const states = run.results.filter((result: { ruleId: string }) => !/Acknowledgement/.test(result.ruleId))
      .map((result: { baselineState: string }) => result.baselineState);
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states)).toEqual(new Set(['unchanged']));
  });
});
