import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { synthCdkApp, CdkAppRun, validationOutcome } from '../../examples/cdk-app';
import { run } from '../../src/cli/run';
import { LATEST_NODE } from '../helpers';

/** The second example, laid out as `cdk init app --language typescript` writes an app. */
const APP_DIR = join(__dirname, '..', '..', 'examples', 'cdk-init-app');

/** Synthesizing runs ts-node on the app and esbuild on four handlers: minutes on a busy machine. */
const SYNTH_TIMEOUT_MS = 300_000;

interface TemplateResource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
}

describe('the cdk init example app (examples/cdk-init-app), synthesized as `cdk synth` runs it', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-init-app-'));
  let synth: CdkAppRun;
  let resources: TemplateResource[];

  beforeAll(() => {
    synth = synthCdkApp(APP_DIR, outdir);
    if (synth.status === 0) {
      resources = Object.values(JSON.parse(readFileSync(join(outdir, 'CdkInitAppStack.template.json'), 'utf8')).Resources);
    }
  }, SYNTH_TIMEOUT_MS);

  test('its cdk.json has the recommended feature flags cdk init writes, the one that made SecureFunction crash among them', () => {
    const cdkJson = JSON.parse(readFileSync(join(APP_DIR, 'cdk.json'), 'utf8'));

    expect(cdkJson.app).toBe('npx ts-node --prefer-ts-exts bin/cdk-init-app.ts');
    expect(cdkJson.context['@aws-cdk/aws-lambda:useCdkManagedLogGroup']).toBe(true);
    expect(Object.keys(cdkJson.context).length).toBeGreaterThan(50);
  });

  test('synthesizes with exit 0, with no error from AwsSolutions or ServerlessSecurityChecks at synth', () => {
    expect({ status: synth.status, stderr: synth.status === 0 ? '' : synth.stderr }).toEqual({ status: 0, stderr: '' });
    const outcome = validationOutcome(outdir);
    expect(outcome.filter(plugin => !plugin.success)).toEqual([]);
    expect(outcome.flatMap(plugin => plugin.violations).filter(violation => !violation.endsWith(' warning'))).toEqual([]);
    // The pack did run: its warnings (unused permissions of the handlers) are in the report.
    expect(outcome.find(plugin => plugin.plugin === 'SecureServerless')?.violations).toEqual(
      expect.arrayContaining(['SecureServerless-LambdaUnusedPermission[dynamodb:DeleteItem] warning']));
  });

  test('the pack\'s CLI finds no error in its template', () => {
    const out: string[] = [];
    const status = run(['check', join(outdir, 'CdkInitAppStack.template.json')], { stdout: text => out.push(text), stderr: text => out.push(text), cwd: outdir });

    expect(status).toBe(0);
    expect(out.join('')).toMatch(/^0 errors, /m);
  });

  test('its TypeScript handlers are bundled by SecureNodejsFunction, on the newest Node.js runtime, capped', () => {
    const functions = resources.filter(resource => resource.Type === 'AWS::Lambda::Function'
      && (resource.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables !== undefined
      && resource.Properties.Runtime === LATEST_NODE.name);

    expect(functions).toHaveLength(4);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({ Handler: 'index.handler', ReservedConcurrentExecutions: 10, Code: { S3Key: expect.stringMatching(/\.zip$/) } });
    }
  });

  test('a browser can call the API: the CORS preflights are open MOCK methods, every other method is IAM-authorized', () => {
    const methods = resources.filter(resource => resource.Type === 'AWS::ApiGateway::Method');
    const preflights = methods.filter(method => method.Properties.HttpMethod === 'OPTIONS');
    const others = methods.filter(method => method.Properties.HttpMethod !== 'OPTIONS');

    expect(preflights.length).toBeGreaterThan(0);
    for (const preflight of preflights) {
      expect(preflight.Properties).toMatchObject({ AuthorizationType: 'NONE', Integration: { Type: 'MOCK' } });
    }
    expect(others.map(method => [method.Properties.HttpMethod, method.Properties.AuthorizationType]).sort()).toEqual([['GET', 'AWS_IAM'], ['POST', 'AWS_IAM']]);
  });
});
