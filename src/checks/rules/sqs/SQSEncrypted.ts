import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { rendered } from '../../template-view';

/**
 * A queue stored in plaintext: no `KmsMasterKeyId` and SQS-managed encryption (SSE-SQS)
 * turned off.
 *
 * CloudFormation enables SSE-SQS when `SqsManagedSseEnabled` is not set (SQS has encrypted new
 * queues by default since October 2022), so the only way to a plaintext queue is an explicit
 * `SqsManagedSseEnabled: false` (`encryption: sqs.QueueEncryption.UNENCRYPTED`). An
 * `SqsManagedSseEnabled` that is an intrinsic (a parameter) is reported too, as it may be
 * false at deploy time; a `KmsMasterKeyId` that is an intrinsic is taken as set.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::SQS::Queue') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = rendered(node).properties;
  if (properties.KmsMasterKeyId !== undefined && properties.KmsMasterKeyId !== '') {
    return NagRuleCompliance.COMPLIANT;
  }
  const sqsManaged = properties.SqsManagedSseEnabled;
  return sqsManaged === undefined || sqsManaged === true || sqsManaged === 'true' ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
