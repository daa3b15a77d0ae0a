import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { FIXTURES, runCli, tempDir } from './helpers';
import { MAX_TEMPLATE_BYTES } from '../../src/cli/template-loader';

/** Every bad input: exit code 2, one line on stderr naming the problem, nothing on stdout. */
function expectInputError(argv: string[], reason: RegExp, cwd?: string): void {
  const result = runCli(argv, cwd);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.split('\n').filter(line => line.length > 0)).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).toMatch(reason);
}

describe('check fails with exit code 2 and a one-line reason', () => {
  test('if the path does not exist', () => {
    expectInputError(['check', 'nowhere/cdk.out'], /^cdk-secure-serverless: nowhere\/cdk.out: no such file or directory\n$/);
  });

  test('if the directory is no cloud assembly', () => {
    expectInputError(['check', FIXTURES], /is a directory without manifest.json: pass a cloud assembly/);
  });

  test('if the manifest is not JSON', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'manifest.json'), '{ not json');
    expectInputError(['check', dir], /manifest.json: not valid JSON/);
  });

  test('if the assembly has no stack', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '48.0.0', artifacts: {} }));
    expectInputError(['check', dir], /the cloud assembly has no stack templates/);
  });

  test('if a stack template of the assembly is missing', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } } } }));
    expectInputError(['check', dir], /S.template.json: cannot be read/);
  });

  test('if the JSON is malformed, with the line', () => {
    expectInputError(['check', join(FIXTURES, 'malformed.json')], /malformed.json: not valid JSON \(.*line 5\)/);
  });

  test('if the YAML is malformed, with the line', () => {
    expectInputError(['check', join(FIXTURES, 'malformed.yaml')], /malformed.yaml: not valid YAML \(Insufficient indentation in flow collection, line 4\)/);
  });

  test('if the template has no Resources', () => {
    expectInputError(['check', join(FIXTURES, 'no-resources.json')], /no-resources.json has no Resources/);
  });

  test('if the file is empty', () => {
    expectInputError(['check', join(FIXTURES, 'empty.yaml')], /empty.yaml is empty/);
  });

  test('if the template refers to a resource it does not have', () => {
    expectInputError(['check', join(FIXTURES, 'dangling-ref.json')], /not a valid CloudFormation template \(Element used in Ref expression with logical ID: 'MissingKey' not found\)/);
  });

  test('if it is a SAM template, saying how to expand it', () => {
    expectInputError(['check', join(FIXTURES, 'sam.yaml')], /is an AWS SAM template \(AWS::Serverless-2016-10-31\), which CloudFormation expands only at deploy time: check the expanded template instead/);
  });

  test('if the template is over the 1 MiB limit (a 5 MB template)', () => {
    const dir = tempDir();
    const resources: { [id: string]: object } = {};
    for (let index = 0; index < 20000; index++) {
      resources[`Queue${index}`] = { Type: 'AWS::SQS::Queue', Properties: { QueueName: `queue-${index}-${'x'.repeat(200)}` } };
    }
    const file = join(dir, 'huge.json');
    writeFileSync(file, JSON.stringify({ Resources: resources }));
    expectInputError(['check', file], /huge.json is [\d,]+ bytes, over the 1,048,576-byte limit \(CloudFormation's own limit for a template in S3\)/);
    expect(MAX_TEMPLATE_BYTES).toBe(1048576);
  });

  test('if the output file cannot be written', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'taken'));
    expectInputError(['check', join(FIXTURES, 'insecure.yaml'), '--output', 'taken'], /--output taken: cannot be written/, dir);
  });
});

describe('the command line', () => {
  test.each([
    [[], /missing command: check or report/],
    [['scan', 'cdk.out'], /unknown command 'scan'/],
    [['check'], /missing path: check needs a cloud assembly directory/],
    [['check', 'a', 'b'], /check takes one path, not 2/],
    [['check', 'cdk.out', '--format', 'xml'], /--format xml: check writes text, json, sarif/],
    [['report', 'cdk.out', '--format', 'sarif'], /--format sarif: report writes text, json/],
    [['check', 'cdk.out', '--fail-on', 'info'], /--fail-on info: use error or warning/],
    [['check', 'cdk.out', '--price-request', '1'], /--price-request is not an option of check/],
    [['report', 'cdk.out', '--pack', 'AwsSolutions'], /--pack is not an option of report/],
    [['report', 'cdk.out', '--price-request', 'free'], /--price-request free: expected a number/],
    [['report', 'cdk.out', '--price-gb-second', 'mips=1'], /the architecture is x86_64 or arm64/],
    [['check', 'cdk.out', '--verbose'], /Unknown option '--verbose'/],
  ])('refuses %j with exit code 2', (argv, reason) => {
    expectInputError(argv as string[], reason as RegExp);
  });

  test('prints the usage with --help, exit code 0', () => {
    const result = runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('cdk-secure-serverless check <cdk.out | template> [options]');
  });

  test('prints the version with --version', () => {
    expect(runCli(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
