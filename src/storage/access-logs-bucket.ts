import { CfnResource, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { ACCESS_LOGS_BUCKET_DEFAULTS, SECURE_BUCKET_DEFAULTS } from './defaults';
import {
  KMS_ENCRYPTION_RULE_IDS, LOG_BUCKET_NO_SELF_LOGGING, LOG_BUCKET_OBJECT_LOCK, LOG_BUCKET_SSE_S3, LOGGING_RULE_IDS,
  OBJECT_LOCK_RULE_IDS, REPLICATION_REASON, REPLICATION_RULE_IDS,
} from './reasons';
import { refuseStatementForAnyone } from './resource-policy';
import { isServerAccessLogTarget } from './server-access-logs';
import { acknowledgeFindings, acknowledgeWhereFindingCanOccur } from '../core/acknowledgements';
import { stackSingleton } from '../core/stack-singleton';

/**
 * The S3 bucket that receives the server access logs of the stack's `SecureBucket`s, one per
 * stack, created on first use.
 *
 * S3 log delivery supports only SSE-S3 (S3-managed keys) on the destination bucket, not
 * SSE-KMS, so this bucket is the one bucket of the library encrypted with S3-managed keys. It
 * is otherwise as hardened as a `SecureBucket`: all public access blocked, TLS 1.2+ only,
 * versioned, ACLs disabled, SSE-C uploads refused, retained when the stack is deleted. Logs
 * expire after one year, old versions of them 30 days later. Each source bucket writes under
 * its own prefix, and the bucket policy lets S3 log delivery write only there, only for that
 * bucket (`aws:SourceArn`) and account (`aws:SourceAccount`), independent of the
 * `@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy` feature flag (without it the CDK would
 * turn on ACLs).
 */
export class AccessLogsBucket extends s3.Bucket {
  /** The construct id of the bucket, directly under the stack. Part of its logical id: never change it. */
  public static readonly ID = 'SecureServerlessAccessLogs';

  /**
   * Returns the stack's server access log bucket, creating it on first use.
   *
   * @param scope any construct in the stack
   */
  public static of(scope: IConstruct): AccessLogsBucket {
    return stackSingleton(scope, AccessLogsBucket.ID, stack => new AccessLogsBucket(stack, AccessLogsBucket.ID));
  }

  private constructor(scope: Construct, id: string) {
    super(scope, id, {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockedEncryptionTypes: SECURE_BUCKET_DEFAULTS.blockedEncryptionTypes,
      enforceSSL: true,
      minimumTLSVersion: ACCESS_LOGS_BUCKET_DEFAULTS.minimumTLSVersion,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{
        id: 'ExpireLogs',
        expiration: ACCESS_LOGS_BUCKET_DEFAULTS.logRetention,
        noncurrentVersionExpiration: ACCESS_LOGS_BUCKET_DEFAULTS.noncurrentVersionRetention,
        abortIncompleteMultipartUploadAfter: ACCESS_LOGS_BUCKET_DEFAULTS.abortIncompleteMultipartUploadAfter,
      }],
    });
    const resource = this.node.defaultChild as CfnResource;
    // The logging rules pass a bucket that others log to: acknowledged only if none does at synth.
    acknowledgeWhereFindingCanOccur(resource, () => !isServerAccessLogTarget(this),
      ...LOGGING_RULE_IDS.map(rule => ({ id: rule, reason: LOG_BUCKET_NO_SELF_LOGGING })));
    acknowledgeFindings(resource,
      ...KMS_ENCRYPTION_RULE_IDS.map(rule => ({ id: rule, reason: LOG_BUCKET_SSE_S3 })),
      ...OBJECT_LOCK_RULE_IDS.map(rule => ({ id: rule, reason: LOG_BUCKET_OBJECT_LOCK })),
      ...REPLICATION_RULE_IDS.map(rule => ({ id: rule, reason: REPLICATION_REASON })));
  }

  /**
   * Adds a statement to the bucket policy, refusing any that lets anyone in.
   */
  public addToResourcePolicy(permission: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    refuseStatementForAnyone(this, permission, 'bucket.grantRead(role)');
    return super.addToResourcePolicy(permission);
  }
}
