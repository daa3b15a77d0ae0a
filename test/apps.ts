import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Environment, Stack } from 'aws-cdk-lib';

/** The concrete environment the tests give a stack when they give it one. */
export const TEST_ENV: Environment = Object.freeze({ account: '111111111111', region: 'eu-west-1' });

/**
 * The feature flags `cdk init` writes into a new app's cdk.json, read from the installed
 * aws-cdk-lib each time, so that the tests follow the library's recommendations as they change.
 */
export function recommendedFeatureFlags(): Record<string, unknown> {
  const file = join(require.resolve('aws-cdk-lib/package.json'), '..', 'recommended-feature-flags.json');
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** An app whose context is aws-cdk-lib's recommended feature flags, as in an app made by `cdk init`. */
export function appWithRecommendedFlags(): App {
  return new App({ context: recommendedFeatureFlags() });
}

/** How an app and its stack are set up: the four conditions each construct must work in. */
export interface AppCondition {
  /** A name for test titles. */
  readonly name: string;
  /** Whether the app has aws-cdk-lib's recommended feature flags as context. */
  readonly recommendedFlags: boolean;
  /** The stack's env; undefined makes an environment-agnostic stack. */
  readonly env?: Environment;
}

/** {bare app, recommended flags} x {stack with env, without env}. */
export const APP_CONDITIONS: readonly AppCondition[] = [
  { name: 'bare app, stack with env', recommendedFlags: false, env: TEST_ENV },
  { name: 'bare app, stack without env', recommendedFlags: false },
  { name: 'recommended flags, stack with env', recommendedFlags: true, env: TEST_ENV },
  { name: 'recommended flags, stack without env', recommendedFlags: true },
];

/** A stack named `TestStack` in a new app set up as the condition says. */
export function stackIn(condition: AppCondition, id = 'TestStack'): Stack {
  const app = condition.recommendedFlags ? appWithRecommendedFlags() : new App();
  return new Stack(app, id, { env: condition.env });
}
