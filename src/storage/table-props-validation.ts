import { RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { refuseDocumentForAnyone } from './resource-policy';
import type { SecureTableProps } from './secure-table';
import { awsManagedKeyAlias, Fail, failFor, removalPolicyName, requireReason } from './validation';
import { futurePath } from '../core/errors';

/** Removal policies that keep the table when the stack deletes it. */
const RETAINING = [RemovalPolicy.RETAIN, RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE];

/**
 * Refuses every prop of `SecureTableProps` that would weaken the table's encryption, lose its
 * backups or the table itself without a reason, or open it to anyone, and every invalid
 * combination, with an error that names the construct path, the prop and the fix.
 */
export function validateSecureTableProps(scope: Construct, id: string, props: SecureTableProps): void {
  const fail = failFor(scope, id);
  requireReason(props.allowNoPointInTimeRecovery, 'allowNoPointInTimeRecovery', fail);
  requireReason(props.allowDeletionWithStack, 'allowDeletionWithStack', fail);
  validateEncryption(scope, props, fail);
  validatePointInTimeRecovery(props, fail);
  validateDeletion(props, fail);
  const path = futurePath(scope, id);
  refuseDocumentForAnyone(scope, path, 'resourcePolicy', props.resourcePolicy, 'table.grantReadData(role)');
  (props.replicas ?? []).forEach((replica, index) =>
    refuseDocumentForAnyone(scope, path, `replicas[${index}].resourcePolicy`, replica.resourcePolicy, 'table.grantReadData(role)'));
}

function validateEncryption(scope: Construct, props: SecureTableProps, fail: Fail): void {
  const encryption = props.encryption;
  if (encryption !== undefined && encryption.type !== dynamodb.TableEncryption.CUSTOMER_MANAGED) {
    fail('WeakTableEncryption', `encryption is ${encryption.type}; SecureTable encrypts with a customer-managed KMS key, whose key policy restricts, and CloudTrail records, every use.`,
      'leave out encryption (the stack key, StackKey.of(this)), or pass dynamodb.TableEncryptionV2.customerManagedKey(key).');
  }
  const aliasName = awsManagedKeyAlias(encryption?.tableKey);
  if (aliasName !== undefined) {
    fail('AwsManagedTableKey', `encryption uses the AWS managed key ${aliasName}; its key policy cannot be changed or limited, and it is not a customer-managed key.`,
      'leave out encryption (the stack key, StackKey.of(this)), or pass dynamodb.TableEncryptionV2.customerManagedKey(key) with a key of yours.');
  }
  if ((props.replicas ?? []).length > 0 && Token.isUnresolved(Stack.of(scope).region)) {
    fail('ReplicasNeedStackRegion', 'replicas are set in an environment-agnostic stack; a replica\'s region and key can only be told apart from the table\'s own when the stack has a region.',
      'give the stack an env: new Stack(app, \'Id\', { env: { account: \'123456789012\', region: \'eu-west-1\' } }).');
  }
  if (encryption === undefined && (props.replicas ?? []).length > 0) {
    fail('ReplicasWithoutKeys', 'replicas are set but encryption is not; the stack key exists in this region only, and each replica needs a key in its own region.',
      'pass encryption: dynamodb.TableEncryptionV2.customerManagedKey(StackKey.of(this), { \'<replica region>\': \'<key ARN in that region>\' }).');
  }
}

function validatePointInTimeRecovery(props: SecureTableProps, fail: Fail): void {
  const turnedOff = [
    props.pointInTimeRecovery === false ? 'pointInTimeRecovery' : undefined,
    props.pointInTimeRecoverySpecification?.pointInTimeRecoveryEnabled === false ? 'pointInTimeRecoverySpecification' : undefined,
    ...(props.replicas ?? []).flatMap((replica, index) => [
      replica.pointInTimeRecovery === false ? `replicas[${index}].pointInTimeRecovery` : undefined,
      replica.pointInTimeRecoverySpecification?.pointInTimeRecoveryEnabled === false ? `replicas[${index}].pointInTimeRecoverySpecification` : undefined,
    ]),
  ].filter((prop): prop is string => prop !== undefined);
  if (props.allowNoPointInTimeRecovery === undefined) {
    if (turnedOff.length > 0) {
      fail('NoPointInTimeRecovery', `${turnedOff.join(', ')} turns point-in-time recovery off; a bad write, a buggy migration or a deleted item could then not be restored.`,
        'leave point-in-time recovery on (the default), or set allowNoPointInTimeRecovery to the reason this data may be lost.');
    }
  } else {
    const turnedOn = [
      props.pointInTimeRecovery === true ? 'pointInTimeRecovery' : undefined,
      props.pointInTimeRecoverySpecification?.pointInTimeRecoveryEnabled === true ? 'pointInTimeRecoverySpecification' : undefined,
    ].filter((prop): prop is string => prop !== undefined);
    if (turnedOn.length > 0) {
      fail('ConflictingPointInTimeRecoveryProps', `allowNoPointInTimeRecovery is set, but ${turnedOn.join(', ')} turns point-in-time recovery on.`,
        `leave out allowNoPointInTimeRecovery (recommended), or leave out ${turnedOn.join(', ')}.`);
    }
  }
}

function validateDeletion(props: SecureTableProps, fail: Fail): void {
  const removal = props.removalPolicy;
  if (props.allowDeletionWithStack === undefined) {
    if (removal !== undefined && !RETAINING.includes(removal)) {
      fail('DeletionWithStack', `removalPolicy is ${removalPolicyName(removal)}; the table and every item in it would be deleted with the stack.`,
        'leave out removalPolicy (RemovalPolicy.RETAIN), or set allowDeletionWithStack to the reason this table may go with its stack.');
    }
    return;
  }
  if (removal !== undefined && RETAINING.includes(removal)) {
    fail('ConflictingRemovalProps', `allowDeletionWithStack is set but removalPolicy is ${removalPolicyName(removal)}.`,
      'leave out removalPolicy (allowDeletionWithStack sets RemovalPolicy.DESTROY), or leave out allowDeletionWithStack to keep the table.');
  }
  if (props.deletionProtection === true) {
    fail('ConflictingDeletionProps', 'allowDeletionWithStack is set but deletionProtection is true, so deleting the stack would fail on the table.',
      'leave out deletionProtection (allowDeletionWithStack turns it off), or leave out allowDeletionWithStack to keep the table.');
  }
}
