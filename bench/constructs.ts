/**
 * Measures what the constructs cost at synth time and in the template, side by side with the
 * same app written with plain CDK constructs, and the rule pack against cdk-nag's AwsSolutions.
 * `npm run bench` runs it (with the CLI benchmark) and writes bench/results.md.
 */
import { performance } from 'perf_hooks';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, NagPack } from 'cdk-nag';
import { SecureApi, SecureBucket, SecureFunction, SecureTable, ServerlessSecurityChecks } from '../src';

/** One "service" of the app: what a team ships per function. */
export interface ServiceBuilder {
  readonly name: string;
  /** Adds one service (function and its neighbours) with this index to the stack. */
  readonly add: (stack: Stack, index: number) => void;
}

const code = lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });');
const runtime = lambda.Runtime.NODEJS_24_X;

const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };
const orderSchema = { type: apigateway.JsonSchemaType.OBJECT, required: ['id'], properties: { id: { type: apigateway.JsonSchemaType.STRING } } };

/** The stack's one API and one bucket, shared by its services, created with the first one. */
function shared<T>(stack: Stack, id: string, create: () => T): T {
  return (stack.node.tryFindChild(id) as unknown as T) ?? create();
}

/**
 * A service of the secure app: a SecureFunction that reads and writes its own SecureTable and
 * serves a POST route of the stack's SecureApi; the stack also has one SecureBucket.
 */
export const SECURE_SERVICE: ServiceBuilder = {
  name: 'SecureFunction + SecureTable + SecureApi route',
  add: (stack, index) => {
    const api = shared(stack, 'Api', () => new SecureApi(stack, 'Api'));
    shared(stack, 'Receipts', () => new SecureBucket(stack, 'Receipts'));
    const fn = new SecureFunction(stack, `Fn${index}`, { code, runtime, handler: 'index.handler' });
    new SecureTable(stack, `Table${index}`, { partitionKey }).grantReadWriteData(fn);
    api.addLambdaRoute(HttpMethod.POST, `/orders${index}`, fn, { requestSchema: orderSchema });
  },
};

/** The same service written with plain CDK constructs. */
export const PLAIN_SERVICE: ServiceBuilder = {
  name: 'lambda.Function + TableV2 + RestApi route',
  add: (stack, index) => {
    const api = shared(stack, 'Api', () => new apigateway.RestApi(stack, 'Api'));
    shared(stack, 'Receipts', () => new s3.Bucket(stack, 'Receipts'));
    const fn = new lambda.Function(stack, `Fn${index}`, { code, runtime, handler: 'index.handler' });
    new dynamodb.TableV2(stack, `Table${index}`, { partitionKey }).grantReadWriteData(fn);
    api.root.addResource(`orders${index}`).addMethod('POST', new apigateway.LambdaIntegration(fn));
  },
};

/** Single constructs, for the resources and fixed cost each adds at its defaults. */
export const SINGLE_CONSTRUCTS: readonly ServiceBuilder[] = [
  { name: 'SecureFunction', add: (stack, index) => new SecureFunction(stack, `Fn${index}`, { code, runtime, handler: 'index.handler' }) },
  {
    // Asynchronously invoked (declared here; an S3, SNS or EventBridge invoker does the same): with its dead-letter queue.
    name: 'SecureFunction, asynchronous',
    add: (stack, index) => new SecureFunction(stack, `Fn${index}`, { code, runtime, handler: 'index.handler', deadLetterQueueEnabled: true }),
  },
  {
    name: 'SecureApi',
    add: (stack, index) => {
      const fn = shared(stack, 'Backend', () => new SecureFunction(stack, 'Backend', { code, runtime, handler: 'index.handler' }));
      new SecureApi(stack, `Api${index}`).addLambdaRoute(HttpMethod.GET, '/status', fn);
    },
  },
  { name: 'SecureBucket', add: (stack, index) => new SecureBucket(stack, `Bucket${index}`) },
  { name: 'SecureTable', add: (stack, index) => new SecureTable(stack, `Table${index}`, { partitionKey }) },
];

/** Services per stack: well under CloudFormation's 500 resources for every builder. */
export const SERVICES_PER_STACK = 20;

/** An app with `count` services, spread over stacks of SERVICES_PER_STACK. */
export function buildApp(builder: ServiceBuilder, count: number): App {
  const app = new App();
  let stack: Stack | undefined;
  for (let index = 0; index < count; index++) {
    if (index % SERVICES_PER_STACK === 0) {
      stack = new Stack(app, `Services${index / SERVICES_PER_STACK}`, { env: { account: '111111111111', region: 'eu-west-1' } });
    }
    builder.add(stack!, index);
  }
  return app;
}

/** Milliseconds of the fastest of `repeat` runs (the least disturbed by the machine). */
export function fastest(repeat: number, run: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < repeat; attempt++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** Construction plus synthesis of an app of `count` services, in milliseconds. */
export function synthTime(builder: ServiceBuilder, count: number, repeat: number): number {
  return fastest(repeat, () => buildApp(builder, count).synth());
}

/** The time a pack takes on an app, in milliseconds, the two ways it runs. */
export interface PackTimes {
  /** As `cdk synth` runs it: `validate`, handed the templates synthesis wrote and the construct tree. */
  readonly duringSynth: number;
  /** As tests and tools run it: `validateScope`, the construct tree alone. */
  readonly onTree: number;
}

/**
 * The fastest of `repeat` runs of each pack on the app, both ways. Synthesis first resolves and
 * caches every lazy value of the app, so every pack finds it equally warm; the packs' runs
 * alternate, so that the machine's noise falls on all of them alike.
 */
export function packTimes(app: App, packs: ReadonlyArray<() => NagPack>, repeat: number): PackTimes[] {
  const assembly = app.synth();
  const context = { templatePaths: assembly.stacksRecursively.map(stack => stack.templateFullPath), appConstruct: app };
  const best = packs.map(() => ({ duringSynth: Number.POSITIVE_INFINITY, onTree: Number.POSITIVE_INFINITY }));
  for (let attempt = 0; attempt < repeat; attempt++) {
    packs.forEach((pack, index) => {
      best[index].duringSynth = Math.min(best[index].duringSynth, fastest(1, () => pack().validate(context)));
      best[index].onTree = Math.min(best[index].onTree, fastest(1, () => pack().validateScope(app)));
    });
  }
  return best;
}

export const PACKS: ReadonlyArray<{ readonly name: string; readonly create: () => NagPack }> = [
  { name: 'ServerlessSecurityChecks', create: () => new ServerlessSecurityChecks() },
  { name: 'AwsSolutionsChecks', create: () => new AwsSolutionsChecks() },
];

/** The resources one instance adds to a stack, and those the stack gets once (key, topic…). */
export function resourceCounts(builder: ServiceBuilder): { perInstance: number; perStack: number } {
  const count = (instances: number) => {
    const stack = new Stack(new App(), 'Count', { env: { account: '111111111111', region: 'eu-west-1' } });
    for (let index = 0; index < instances; index++) {
      builder.add(stack, index);
    }
    return Object.keys(Template.fromStack(stack).toJSON().Resources).length;
  };
  const one = count(1);
  const two = count(2);
  return { perInstance: two - one, perStack: one - (two - one) };
}
