import { App, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { securityFindings } from './helpers';
import { DYNAMODB_RULES } from '../../src/checks/rules/dynamodb';
import { ruleName } from '../../src/checks/security-rule';

function newStack(): Stack {
  return new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
}

const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };
const pointInTimeRecoverySpecification = { pointInTimeRecoveryEnabled: true };

/** The findings of the DynamoDB rules only. */
function dynamoFindings(stack: Stack): string[] {
  const names = DYNAMODB_RULES.map(ruleName);
  return securityFindings(stack).filter(finding => names.some(name => finding.startsWith(`SecureServerless-${name} `)));
}

describe('DynamoDB rule data', () => {
  test.each(['DynamoDBCustomerManagedKey', 'DynamoDBPointInTimeRecovery'])('%s is listed in DYNAMODB_RULES with what, why and fix', name => {
    const rule = DYNAMODB_RULES.find(candidate => ruleName(candidate) === name);

    expect(rule).toBeDefined();
    expect(rule!.what).not.toEqual('');
    expect(rule!.why).not.toEqual('');
    expect(rule!.fix).not.toEqual('');
  });
});

describe('hand-hardened tables', () => {
  test('a dynamodb.Table with a customer-managed key and point-in-time recovery has no DynamoDB finding', () => {
    const stack = newStack();
    new dynamodb.Table(stack, 'Orders', {
      partitionKey,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }),
      pointInTimeRecoverySpecification,
    });

    expect(dynamoFindings(stack)).toEqual([]);
  });

  test('a dynamodb.TableV2 with replicas, customer-managed keys and point-in-time recovery has no DynamoDB finding', () => {
    const stack = newStack();
    new dynamodb.TableV2(stack, 'Orders', {
      partitionKey,
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(new kms.Key(stack, 'Key', { enableKeyRotation: true }), {
        'us-east-1': 'arn:aws:kms:us-east-1:111111111111:key/11111111-1111-1111-1111-111111111111',
      }),
      pointInTimeRecoverySpecification,
      replicas: [{ region: 'us-east-1' }],
    });

    expect(dynamoFindings(stack)).toEqual([]);
  });
});

describe('DynamoDBCustomerManagedKey', () => {
  test('reports a Table with the default AWS owned key', () => {
    const stack = newStack();
    new dynamodb.Table(stack, 'Orders', { partitionKey });

    expect(securityFindings(stack, 'DynamoDBCustomerManagedKey')).toEqual(['SecureServerless-DynamoDBCustomerManagedKey S/Orders/Resource']);
  });

  test('reports a Table with the AWS managed key', () => {
    const stack = newStack();
    new dynamodb.Table(stack, 'Orders', { partitionKey, encryption: dynamodb.TableEncryption.AWS_MANAGED });

    expect(securityFindings(stack, 'DynamoDBCustomerManagedKey')).toEqual(['SecureServerless-DynamoDBCustomerManagedKey S/Orders/Resource']);
  });

  test('reports an L1 Table that names the AWS managed key alias/aws/dynamodb', () => {
    const stack = newStack();
    new dynamodb.CfnTable(stack, 'Orders', {
      keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
      billingMode: 'PAY_PER_REQUEST',
      sseSpecification: { sseEnabled: true, sseType: 'KMS', kmsMasterKeyId: 'alias/aws/dynamodb' },
    });

    expect(securityFindings(stack, 'DynamoDBCustomerManagedKey')).toEqual(['SecureServerless-DynamoDBCustomerManagedKey S/Orders']);
  });

  test('reports aws/dynamodb written without alias/, and accepts the near-miss customer alias alias/aws-team-key', () => {
    const stack = newStack();
    const table = (id: string, kmsMasterKeyId: string) => new dynamodb.CfnTable(stack, id, {
      keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
      billingMode: 'PAY_PER_REQUEST',
      sseSpecification: { sseEnabled: true, sseType: 'KMS', kmsMasterKeyId },
    });
    table('NoPrefix', 'aws/dynamodb');
    table('TeamKey', 'alias/aws-team-key');

    expect(securityFindings(stack, 'DynamoDBCustomerManagedKey')).toEqual(['SecureServerless-DynamoDBCustomerManagedKey S/NoPrefix']);
  });

  test('reports a TableV2 with the default AWS owned key and one with the AWS managed key', () => {
    const stack = newStack();
    new dynamodb.TableV2(stack, 'Owned', { partitionKey });
    new dynamodb.TableV2(stack, 'Managed', { partitionKey, encryption: dynamodb.TableEncryptionV2.awsManagedKey() });

    expect(securityFindings(stack, 'DynamoDBCustomerManagedKey')).toEqual([
      'SecureServerless-DynamoDBCustomerManagedKey S/Owned/Resource',
      'SecureServerless-DynamoDBCustomerManagedKey S/Managed/Resource',
    ]);
  });

  test('reports a GlobalTable when one replica has no key of its own', () => {
    const stack = newStack();
    new dynamodb.CfnGlobalTable(stack, 'Orders', {
      keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
      billingMode: 'PAY_PER_REQUEST',
      streamSpecification: { streamViewType: 'NEW_AND_OLD_IMAGES' },
      sseSpecification: { sseEnabled: true, sseType: 'KMS' },
      replicas: [
        { region: 'eu-west-1', sseSpecification: { kmsMasterKeyId: 'arn:aws:kms:eu-west-1:111111111111:key/abc' } },
        { region: 'us-east-1' },
      ],
    });

    expect(securityFindings(stack, 'DynamoDBCustomerManagedKey')).toEqual(['SecureServerless-DynamoDBCustomerManagedKey S/Orders']);
  });

  test('accepts a Table with a customer-managed key', () => {
    const stack = newStack();
    new dynamodb.Table(stack, 'Orders', { partitionKey, encryptionKey: new kms.Key(stack, 'Key') });

    expect(securityFindings(stack, 'DynamoDBCustomerManagedKey')).toEqual([]);
  });

  test('accepts a Table whose SSEType is left out (SSEEnabled true means KMS)', () => {
    const stack = newStack();
    new dynamodb.CfnTable(stack, 'Orders', {
      keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
      billingMode: 'PAY_PER_REQUEST',
      sseSpecification: { sseEnabled: true, kmsMasterKeyId: 'arn:aws:kms:eu-west-1:111111111111:key/abc' },
    });

    expect(securityFindings(stack, 'DynamoDBCustomerManagedKey')).toEqual([]);
  });

  test('accepts a TableV2 with a customer-managed key', () => {
    const stack = newStack();
    new dynamodb.TableV2(stack, 'Orders', { partitionKey, encryption: dynamodb.TableEncryptionV2.customerManagedKey(new kms.Key(stack, 'Key')) });

    expect(securityFindings(stack, 'DynamoDBCustomerManagedKey')).toEqual([]);
  });
});

