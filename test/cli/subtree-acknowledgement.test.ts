import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { findingLines, runCli, stackIn, synthesize } from './helpers';
import { ServerlessSecurityChecks, SubtreeAcknowledgement } from '../../src';
import { minimalFunctionProps } from '../helpers';

/** A legacy part of an app: three uncapped functions and a bucket under one construct. */
function legacy(stack: Stack): Construct {
  const scope = new Construct(stack, 'Legacy');
  for (const id of ['A', 'B', 'C']) {
    new lambda.Function(scope, id, minimalFunctionProps);
  }
  new s3.Bucket(scope, 'Data');
  return scope;
}

describe('SubtreeAcknowledgement.acknowledge', () => {
  test('one call covers the rule on every resource under the scope, and only there', () => {
    const app = new App();
    const stack = stackIn(app);
    const scope = legacy(stack);
    new lambda.Function(stack, 'Outside', minimalFunctionProps);

    const reach = SubtreeAcknowledgement.acknowledge(scope, 'SecureServerless-LambdaReservedConcurrency', 'Legacy functions, capped by the account quota until the rewrite.');

    // Three functions, their roles and the bucket.
    expect(reach).toBe(7);
    const lines = new ServerlessSecurityChecks().validateScope(app).violations
      .flatMap(violation => violation.violatingResources.map(resource => `${violation.ruleName} ${resource.constructPath}`));
    expect(lines.filter(line => line.startsWith('SecureServerless-LambdaReservedConcurrency '))).toEqual([
      'SecureServerless-LambdaReservedConcurrency MyStack/Outside/Resource',
    ]);
    expect(lines.some(line => /Acknowledgement/.test(line))).toBe(false);
  });

  test('matching nothing under the scope, it is a stale warning', () => {
    const app = new App();
    const scope = legacy(stackIn(app));
    SubtreeAcknowledgement.acknowledge(scope, 'SecureServerless-SNSEncrypted', 'No topics here.');

    const stale = new ServerlessSecurityChecks().validateScope(app).violations.filter(violation => violation.ruleName === 'SecureServerless-StaleAcknowledgement');
    expect(stale.map(violation => violation.violatingResources[0].constructPath)).toEqual(['MyStack/Legacy']);
  });

  test.each([
    ['an empty reason', 'SecureServerless-LambdaTracing', ' ', /MyStack\/Legacy: the acknowledgement of SecureServerless-LambdaTracing gives no reason/],
    ['an empty id', '', 'Why.', /needs a rule id without spaces/],
  ])('refuses %s', (_, id, reason, message) => {
    const scope = legacy(stackIn(new App()));
    expect(() => SubtreeAcknowledgement.acknowledge(scope, id, reason)).toThrow(message);
  });

  test('accepts ids with ARNs, which Validations.acknowledge refuses', () => {
    const scope = legacy(stackIn(new App()));
    expect(() => SubtreeAcknowledgement.acknowledge(scope, 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::bucket/*]', 'Reads its own bucket.')).not.toThrow();
  });

  test('check honours it, and report prints its reach', () => {
    const outdir = synthesize(app => {
      const stack = stackIn(app);
      SubtreeAcknowledgement.acknowledge(legacy(stack), 'SecureServerless-LambdaTracing', 'Traced by the platform layer.');
      new lambda.Function(stack, 'Outside', { ...minimalFunctionProps, reservedConcurrentExecutions: 1 });
    });

    const check = runCli(['check', outdir, '--format', 'json']);
    expect(findingLines(check).filter(line => line.startsWith('SecureServerless-LambdaTracing '))).toEqual(['SecureServerless-LambdaTracing MyStack/Outside/Resource']);

    const text = runCli(['report', outdir]).stdout;
    expect(text).toContain('Subtree acknowledgements (1)\n  SecureServerless-LambdaTracing on MyStack/Legacy: covers 7 resources (Traced by the platform layer.)');
    const json = JSON.parse(runCli(['report', outdir, '--format', 'json']).stdout);
    expect(json.subtreeAcknowledgements).toEqual([{ id: 'SecureServerless-LambdaTracing', reason: 'Traced by the platform layer.', path: 'MyStack/Legacy', resources: 7 }]);
  });

  test('report without subtree acknowledgements has no such section', () => {
    const outdir = synthesize(app => { new lambda.Function(stackIn(app), 'Fn', minimalFunctionProps); });
    expect(runCli(['report', outdir]).stdout).not.toContain('Subtree acknowledgements');
    expect(JSON.parse(runCli(['report', outdir, '--format', 'json']).stdout).subtreeAcknowledgements).toEqual([]);
  });
});
