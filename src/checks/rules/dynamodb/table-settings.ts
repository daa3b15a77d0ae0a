import { TemplateContext } from '../../../policy/intrinsics';
import { mayBeAwsManagedKey } from '../../../policy/kms-keys';
import { asList } from '../../../policy/template-json';

/** The two resource types a DynamoDB table synthesizes to: `Table` (dynamodb.Table) and `GlobalTable` (dynamodb.TableV2). */
export const TABLE_TYPE = 'AWS::DynamoDB::Table';
export const GLOBAL_TABLE_TYPE = 'AWS::DynamoDB::GlobalTable';

/** Whether a rendered boolean is literally true (CloudFormation also accepts the string `'true'`). */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** The replicas of a global table, as rendered; an intrinsic in place of the list yields none. */
export function replicasOf(properties: { [key: string]: any }): Array<{ [key: string]: any }> {
  return asList(properties.Replicas as unknown[] | undefined)
    .filter((replica): replica is { [key: string]: any } => replica !== null && typeof replica === 'object');
}

/**
 * Whether a `KMSMasterKeyId` names a customer-managed key: set, and not the AWS managed key
 * `alias/aws/dynamodb` (as an alias name, with or without `alias/`, or alias ARN; see
 * `mayBeAwsManagedKey`). A key only the deployment decides (`Fn::GetAtt` of a key, a parameter)
 * is taken as customer-managed: AWS managed keys are named by alias.
 */
export function isCustomerManagedKey(keyId: unknown, context?: TemplateContext): boolean {
  if (keyId === undefined || keyId === null || keyId === '') {
    return false;
  }
  return !mayBeAwsManagedKey(keyId, context);
}
