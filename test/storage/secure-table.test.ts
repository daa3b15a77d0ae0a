import { RemovalPolicy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { StackKey } from '../../src/core/stack-key';
import { SecureTable, SecureTableProps } from '../../src/storage';
import { errorOf, expectValidationError, newStack } from '../helpers';

const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };
const REPLICA_KEY = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('SecureTable defaults', () => {
  test('encrypts with the stack key, a customer-managed KMS key', () => {
    const stack = newStack();
    const table = new SecureTable(stack, 'Orders', { partitionKey });

    Template.fromStack(stack).hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [Match.objectLike({ Region: 'eu-west-1', SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': ['SecureServerlessKey92BA37A5', 'Arn'] } } })],
    });
    expect(table.encryptionKey).toBe(StackKey.of(stack));
  });

  test('has point-in-time recovery and deletion protection, and bills on demand', () => {
    const stack = newStack();
    new SecureTable(stack, 'Orders', { partitionKey });

    Template.fromStack(stack).hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true })],
    });
  });

  test('is retained on delete, and keeps the logical id of a plain dynamodb.TableV2 with the same id', () => {
    const stack = newStack();
    new SecureTable(stack, 'Orders', { partitionKey });
    const plain = newStack('Plain');
    new dynamodb.TableV2(plain, 'Orders', { partitionKey });

    const logicalId = Object.keys(Template.fromStack(plain).findResources('AWS::DynamoDB::GlobalTable'))[0];
    const table = Template.fromStack(stack).findResources('AWS::DynamoDB::GlobalTable')[logicalId];
    expect(table).toBeDefined();
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  test('keeps the recovery period and provisioned billing you choose', () => {
    const stack = newStack();
    new SecureTable(stack, 'Orders', {
      partitionKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 7 },
      billing: dynamodb.Billing.provisioned({
        readCapacity: dynamodb.Capacity.fixed(5),
        writeCapacity: dynamodb.Capacity.autoscaled({ maxCapacity: 10 }),
      }),
    });

    Template.fromStack(stack).hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PROVISIONED',
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 7 } })],
    });
  });

  test('replicas get point-in-time recovery and their own region\'s key', () => {
    const stack = newStack();
    new SecureTable(stack, 'Orders', {
      partitionKey,
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(StackKey.of(stack), { 'us-east-1': REPLICA_KEY }),
      replicas: [{ region: 'us-east-1' }],
    });

    Template.fromStack(stack).hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: Match.arrayWith([Match.objectLike({
        Region: 'us-east-1',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { KMSMasterKeyId: REPLICA_KEY },
      })]),
    });
  });

  test('prints no deprecation warning of its own (the deprecated pointInTimeRecovery key is not passed on)', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      new SecureTable(newStack(), 'Orders', { partitionKey, pointInTimeRecovery: true });

      expect(warn.mock.calls.flat().join('\n')).not.toMatch(/TableOptionsV2#pointInTimeRecovery/);
    } finally {
      warn.mockRestore();
    }
  });

  test('deletionProtection: false is the user\'s to set; the table is still retained', () => {
    const stack = newStack();
    new SecureTable(stack, 'Orders', { partitionKey, deletionProtection: false });

    Template.fromStack(stack).hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ Replicas: [Match.objectLike({ DeletionProtectionEnabled: false })] }),
    });
  });
});

describe('SecureTable loosening props', () => {
  test('allowNoPointInTimeRecovery turns point-in-time recovery off', () => {
    const stack = newStack();
    new SecureTable(stack, 'Sessions', { partitionKey, allowNoPointInTimeRecovery: 'sessions expire within the hour' });

    Template.fromStack(stack).hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false } })],
    });
  });

  test('allowDeletionWithStack deletes the table with the stack and turns deletion protection off', () => {
    const stack = newStack();
    new SecureTable(stack, 'Preview', { partitionKey, allowDeletionWithStack: 'preview environment, torn down nightly' });

    Template.fromStack(stack).hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ Replicas: [Match.objectLike({ DeletionProtectionEnabled: false })] }),
    });
  });
});

