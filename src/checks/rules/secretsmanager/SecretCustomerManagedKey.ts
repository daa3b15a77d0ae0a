import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { mayBeAwsManagedKey } from '../../../policy/kms-keys';
import { rendered, templateContextOf } from '../../template-view';

/**
 * A Secrets Manager secret is not encrypted with a customer-managed KMS key: it has no
 * `KmsKeyId`, or names an AWS managed key (`alias/aws/secretsmanager`, `aws/secretsmanager`
 * without `alias/`, or its alias ARN; see `mayBeAwsManagedKey`, which also evaluates intrinsics).
 *
 * Any other `KmsKeyId` is compliant, including a customer's alias such as `alias/aws-team-key`
 * and an intrinsic only the deployment decides (`Fn::GetAtt` of a key, an import).
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::SecretsManager::Secret') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const keyId = rendered(node).properties.KmsKeyId;
  if (keyId === undefined || keyId === null || keyId === '') {
    return NagRuleCompliance.NON_COMPLIANT;
  }
  return mayBeAwsManagedKey(keyId, templateContextOf(node)) ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });
