import { KEY_ACTIONS } from '../core/exact-grants';

/*
 * The exact actions of the storage constructs' grants, in one place. Not part of the package's
 * API (jsii exports no constants): the README lists them, and the tests pin them.
 */

/**
 * The exact S3 actions of `SecureBucket`'s grants, each on the resource type it applies to.
 *
 * The CDK's spell `s3:GetObject*`, `s3:GetBucket*`, `s3:List*`, `s3:DeleteObject*` and
 * `s3:Abort*`; these are the actions of those prefixes that reading and writing data takes.
 * Left out on purpose: ACL actions (ACLs are disabled), bucket configuration reads
 * (`GetBucketPolicy`, `GetBucketAcl`…), the replication reads, `s3:ListAllMyBuckets`, and
 * `s3:DeleteObjectVersion`, which deletes an old version for good and so undoes what
 * versioning protects: grant it yourself where a function must purge versions.
 */
export const SECURE_BUCKET_GRANT_ACTIONS = Object.freeze({
  /** Bucket-level actions of reads: listing keys and versions, and the bucket's region. */
  readBucket: Object.freeze(['s3:ListBucket', 's3:ListBucketVersions', 's3:GetBucketLocation']),
  /** Object-level actions of reads: an object or a version, its attributes and tags. */
  readObjects: Object.freeze([
    's3:GetObject',
    's3:GetObjectVersion',
    's3:GetObjectAttributes',
    's3:GetObjectVersionAttributes',
    's3:GetObjectTagging',
    's3:GetObjectVersionTagging',
  ]),
  /** Object-level actions of puts: the object, its tags, its Object Lock settings, and aborting a multipart upload. */
  putObjects: Object.freeze([
    's3:PutObject',
    's3:PutObjectTagging',
    's3:PutObjectVersionTagging',
    's3:PutObjectLegalHold',
    's3:PutObjectRetention',
    's3:AbortMultipartUpload',
  ]),
  /** Object-level actions of deletes: a delete marker (the old version stays), and tags. */
  deleteObjects: Object.freeze(['s3:DeleteObject', 's3:DeleteObjectTagging', 's3:DeleteObjectVersionTagging']),
});

/**
 * The exact actions of `SecureTable`'s grants. The DynamoDB actions are the CDK's; the key
 * actions are the CDK's without `kms:ReEncrypt*` and with `kms:GenerateDataKey*` spelled
 * `kms:GenerateDataKey`. `dynamodb:GetRecords` and `dynamodb:GetShardIterator`, which the CDK
 * adds to reads on the table's ARN where they authorize nothing (they act on streams), are left
 * out: `grantStreamRead` grants them on the stream.
 */
export const SECURE_TABLE_GRANT_ACTIONS = Object.freeze({
  readData: Object.freeze([
    'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable',
  ]),
  writeData: Object.freeze(['dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:DescribeTable']),
  readKey: Object.freeze(['kms:Decrypt', 'kms:DescribeKey']),
  writeKey: Object.freeze(['kms:Decrypt', 'kms:DescribeKey', ...KEY_ACTIONS.encrypt]),
});

/**
 * The exact actions of `SecureQueue`'s grants. The SQS actions are the CDK's; a producer needs
 * `kms:GenerateDataKey` and `kms:Decrypt` on the queue key (SQS reuses a data key for a while),
 * where the CDK grants `kms:Encrypt`, `kms:ReEncrypt*` and `kms:GenerateDataKey*` besides.
 */
export const SECURE_QUEUE_GRANT_ACTIONS = Object.freeze({
  consumeMessages: Object.freeze([
    'sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueUrl', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes',
  ]),
  consumeKey: KEY_ACTIONS.decrypt,
  sendMessages: Object.freeze(['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl']),
  sendKey: KEY_ACTIONS.envelopeWrite,
});
