import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import DynamoDBCustomerManagedKey from './DynamoDBCustomerManagedKey';
import DynamoDBPointInTimeRecovery from './DynamoDBPointInTimeRecovery';
import { GLOBAL_TABLE_TYPE, TABLE_TYPE } from './table-settings';
import { RiskCategory } from '../../risk-category';
import { SecurityRule } from '../../security-rule';

/** The rules of the pack for Amazon DynamoDB tables (`dynamodb.Table` and `dynamodb.TableV2`). */
export const DYNAMODB_RULES: SecurityRule[] = [
  {
    check: DynamoDBCustomerManagedKey,
    resourceTypes: [TABLE_TYPE, GLOBAL_TABLE_TYPE],
    risk: RiskCategory.ENCRYPTION_AT_REST,
    level: NagMessageLevel.WARN,
    what: 'The DynamoDB table is not encrypted with a customer-managed KMS key (on every replica, for a global table).',
    why: 'With the AWS owned or AWS managed key no key policy restricts who can decrypt the data and its backups, and access cannot be cut off by disabling the key.',
    fix: 'Use SecureTable (encrypted with the stack key), or set `encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED` with `encryptionKey` on dynamodb.Table, or `encryption: dynamodb.TableEncryptionV2.customerManagedKey(key, replicaKeyArns)` on dynamodb.TableV2.',
  },
  {
    check: DynamoDBPointInTimeRecovery,
    resourceTypes: [TABLE_TYPE, GLOBAL_TABLE_TYPE],
    risk: RiskCategory.DATA_LOSS,
    level: NagMessageLevel.WARN,
    what: 'The DynamoDB table does not have point-in-time recovery enabled (on every replica, for a global table).',
    why: 'Items overwritten or deleted by a bad deploy, a buggy function or a stolen credential then cannot be restored.',
    fix: 'Use SecureTable (recovery on by default), or set `pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }` on dynamodb.Table or dynamodb.TableV2, and do not turn it off on a TableV2 replica.',
  },
];
