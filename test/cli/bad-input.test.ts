import { mkdirSync, symlinkSync, writeFileSync } from 'fs';
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
    expectInputError(['check', join(FIXTURES, 'dangling-ref.json')], /dangling-ref.json: resource 'Queue': Element used in Ref expression with logical ID: 'MissingKey' not found/);
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
    [['report', 'cdk.out', '--price-request', '0'], /--price-request 0: expected a number above zero/],
    [['report', 'cdk.out', '--account-concurrency', '0'], /--account-concurrency 0: expected a number above zero/],
    [['check', 'cdk.out', '--verbose'], /Unknown option '--verbose'/],
    [['check', 'cdk.out', '--pack', ''], /--pack '': a pack name is empty/],
    [['check', 'cdk.out', '--pack', 'AwsSolutions,,HIPAA'], /--pack 'AwsSolutions,,HIPAA': a pack name is empty/],
    [['check', 'cdk.out', '--pack', ','], /--pack ',': a pack name is empty/],
    [['check', 'cdk.out', '--format', 'json', '--format', 'text'], /--format is given more than once/],
    [['check', 'cdk.out', '-f', 'json', '--format', 'json'], /--format is given more than once/],
    [['check', 'cdk.out', '--fail-on', 'error', '--fail-on', 'warning'], /--fail-on is given more than once/],
    [['report', 'cdk.out', '--price-request', '-1'], /^cdk-secure-serverless: --price-request -1: negative numbers are not accepted/],
    [['report', 'cdk.out', '--account-concurrency', '-5'], /--account-concurrency -5: negative numbers are not accepted/],
    [['report', 'cdk.out', '--price-request=-0.5'], /--price-request -0.5: negative numbers are not accepted/],
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

describe('check never reads a file outside the cloud assembly', () => {
  const SECRET = 'outside-secret-content-7f3a';

  /** An assembly folder inside a temporary folder, beside a file that must never be read. */
  function assemblyBesideSecret(): { dir: string; secret: string } {
    const base = tempDir('cli-traversal-');
    const secret = join(base, 'secret.json');
    writeFileSync(secret, `${SECRET}\n{ "Resources": {} }`);
    const dir = join(base, 'cdk.out');
    mkdirSync(dir);
    return { dir, secret };
  }

  function writeManifest(dir: string, artifacts: object): void {
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '48.0.0', artifacts }));
  }

  function expectRefused(dir: string, entry: RegExp): void {
    const result = runCli(['check', dir]);
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
    expect(result.stderr).toMatch(entry);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  }

  test('if templateFile climbs out with ..', () => {
    const { dir } = assemblyBesideSecret();
    writeManifest(dir, { S: { type: 'aws:cloudformation:stack', properties: { templateFile: '../secret.json' } } });
    expectRefused(dir, /artifacts\.S\.properties\.templateFile '\.\.\/secret\.json' leads outside the cloud assembly/);
  });

  test('if the template is a symlink to a file outside', () => {
    const { dir, secret } = assemblyBesideSecret();
    symlinkSync(secret, join(dir, 'S.template.json'));
    writeManifest(dir, { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } } });
    expectRefused(dir, /artifacts\.S\.properties\.templateFile 'S\.template\.json' leads outside/);
  });

  test('if templateFile is an absolute path', () => {
    const { dir, secret } = assemblyBesideSecret();
    writeManifest(dir, { S: { type: 'aws:cloudformation:stack', properties: { templateFile: secret } } });
    expectRefused(dir, /templateFile .* must be a path relative to the cloud assembly/);
  });

  test('if additionalMetadataFile climbs out', () => {
    const { dir } = assemblyBesideSecret();
    writeFileSync(join(dir, 'S.template.json'), JSON.stringify({ Resources: {} }));
    writeManifest(dir, { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' }, additionalMetadataFile: '../secret.json' } });
    expectRefused(dir, /artifacts\.S\.additionalMetadataFile '\.\.\/secret\.json' leads outside/);
  });

  test('if a nested assembly directoryName climbs out', () => {
    const { dir } = assemblyBesideSecret();
    writeManifest(dir, { Stage: { type: 'cdk:cloud-assembly', properties: { directoryName: '..' } } });
    expectRefused(dir, /artifacts\.Stage\.properties\.directoryName '\.\.' leads outside/);
  });

  test('if a nested stack template is a symlink to a file outside', () => {
    const { dir, secret } = assemblyBesideSecret();
    writeFileSync(join(dir, 'S.template.json'), JSON.stringify({ Resources: {} }));
    symlinkSync(secret, join(dir, 'Nested.nested.template.json'));
    writeManifest(dir, { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } } });
    expectRefused(dir, /nested stack template Nested\.nested\.template\.json .* leads outside/);
  });

  test('if an artifact is null', () => {
    const { dir } = assemblyBesideSecret();
    writeManifest(dir, { S: null });
    expectRefused(dir, /manifest\.json: artifacts\.S must be an object/);
  });

  test('if templateFile is a number', () => {
    const { dir } = assemblyBesideSecret();
    writeManifest(dir, { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 42 } } });
    expectRefused(dir, /artifacts\.S\.properties\.templateFile must be a non-empty string, not a number/);
  });

  test('and never quotes the contents of a file that is not JSON', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'manifest.json'), `${SECRET} is not json`);
    expectRefused(dir, /manifest\.json: not valid JSON$/m);
  });

  test('and never quotes the contents of a template that is not JSON', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.template.json'), `{ "Resources": ${SECRET} }`);
    const result = runCli(['check', join(dir, 'bad.template.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not valid JSON/);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });
});

describe('check never passes a resource it did not check', () => {
  test.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString'])(
    'checks a resource named %s like any other', id => {
      const dir = tempDir();
      const file = join(dir, 'proto.template.json');
      writeFileSync(file, JSON.stringify({
        Resources: {
          [id]: { Type: 'AWS::Lambda::Url', Properties: { AuthType: 'NONE', TargetFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f' } },
          Other: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { 'Fn::GetAtt': [id, 'FunctionUrl'] } } },
        },
      }, null, 2));
      const result = runCli(['check', file, '--format', 'json']);
      expect(result.code).toBe(1);
      const output = JSON.parse(result.stdout) as { findings: Array<{ ruleId: string; logicalId: string }>; summary: { resources: number } };
      expect(output.findings).toContainEqual(expect.objectContaining({ ruleId: 'SecureServerless-LambdaFunctionUrlAuth', logicalId: id }));
      expect(output.summary.resources).toBe(2);
    });

  test.each(['__proto__', '__defineGetter__', 'My_Function'])('refuses a logical id that is not alphanumeric (%s), as CloudFormation does', id => {
    const dir = tempDir();
    const file = join(dir, 'ids.template.json');
    writeFileSync(file, `{ "Resources": { ${JSON.stringify(id)}: { "Type": "AWS::SNS::Topic" } } }`);
    expectInputError(['check', file], new RegExp(`resource '${id}': a logical id must be alphanumeric \\(A-Za-z0-9\\), as CloudFormation requires`));
  });
});
