import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { GLOBAL_TABLE_TYPE, isCustomerManagedKey, isTrue, replicasOf, TABLE_TYPE } from './table-settings';
import { rendered, templateContextOf } from '../../template-view';

/**
 * A DynamoDB table not encrypted with a customer-managed KMS key.
 *
 * - `AWS::DynamoDB::Table`: `SSESpecification.SSEEnabled` true, `SSEType` `KMS` (or absent,
 *   as `SSEEnabled` true implies KMS and `KMS` is the only value), and a `KMSMasterKeyId`.
 * - `AWS::DynamoDB::GlobalTable` (what `TableV2` synthesizes): `SSESpecification.SSEEnabled`
 *   true, `SSEType` `KMS` (or absent), and a `SSESpecification.KMSMasterKeyId` on every
 *   replica: the key is per region, so one replica without it falls back to the AWS managed key.
 *
 * The AWS owned key (no `SSESpecification`, `SSEEnabled` false) and the AWS managed key
 * (`SSEEnabled` true without a key, or `alias/aws/dynamodb` with or without `alias/`) are reported. A key id that is an
 * intrinsic is taken as customer-managed; an `SSEEnabled` that is an intrinsic is reported.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== TABLE_TYPE && node.cfnResourceType !== GLOBAL_TABLE_TYPE) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = rendered(node).properties;
  const context = templateContextOf(node);
  const sse = properties.SSESpecification;
  const kmsEnabled = isTrue(sse?.SSEEnabled) && (sse?.SSEType === undefined || sse?.SSEType === 'KMS');
  if (!kmsEnabled) {
    return NagRuleCompliance.NON_COMPLIANT;
  }
  if (node.cfnResourceType === TABLE_TYPE) {
    return isCustomerManagedKey(sse.KMSMasterKeyId, context) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  }
  const replicas = replicasOf(properties);
  const everyReplicaKeyed = replicas.length > 0 && replicas.every(replica => isCustomerManagedKey(replica.SSESpecification?.KMSMasterKeyId, context));
  return everyReplicaKeyed ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
