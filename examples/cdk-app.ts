/**
 * Synthesizes a CDK app from its folder the way `cdk synth` does, without the CDK CLI (which this
 * repository does not install): it runs the `app` command of the folder's cdk.json with the
 * context of that cdk.json and the CLI's own defaults, into an output folder. Used by the main
 * job (main.ts) and by the tests of the cdk-init example and of the README's quick start.
 */
import { spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';

/** What a synthesis run gave: its exit status and what it printed. */
export interface CdkAppRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Context the CDK CLI passes to every app unless told otherwise (`--no-path-metadata`…): the
 * construct path of each resource in the template, which the pack's CLI reports and reads.
 */
const CLI_DEFAULT_CONTEXT = {
  'aws:cdk:enable-path-metadata': true,
  'aws:cdk:enable-asset-metadata': true,
  'aws:cdk:version-reporting': true,
};

/** This repository's node_modules/.bin, where `npx` would find ts-node. */
const REPOSITORY_BIN = path.join(__dirname, '..', 'node_modules', '.bin');

/**
 * Runs the app of `appDir/cdk.json` into `outdir`, as `cdk synth` would.
 *
 * @param appDir the app's folder, with its cdk.json
 * @param outdir where the cloud assembly goes
 */
export function synthCdkApp(appDir: string, outdir: string): CdkAppRun {
  const cdkJson = JSON.parse(readFileSync(path.join(appDir, 'cdk.json'), 'utf8')) as { app: string; context?: Record<string, unknown> };
  // `npx ts-node …` resolves ts-node from the app's node_modules; here it is this repository's.
  const command = cdkJson.app.replace(/^npx\s+/, '');
  const result = spawnSync(command, {
    cwd: appDir,
    shell: true,
    encoding: 'utf8',
    env: {
      ...process.env,
      PATH: `${REPOSITORY_BIN}${path.delimiter}${process.env.PATH ?? ''}`,
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify({ ...CLI_DEFAULT_CONTEXT, ...cdkJson.context }),
      JSII_DEPRECATED: 'quiet',
    },
  });
  return { status: result.status ?? 1, stdout: result.stdout ?? '', stderr: `${result.stderr ?? ''}${result.error?.message ?? ''}` };
}

/** One plugin's part of the validation report, in the shape every supported aws-cdk-lib writes. */
export interface PluginOutcome {
  readonly plugin: string;
  /** False when the plugin failed synth. */
  readonly success: boolean;
  /** `<rule> <severity>` for each violation. */
  readonly violations: readonly string[];
}

/**
 * The validation plugins' outcome that synthesis wrote into the assembly (`validation-report.json`),
 * read in both shapes: up to aws-cdk-lib 2.261 `{ summary: { pluginName, status }, violations }`,
 * from 2.262 `{ pluginName, conclusion, violations }`. A plugin with nothing to report may be left
 * out; no file means no plugin reported anything.
 */
export function validationOutcome(outdir: string): PluginOutcome[] {
  const file = path.join(outdir, 'validation-report.json');
  if (!existsSync(file)) {
    return [];
  }
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    pluginReports?: Array<{
      pluginName?: string;
      conclusion?: string;
      summary?: { pluginName?: string; status?: string };
      violations?: Array<{ ruleName: string; severity?: string }>;
    }>;
  };
  return (report.pluginReports ?? []).map(plugin => ({
    plugin: plugin.pluginName ?? plugin.summary?.pluginName ?? '?',
    success: (plugin.conclusion ?? plugin.summary?.status) !== 'failure',
    violations: (plugin.violations ?? []).map(violation => `${violation.ruleName} ${violation.severity ?? '?'}`),
  }));
}
