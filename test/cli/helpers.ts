import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { run } from '../../src/cli/run';

/** What one in-process run of the CLI printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process, capturing stdout and stderr. */
export function runCli(argv: string[], cwd: string = process.cwd()): CliRun {
  let stdout = '';
  let stderr = '';
  const code = run(argv, { stdout: text => { stdout += text; }, stderr: text => { stderr += text; }, cwd });
  return { code, stdout, stderr };
}

/** A fresh temporary directory. */
export function tempDir(prefix = 'cli-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The fixtures folder. */
export const FIXTURES = join(__dirname, 'fixtures');

/**
 * Synthesizes an app into a temporary cloud assembly, with path and asset metadata as the CDK
 * CLI enables them, and returns the assembly directory.
 */
export function synthesize(build: (app: App) => void): string {
  const outdir = tempDir('cli-assembly-');
  const app = new App({ outdir, context: { 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true } });
  build(app);
  app.synth();
  return outdir;
}

/** A stack with a concrete account and region, so ARNs render fully. */
export function stackIn(app: Construct, id = 'MyStack'): Stack {
  return new Stack(app, id, { env: { account: '111111111111', region: 'eu-west-1' } });
}

/** The findings of a JSON run, as `ruleId path` lines. */
export function findingLines(result: CliRun): string[] {
  return (JSON.parse(result.stdout).findings as Array<{ ruleId: string; path: string }>).map(finding => `${finding.ruleId} ${finding.path}`);
}
