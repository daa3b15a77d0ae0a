import { readFileSync } from 'fs';
import { join } from 'path';
import { NestedStack, RemovalPolicy, Stage, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { findingLines, FIXTURES, runCli, stackIn, synthesize } from './helpers';
import { SecureFunction, ServerlessSecurityChecks } from '../../src';
import { minimalFunctionProps } from '../helpers';

/** An app with a SecureFunction, a plain public function, CDK helper functions, a nested stack and a stage. */
function mixedApp(): { outdir: string; inProcess: string[] } {
  let inProcess: string[] = [];
  const outdir = synthesize(app => {
    const stack = stackIn(app);
    new SecureFunction(stack, 'Secure', minimalFunctionProps);
    const plain = new lambda.Function(stack, 'Plain', minimalFunctionProps);
    plain.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    new s3.Bucket(stack, 'Uploads', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
    new lambda.Function(stack, 'WithRetention', { ...minimalFunctionProps, logGroup: new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.ONE_DAY }) });
    new lambda.Function(new NestedStack(stack, 'Nested'), 'NestedFn', minimalFunctionProps);
    new lambda.Function(stackIn(new Stage(app, 'Prod'), 'Inner'), 'StageFn', minimalFunctionProps);
    inProcess = new ServerlessSecurityChecks().validateScope(app).violations
      .flatMap(violation => violation.violatingResources.map(resource => `${violation.ruleName} ${resource.constructPath}`));
  });
  return { outdir, inProcess };
}

describe('check on a cloud assembly', () => {
  const { outdir, inProcess } = mixedApp();

  test('finds exactly what the rule pack finds at synth time, in every stack, nested stack and stage', () => {
    // WHEN
    const result = runCli(['check', outdir, '--format', 'json']);

    // THEN
    expect(result.stderr).toBe('');
    expect(findingLines(result).sort()).toEqual([...inProcess].sort());
    expect(findingLines(result)).toEqual(expect.arrayContaining([
      'SecureServerless-LambdaFunctionUrlAuth MyStack/Plain/FunctionUrl/Resource',
      'SecureServerless-LambdaReservedConcurrency MyStack/Nested/NestedFn/Resource',
      'SecureServerless-LambdaReservedConcurrency Prod/Inner/StageFn/Resource',
    ]));
  });

  test('exits 1 when errors remain', () => {
    expect(runCli(['check', outdir]).code).toBe(1);
  });

  test('names the template of each finding as the user gave the path', () => {
    const templates: string[] = JSON.parse(runCli(['check', outdir, '--format', 'json']).stdout).findings.map((finding: { template: string }) => finding.template);
    expect(templates.every(template => template.startsWith(outdir))).toBe(true);
    expect(templates).toContain(join(outdir, 'MyStack.template.json'));
    expect(templates.some(template => template.startsWith(join(outdir, 'assembly-Prod')))).toBe(true);
    expect(templates.some(template => template.endsWith('.nested.template.json'))).toBe(true);
  });

  test('honours acknowledgements recorded only in the assembly (Validations.acknowledge)', () => {
    const acknowledgedDir = synthesize(app => {
      const fn = new lambda.Function(stackIn(app), 'Fn', { ...minimalFunctionProps, reservedConcurrentExecutions: 5 });
      Validations.of(fn).acknowledge({ id: 'SecureServerless-LambdaTracing', reason: 'Traced by the OpenTelemetry layer instead of X-Ray.' });
    });
    const result = runCli(['check', acknowledgedDir, '--format', 'json']);
    expect(findingLines(result)).not.toContain('SecureServerless-LambdaTracing MyStack/Fn/Resource');
    expect(JSON.parse(result.stdout).summary.acknowledged).toBe(1);
  });

  test('honours the app-wide form SecureServerless::<id>, as the CDK applies it at synth', () => {
    const appWideDir = synthesize(app => {
      const stack = stackIn(app);
      new lambda.Function(stack, 'Fn', { ...minimalFunctionProps, reservedConcurrentExecutions: 5 });
      new lambda.Function(stack, 'Other', { ...minimalFunctionProps, reservedConcurrentExecutions: 5 });
      Validations.of(stack).acknowledge({ id: 'SecureServerless::SecureServerless-LambdaTracing', reason: 'Traced by the platform layer.' });
    });
    const result = runCli(['check', appWideDir, '--format', 'json']);
    expect(findingLines(result).filter(line => line.startsWith('SecureServerless-LambdaTracing '))).toEqual([]);
    expect(findingLines(result)).toContain('SecureServerless-LambdaLogGroup MyStack/Fn/Resource');
    expect(JSON.parse(result.stdout).summary.acknowledged).toBe(2);
  });

  test('counts the acknowledgements our constructs write into the template', () => {
    const summary = JSON.parse(runCli(['check', outdir, '--format', 'json']).stdout).summary;
    // SecureFunction acknowledges LambdaCodeSigning (no signing profile can be chosen for the user).
    expect(summary.acknowledged).toBeGreaterThanOrEqual(1);
    expect(findingLines(runCli(['check', outdir, '--format', 'json']))).not.toContain('SecureServerless-LambdaCodeSigning MyStack/Secure/Resource');
  });
});

