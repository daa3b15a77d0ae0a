import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { refersTo } from '../../../policy/template-json';
import { rendered, resourcesOfType } from '../../template-view';

/**
 * A Secrets Manager secret has no rotation: no `AWS::SecretsManager::RotationSchedule` of its
 * stack refers to it (`SecretId: { Ref }`, directly or through the
 * `AWS::SecretsManager::SecretTargetAttachment` that attaches it to a database) with a rotation
 * function (`RotationLambdaARN`) or a hosted rotation function (`HostedRotationLambda`).
 *
 * A rotation schedule of another secret, or one with neither, does not count. A schedule in
 * another stack (its `SecretId` an import) cannot be matched, so the secret is reported:
 * acknowledge the finding on the secret, with the schedule's location as the reason.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::SecretsManager::Secret') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const secretId = rendered(node).logicalId;
  const attachmentIds = resourcesOfType(node, 'AWS::SecretsManager::SecretTargetAttachment')
    .filter(attachment => refersTo(attachment.properties.SecretId, secretId))
    .map(attachment => attachment.logicalId);
  const rotates = resourcesOfType(node, 'AWS::SecretsManager::RotationSchedule').some(schedule => {
    const { SecretId: target, RotationLambdaARN: rotationFunction, HostedRotationLambda: hostedFunction } = schedule.properties;
    const forThisSecret = refersTo(target, secretId) || attachmentIds.some(id => refersTo(target, id));
    return forThisSecret && (hasValue(rotationFunction) || hasValue(hostedFunction));
  });
  return rotates ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });

function hasValue(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}
