import { Annotations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { secureValidationError } from '../core/errors';
import { judgeRuntime, latestOfFamily, RUNTIME_DEPRECATION_DATES, RuntimeVerdict } from '../policy/runtimes';

/**
 * Refuses a deprecated runtime and warns about one that is deprecating soon or is not the
 * latest of its family. Warnings are acknowledgeable by their id with
 * `Annotations.of(fn).acknowledgeWarning(id, reason)`.
 */
export function checkRuntime(scope: Construct, runtime: lambda.Runtime, today: Date = new Date()): void {
  const verdict = judgeRuntime(runtime, today);
  const latest = latestOfFamily(runtime)?.name ?? runtime.name;
  const deprecation = RUNTIME_DEPRECATION_DATES[runtime.name];
  switch (verdict) {
    case RuntimeVerdict.DEPRECATED:
      throw secureValidationError(scope, 'DeprecatedRuntime',
        `runtime ${runtime.name} was deprecated on ${deprecation}: it gets no security patches any more.`,
        `set runtime to ${latest}.`);
    case RuntimeVerdict.DEPRECATING:
      Annotations.of(scope).addWarningV2('cdk-secure-serverless:RuntimeDeprecatingSoon',
        `${scope.node.path}: runtime ${runtime.name} will be deprecated on ${deprecation} and then get no security patches. Fix: move to ${latest}.`);
      return;
    case RuntimeVerdict.NOT_LATEST:
      Annotations.of(scope).addWarningV2('cdk-secure-serverless:RuntimeNotLatest',
        `${scope.node.path}: runtime ${runtime.name} is not the latest of its family. Fix: move to ${latest}, which gets security patches the longest.`);
      return;
    default:
      return;
  }
}
