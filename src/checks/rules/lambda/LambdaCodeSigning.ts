import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { isCdkHelperFunction, rendered } from '../../template-view';

/**
 * A Lambda function without a code-signing configuration (`CodeSigningConfigArn`): Lambda
 * deploys whatever code it is given. The CDK's own helper functions are not applicable.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::Lambda::Function' || isCdkHelperFunction(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const config = rendered(node).properties.CodeSigningConfigArn;
  return config !== undefined && config !== '' ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
