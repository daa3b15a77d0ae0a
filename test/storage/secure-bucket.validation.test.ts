import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { SecureBucket, SecureBucketProps } from '../../src/storage';
import { errorOf, expectValidationError, newStack } from '../helpers';

/** Builds a bucket with the given props and returns the error it throws. */
function errorFor(props: SecureBucketProps): Error {
  return errorOf(() => new SecureBucket(newStack(), 'Data', props));
}

describe('SecureBucket refuses bad input', () => {
  test.each<[string, SecureBucketProps, RegExp]>([
    ['publicReadAccess', { publicReadAccess: true }, /publicReadAccess is true.*Fix: serve public content through CloudFront with origin access control/],
    ['a public access block that is not BLOCK_ALL', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY }, /blockPublicAccess does not block all four.*Fix: leave out blockPublicAccess/],
    ['a hand-made public access block with one setting off', {
      blockPublicAccess: new s3.BlockPublicAccess({
        blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: false,
      }),
    }, /blockPublicAccess does not block all four/],
    ['a website index document', { websiteIndexDocument: 'index.html' }, /websiteIndexDocument makes a static website endpoint.*Fix: .*defaultRootObject/],
    ['a website redirect', { websiteRedirect: { hostName: 'example.com' } }, /websiteRedirect makes a static website endpoint/],
    ['a public ACL', { accessControl: s3.BucketAccessControl.PUBLIC_READ }, /accessControl is PublicRead; ACLs are disabled/],
    ['the log-delivery ACL', { accessControl: s3.BucketAccessControl.LOG_DELIVERY_WRITE }, /accessControl is LogDeliveryWrite/],
    ['object ownership that turns ACLs on', { objectOwnership: s3.ObjectOwnership.OBJECT_WRITER }, /objectOwnership is ObjectWriter; it turns ACLs back on/],
    ['SSE-S3', { encryption: s3.BucketEncryption.S3_MANAGED }, /encryption is S3_MANAGED; SecureBucket encrypts with a customer-managed KMS key.*Fix: leave out encryption/],
    ['the AWS managed KMS key', { encryption: s3.BucketEncryption.KMS_MANAGED }, /encryption is KMS_MANAGED/],
    ['no encryption', { encryption: s3.BucketEncryption.UNENCRYPTED }, /encryption is UNENCRYPTED/],
    ['DSSE', { encryption: s3.BucketEncryption.DSSE_MANAGED }, /encryption is DSSE_MANAGED/],
    ['enforceSSL false', { enforceSSL: false }, /enforceSSL is false.*Fix: leave out enforceSSL/],
    ['TLS 1.1', { minimumTLSVersion: 1.1 }, /minimumTLSVersion is 1.1.*Fix: leave out minimumTLSVersion \(1.2\), or set it to 1.3/],
    ['a TLS version S3 does not know', { minimumTLSVersion: 2 }, /minimumTLSVersion is 2/],
    ['autoDeleteObjects', { autoDeleteObjects: true }, /autoDeleteObjects is true.*Fix: leave out autoDeleteObjects/],
    ['autoDeleteObjects even with allowDeletionWithStack', { autoDeleteObjects: true, allowDeletionWithStack: 'preview' }, /autoDeleteObjects is true/],
    ['RemovalPolicy.DESTROY without a reason', { removalPolicy: RemovalPolicy.DESTROY }, /removalPolicy is RemovalPolicy.DESTROY; the bucket would be deleted with the stack. Fix: .*allowDeletionWithStack/],
    ['allowDeletionWithStack with RemovalPolicy.RETAIN', { allowDeletionWithStack: 'preview', removalPolicy: RemovalPolicy.RETAIN }, /allowDeletionWithStack is set but removalPolicy is RemovalPolicy.RETAIN/],
    ['versioned false without a reason', { versioned: false }, /versioned is false.*Fix: leave out versioned \(true\), or set allowUnversioned/],
    ['allowUnversioned with versioned true', { allowUnversioned: 'cache', versioned: true }, /allowUnversioned is set, but versioned needs versioning/],
    ['allowUnversioned with object lock and noncurrentVersionRetention', {
      allowUnversioned: 'cache', noncurrentVersionRetention: Duration.days(5), objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(1)),
    }, /allowUnversioned is set, but noncurrentVersionRetention, objectLockDefaultRetention need versioning/],
    ['a noncurrentVersionRetention under a day', { noncurrentVersionRetention: Duration.hours(12) }, /noncurrentVersionRetention is 12 hours; S3 lifecycle rules count whole days/],
    ['a noncurrentVersionRetention of part days', { noncurrentVersionRetention: Duration.hours(36) }, /noncurrentVersionRetention is 1 day 12 hours/],
    ['allowNoAccessLogs with a log bucket prefix', { allowNoAccessLogs: 'CloudTrail', serverAccessLogsPrefix: 'x/' }, /allowNoAccessLogs is set, but so is serverAccessLogsPrefix/],
    ['an empty allowUnversioned', { allowUnversioned: '' }, /allowUnversioned is empty/],
    ['a blank allowNoAccessLogs', { allowNoAccessLogs: '   ' }, /allowNoAccessLogs is empty/],
    ['a blank allowDeletionWithStack', { allowDeletionWithStack: ' ' }, /allowDeletionWithStack is empty/],
  ])('fails on %s', (_name, props, message) => {
    expectValidationError(errorFor(props), 'TestStack/Data', message);
  });

  test('fails on an AWS managed key passed as encryptionKey', () => {
    const stack = newStack();
    const awsManaged = kms.Alias.fromAliasName(stack, 'S3Key', 'alias/aws/s3');

    expectValidationError(errorOf(() => new SecureBucket(stack, 'Data', { encryptionKey: awsManaged })), 'TestStack/Data',
      /encryptionKey is the AWS managed key alias\/aws\/s3/);
  });

  test('fails on a KMS-encrypted server access log bucket, which S3 cannot deliver logs to', () => {
    const stack = newStack();
    const logs = new s3.Bucket(stack, 'Logs', { encryption: s3.BucketEncryption.KMS });

    expectValidationError(errorOf(() => new SecureBucket(stack, 'Data', { serverAccessLogsBucket: logs })), 'TestStack/Data',
      /serverAccessLogsBucket is encrypted with a KMS key; S3 server access log delivery supports only SSE-S3/);
  });

  test('fails on allowNoAccessLogs with a log bucket', () => {
    const stack = newStack();
    const logs = new s3.Bucket(stack, 'Logs');

    expectValidationError(errorOf(() => new SecureBucket(stack, 'Data', { allowNoAccessLogs: 'CloudTrail', serverAccessLogsBucket: logs })), 'TestStack/Data',
      /allowNoAccessLogs is set, but so is serverAccessLogsBucket/);
  });

  test('fails on a replication rule that would replicate nothing (no KMS key for the replicas)', () => {
    const stack = newStack();
    const destination = s3.Bucket.fromBucketArn(stack, 'Replica', 'arn:aws:s3:::replica-in-us-east-1');

    expectValidationError(errorOf(() => new SecureBucket(stack, 'Data', { replicationRules: [{ destination, priority: 1 }] })), 'TestStack/Data',
      /replicationRules\[0\] has no kmsKey or no sseKmsEncryptedObjects: true.*Fix: set kmsKey to a key in the destination region/);
  });

  test('fails on allowUnversioned with replication rules', () => {
    const stack = newStack();
    const destination = s3.Bucket.fromBucketArn(stack, 'Replica', 'arn:aws:s3:::replica-in-us-east-1');
    const kmsKey = kms.Key.fromKeyArn(stack, 'ReplicaKey', 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');

    expectValidationError(errorOf(() => new SecureBucket(stack, 'Data', {
      allowUnversioned: 'cache', replicationRules: [{ destination, kmsKey, sseKmsEncryptedObjects: true }],
    })), 'TestStack/Data', /allowUnversioned is set, but replicationRules needs versioning/);
  });

  test('the error names the path under a nested scope', () => {
    const stack = newStack();
    const scope = new Construct(stack, 'Storage');

    expectValidationError(errorOf(() => new SecureBucket(scope, 'Data', { publicReadAccess: true })), 'TestStack/Storage/Data', /publicReadAccess is true/);
  });
});
