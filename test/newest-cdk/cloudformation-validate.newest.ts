/*
 * Runs only in the newest-CDK job (.ci/newest-cdk selects `*.newest.ts`; jest's default testMatch
 * does not): from aws-cdk-lib 2.262 on, `app.synth()` runs the CDK's own CloudFormation
 * validation plugin ("CloudFormation Validate") next to the user's plugins. An app of this
 * library's constructs, with our pack, must come out of it without a single violation.
 */
import { existsSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, CfnResource, Duration, Environment, Stack, Validations } from 'aws-cdk-lib';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  SecretReference, SecureApi, SecureBucket, SecureFunction, SecureQueue, SecureSecret, SecureTable, SecureTopic, ServerlessSecurityChecks,
} from '../../src';
import { orderSchema } from '../api/helpers';
import { APP_CONDITIONS, recommendedFeatureFlags } from '../apps';
import { minimalFunctionProps } from '../helpers';

/** The plugin's name in the validation report (`CloudFormationValidatePlugin.PLUGIN_NAME`). */
const CDK_PLUGIN = 'CloudFormation Validate';

/**
 * Context that makes the CDK's plugin as strict as it goes: its errors stay errors (they are
 * warnings unless `validateAgainstDefaultRules` is on) and its warnings count as errors (the
 * construct-library strict mode).
 */
const STRICT_VALIDATION = {
  '@aws-cdk/core:validateAgainstDefaultRules': true,
  '@aws-cdk/core:strictCfnValidateErrors': true,
};

/** What the CDK writes into the assembly's validation-report.json, in the parts read here. */
interface ValidationReport {
  /** One per plugin that reported a violation (a plugin with none is not listed). */
  readonly pluginReports: Array<{
    readonly pluginName: string;
    readonly violations: Array<{ readonly ruleName: string; readonly violatingConstructs: Array<{ readonly constructPath: string }> }>;
  }>;
}

/** Synthesizes the app; the CDK throws `ValidationFailed` when a plugin fails, after writing the report. */
function synthesize(app: App): { failed: boolean; report: ValidationReport } {
  let failed = false;
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    app.synth();
  } catch (error) {
    if ((error as Error).name !== 'ValidationFailed') {
      throw error;
    }
    failed = true;
  } finally {
    quiet.mockRestore();
  }
  const reportFile = join(app.outdir, 'validation-report.json');
  expect(existsSync(reportFile)).toBe(true);
  return { failed, report: JSON.parse(readFileSync(reportFile, 'utf8')) };
}

/** Every violation of the report as `plugin rule path`. */
function violations(report: ValidationReport): string[] {
  return report.pluginReports.flatMap(plugin => plugin.violations.flatMap(violation =>
    violation.violatingConstructs.map(construct => `${plugin.pluginName} ${violation.ruleName} ${construct.constructPath}`)));
}

/** An app of the library's constructs wired together as a user wires them. */
function appOfEverything(recommendedFlags: boolean, env: Environment | undefined): App {
  const outdir = mkdtempSync(join(tmpdir(), 'cfn-validate-'));
  const app = new App({ outdir, context: { ...(recommendedFlags ? recommendedFeatureFlags() : {}), ...STRICT_VALIDATION } });
  Validations.of(app).addPlugins(new ServerlessSecurityChecks(app), new AwsSolutionsChecks(app));
  const stack = new Stack(app, 'Everything', { env });

  const table = new SecureTable(stack, 'Orders', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    globalSecondaryIndexes: [{ indexName: 'byCustomer', partitionKey: { name: 'customerId', type: dynamodb.AttributeType.STRING } }],
  });
  const bucket = new SecureBucket(stack, 'Receipts');
  const queue = new SecureQueue(stack, 'Work', { visibilityTimeout: Duration.seconds(60) });
  const topic = new SecureTopic(stack, 'Events');
  const secret = new SecureSecret(stack, 'ApiKey', { allowNoRotation: 'issued by hand by the provider, replaced by a runbook' });
  const fn = new SecureFunction(stack, 'CreateOrder', {
    ...minimalFunctionProps,
    environment: { TABLE: table.tableName, BUCKET: bucket.bucketName, QUEUE_URL: queue.queueUrl, TOPIC_ARN: topic.topicArn },
    secrets: { API_KEY_SECRET_ARN: SecretReference.fromSecret(secret) },
  });
  table.grantReadWriteData(fn);
  bucket.grantReadWrite(fn);
  queue.grantSendMessages(fn);
  topic.grantPublish(fn);
  // Uploads notify the queue, encrypted with the same stack key as the bucket.
  bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(queue));

  const api = new SecureApi(stack, 'Api');
  api.addLambdaRoute(apigatewayv2.HttpMethod.POST, '/orders', fn, { requestSchema: orderSchema });
  api.addLambdaRoute(apigatewayv2.HttpMethod.GET, '/orders/{id}', fn);
  return app;
}

test('the installed aws-cdk-lib runs its own CloudFormation validation (2.262 or later: this file is for the newest-CDK job)', () => {
  const { version } = JSON.parse(readFileSync(require.resolve('aws-cdk-lib/package.json'), 'utf8')) as { version: string };
  const [major, minor] = version.split('.').map(Number);
  expect(major * 1000 + minor).toBeGreaterThanOrEqual(2262);
});

describe.each(APP_CONDITIONS.map(condition => [condition.name, condition] as const))('in a %s', (_name, condition) => {
  test('SecureFunction, SecureApi, SecureBucket and the stores synthesize with no violation from the CDK\'s validation nor from our pack', () => {
    const { failed, report } = synthesize(appOfEverything(condition.recommendedFlags, condition.env));

    expect(violations(report)).toEqual([]);
    expect(failed).toBe(false);
  });

  test('control: the same app with one invalid property planted beside it fails on exactly that, so the CDK\'s validation did run', () => {
    const app = appOfEverything(condition.recommendedFlags, condition.env);
    const planted = new Stack(app, 'Planted', { env: condition.env });
    new CfnResource(planted, 'Bad', { type: 'AWS::SQS::Queue', properties: { VisibilityTimeout: 'not a number' } });

    const { failed, report } = synthesize(app);

    expect(failed).toBe(true);
    expect(violations(report).filter(line => line.startsWith(`${CDK_PLUGIN} `))).toEqual([expect.stringMatching(/ Planted\/Bad$/)]);
    expect(violations(report).filter(line => !line.endsWith(' Planted/Bad'))).toEqual([]);
  });
});
