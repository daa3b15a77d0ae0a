import { mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { synthCdkApp, CdkAppRun, validationOutcome } from '../../examples/cdk-app';
import { recommendedFeatureFlags } from '../apps';

const REPOSITORY = join(__dirname, '..', '..');

/** ts-node compiles the app and the library's sources: minutes on a busy machine. */
const SYNTH_TIMEOUT_MS = 300_000;

/** The code block that follows the `quick-start` marker in README.md, as it is written there. */
function quickStartCode(): string {
  const readme = readFileSync(join(REPOSITORY, 'README.md'), 'utf8');
  const match = /<!-- quick-start[^>]*-->\n```ts\n([\s\S]*?)\n```/.exec(readme);
  if (match === null) {
    throw new Error('README.md has no ```ts block after a <!-- quick-start --> marker');
  }
  return match[1];
}

/** The one grant the test adds, as a user's next line would. */
const ONE_MORE_GRANT = `
import { SecureBucket } from 'cdk-secure-serverless';
new SecureBucket(stack, 'Receipts').grantPut(createOrder);
`;

/**
 * A fresh app in the layout of `cdk init app --language typescript`: bin/app.ts, cdk.json with
 * the installed aws-cdk-lib's recommended feature flags, cdk init's tsconfig.json, and a
 * node_modules in which `cdk-secure-serverless` runs this repository's sources (the peers are this
 * repository's installed ones).
 */
function freshCdkInitApp(code: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'quick-start-'));
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'bin', 'app.ts'), code);
  writeFileSync(join(dir, 'cdk.json'), JSON.stringify({ app: 'npx ts-node --prefer-ts-exts bin/app.ts', context: recommendedFeatureFlags() }, undefined, 2));
  // cdk init's tsconfig.json, with one path mapping: the type checker reads `cdk-secure-serverless`
  // from this repository's sources (through node_modules it would take them for a library's
  // compiled files, and ts-node would not compile them).
  const tsconfig = JSON.parse(readFileSync(join(REPOSITORY, 'examples', 'cdk-init-app', 'tsconfig.json'), 'utf8'));
  tsconfig.compilerOptions.paths = { 'cdk-secure-serverless': [join(REPOSITORY, 'src', 'index.ts')] };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, undefined, 2));
  // The function's code, as the user's build would leave it in dist/.
  mkdirSync(join(dir, 'dist', 'create-order'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'create-order', 'index.js'), 'exports.handler = async () => ({ statusCode: 201 });\n');

  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, '@types'), { recursive: true });
  for (const name of ['aws-cdk-lib', 'constructs', 'cdk-nag', '@types/node']) {
    symlinkSync(realpathSync(dirname(require.resolve(`${name}/package.json`))), join(modules, name));
  }
  const library = join(modules, 'cdk-secure-serverless');
  mkdirSync(library);
  const sources = join(REPOSITORY, 'src', 'index');
  writeFileSync(join(library, 'package.json'), JSON.stringify({ name: 'cdk-secure-serverless', main: 'index.js' }));
  writeFileSync(join(library, 'index.js'), `module.exports = require(${JSON.stringify(`${sources}.ts`)});\n`);
  return dir;
}

describe('the README\'s quick start, copied verbatim into a fresh cdk init app with one grant added', () => {
  let app: string;
  let synth: CdkAppRun;

  beforeAll(() => {
    app = freshCdkInitApp(`${quickStartCode()}\n${ONE_MORE_GRANT}`);
    synth = synthCdkApp(app, join(app, 'cdk.out'));
  }, SYNTH_TIMEOUT_MS);

  test('the README has the block, and it grants something (the case that used to fail)', () => {
    expect(quickStartCode()).toMatch(/\.grant\w+\(createOrder\)/);
  });

  test('synthesizes with exit 0, and neither AwsSolutions nor ServerlessSecurityChecks reports an error', () => {
    expect({ status: synth.status, stderr: synth.status === 0 ? '' : synth.stderr }).toEqual({ status: 0, stderr: '' });
    const outcome = validationOutcome(join(app, 'cdk.out'));
    expect(outcome.filter(plugin => !plugin.success)).toEqual([]);
    expect(outcome.flatMap(plugin => plugin.violations).filter(violation => !violation.endsWith(' warning'))).toEqual([]);
  });

  test('control: the same app with a plain lambda.Function added fails synth, so the packs do run in it', () => {
    const plain = "new lambda.Function(stack, 'Plain', { runtime: SecureFunction.latestRuntime(lambda.RuntimeFamily.NODEJS), handler: 'index.handler', code: lambda.Code.fromAsset('dist/create-order') });";
    const broken = freshCdkInitApp(`${quickStartCode()}\n${plain}\n`);
    const run = synthCdkApp(broken, join(broken, 'cdk.out'));

    expect(run.status).not.toBe(0);
    expect(`${run.stdout}${run.stderr}`).toMatch(/LambdaReservedConcurrency/);
  }, SYNTH_TIMEOUT_MS);

  test('the template has the table, the function and both grants in the function\'s own policy', () => {
    const template = JSON.parse(readFileSync(join(app, 'cdk.out', 'Orders.template.json'), 'utf8'));
    const types = Object.values(template.Resources as Record<string, { Type: string }>).map(resource => resource.Type);
    const policies = JSON.stringify(Object.values(template.Resources as Record<string, { Type: string }>)
      .filter(resource => resource.Type === 'AWS::IAM::ManagedPolicy'));

    expect(types).toEqual(expect.arrayContaining(['AWS::DynamoDB::GlobalTable', 'AWS::Lambda::Function', 'AWS::S3::Bucket']));
    expect(policies).toContain('dynamodb:PutItem');
    expect(policies).toContain('s3:PutObject');
  });
});
