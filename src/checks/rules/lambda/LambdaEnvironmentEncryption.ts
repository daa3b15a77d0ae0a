import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { rendered } from '../../template-view';

/**
 * A Lambda function with environment variables and no `KmsKeyArn`: the variables are
 * encrypted only with the AWS managed key, which every principal allowed to read the
 * function's configuration can use. A function without variables is not applicable.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::Lambda::Function') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = rendered(node).properties;
  const variables = properties.Environment?.Variables;
  if (variables === null || typeof variables !== 'object' || Object.keys(variables).length === 0) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return properties.KmsKeyArn !== undefined && properties.KmsKeyArn !== '' ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
