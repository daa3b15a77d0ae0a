import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { findingLines, FIXTURES, runCli, stackIn, synthesize, tempDir } from './helpers';
import { stripHashes } from '../../src/cli/baseline';
import { minimalFunctionProps } from '../helpers';

/** A legacy app: a function that reads a bucket, with no cap, no tracing… */
function legacyApp(app: App): Stack {
  const stack = stackIn(app);
  const fn = new lambda.Function(stack, 'Legacy', minimalFunctionProps);
  new s3.Bucket(stack, 'Data').grantRead(fn);
  return stack;
}

/** The same app a pull request later changes: it adds a public function URL. */
function changedApp(app: App): void {
  const added = new lambda.Function(legacyApp(app), 'Added', { ...minimalFunctionProps, reservedConcurrentExecutions: 1 });
  added.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
}

interface JsonFinding {
  readonly ruleId: string;
  readonly path: string;
}

function json(result: { stdout: string }): { findings: JsonFinding[]; known: JsonFinding[]; summary: { [count: string]: number } } {
  return JSON.parse(result.stdout);
}

describe('check --write-baseline and --baseline', () => {
  const legacy = synthesize(legacyApp);
  const dir = tempDir('cli-baseline-');
  const baseline = join(dir, 'baseline.json');
  const written = runCli(['check', legacy, '--pack', 'AwsSolutions', '--write-baseline', baseline, '--format', 'json']);

  test('writes every current finding, keyed by construct path and rule, and passes', () => {
    expect(written.code).toBe(0);
    expect(written.stderr).toMatch(/wrote the baseline .*baseline\.json \(\d+ findings\)/);
    const file = JSON.parse(readFileSync(baseline, 'utf8'));
    expect(Object.keys(file)).toEqual(['version', 'findings']);
    expect(file.version).toBe(1);
    expect(file.findings).toContainEqual({ path: 'MyStack/Legacy/Resource', ruleId: 'SecureServerless-LambdaReservedConcurrency' });
    // The finding suffix names the bucket by its logical id: the hash is left out.
    expect(file.findings).toContainEqual({ path: 'MyStack/Legacy/ServiceRole/DefaultPolicy/Resource', ruleId: 'AwsSolutions-IAM5', suffix: 'Resource::<Data.Arn>/*' });
    expect(JSON.stringify(file)).not.toMatch(/[a-z][0-9A-F]{8}\b/);
    expect(json(written).known.length).toBe(file.findings.length);
    expect(json(written).findings).toEqual([]);
  });

  test('the same app against its baseline: every finding known, exit code 0', () => {
    const result = runCli(['check', legacy, '--pack', 'AwsSolutions', '--baseline', baseline, '--format', 'json']);
    expect(result.code).toBe(0);
    expect(json(result).findings).toEqual([]);
    expect(json(result).summary).toMatchObject({ errors: 0, warnings: 0, known: json(written).known.length });
  });

  test('a new insecure resource fails, and only it', () => {
    const changed = synthesize(changedApp);
    const result = runCli(['check', changed, '--pack', 'AwsSolutions', '--baseline', baseline, '--format', 'json']);
    expect(result.code).toBe(1);
    expect(findingLines(result).length).toBeGreaterThan(0);
    expect(json(result).findings.every(finding => finding.path.startsWith('MyStack/Added/'))).toBe(true);
    expect(findingLines(result)).toContain('SecureServerless-LambdaFunctionUrlAuth MyStack/Added/FunctionUrl/Resource');
    expect(json(result).known.some(finding => finding.path === 'MyStack/Legacy/Resource')).toBe(true);
  });

  test('other hashes in the logical ids (a CDK upgrade) still match', () => {
    const rehashed = synthesize(legacyApp);
    const template = join(rehashed, 'MyStack.template.json');
    const text = readFileSync(template, 'utf8');
    const changed = text.replace(/\b([A-Z][A-Za-z]*?)([0-9A-F]{8})\b/g, (_, head: string) => `${head}ABCDEF12`);
    expect(changed).not.toBe(text);
    writeFileSync(template, changed);
    const result = runCli(['check', rehashed, '--pack', 'AwsSolutions', '--baseline', baseline, '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(json(result).findings).toEqual([]);
    expect(result.code).toBe(0);
  });

  test('a template without construct paths is keyed by file name and logical id, hashes left out', () => {
    const one = tempDir();
    const two = tempDir();
    const handler = (id: string) => JSON.stringify({
      Resources: {
        [id]: {
          Type: 'AWS::Lambda::Function',
          Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::111111111111:role/fn', Code: { ZipFile: 'exports.handler = async () => 1;' } },
        },
      },
    });
    writeFileSync(join(one, 'app.json'), handler('Handler1A2B3C4D'));
    writeFileSync(join(two, 'app.json'), handler('Handler9F8E7D6C'));
    const base = join(one, 'baseline.json');
    expect(runCli(['check', join(one, 'app.json'), '--write-baseline', base]).code).toBe(0);
    expect(JSON.parse(readFileSync(base, 'utf8')).findings[0].path).toMatch(/^app\.json:[A-Za-z]+$/);
    const result = runCli(['check', join(two, 'app.json'), '--baseline', base, '--format', 'json']);
    expect(json(result).findings).toEqual([]);
    expect(json(result).known.length).toBeGreaterThan(0);
  });

  test('text output lists the known findings apart, and the summary counts them', () => {
    const result = runCli(['check', legacy, '--baseline', baseline]);
    expect(result.stdout).toMatch(/^Known \(listed in the baseline .*baseline\.json, not failing\):$/m);
    expect(result.stdout).toMatch(/^ {2}known {3}SecureServerless-LambdaReservedConcurrency MyStack\/Legacy\/Resource/m);
    expect(result.stdout).toMatch(/0 errors, 0 warnings, \d+ acknowledged, \d+ known \(baseline\) in/);
  });

  test('SARIF gives each result its baselineState', () => {
    const changed = synthesize(changedApp);
    const sarif = JSON.parse(runCli(['check', changed, '--baseline', baseline, '--format', 'sarif']).stdout);
    type SarifResult = { ruleId: string; baselineState: string; locations: Array<{ logicalLocations: Array<{ fullyQualifiedName: string }> }> };
    const states = sarif.runs[0].results.map((result: SarifResult) =>
      `${result.baselineState} ${result.ruleId} ${result.locations[0].logicalLocations[0].fullyQualifiedName}`);
    expect(states).toContain('new SecureServerless-LambdaFunctionUrlAuth MyStack/Added/FunctionUrl/Resource');
    expect(states).toContain('unchanged SecureServerless-LambdaReservedConcurrency MyStack/Legacy/Resource');
    expect(states.every((state: string) => /^(new|unchanged) /.test(state))).toBe(true);
  });

  test('without a baseline, SARIF results have no baselineState', () => {
    const sarif = JSON.parse(runCli(['check', legacy, '--format', 'sarif']).stdout);
    expect(sarif.runs[0].results.some((result: object) => 'baselineState' in result)).toBe(false);
  });
});

describe('a malformed baseline is an input error (exit code 2)', () => {
  const template = join(FIXTURES, 'public-queue.json');

  test.each([
    ['not JSON', '{ "version": 1,', /not valid JSON/],
    ['an array', '[]', /is not a baseline: expected an object with version and findings/],
    ['no version', '{ "findings": [] }', /version is missing: this release reads version 1/],
    ['another version', '{ "version": 2, "findings": [] }', /version 2: this release reads version 1/],
    ['an unknown key', '{ "version": 1, "findings": [], "extra": true }', /unknown key 'extra'/],
    ['findings not an array', '{ "version": 1, "findings": {} }', /findings must be an array/],
    ['an entry not an object', '{ "version": 1, "findings": ["x"] }', /findings\[0\] must be an object/],
    ['an entry without path', '{ "version": 1, "findings": [{ "ruleId": "A-B" }] }', /findings\[0\]\.path must be a non-empty string/],
    ['an empty rule id', '{ "version": 1, "findings": [{ "path": "S/R", "ruleId": "" }] }', /findings\[0\]\.ruleId must be a non-empty rule id/],
    ['a suffixed rule id', '{ "version": 1, "findings": [{ "path": "S/R", "ruleId": "A-B[x]" }] }', /give that as suffix/],
    ['a numeric suffix', '{ "version": 1, "findings": [{ "path": "S/R", "ruleId": "A-B", "suffix": 1 }] }', /findings\[0\]\.suffix must be a string/],
    ['an unknown entry key', '{ "version": 1, "findings": [{ "path": "S/R", "ruleId": "A-B", "reason": "x" }] }', /findings\[0\] has the unknown key 'reason'/],
  ])('%s', (_, content, reason) => {
    const file = join(tempDir(), 'baseline.json');
    writeFileSync(file, content);
    const result = runCli(['check', template, '--baseline', file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(new RegExp(`^cdk-secure-serverless: --baseline ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    expect(result.stderr).toMatch(reason);
  });

  test('a missing file', () => {
    const result = runCli(['check', template, '--baseline', join(tempDir(), 'none.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/none\.json: cannot be read/);
  });

  test('a directory', () => {
    const result = runCli(['check', template, '--baseline', tempDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not a file/);
  });

  test.each([
    [['check', template, '--baseline', ''], /--baseline '': the file name is empty/],
    [['check', template, '--write-baseline', ''], /--write-baseline '': the file name is empty/],
    [['check', template, '--baseline', 'a', '--baseline', 'b'], /--baseline is given more than once/],
    [['report', template, '--baseline', 'a'], /--baseline is not an option of report/],
  ])('%j', (argv, reason) => {
    const result = runCli(argv as string[]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(reason as RegExp);
  });
});

describe('stripHashes', () => {
  test.each([
    ['Fn9C617903', 'Fn'],
    ['MyStack/Nested.NestedStack/NestedStackResource9C617903', 'MyStack/Nested.NestedStack/NestedStackResource'],
    ['Resource::<DataBucket1E3A8C32.Arn>/*', 'Resource::<DataBucket.Arn>/*'],
    ['arn:aws:iam::111111111111:root', 'arn:aws:iam::111111111111:root'],
    ['ABCDEF12345678', 'ABCDEF12345678'],
    ['Short1234', 'Short1234'],
    ['lowercasehash9c617903', 'lowercasehash9c617903'],
  ])('%s → %s', (text, stripped) => {
    expect(stripHashes(text)).toBe(stripped);
  });
});
