import { App, Stack, Validations } from 'aws-cdk-lib';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { runCli, stackIn, synthesize, tempDir } from './helpers';
import { SecureFunction, SecureNodejsFunction, ServerlessSecurityChecks } from '../../src';
import { SecureApi, SecureHttpApi } from '../../src/api';
import { NAG_PACKS } from '../../src/cli/packs';
import { SecureSecret } from '../../src/secrets';
import { SecureBucket, SecureQueue, SecureTable, SecureTopic } from '../../src/storage';
import { orderSchema } from '../api/helpers';
import { synthesizeWithValidation } from '../checks/helpers';
import { GREETING_ENTRY } from '../function/variants';
import { allNagPacks, minimalFunctionProps } from '../helpers';

/**
 * Every construct of the library in one stack, as an app uses them: functions invoked
 * synchronously (behind the APIs) and asynchronously (a declared asynchronous use, and a topic
 * subscriber that gets its dead-letter queue at synth), both function variants, the two APIs,
 * and the storage and secret constructs, wired to the functions (a queue with its own
 * dead-letter queue, and one that serves as another's with `allowNoDeadLetterQueue`).
 */
function buildApp(app: App): Stack {
  const stack = stackIn(app, 'S');
  const sync = new SecureFunction(stack, 'Sync', minimalFunctionProps);
  const declaredAsync = new SecureFunction(stack, 'Async', { ...minimalFunctionProps, deadLetterQueueEnabled: true });
  const bundled = new SecureNodejsFunction(stack, 'Bundled', { entry: GREETING_ENTRY, runtime: minimalFunctionProps.runtime });
  const subscriber = new SecureNodejsFunction(stack, 'Subscriber', { entry: GREETING_ENTRY, runtime: minimalFunctionProps.runtime });

  const api = new SecureApi(stack, 'Api');
  api.addLambdaRoute(apigatewayv2.HttpMethod.POST, '/orders', sync, { requestSchema: orderSchema });
  api.addLambdaRoute(apigatewayv2.HttpMethod.GET, '/orders/{id}', bundled);
  const httpApi = new SecureHttpApi(stack, 'HttpApi');
  httpApi.addLambdaRoute(apigatewayv2.HttpMethod.GET, '/orders/{id}', sync);

  const bucket = new SecureBucket(stack, 'Data');
  bucket.grantRead(sync);
  const table = new SecureTable(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
  table.grantReadWriteData(declaredAsync);
  const queue = new SecureQueue(stack, 'Queue');
  queue.grantSendMessages(declaredAsync);
  const sharedDeadLetters = new SecureQueue(stack, 'SharedDeadLetters', { allowNoDeadLetterQueue: 'The dead-letter queue of the order queues.' });
  new SecureQueue(stack, 'Orders', { deadLetterQueue: { queue: sharedDeadLetters, maxReceiveCount: 3 } });
  const topic = new SecureTopic(stack, 'Topic');
  topic.addSubscription(new subscriptions.LambdaSubscription(subscriber));
  topic.grantPublish(bundled);
  const secret = new SecureSecret(stack, 'Secret', { rotationFunction: new SecureFunction(stack, 'Rotator', minimalFunctionProps) });
  secret.grantRead(sync);
  return stack;
}

interface AcknowledgementWarningJson {
  readonly ruleId: string;
  readonly acknowledgedId: string;
  readonly path: string;
  readonly declaredIn: string;
}

/** The acknowledgement warnings of one `check` run, as `ruleId acknowledgedId path (declaredIn)` lines. */
function acknowledgementWarnings(outdir: string, packs: readonly string[]): string[] {
  const result = runCli(['check', outdir, '--format', 'json', ...packs.flatMap(pack => ['--pack', pack])]);
  expect(result.stderr).toBe('');
  return (JSON.parse(result.stdout).acknowledgementWarnings as AcknowledgementWarningJson[])
    .map(warning => `${warning.ruleId} ${warning.acknowledgedId} ${warning.path} (${warning.declaredIn})`);
}

/** Our pack alone, then each cdk-nag pack beside it. */
const RUNS: Array<[string, string[]]> = [
  ['ServerlessSecurityChecks alone', []],
  ...NAG_PACKS.map((pack): [string, string[]] => [`--pack ${pack.name}`, [pack.name]]),
];

describe.each([
  ['as the CDK CLI synthesizes (with aws:cdk:path)', (build: (app: App) => void) => synthesize(build)],
  ['as app.synth() does (no aws:cdk:path in the templates)', (build: (app: App) => void) => {
    const outdir = tempDir('cli-no-paths-');
    const app = new App({ outdir });
    build(app);
    app.synth();
    return outdir;
  }],
])('every construct of the library in one app, synthesized %s', (_condition, synthesizeApp) => {
  let outdir = '';
  let acknowledged = 0;
  beforeAll(() => {
    outdir = synthesizeApp(app => { buildApp(app); });
    acknowledged = JSON.parse(runCli(['check', outdir, '--format', 'json', ...NAG_PACKS.flatMap(pack => ['--pack', pack.name])]).stdout).summary.acknowledged;
  });

  test('writes acknowledgements that the packs match (the review below has something to judge)', () => {
    expect(acknowledged).toBeGreaterThan(10);
  });

  test.each(RUNS)('check with %s reports no acknowledgement warning', (_name, packs) => {
    expect(acknowledgementWarnings(outdir, packs)).toEqual([]);
  });
});

describe('the same app at synth, with the packs as validation plugins', () => {
  test('ServerlessSecurityChecks reports no acknowledgement warning', () => {
    const app = new App({ outdir: tempDir('cli-plugins-') });
    buildApp(app);
    Validations.of(app).addPlugins(new ServerlessSecurityChecks(app), ...allNagPacks());

    const synth = synthesizeWithValidation(app);

    expect(synth.report).not.toBe('');
    expect(synth.report).not.toMatch(/Acknowledgement/);
    const review = new ServerlessSecurityChecks().validateScope(app).violations
      .filter(violation => /Acknowledgement/.test(violation.ruleName))
      .flatMap(violation => violation.violatingResources.map(resource => `${violation.ruleName} ${resource.constructPath} ${resource.locations[0]}`));
    expect(review).toEqual([]);
  });
});
