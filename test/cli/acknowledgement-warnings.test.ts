import { writeFileSync } from 'fs';
import { join } from 'path';
import { CfnResource, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { runCli, stackIn, synthesize, tempDir } from './helpers';
import { SecureFunction, ServerlessSecurityChecks } from '../../src';
import { acknowledgeFindings } from '../../src/core/acknowledgements';
import { minimalFunctionProps } from '../helpers';

interface Warning {
  readonly ruleId: string;
  readonly acknowledgedId: string;
  readonly path: string;
  readonly declaredIn: string;
  readonly message: string;
}

function warnings(stdout: string): string[] {
  return (JSON.parse(stdout).acknowledgementWarnings as Warning[]).map(warning => `${warning.ruleId} ${warning.acknowledgedId} ${warning.path}`);
}

describe('check warns about acknowledgements that hide nothing', () => {
  let packWarnings: string[] = [];
  const outdir = synthesize(app => {
    const stack = stackIn(app);
    const fn = new lambda.Function(stack, 'Fn', { ...minimalFunctionProps, reservedConcurrentExecutions: 5 });
    Validations.of(fn).acknowledge(
      { id: 'SecureServerless-LambdaReservedConcurrency', reason: 'Was uncapped before the migration.' },
      { id: 'SecureServerless-LambdaTracing', reason: 'Traced by the OpenTelemetry layer instead of X-Ray.' },
      { id: 'SecureServerless-LambdaLogGroup', reason: '' },
      { id: 'LambdaCodeSigning', reason: 'Signed in the pipeline.' },
      { id: 'AwsSolutions-L1', reason: 'Pinned runtime.' },
    );
    // Written the way our constructs write them: in the template metadata and in the assembly.
    acknowledgeFindings(fn.node.defaultChild as CfnResource, { id: 'SecureServerless-LambdaEnvironmentEncryption', reason: 'No environment.' });
    // An acknowledgement on a construct that no longer has resources under it.
    Validations.of(new Construct(stack, 'Removed')).acknowledge({ id: 'SecureServerless-SQSEncrypted', reason: 'The queue moved out.' });
    packWarnings = new ServerlessSecurityChecks().validateScope(app).violations
      .filter(violation => /Acknowledgement/.test(violation.ruleName))
      .map(violation => `${violation.ruleName} ${violation.violatingResources[0].locations[0].replace(/^aws:cdk:acknowledged-rules\//, '')} ${violation.violatingResources[0].constructPath}`);
  });
  const result = runCli(['check', outdir, '--format', 'json']);

  test('stale, reasonless and pack-less acknowledgements of the packs that ran, each once', () => {
    expect(warnings(result.stdout).sort()).toEqual([
      'SecureServerless-AcknowledgementWithoutPack LambdaCodeSigning MyStack/Fn',
      'SecureServerless-AcknowledgementWithoutReason SecureServerless-LambdaLogGroup MyStack/Fn',
      'SecureServerless-StaleAcknowledgement SecureServerless-LambdaEnvironmentEncryption MyStack/Fn/Resource',
      'SecureServerless-StaleAcknowledgement SecureServerless-LambdaReservedConcurrency MyStack/Fn',
      'SecureServerless-StaleAcknowledgement SecureServerless-SQSEncrypted MyStack/Removed',
    ]);
    expect(JSON.parse(result.stdout).summary.acknowledgementWarnings).toBe(5);
  });

  test('agree with what the pack reports at synth', () => {
    expect(warnings(result.stdout).sort()).toEqual([...packWarnings].sort());
  });

  test('name the id, the construct and where the acknowledgement is written', () => {
    const stale = (JSON.parse(result.stdout).acknowledgementWarnings as Warning[])
      .find(warning => warning.acknowledgedId === 'SecureServerless-LambdaReservedConcurrency')!;
    expect(stale.declaredIn).toBe('cloud assembly');
    expect(stale.message).toBe('The acknowledgement of SecureServerless-LambdaReservedConcurrency on MyStack/Fn (cloud assembly) matches no finding: '
      + 'what it hid is fixed or gone, or the id is misspelt. Remove it, so that it cannot hide a future finding.');
  });

  test('judge another pack\'s acknowledgements only when that pack runs', () => {
    const withPack = runCli(['check', outdir, '--format', 'json', '--pack', 'AwsSolutions']);
    // The function's runtime is the latest: AwsSolutions-L1 has nothing to hide once AwsSolutions runs.
    expect(warnings(result.stdout).filter(line => line.includes('AwsSolutions-'))).toEqual([]);
    expect(warnings(withPack.stdout).filter(line => line.includes('AwsSolutions-'))).toEqual(['SecureServerless-StaleAcknowledgement AwsSolutions-L1 MyStack/Fn']);
    const staleOther = synthesize(app => {
      const fn = new lambda.Function(stackIn(app), 'Fn', { ...minimalFunctionProps, reservedConcurrentExecutions: 5 });
      Validations.of(fn).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'No queue.' });
    });
    expect(warnings(runCli(['check', staleOther, '--format', 'json']).stdout)).toEqual([]);
    expect(warnings(runCli(['check', staleOther, '--format', 'json', '--pack', 'AwsSolutions']).stdout))
      .toEqual(['SecureServerless-StaleAcknowledgement AwsSolutions-SQS3 MyStack/Fn']);
  });

  test('text output lists them after the findings, and the summary counts them', () => {
    const text = runCli(['check', outdir]).stdout;
    expect(text).toMatch(/^Acknowledgements:$/m);
    expect(text).toMatch(/^ {2}warning SecureServerless-StaleAcknowledgement\n {10}The acknowledgement of SecureServerless-SQSEncrypted on MyStack\/Removed/m);
    expect(text).toMatch(/, 5 acknowledgement warnings in /);
  });
});