describe('check and the runtime rules', () => {
  test('names the deprecated runtime and its date in each finding\'s message; the id stays the rule\'s', () => {
    const outdir = synthesize(app => {
      const stack = stackIn(app);
      new lambda.Function(stack, 'Old', { ...minimalFunctionProps, runtime: lambda.Runtime.NODEJS_16_X });
      new lambda.Function(stack, 'Older', { ...minimalFunctionProps, runtime: lambda.Runtime.PYTHON_3_8 });
    });

    const findings: Array<{ ruleId: string; logicalId: string; message: string }> = JSON.parse(runCli(['check', outdir, '--format', 'json']).stdout).findings;
    const deprecated = findings.filter(finding => finding.ruleId === 'SecureServerless-LambdaDeprecatedRuntime');

    expect(deprecated.map(finding => finding.message)).toEqual([
      expect.stringMatching(/^The Lambda function runs on a deprecated runtime\. Runtime nodejs16\.x was deprecated on 2024-06-12\. A deprecated/),
      expect.stringContaining('Runtime python3.8 was deprecated on 2024-10-14.'),
    ]);
  });
});

describe('check --format json', () => {
  test('prints exactly the contract of DESIGN.md: findings with nine fields, known findings (none without --baseline), acknowledgement warnings, a summary with seven counts', () => {
    // WHEN
    const result = runCli(['check', join(FIXTURES, 'insecure.yaml'), '--format', 'json'], FIXTURES);
    const output = JSON.parse(result.stdout);

    // THEN
    expect(Object.keys(output)).toEqual(['findings', 'known', 'acknowledgementWarnings', 'summary']);
    expect(output.known).toEqual([]);
    expect(Object.keys(output.summary)).toEqual(['errors', 'warnings', 'acknowledged', 'known', 'acknowledgementWarnings', 'resources', 'unchecked']);
    for (const finding of output.findings) {
      expect(Object.keys(finding)).toEqual(['ruleId', 'risk', 'severity', 'logicalId', 'path', 'resourceType', 'template', 'message', 'fix']);
    }
    expect(output.findings).toContainEqual({
      ruleId: 'SecureServerless-LambdaReservedConcurrency',
      risk: 'billing-dos',
      severity: 'error',
      logicalId: 'Handler',
      path: 'Handler',
      resourceType: 'AWS::Lambda::Function',
      template: join(FIXTURES, 'insecure.yaml'),
      message: expect.stringContaining('no reserved-concurrency cap'),
      fix: expect.stringContaining('reservedConcurrentExecutions'),
    });
    expect(output.summary).toEqual({ errors: 3, warnings: 5, acknowledged: 1, known: 0, acknowledgementWarnings: 0, resources: 6, unchecked: 2 });
  });

  test('uses the aws:cdk:path metadata as the path when the template has it', () => {
    const outdir = synthesize(app => { new lambda.Function(stackIn(app), 'Fn', minimalFunctionProps); });
    const finding = JSON.parse(runCli(['check', outdir, '--format', 'json']).stdout).findings[0];
    expect(finding.path).toBe('MyStack/Fn/Resource');
    expect(finding.logicalId).toMatch(/^Fn[0-9A-F]{8}$/);
  });

  test('puts nothing but the JSON on stdout', () => {
    const result = runCli(['check', join(FIXTURES, 'public-queue.json'), '--format', 'json']);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
    expect(result.stdout.trimStart().startsWith('{')).toBe(true);
  });
});