describe('SecureTable methods', () => {
  test('a resource-policy statement for anyone is refused', () => {
    const table = new SecureTable(newStack(), 'Orders', { partitionKey });

    expect(() => table.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['dynamodb:GetItem'], resources: ['*'] })))
      .toThrow(/TestStack\/Orders: the resource-policy statement allows dynamodb:GetItem to any principal.*Fix: grant named principals \(table.grantReadData\(role\)\)/);
  });

  test('a statement for another account is accepted', () => {
    const stack = newStack();
    const table = new SecureTable(stack, 'Orders', { partitionKey });

    table.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AccountPrincipal('222222222222')], actions: ['dynamodb:GetItem'], resources: ['*'] }));

    Template.fromStack(stack).hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [Match.objectLike({ ResourcePolicy: Match.anyValue() })],
    });
  });
});

describe('SecureTable refuses bad input', () => {
  test.each<[string, Partial<SecureTableProps>, RegExp]>([
    ['a DynamoDB-owned key', { encryption: dynamodb.TableEncryptionV2.dynamoOwnedKey() }, /encryption is AWS_OWNED; SecureTable encrypts with a customer-managed KMS key.*Fix: leave out encryption/],
    ['the AWS managed key', { encryption: dynamodb.TableEncryptionV2.awsManagedKey() }, /encryption is AWS_MANAGED/],
    ['replicas without replica keys', { replicas: [{ region: 'us-east-1' }] }, /replicas are set but encryption is not.*Fix: pass encryption: dynamodb.TableEncryptionV2.customerManagedKey/],
    ['pointInTimeRecovery false', { pointInTimeRecovery: false }, /pointInTimeRecovery turns point-in-time recovery off.*Fix: .*allowNoPointInTimeRecovery/],
    ['point-in-time recovery off in the specification', { pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false } }, /pointInTimeRecoverySpecification turns point-in-time recovery off/],
    ['point-in-time recovery off on a replica', {
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(kms.Key.fromKeyArn(newStack(), 'K', REPLICA_KEY), { 'us-east-1': REPLICA_KEY }),
      replicas: [{ region: 'us-east-1', pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false } }],
    }, /replicas\[0\].pointInTimeRecoverySpecification turns point-in-time recovery off/],
    ['allowNoPointInTimeRecovery with recovery on', { allowNoPointInTimeRecovery: 'cache', pointInTimeRecovery: true }, /allowNoPointInTimeRecovery is set, but pointInTimeRecovery turns point-in-time recovery on/],
    ['RemovalPolicy.DESTROY without a reason', { removalPolicy: RemovalPolicy.DESTROY }, /removalPolicy is RemovalPolicy.DESTROY; the table and every item in it would be deleted.*Fix: .*allowDeletionWithStack/],
    ['RemovalPolicy.SNAPSHOT without a reason', { removalPolicy: RemovalPolicy.SNAPSHOT }, /removalPolicy is RemovalPolicy.SNAPSHOT/],
    ['allowDeletionWithStack with RemovalPolicy.RETAIN', { allowDeletionWithStack: 'preview', removalPolicy: RemovalPolicy.RETAIN }, /allowDeletionWithStack is set but removalPolicy is RemovalPolicy.RETAIN/],
    ['allowDeletionWithStack with deletion protection', { allowDeletionWithStack: 'preview', deletionProtection: true }, /allowDeletionWithStack is set but deletionProtection is true/],
    ['a resourcePolicy for anyone', {
      resourcePolicy: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['dynamodb:*'], resources: ['*'] })] }),
    }, /resourcePolicy has a statement that allows dynamodb:\* to any principal/],
    ['an empty allowNoPointInTimeRecovery', { allowNoPointInTimeRecovery: ' ' }, /allowNoPointInTimeRecovery is empty/],
    ['an empty allowDeletionWithStack', { allowDeletionWithStack: '' }, /allowDeletionWithStack is empty/],
  ])('fails on %s', (_name, props, message) => {
    const error = errorOf(() => new SecureTable(newStack(), 'Orders', { partitionKey, ...props }));
    expectValidationError(error, 'TestStack/Orders', message);
  });

  test('fails on an AWS managed key passed as the table key', () => {
    const stack = newStack();
    const awsManaged = kms.Alias.fromAliasName(stack, 'DynamoKey', 'alias/aws/dynamodb');

    expectValidationError(errorOf(() => new SecureTable(stack, 'Orders', { partitionKey, encryption: dynamodb.TableEncryptionV2.customerManagedKey(awsManaged) })),
      'TestStack/Orders', /encryption uses the AWS managed key alias\/aws\/dynamodb/);
  });
});
