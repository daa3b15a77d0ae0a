import { CfnResource } from 'aws-cdk-lib';
import { judgeRuntime, runtimeNamed, RuntimeVerdict } from '../../../policy/runtimes';
import { rendered } from '../../template-view';

/**
 * The verdict of `judgeRuntime` on the function's runtime, today; `undefined` when the rule
 * does not apply: another resource type, a container-image function (`PackageType` `Image`, its
 * runtime is in the image), or a `Runtime` that is not a literal (a parameter).
 */
export function runtimeVerdictOf(node: CfnResource): RuntimeVerdict | undefined {
  if (node.cfnResourceType !== 'AWS::Lambda::Function') {
    return undefined;
  }
  const properties = rendered(node).properties;
  if (properties.PackageType === 'Image' || typeof properties.Runtime !== 'string') {
    return undefined;
  }
  return judgeRuntime(runtimeNamed(properties.Runtime), new Date());
}
