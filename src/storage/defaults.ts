import { Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * The secure defaults of `SecureBucket`, in one place. Each is quoted in the `@default` of the
 * prop that overrides it.
 */
export const SECURE_BUCKET_DEFAULTS = Object.freeze({
  /** The oldest TLS version S3 accepts from clients; 1.0 and 1.1 have known weaknesses. */
  minimumTLSVersion: 1.2,
  /** An S3 bucket key cuts the KMS requests (and their cost) of SSE-KMS by up to 99%. */
  bucketKeyEnabled: true,
  /**
   * SSE-C uploads let whoever holds write access encrypt objects with a key that only they
   * know: the "encrypt and ransom" attack on S3. Nothing of this library uploads with SSE-C.
   */
  blockedEncryptionTypes: [s3.BlockedEncryptionType.SSE_C],
  /**
   * How long an overwritten or deleted object's old version is kept: time enough to notice a
   * bad deploy, a buggy function or an attacker and restore, short enough that old versions do
   * not grow the bill forever.
   */
  noncurrentVersionRetention: Duration.days(90),
  /** Parts of uploads that never completed are invisible, but billed. */
  abortIncompleteMultipartUploadAfter: Duration.days(7),
});

/** The defaults of the stack's shared server access log bucket (`AccessLogsBucket`). */
export const ACCESS_LOGS_BUCKET_DEFAULTS = Object.freeze({
  /** Access logs are audit evidence, kept as long as the function logs of `SecureFunction`. */
  logRetention: Duration.days(365),
  /** A log object that was deleted or expired stays restorable this long. */
  noncurrentVersionRetention: Duration.days(30),
  abortIncompleteMultipartUploadAfter: Duration.days(7),
  minimumTLSVersion: 1.2,
});

/** The secure defaults of `SecureTable`. */
export const SECURE_TABLE_DEFAULTS = Object.freeze({
  /** Pay per request: no capacity to size, and nothing is billed while idle. */
  billing: dynamodb.Billing.onDemand(),
  deletionProtection: true,
});

/** The secure defaults of `SecureQueue`. */
export const SECURE_QUEUE_DEFAULTS = Object.freeze({
  /**
   * Receives before a message moves to the dead-letter queue. AWS recommends at least 5 for a
   * queue that a Lambda function consumes, so that a throttled or retried batch is not sent
   * to the dead-letter queue too early.
   */
  maxReceiveCount: 5,
  /** The longest SQS keeps a message: time to notice, fix and redrive. */
  deadLetterQueueRetention: Duration.days(14),
});

/** SQS's own bounds for `maxReceiveCount`. */
export const MAX_RECEIVE_COUNT_RANGE = Object.freeze({ min: 1, max: 1000 });

/** The secure defaults of `SecureTopic`. */
export const SECURE_TOPIC_DEFAULTS = Object.freeze({
  /** Messages delivered to HTTP(S) and email endpoints are signed with SHA256, not SHA1. */
  signatureVersion: '2',
});
