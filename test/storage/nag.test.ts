import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R4Checks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { SecureBucket, SecureQueue, SecureTable, SecureTopic } from '../../src/storage';
import { securityFindings } from '../checks/helpers';
import { nagFindings, newStack } from '../helpers';
import { acknowledgedReason, acknowledgementsIn } from './helpers';

const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };

/** Each construct at its defaults, alone in a stack. */
const AT_DEFAULTS: Array<[string, (stack: Stack) => void]> = [
  ['SecureBucket', stack => new SecureBucket(stack, 'Data')],
  ['SecureTable', stack => new SecureTable(stack, 'Table', { partitionKey })],
  ['SecureQueue', stack => new SecureQueue(stack, 'Queue')],
  ['SecureTopic', stack => new SecureTopic(stack, 'Topic')],
];

describe('the storage constructs under the six cdk-nag packs and ServerlessSecurityChecks', () => {
  test.each(AT_DEFAULTS)('%s at its defaults: zero unacknowledged findings', (_name, build) => {
    const stack = newStack();
    build(stack);

    expect(nagFindings(stack.node.root)).toEqual([]);
    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('all four together, with two buckets sharing the log bucket: zero unacknowledged findings', () => {
    const stack = newStack();
    for (const [, build] of AT_DEFAULTS) {
      build(stack);
    }
    new SecureBucket(stack, 'Uploads');

    expect(nagFindings(stack.node.root)).toEqual([]);
    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('the plain L2s with the same ids are flagged, so the packs do look', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Data');
    new dynamodb.Table(stack, 'Table', { partitionKey });
    new dynamodb.TableV2(stack, 'TableV2', { partitionKey });
    new sqs.Queue(stack, 'Queue');
    new sns.Topic(stack, 'Topic');

    const findings = [...nagFindings(stack.node.root), ...securityFindings(stack.node.root)];
    expect(findings).toEqual(expect.arrayContaining([
      'AwsSolutions-S1 TestStack/Data/Resource',
      'AwsSolutions-S10 TestStack/Data/Resource',
      'AwsSolutions-SQS3 TestStack/Queue/Resource',
      'AwsSolutions-SQS4 TestStack/Queue/Resource',
      'AwsSolutions-SNS3 TestStack/Topic/Resource',
      'HIPAA.Security-DynamoDBPITREnabled TestStack/Table/Resource',
      'SecureServerless-S3KmsEncryption TestStack/Data/Resource',
      'SecureServerless-DynamoDBCustomerManagedKey TestStack/TableV2/Resource',
      'SecureServerless-DynamoDBPointInTimeRecovery TestStack/TableV2/Resource',
      'SecureServerless-SQSCustomerManagedKey TestStack/Queue/Resource',
      'SecureServerless-SNSEncrypted TestStack/Topic/Resource',
    ]));
  });

  test('the acknowledgements at defaults are exactly the documented ones, each on its own resource', () => {
    const stack = newStack();
    for (const [, build] of AT_DEFAULTS) {
      build(stack);
    }
    Template.fromStack(stack);

    // The bucket logs to SecureServerlessAccessLogs, so the packs pass it without an acknowledgement of their logging rules.
    expect(acknowledgementsIn(stack)).toEqual([
      'TestStack/Data/Resource HIPAA.Security-S3BucketReplicationEnabled',
      'TestStack/Data/Resource NIST.800.53.R4-S3BucketDefaultLockEnabled',
      'TestStack/Data/Resource NIST.800.53.R4-S3BucketReplicationEnabled',
      'TestStack/Data/Resource NIST.800.53.R5-S3BucketReplicationEnabled',
      'TestStack/Data/Resource PCI.DSS.321-S3BucketReplicationEnabled',
      'TestStack/Queue/DeadLetterQueue/Resource Serverless-SQSRedrivePolicy',
      'TestStack/SecureServerlessAccessLogs/Resource HIPAA.Security-S3BucketReplicationEnabled',
      'TestStack/SecureServerlessAccessLogs/Resource HIPAA.Security-S3DefaultEncryptionKMS',
      'TestStack/SecureServerlessAccessLogs/Resource NIST.800.53.R4-S3BucketDefaultLockEnabled',
      'TestStack/SecureServerlessAccessLogs/Resource NIST.800.53.R4-S3BucketReplicationEnabled',
      'TestStack/SecureServerlessAccessLogs/Resource NIST.800.53.R5-S3BucketReplicationEnabled',
      'TestStack/SecureServerlessAccessLogs/Resource NIST.800.53.R5-S3DefaultEncryptionKMS',
      'TestStack/SecureServerlessAccessLogs/Resource PCI.DSS.321-S3BucketReplicationEnabled',
      'TestStack/SecureServerlessAccessLogs/Resource PCI.DSS.321-S3DefaultEncryptionKMS',
    ]);
  });

  test('the acknowledgements are needed: a plain s3.Bucket hardened the same way is reported for exactly those rules', () => {
    const stack = newStack();
    const logs = new s3.Bucket(stack, 'Logs', {
      encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    });
    const data = new s3.Bucket(stack, 'Data', {
      encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }), enforceSSL: true, versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    });
    (data.node.defaultChild as s3.CfnBucket).loggingConfiguration = { destinationBucketName: logs.bucketName, logFilePrefix: 'data/' };

    expect(nagFindings(stack.node.root).filter(finding => !finding.includes('/Key/')).sort()).toEqual([
      'HIPAA.Security-S3BucketReplicationEnabled TestStack/Data/Resource',
      'HIPAA.Security-S3BucketReplicationEnabled TestStack/Logs/Resource',
      'HIPAA.Security-S3DefaultEncryptionKMS TestStack/Logs/Resource',
      'NIST.800.53.R4-S3BucketDefaultLockEnabled TestStack/Data/Resource',
      'NIST.800.53.R4-S3BucketDefaultLockEnabled TestStack/Logs/Resource',
      'NIST.800.53.R4-S3BucketReplicationEnabled TestStack/Data/Resource',
      'NIST.800.53.R4-S3BucketReplicationEnabled TestStack/Logs/Resource',
      'NIST.800.53.R5-S3BucketReplicationEnabled TestStack/Data/Resource',
      'NIST.800.53.R5-S3BucketReplicationEnabled TestStack/Logs/Resource',
      'NIST.800.53.R5-S3DefaultEncryptionKMS TestStack/Logs/Resource',
      'PCI.DSS.321-S3BucketReplicationEnabled TestStack/Data/Resource',
      'PCI.DSS.321-S3BucketReplicationEnabled TestStack/Logs/Resource',
      'PCI.DSS.321-S3DefaultEncryptionKMS TestStack/Logs/Resource',
    ]);
  });

  test('our pack accepts the log bucket\'s SSE-S3 without an acknowledgement: it receives server access logs', () => {
    const stack = newStack();
    new SecureBucket(stack, 'Data');

    expect(securityFindings(stack.node.root, 'S3KmsEncryption')).toEqual([]);
    expect(acknowledgementsIn(stack).filter(line => line.includes('SecureServerless-'))).toEqual([]);
  });

  test('with replication rules and object lock, those findings are satisfied, not acknowledged', () => {
    const stack = newStack();
    const destination = s3.Bucket.fromBucketArn(stack, 'Replica', 'arn:aws:s3:::replica-in-us-east-1');
    const kmsKey = kms.Key.fromKeyArn(stack, 'ReplicaKey', 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    new SecureBucket(stack, 'Data', {
      replicationRules: [{ destination, kmsKey, sseKmsEncryptedObjects: true }],
      objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(30)),
    });

    expect(acknowledgementsIn(stack).filter(line => line.startsWith('TestStack/Data/'))).toEqual([]);
    Template.fromStack(stack).hasResource('AWS::S3::Bucket', { Properties: Match.objectLike({ ReplicationConfiguration: Match.anyValue() }), Metadata: Match.absent() });
    const compliancePacks = [new HIPAASecurityChecks(), new NIST80053R4Checks(), new NIST80053R5Checks(), new PCIDSS321Checks()];
    expect(nagFindings(stack.node.root, compliancePacks)).toEqual([]);
    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('the CDK\'s replication role gets a managed policy and no fixed name; AwsSolutions-IAM5 still reports its wildcards', () => {
    const stack = newStack();
    const destination = s3.Bucket.fromBucketArn(stack, 'Replica', 'arn:aws:s3:::replica-in-us-east-1');
    const kmsKey = kms.Key.fromKeyArn(stack, 'ReplicaKey', 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    new SecureBucket(stack, 'Data', { replicationRules: [{ destination, kmsKey, sseKmsEncryptedObjects: true }] });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', { Roles: [{ Ref: Match.stringLikeRegexp('^DataReplicationRole') }] });
    template.hasResourceProperties('AWS::IAM::Role', { RoleName: Match.absent(), AssumeRolePolicyDocument: Match.objectLike({ Statement: [Match.objectLike({ Principal: { Service: 's3.amazonaws.com' } })] }) });
    expect(nagFindings(stack.node.root, [new AwsSolutionsChecks()]).sort()).toEqual([
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*] TestStack/Data/ReplicationRole/ReplicationPolicy/Resource',
      'AwsSolutions-IAM5[Action::kms:ReEncrypt*] TestStack/Data/ReplicationRole/ReplicationPolicy/Resource',
      'AwsSolutions-IAM5[Resource::<Data666C94C7.Arn>/*] TestStack/Data/ReplicationRole/ReplicationPolicy/Resource',
      'AwsSolutions-IAM5[Resource::arn:aws:s3:::replica-in-us-east-1/*] TestStack/Data/ReplicationRole/ReplicationPolicy/Resource',
    ]);
  });

  test('a loosening prop acknowledges the findings it causes, quoting its reason', () => {
    const stack = newStack();
    const bucket = new SecureBucket(stack, 'Cache', {
      allowUnversioned: 'rendered thumbnails, rebuilt from the originals',
      allowNoAccessLogs: 'CloudTrail data events record every request',
      allowDeletionWithStack: 'preview environment',
    });
    const table = new SecureTable(stack, 'Sessions', { partitionKey, allowNoPointInTimeRecovery: 'sessions expire within the hour' });
    const queue = new SecureQueue(stack, 'Dlq', { allowNoDeadLetterQueue: 'the dead-letter queue of the orders subscription' });
    // The queue's AwsSolutions-SQS3 acknowledgement waits for synth, when it is known that no queue or function sends to it.
    Template.fromStack(stack);

    expect(nagFindings(stack.node.root)).toEqual([]);
    expect(securityFindings(stack.node.root)).toEqual([]);
    expect(acknowledgedReason(bucket.node.defaultChild!, 'SecureServerless-S3Versioning')).toBe('Versioning off by design (allowUnversioned): rendered thumbnails, rebuilt from the originals');
    expect(acknowledgedReason(bucket.node.defaultChild!, 'AwsSolutions-S1')).toBe('No server access logs by design (allowNoAccessLogs): CloudTrail data events record every request');
    expect(acknowledgedReason(bucket.node.defaultChild!, 'SecureServerless-S3Retained')).toBe('Deleted with its stack by design (allowDeletionWithStack): preview environment');
    expect(acknowledgedReason(table.node.defaultChild!, 'SecureServerless-DynamoDBPointInTimeRecovery'))
      .toBe('Point-in-time recovery off by design (allowNoPointInTimeRecovery): sessions expire within the hour');
    expect(acknowledgedReason(queue.node.defaultChild!, 'AwsSolutions-SQS3')).toBe('No dead-letter queue by design (allowNoDeadLetterQueue): the dead-letter queue of the orders subscription');
  });

  test('without the loosening props those findings would be reported: a plain unversioned, unlogged bucket is flagged', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Cache', { enforceSSL: true });

    expect(nagFindings(stack.node.root, [new AwsSolutionsChecks()])).toEqual(['AwsSolutions-S1 TestStack/Cache/Resource']);
    expect(securityFindings(stack.node.root, 'S3Versioning')).toEqual(['SecureServerless-S3Versioning TestStack/Cache/Resource']);
  });
});
