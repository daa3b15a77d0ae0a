import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { rendered } from '../../template-view';

/**
 * A CloudWatch Logs log group has no `KmsKeyId`: its logs are encrypted only with CloudWatch
 * Logs' own service key, which no key policy of yours controls.
 *
 * Any `KmsKeyId` is compliant, including an intrinsic (`Fn::GetAtt` of a key, an import):
 * CloudWatch Logs accepts only customer-managed symmetric keys there.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::Logs::LogGroup') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const keyId = rendered(node).properties.KmsKeyId;
  return keyId === undefined || keyId === null || keyId === '' ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });
