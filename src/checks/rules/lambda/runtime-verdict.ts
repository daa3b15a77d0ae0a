import { CfnResource } from 'aws-cdk-lib';
import { judgeRuntime, latestOfFamily, RUNTIME_DEPRECATION_DATES, runtimeNamed, RuntimeVerdict } from '../../../policy/runtimes';
import { rendered } from '../../template-view';

/**
 * The verdict of `judgeRuntime` on the function's runtime, today; `undefined` when the rule
 * does not apply: another resource type, a container-image function (`PackageType` `Image`, its
 * runtime is in the image), or a `Runtime` that is not a literal (a parameter).
 */
export function runtimeVerdictOf(node: CfnResource): RuntimeVerdict | undefined {
  const name = judgedRuntimeName(node);
  return name === undefined ? undefined : judgeRuntime(runtimeNamed(name), new Date());
}

/** The `Runtime` the runtime rules judge: a literal one of a function not built from an image. */
function judgedRuntimeName(node: CfnResource): string | undefined {
  if (node.cfnResourceType !== 'AWS::Lambda::Function') {
    return undefined;
  }
  const properties = rendered(node).properties;
  return properties.PackageType === 'Image' || typeof properties.Runtime !== 'string' ? undefined : properties.Runtime;
}

/** The detail of a `LambdaDeprecatedRuntime` finding: the runtime and the day it was deprecated. */
export function deprecatedRuntimeDetail(node: CfnResource): string | undefined {
  const name = judgedRuntimeName(node);
  const date = name === undefined ? undefined : RUNTIME_DEPRECATION_DATES[name];
  return date === undefined ? undefined : `Runtime ${name} was deprecated on ${date}.`;
}

/** The detail of a `LambdaRuntimeDeprecatingSoon` finding: the runtime and the day it will be deprecated. */
export function deprecatingRuntimeDetail(node: CfnResource): string | undefined {
  const name = judgedRuntimeName(node);
  const date = name === undefined ? undefined : RUNTIME_DEPRECATION_DATES[name];
  return date === undefined ? undefined : `Runtime ${name} will be deprecated on ${date}.`;
}

/** The detail of a `LambdaRuntimeNotLatest` finding: the runtime and the latest of its family. */
export function notLatestRuntimeDetail(node: CfnResource): string | undefined {
  const name = judgedRuntimeName(node);
  const latest = name === undefined ? undefined : latestOfFamily(runtimeNamed(name))?.name;
  return latest === undefined || latest === name ? undefined : `Runtime ${name}; the latest of its family is ${latest}.`;
}