describe('DynamoDBPointInTimeRecovery', () => {
  test('reports a Table without point-in-time recovery', () => {
    const stack = newStack();
    new dynamodb.Table(stack, 'Orders', { partitionKey });

    expect(securityFindings(stack, 'DynamoDBPointInTimeRecovery')).toEqual(['SecureServerless-DynamoDBPointInTimeRecovery S/Orders/Resource']);
  });

  test('reports a Table with point-in-time recovery turned off', () => {
    const stack = newStack();
    new dynamodb.Table(stack, 'Orders', { partitionKey, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false } });

    expect(securityFindings(stack, 'DynamoDBPointInTimeRecovery')).toEqual(['SecureServerless-DynamoDBPointInTimeRecovery S/Orders/Resource']);
  });

  test('reports a TableV2 without point-in-time recovery', () => {
    const stack = newStack();
    new dynamodb.TableV2(stack, 'Orders', { partitionKey });

    expect(securityFindings(stack, 'DynamoDBPointInTimeRecovery')).toEqual(['SecureServerless-DynamoDBPointInTimeRecovery S/Orders/Resource']);
  });

  test('reports a TableV2 when one replica turns point-in-time recovery off', () => {
    const stack = newStack();
    new dynamodb.TableV2(stack, 'Orders', {
      partitionKey,
      pointInTimeRecoverySpecification,
      replicas: [{ region: 'us-east-1' }, { region: 'us-west-2', pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false } }],
    });

    expect(securityFindings(stack, 'DynamoDBPointInTimeRecovery')).toEqual(['SecureServerless-DynamoDBPointInTimeRecovery S/Orders/Resource']);
  });

  test('accepts a Table with point-in-time recovery', () => {
    const stack = newStack();
    new dynamodb.Table(stack, 'Orders', { partitionKey, pointInTimeRecoverySpecification });

    expect(securityFindings(stack, 'DynamoDBPointInTimeRecovery')).toEqual([]);
  });

  test('accepts a TableV2 whose table-level setting reaches every replica', () => {
    const stack = newStack();
    new dynamodb.TableV2(stack, 'Orders', { partitionKey, pointInTimeRecoverySpecification, replicas: [{ region: 'us-east-1' }, { region: 'us-west-2' }] });

    expect(securityFindings(stack, 'DynamoDBPointInTimeRecovery')).toEqual([]);
  });
});
