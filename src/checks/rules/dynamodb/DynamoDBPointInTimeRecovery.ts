import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { GLOBAL_TABLE_TYPE, isTrue, replicasOf, TABLE_TYPE } from './table-settings';
import { rendered } from '../../template-view';

/**
 * A DynamoDB table without point-in-time recovery.
 *
 * - `AWS::DynamoDB::Table`: `PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled` true.
 * - `AWS::DynamoDB::GlobalTable` (what `TableV2` synthesizes): the CloudFormation spec has no
 *   table-level setting, only `Replicas[].PointInTimeRecoverySpecification` (off when absent),
 *   and `TableV2` copies its `pointInTimeRecoverySpecification` onto each replica unless the
 *   replica overrides it; so it must be on for every replica.
 *
 * A value that is an intrinsic (a parameter) is reported: nothing says recovery is on.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== TABLE_TYPE && node.cfnResourceType !== GLOBAL_TABLE_TYPE) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = rendered(node).properties;
  const enabled = (specification: any) => isTrue(specification?.PointInTimeRecoveryEnabled);
  if (node.cfnResourceType === TABLE_TYPE) {
    return enabled(properties.PointInTimeRecoverySpecification) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  }
  const replicas = replicasOf(properties);
  const everyReplica = replicas.length > 0 && replicas.every(replica => enabled(replica.PointInTimeRecoverySpecification));
  return everyReplica ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
