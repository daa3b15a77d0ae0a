import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';

import { isCdkHelperFunction, rendered, resourcesOfType, textOf } from '../../template-view';

/** Resource types that manage a log group by its name: the log group itself, or the CDK's retention setter. */
const LOG_GROUP_MANAGERS = ['AWS::Logs::LogGroup', 'Custom::LogRetention'];

/**
 * A Lambda function whose logs go to a log group that nobody manages: no
 * `LoggingConfig.LogGroup`, and no log group of the stack named `/aws/lambda/<function name>`
 * (a `LogGroupName` that joins `/aws/lambda/` with a reference to the function, or with its
 * literal `FunctionName`). Lambda then creates the log group itself, unencrypted, and keeps
 * the logs forever.
 *
 * The CDK's deprecated `logRetention` (a `Custom::LogRetention` on that name) counts as
 * managing the log group: it sets a retention. The CDK's own helper functions are not
 * applicable.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::Lambda::Function' || isCdkHelperFunction(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const fn = rendered(node);
  const configured = fn.properties.LoggingConfig?.LogGroup;
  if (configured !== undefined && configured !== '') {
    return NagRuleCompliance.COMPLIANT;
  }
  const functionName = textOf(fn.properties.FunctionName);
  const expectedNames = [`/aws/lambda/\${${fn.logicalId}}`, ...(functionName !== undefined ? [`/aws/lambda/${functionName}`] : [])];
  const managed = LOG_GROUP_MANAGERS.flatMap(type => resourcesOfType(node, type))
    .some(resource => {
      const name = textOf(resource.properties.LogGroupName);
      return name !== undefined && expectedNames.includes(name);
    });
  return managed ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
