import { RemovalPolicy, Token } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { SecureBucketProps } from './secure-bucket';
import { awsManagedKeyAlias, Fail, failFor, isWholeDays, removalPolicyName, requireReason } from './validation';

/** TLS versions S3 accepts as a minimum in a bucket policy's `s3:TlsVersion` condition. */
const TLS_VERSIONS = [1.2, 1.3];

/** Removal policies that keep the bucket when the stack deletes it. */
const RETAINING = [RemovalPolicy.RETAIN, RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE];

const PUBLIC_CONTENT_FIX = 'serve public content through CloudFront with origin access control '
  + '(origins.S3BucketOrigin.withOriginAccessControl(bucket)), which reads the private bucket on the viewers\' behalf.';

/**
 * Refuses every prop of `SecureBucketProps` that would make the bucket public, weaken its
 * encryption or transport, or lose data without a reason, and every invalid combination, with
 * an error that names the construct path, the prop and the fix.
 */
export function validateSecureBucketProps(scope: Construct, id: string, props: SecureBucketProps): void {
  const fail = failFor(scope, id);
  requireReason(props.allowUnversioned, 'allowUnversioned', fail);
  requireReason(props.allowNoAccessLogs, 'allowNoAccessLogs', fail);
  requireReason(props.allowDeletionWithStack, 'allowDeletionWithStack', fail);
  requireReason(props.autoDeleteObjectsReason, 'autoDeleteObjectsReason', fail);
  refusePublicAccess(props, fail);
  refuseWeakEncryption(props, fail);
  refuseDataLoss(props, fail);
  validateVersioning(props, fail);
  validateAccessLogs(props, fail);
}

function refusePublicAccess(props: SecureBucketProps, fail: Fail): void {
  if (props.publicReadAccess === true) {
    fail('PublicBucket', 'publicReadAccess is true; SecureBucket is never public.', PUBLIC_CONTENT_FIX);
  }
  const block = props.blockPublicAccess;
  if (block !== undefined && !(block.blockPublicAcls && block.blockPublicPolicy && block.ignorePublicAcls && block.restrictPublicBuckets)) {
    fail('PublicAccessBlockLoosened', 'blockPublicAccess does not block all four kinds of public access; SecureBucket always uses BlockPublicAccess.BLOCK_ALL.',
      `leave out blockPublicAccess, and ${PUBLIC_CONTENT_FIX}`);
  }
  const websiteProps = (['websiteIndexDocument', 'websiteErrorDocument', 'websiteRedirect', 'websiteRoutingRules'] as const)
    .filter(prop => props[prop] !== undefined);
  if (websiteProps.length > 0) {
    fail('WebsiteBucket', `${websiteProps.join(', ')} ${websiteProps.length > 1 ? 'make' : 'makes'} a static website endpoint, which serves only public buckets, over HTTP only.`,
      `leave out the website props, and ${PUBLIC_CONTENT_FIX} Set the distribution's defaultRootObject for an index document.`);
  }
  if (props.accessControl !== undefined && props.accessControl !== s3.BucketAccessControl.PRIVATE) {
    fail('BucketAcl', `accessControl is ${props.accessControl}; ACLs are disabled on a SecureBucket (object ownership BUCKET_OWNER_ENFORCED).`,
      'leave out accessControl, and grant access with the bucket\'s grant methods (bucket.grantRead(role)) or its bucket policy.');
  }
  if (props.objectOwnership !== undefined && props.objectOwnership !== s3.ObjectOwnership.BUCKET_OWNER_ENFORCED) {
    fail('ObjectAcls', `objectOwnership is ${props.objectOwnership}; it turns ACLs back on, so that objects can be shared (or made public) one by one, outside the bucket policy.`,
      'leave out objectOwnership (BUCKET_OWNER_ENFORCED: ACLs disabled, the bucket owner owns every object), and grant access with the bucket\'s grant methods.');
  }
}

function refuseWeakEncryption(props: SecureBucketProps, fail: Fail): void {
  if (props.encryption !== undefined && props.encryption !== s3.BucketEncryption.KMS) {
    fail('WeakBucketEncryption', `encryption is ${props.encryption}; SecureBucket encrypts with a customer-managed KMS key (SSE-KMS), whose key policy restricts, and CloudTrail records, every decryption.`,
      'leave out encryption (the stack key, StackKey.of(this)), or set encryptionKey to your own key. A server access log bucket, which needs SSE-S3, is created for you (AccessLogsBucket).');
  }
  const aliasName = awsManagedKeyAlias(props.encryptionKey);
  if (aliasName !== undefined) {
    fail('AwsManagedBucketKey', `encryptionKey is the AWS managed key ${aliasName}; its key policy cannot be changed or limited, and it is not a customer-managed key.`,
      'leave out encryptionKey (the stack key, StackKey.of(this)), or pass a customer-managed key.');
  }
  if (props.enforceSSL === false) {
    fail('InsecureTransport', 'enforceSSL is false; clients could then read and write objects over plain HTTP.',
      'leave out enforceSSL: every AWS SDK and the AWS CLI use HTTPS.');
  }
  const tls = props.minimumTLSVersion;
  if (tls !== undefined && !Token.isUnresolved(tls) && !TLS_VERSIONS.includes(tls)) {
    fail('InvalidMinimumTlsVersion', `minimumTLSVersion is ${tls}; TLS versions below 1.2 have known weaknesses, and S3 knows only 1.2 and 1.3 above that.`,
      'leave out minimumTLSVersion (1.2), or set it to 1.3.');
  }
}