describe('check on hand-written templates', () => {
  test('reads YAML with the short-form intrinsic tags', () => {
    const result = runCli(['check', join(FIXTURES, 'insecure.yaml'), '--format', 'json']);
    expect(result.code).toBe(1);
    expect(findingLines(result)).toEqual(expect.arrayContaining([
      'SecureServerless-LambdaEnvironmentSecrets[DB_PASSWORD] Handler',
      'SecureServerless-LambdaFunctionUrlAuth HandlerUrl',
    ]));
  });

  test('passes unknown resource types through and counts them as unchecked', () => {
    const result = runCli(['check', join(FIXTURES, 'insecure.yaml')]);
    expect(result.stdout).toContain('2 unchecked (no rule applies: Custom::Thing ×1, MyOrg::Service::Widget ×1)');
  });

  test('keeps parameters without defaults as references', () => {
    // Stage has no default and is only used in a Fn::Sub: the template still loads.
    expect(runCli(['check', join(FIXTURES, 'insecure.yaml')]).code).toBe(1);
  });

  test('honours cdk-nag acknowledgements in the template metadata, appliesTo included', () => {
    const result = runCli(['check', join(FIXTURES, 'public-queue.json'), '--format', 'json']);
    expect(JSON.parse(result.stdout).summary.acknowledged).toBe(1);
    expect(findingLines(result)).not.toContain('SecureServerless-IAMWildcardAction[Action::sqs:*] RolePolicy');
  });

  test('orders findings as the template orders its resources', () => {
    const logicalIds = JSON.parse(runCli(['check', join(FIXTURES, 'public-queue.json'), '--format', 'json']).stdout)
      .findings.map((finding: { logicalId: string }) => finding.logicalId);
    expect([...new Set(logicalIds)]).toEqual(['Queue', 'QueuePolicy', 'Consumer']);
  });
});

describe('check --fail-on and --pack', () => {
  const outdir = synthesize(app => { new SecureFunction(stackIn(app), 'Secure', minimalFunctionProps); });

  test('exits 0 on a SecureFunction at its defaults', () => {
    const result = runCli(['check', outdir]);
    expect(result.stdout).toMatch(/^0 errors, 0 warnings, \d+ acknowledged/m);
    expect(result.code).toBe(0);
  });

  test('exits 1 on warnings only with --fail-on warning', () => {
    const insecureWarnings = join(FIXTURES, 'public-queue.json');
    expect(runCli(['check', insecureWarnings, '--fail-on', 'warning']).code).toBe(1);
    expect(runCli(['check', outdir, '--fail-on', 'warning']).code).toBe(0);
  });

  test('adds cdk-nag packs, repeated or comma-separated, and maps their findings to a risk', () => {
    const result = runCli(['check', join(FIXTURES, 'public-queue.json'), '--format', 'json', '--pack', 'AwsSolutions,serverless', '--pack', 'hipaa']);
    const findings = JSON.parse(result.stdout).findings as Array<{ ruleId: string; risk: string; severity: string }>;
    expect(findings.map(finding => finding.ruleId)).toEqual(expect.arrayContaining([
      'AwsSolutions-SQS4', 'Serverless-LambdaTracing', 'HIPAA.Security-LambdaConcurrency',
    ]));
    expect(findings.find(finding => finding.ruleId === 'AwsSolutions-SQS4')).toMatchObject({ risk: 'encryption-in-transit', severity: 'error' });
    expect(findings.find(finding => finding.ruleId === 'HIPAA.Security-LambdaConcurrency')).toMatchObject({ risk: 'billing-dos' });
  });

  test('honours the acknowledgements SecureFunction records for cdk-nag packs', () => {
    const result = runCli(['check', outdir, '--format', 'json', '--pack', 'AwsSolutions']);
    expect(findingLines(result)).not.toContain('AwsSolutions-IAM5[Resource::*] MyStack/Secure/ServiceRole/TracingPolicy/Resource');
  });

  test('fails on an unknown pack, naming the packs it knows', () => {
    const result = runCli(['check', outdir, '--pack', 'CIS']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("cdk-secure-serverless: unknown pack 'CIS': choose from AwsSolutions, HIPAA.Security, NIST.800.53.R4, NIST.800.53.R5, PCI.DSS.321, Serverless\n");
  });
});

describe('check --output', () => {
  test('writes the output to the file and a one-line note to stderr', () => {
    const outdir = synthesize(app => { new lambda.Function(stackIn(app), 'Fn', minimalFunctionProps); });
    const result = runCli(['check', outdir, '--format', 'json', '--output', 'findings.json'], outdir);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^cdk-secure-serverless: wrote findings.json \(1 error, /);
    expect(JSON.parse(readFileSync(join(outdir, 'findings.json'), 'utf8')).summary.errors).toBe(1);
  });
});
