import { readFileSync } from 'fs';
import { join } from 'path';
import { App, NestedStack, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { runCli, stackIn, synthesize, tempDir } from './helpers';
import { minimalFunctionProps } from '../helpers';

/** Synthesizes as `app.synth()` does outside the CDK CLI: no `aws:cdk:path` in the templates. */
function synthesizeWithoutPaths(build: (app: App) => void): string {
  const outdir = tempDir('cli-no-paths-');
  const app = new App({ outdir });
  build(app);
  app.synth();
  return outdir;
}

function staleWarnings(outdir: string): string[] {
  const result = runCli(['check', outdir, '--format', 'json']);
  return (JSON.parse(result.stdout).acknowledgementWarnings as Array<{ ruleId: string; acknowledgedId: string; path: string; declaredIn: string }>)
    .map(warning => `${warning.ruleId} ${warning.acknowledgedId} ${warning.path} (${warning.declaredIn})`);
}

/** A function without X-Ray tracing (a SecureServerless-LambdaTracing finding), or with it. */
function tracedFunction(scope: Construct, traced: boolean): lambda.Function {
  const fn = new lambda.Function(scope, 'Fn', { ...minimalFunctionProps, reservedConcurrentExecutions: 5, tracing: traced ? lambda.Tracing.ACTIVE : undefined });
  Validations.of(fn.node.defaultChild!).acknowledge({ id: 'SecureServerless-LambdaTracing', reason: 'Traced by the OpenTelemetry layer.' });
  return fn;
}

describe('check on an assembly whose templates have no aws:cdk:path', () => {
  test('the templates really lack it, so the resources are found by the logical ids the assembly records', () => {
    const outdir = synthesizeWithoutPaths(app => tracedFunction(stackIn(app), false));
    expect(readFileSync(join(outdir, 'MyStack.template.json'), 'utf8')).not.toContain('aws:cdk:path');
    expect(staleWarnings(outdir)).toEqual([]);
  });

  test('an assembly acknowledgement that covers a finding of its resource is matched, one that covers none is stale', () => {
    const outdir = synthesizeWithoutPaths(app => tracedFunction(stackIn(app), true));
    expect(staleWarnings(outdir)).toEqual(['SecureServerless-StaleAcknowledgement SecureServerless-LambdaTracing MyStack/Fn/Resource (cloud assembly)']);
  });

  test('two stacks with the same logical id: each resource gets the acknowledgements of its own stack', () => {
    const outdir = synthesizeWithoutPaths(app => {
      tracedFunction(stackIn(app, 'Untraced'), false);
      tracedFunction(stackIn(app, 'Traced'), true);
    });
    expect(staleWarnings(outdir)).toEqual(['SecureServerless-StaleAcknowledgement SecureServerless-LambdaTracing Traced/Fn/Resource (cloud assembly)']);
  });

  test('a nested stack\'s resources get the acknowledgements of their constructs, not those of the parent\'s resource of the same logical id', () => {
    const outdir = synthesizeWithoutPaths(app => {
      const parent = stackIn(app, 'Parent');
      tracedFunction(parent, true);
      tracedFunction(new NestedStack(parent, 'Child'), false);
    });
    expect(staleWarnings(outdir)).toEqual(['SecureServerless-StaleAcknowledgement SecureServerless-LambdaTracing Parent/Fn/Resource (cloud assembly)']);
  });

  test('a CDK helper function is known as one, as with aws:cdk:path: its findings are not the app\'s', () => {
    const build = (app: App) => {
      new s3.Bucket(stackIn(app), 'Data', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY, enforceSSL: true });
    };
    const ruleIds = (outdir: string) => (JSON.parse(runCli(['check', outdir, '--format', 'json']).stdout).findings as Array<{ ruleId: string }>)
      .map(finding => finding.ruleId).sort();

    const withoutPaths = ruleIds(synthesizeWithoutPaths(build));
    expect(withoutPaths).toEqual(ruleIds(synthesize(build)));
    expect(withoutPaths.filter(id => id.startsWith('SecureServerless-Lambda'))).toEqual([]);
  });
});
