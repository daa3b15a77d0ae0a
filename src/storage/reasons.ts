/**
 * The reasons of the findings that the storage constructs acknowledge, each on the exact
 * resource it applies to. The README lists them; tests pin them.
 */

/** cdk-nag packs whose rule names are prefixed to the shared S3 rules. */
export const COMPLIANCE_PACKS = Object.freeze(['HIPAA.Security', 'NIST.800.53.R4', 'NIST.800.53.R5', 'PCI.DSS.321']);

/** The packs that have `S3BucketReplicationEnabled`. */
export const REPLICATION_RULE_IDS = Object.freeze(COMPLIANCE_PACKS.map(pack => `${pack}-S3BucketReplicationEnabled`));

/** The packs that have `S3BucketLoggingEnabled`, and AwsSolutions' S1. */
export const LOGGING_RULE_IDS = Object.freeze(['AwsSolutions-S1', ...COMPLIANCE_PACKS.map(pack => `${pack}-S3BucketLoggingEnabled`)]);

/** The packs that have `S3DefaultEncryptionKMS`. */
export const KMS_ENCRYPTION_RULE_IDS = Object.freeze(['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'].map(pack => `${pack}-S3DefaultEncryptionKMS`));

/** The pack that has `S3BucketDefaultLockEnabled`. */
export const OBJECT_LOCK_RULE_IDS = Object.freeze(['NIST.800.53.R4-S3BucketDefaultLockEnabled']);

/** The findings on a bucket whose versioning is off. */
export const VERSIONING_RULE_IDS = Object.freeze([
  'SecureServerless-S3Versioning',
  ...COMPLIANCE_PACKS.map(pack => `${pack}-S3BucketVersioningEnabled`),
]);

export const REPLICATION_REASON = 'Cross-region replication needs a destination bucket in a second region, with its own stack ' +
  'and KMS key; a construct in one stack cannot create it. Versioning and the retention of old object versions ' +
  'protect the data in this region; pass replicationRules to replicate to a bucket you deploy in another region.';

export const OBJECT_LOCK_REASON = 'Object Lock makes every object version undeletable for its retention period (in compliance ' +
  'mode even by the account root, for good): a legal retention decision about this data, not a default a library can ' +
  'make. Versioning with noncurrent-version retention protects against overwrites and deletes; pass ' +
  'objectLockDefaultRetention to turn Object Lock on.';

export const LOG_BUCKET_NO_SELF_LOGGING = 'This is the server access log bucket: S3 cannot usefully log access to it into ' +
  'itself (every log delivery would write a new log object, without end), and logging it to another bucket only moves ' +
  'the question one bucket further. Access to it is limited to log delivery and to principals you grant.';

export const LOG_BUCKET_SSE_S3 = 'S3 server access log delivery supports only SSE-S3 (AES256) default encryption on the ' +
  'destination bucket, not SSE-KMS: with a KMS default key, logs are not delivered. The bucket is encrypted with ' +
  'S3-managed keys, versioned, TLS-only and private.';

export const LOG_BUCKET_OBJECT_LOCK = 'S3 server access logging refuses a destination bucket that has an Object Lock ' +
  'default retention period. The log bucket is versioned, and deleted or expired logs stay restorable for 30 days.';

export const DEAD_LETTER_QUEUE_REASON = 'This queue is the dead-letter queue of a SecureQueue: the end of the line for ' +
  'messages that failed processing. Giving it a dead-letter queue of its own would only move the same messages one queue ' +
  'further.';
