/**
 * Measures what the constructs cost at synth time and in the template, side by side with the
 * same app written with plain CDK constructs, and the rule pack against cdk-nag's AwsSolutions.
 * `npm run bench` runs it (with the CLI benchmark) and writes bench/results.md.
 */
import { performance } from 'perf_hooks';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks, NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { SecureFunction, ServerlessSecurityChecks } from '../src';

/** One "service" of the app: what a team ships per function. */
export interface ServiceBuilder {
  readonly name: string;
  /** Adds one service (function and its neighbours) with this index to the stack. */
  readonly add: (stack: Stack, index: number) => void;
}

const code = lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });');
const runtime = lambda.Runtime.NODEJS_24_X;

export const SECURE_SERVICE: ServiceBuilder = {
  name: 'SecureFunction',
  add: (stack, index) => {
    new SecureFunction(stack, `Fn${index}`, { code, runtime, handler: 'index.handler' });
  },
};

export const PLAIN_SERVICE: ServiceBuilder = {
  name: 'lambda.Function',
  add: (stack, index) => {
    new lambda.Function(stack, `Fn${index}`, { code, runtime, handler: 'index.handler' });
  },
};

/** Services per stack: well under CloudFormation's 500 resources for every builder. */
export const SERVICES_PER_STACK = 25;

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

/** The time a pack takes on an already built app, in milliseconds. */
export function packTime(app: IConstruct, pack: () => NagPack, repeat: number): number {
  return fastest(repeat, () => pack().validateScope(app));
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