describe('acknowledgement warnings and the exit code', () => {
  const outdir = synthesize(app => {
    // No finding at all, only a stale acknowledgement.
    const fn = new SecureFunction(stackIn(app), 'Fn', minimalFunctionProps);
    Validations.of(fn).acknowledge({ id: 'SecureServerless-LambdaTracing', reason: 'Traced elsewhere.' });
  });

  test('do not fail by default', () => {
    const result = runCli(['check', outdir, '--format', 'json']);
    expect(JSON.parse(result.stdout).findings).toEqual([]);
    expect(warnings(result.stdout)).toEqual(['SecureServerless-StaleAcknowledgement SecureServerless-LambdaTracing MyStack/Fn']);
    expect(result.code).toBe(0);
  });

  test('fail with --fail-on warning, as the pack fails with FailOn.WARNING', () => {
    expect(runCli(['check', outdir, '--fail-on', 'warning']).code).toBe(1);
  });

  test('the acknowledgements our own constructs write are not stale', () => {
    const plain = synthesize(app => { new SecureFunction(stackIn(app), 'Fn', minimalFunctionProps); });
    expect(warnings(runCli(['check', plain, '--format', 'json']).stdout)).toEqual([]);
  });
});

describe('acknowledgements in a hand-written template', () => {
  test('a template-metadata acknowledgement that matches nothing is stale', () => {
    const dir = tempDir();
    const file = join(dir, 'template.json');
    writeFileSync(file, JSON.stringify({
      Resources: {
        Queue: {
          Type: 'AWS::SQS::Queue',
          Properties: { KmsMasterKeyId: 'alias/aws/sqs' },
          Metadata: { cdk_nag: { rules_to_suppress: [{ id: 'SecureServerless-SQSEncrypted', reason: 'Encrypted with the AWS key.' }, { id: 'SecureServerless-LambdaTracing', reason: '' }] } },
        },
      },
    }));
    const result = runCli(['check', file, '--format', 'json']);
    expect(warnings(result.stdout)).toEqual(expect.arrayContaining([
      'SecureServerless-StaleAcknowledgement SecureServerless-LambdaTracing Queue',
      'SecureServerless-AcknowledgementWithoutReason SecureServerless-LambdaTracing Queue',
    ]));
    expect((JSON.parse(result.stdout).acknowledgementWarnings as Warning[])[0].declaredIn).toBe('resource metadata');
  });
});