function refuseDataLoss(props: SecureBucketProps, fail: Fail): void {
  const removal = props.removalPolicy;
  const autoDelete = props.autoDeleteObjects === true;
  const reason = props.autoDeleteObjectsReason;
  if (autoDelete && reason === undefined) {
    fail('AutoDeleteObjects', 'autoDeleteObjects is true without autoDeleteObjectsReason; it deploys a Lambda function allowed to delete every object '
      + 'and to rewrite the bucket policy, and deletes all data, every version, when the bucket leaves the stack.',
    'leave out autoDeleteObjects (to delete a bucket, empty it yourself, with aws s3 rm or a lifecycle rule, and set allowDeletionWithStack), '
      + 'or, for data you can lose (a preview or test stack), set removalPolicy: RemovalPolicy.DESTROY and autoDeleteObjectsReason to the reason.');
  }
  if (autoDelete && removal !== RemovalPolicy.DESTROY && props.allowDeletionWithStack === undefined) {
    fail('AutoDeleteObjectsWithoutDestroy', `autoDeleteObjects is true but removalPolicy is ${removal === undefined ? 'not set (RemovalPolicy.RETAIN)' : removalPolicyName(removal)}; `
      + 'the objects are deleted only with the bucket, which this removal policy keeps.',
    'set removalPolicy: RemovalPolicy.DESTROY, or leave out autoDeleteObjects and autoDeleteObjectsReason to keep the bucket.');
  }
  if (!autoDelete && reason !== undefined) {
    fail('ConflictingAutoDeleteProps', 'autoDeleteObjectsReason is set but autoDeleteObjects is not true.',
      'set autoDeleteObjects: true as well, or leave out autoDeleteObjectsReason.');
  }
  if (props.allowDeletionWithStack !== undefined) {
    if (removal !== undefined && RETAINING.includes(removal)) {
      fail('ConflictingRemovalProps', `allowDeletionWithStack is set but removalPolicy is ${removalPolicyName(removal)}.`,
        'leave out removalPolicy (allowDeletionWithStack sets RemovalPolicy.DESTROY), or leave out allowDeletionWithStack to keep the bucket.');
    }
  } else if (removal !== undefined && !RETAINING.includes(removal) && !autoDelete) {
    // With autoDeleteObjects, autoDeleteObjectsReason is the reason the bucket may go with its stack.
    fail('DeletionWithStack', `removalPolicy is ${removalPolicyName(removal)}; the bucket would be deleted with the stack.`,
      'leave out removalPolicy (RemovalPolicy.RETAIN), or set allowDeletionWithStack to the reason this bucket may go with its stack.');
  }
}

function validateVersioning(props: SecureBucketProps, fail: Fail): void {
  if (props.allowUnversioned === undefined) {
    if (props.versioned === false) {
      fail('Unversioned', 'versioned is false; an overwrite or a delete, by mistake, by a buggy function or by an attacker, would then destroy the only copy of an object.',
        'leave out versioned (true), or set allowUnversioned to the reason this data may be lost.');
    }
  } else {
    const needsVersions = ([
      ['versioned', props.versioned === true],
      ['noncurrentVersionRetention', props.noncurrentVersionRetention !== undefined],
      ['objectLockEnabled', props.objectLockEnabled === true],
      ['objectLockDefaultRetention', props.objectLockDefaultRetention !== undefined],
      ['replicationRules', (props.replicationRules ?? []).length > 0],
    ] as const).filter(([, set]) => set).map(([prop]) => prop);
    if (needsVersions.length > 0) {
      fail('ConflictingVersioningProps', `allowUnversioned is set, but ${needsVersions.join(', ')} ${needsVersions.length > 1 ? 'need' : 'needs'} versioning.`,
        `leave out allowUnversioned, or leave out ${needsVersions.join(', ')}.`);
    }
  }
  const retention = props.noncurrentVersionRetention;
  if (retention !== undefined && !isWholeDays(retention)) {
    fail('InvalidNoncurrentVersionRetention', `noncurrentVersionRetention is ${retention.toHumanString()}; S3 lifecycle rules count whole days, at least one.`,
      'set a whole number of days (the default is 90 days).');
  }
  (props.replicationRules ?? []).forEach((rule, index) => {
    if (rule.kmsKey === undefined || rule.sseKmsEncryptedObjects !== true) {
      fail('ReplicationWithoutKms', `replicationRules[${index}] has no kmsKey or no sseKmsEncryptedObjects: true; S3 does not replicate SSE-KMS objects without both, and every object of a SecureBucket is SSE-KMS, so nothing would be replicated.`,
        'set kmsKey to a key in the destination region, and sseKmsEncryptedObjects: true, on every replication rule.');
    }
  });
}

function validateAccessLogs(props: SecureBucketProps, fail: Fail): void {
  if (props.allowNoAccessLogs !== undefined) {
    const logProps = (['serverAccessLogsBucket', 'serverAccessLogsPrefix', 'targetObjectKeyFormat'] as const).filter(prop => props[prop] !== undefined);
    if (logProps.length > 0) {
      fail('ConflictingAccessLogProps', `allowNoAccessLogs is set, but so is ${logProps.join(', ')}.`,
        `leave out allowNoAccessLogs to log to the bucket you chose, or leave out ${logProps.join(', ')}.`);
    }
  }
  if (props.serverAccessLogsBucket?.encryptionKey !== undefined) {
    fail('KmsEncryptedAccessLogsBucket', 'serverAccessLogsBucket is encrypted with a KMS key; S3 server access log delivery supports only SSE-S3 on the destination bucket, so no log would arrive.',
      'leave out serverAccessLogsBucket (the stack\'s AccessLogsBucket, SSE-S3), or pass a bucket encrypted with s3.BucketEncryption.S3_MANAGED.');
  }
}
