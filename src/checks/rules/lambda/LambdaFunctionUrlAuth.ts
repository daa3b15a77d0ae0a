import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { rendered } from '../../template-view';

/**
 * A Lambda function URL that anyone can call: `AuthType` `NONE`.
 *
 * Only `AWS_IAM` is compliant; an `AuthType` that is an intrinsic (a parameter) is reported,
 * as it may be `NONE` at deploy time and nothing in the template says otherwise.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::Lambda::Url') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return rendered(node).properties.AuthType === 'AWS_IAM' ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
