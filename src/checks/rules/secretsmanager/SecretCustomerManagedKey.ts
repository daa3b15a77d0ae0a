import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { rendered } from '../../template-view';

/** The AWS managed key of Secrets Manager, by alias: what a secret without `KmsKeyId` uses. */
const AWS_MANAGED_KEY = /(^|:)alias\/aws\/secretsmanager$/;

/**
 * A Secrets Manager secret is not encrypted with a customer-managed KMS key: it has no
 * `KmsKeyId`, or names the AWS managed key (`alias/aws/secretsmanager`, or its alias ARN).
 *
 * Any other `KmsKeyId` is compliant, including an intrinsic (`Fn::GetAtt` of a key, an import).
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::SecretsManager::Secret') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const keyId = rendered(node).properties.KmsKeyId;
  if (keyId === undefined || keyId === null || keyId === '') {
    return NagRuleCompliance.NON_COMPLIANT;
  }
  return typeof keyId === 'string' && AWS_MANAGED_KEY.test(keyId) ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });
