import { CfnResource, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AccessLogsBucket } from './access-logs-bucket';
import { validateSecureBucketProps } from './bucket-props-validation';
import { SECURE_BUCKET_DEFAULTS } from './defaults';
import { acknowledgeNotificationsHandler } from './notifications-handler';
import { LOGGING_RULE_IDS, OBJECT_LOCK_REASON, OBJECT_LOCK_RULE_IDS, REPLICATION_REASON, REPLICATION_RULE_IDS, VERSIONING_RULE_IDS } from './reasons';
import { hardenReplicationRole } from './replication-role';
import { refuseStatementForAnyone } from './resource-policy';
import { sendServerAccessLogs } from './server-access-logs';
import { acknowledgeFindings, FindingAcknowledgement } from '../core/acknowledgements';
import { secureValidationError } from '../core/errors';
import { StackKey } from '../core/stack-key';

/**
 * Properties of a `SecureBucket`: every `s3.BucketProps` prop, plus what security needs.
 *
 * Inherited props keep their meaning, but those that would make the bucket public, weaken its
 * encryption or its transport, or delete its data are refused (see `SecureBucket`).
 */
export interface SecureBucketProps extends s3.BucketProps {
  /**
   * Why this bucket may run without versioning.
   *
   * Without versioning, an overwrite or a delete (by mistake, by a buggy function or by an
   * attacker) destroys the only copy of an object. Give a reason only for data you can
   * rebuild, such as a cache. Cannot be combined with `versioned: true`,
   * `noncurrentVersionRetention`, Object Lock or replication, which all need versions.
   *
   * @default - versioning is on, and old versions are kept for `noncurrentVersionRetention`
   */
  readonly allowUnversioned?: string;

  /**
   * Why this bucket may run without server access logs.
   *
   * Server access logs record every request to the bucket, including the ones CloudTrail
   * data events would only record at extra cost: they are the evidence of who read what.
   * Cannot be combined with `serverAccessLogsBucket`, `serverAccessLogsPrefix` or
   * `targetObjectKeyFormat`.
   *
   * @default - logs go to the stack's `AccessLogsBucket`, or to `serverAccessLogsBucket`
   */
  readonly allowNoAccessLogs?: string;

  /**
   * Why this bucket may be deleted with its stack.
   *
   * Sets the removal policy to `RemovalPolicy.DESTROY`. CloudFormation deletes only an empty
   * bucket (a bucket with objects or versions makes the stack deletion fail), so this does not
   * delete data by itself; `autoDeleteObjects`, which would, is refused.
   *
   * @default - the bucket is retained (`RemovalPolicy.RETAIN`)
   */
  readonly allowDeletionWithStack?: string;

  /**
   * How long the old version of an overwritten or deleted object is kept before it expires.
   *
   * A whole number of days. Longer gives more time to notice and restore; each day costs the
   * storage of the old versions.
   *
   * @default Duration.days(90)
   */
  readonly noncurrentVersionRetention?: Duration;
}

/**
 * An S3 bucket with the secure setup as its default.
 *
 * Differences from `s3.Bucket`:
 * - all public access blocked, ACLs disabled (object ownership `BUCKET_OWNER_ENFORCED`); public
 *   read access, website hosting, public grants and bucket policies open to anyone are refused
 *   (serve public content through CloudFront with origin access control instead);
 * - a bucket policy that denies requests without TLS and requests with TLS below 1.2;
 * - SSE-KMS with the stack key (or `encryptionKey`) and an S3 bucket key; SSE-C uploads refused;
 * - versioning; old versions expire after 90 days, incomplete multipart uploads after 7;
 * - server access logs to the stack's `AccessLogsBucket`, each bucket under its own prefix;
 * - retained when the stack is deleted; `autoDeleteObjects` refused.
 *
 * Turning one of these off takes a named prop: `allowUnversioned`, `allowNoAccessLogs` and
 * `allowDeletionWithStack` take the reason, which the construct records on the findings it
 * then acknowledges.
 */
export class SecureBucket extends s3.Bucket {
  constructor(scope: Construct, id: string, props: SecureBucketProps = {}) {
    validateSecureBucketProps(scope, id, props);
    const versioned = props.allowUnversioned === undefined;
    super(scope, id, {
      ...props,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey ?? StackKey.of(scope),
      bucketKeyEnabled: props.bucketKeyEnabled ?? SECURE_BUCKET_DEFAULTS.bucketKeyEnabled,
      blockedEncryptionTypes: props.blockedEncryptionTypes ?? SECURE_BUCKET_DEFAULTS.blockedEncryptionTypes,
      enforceSSL: true,
      minimumTLSVersion: props.minimumTLSVersion ?? SECURE_BUCKET_DEFAULTS.minimumTLSVersion,
      versioned,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: props.allowDeletionWithStack !== undefined ? RemovalPolicy.DESTROY : props.removalPolicy ?? RemovalPolicy.RETAIN,
      lifecycleRules: [...secureLifecycleRules(versioned, props), ...props.lifecycleRules ?? []],
      // Wired below with a bucket policy, never with ACLs (see sendServerAccessLogs).
      serverAccessLogsBucket: undefined,
      serverAccessLogsPrefix: undefined,
      targetObjectKeyFormat: undefined,
    });

    if (props.allowNoAccessLogs === undefined) {
      sendServerAccessLogs(this, props.serverAccessLogsBucket ?? AccessLogsBucket.of(this),
        props.serverAccessLogsPrefix ?? `${this.node.path}/`, props.targetObjectKeyFormat);
    }
    if ((props.replicationRules ?? []).length > 0 && props.replicationRole === undefined) {
      hardenReplicationRole(this);
    }
    const acknowledgements = this.acknowledgements(props);
    if (acknowledgements.length > 0) {
      acknowledgeFindings(this.node.defaultChild as CfnResource, ...acknowledgements);
    }
  }

  /**
   * Adds an event notification, as `s3.Bucket` does; the CDK's function that writes it is
   * acknowledged for its AWS managed logging policy.
   *
   * @param event the event that triggers the notification
   * @param dest the destination (a Lambda function, an SNS topic or an SQS queue)
   * @param filters object key filters (`prefix` and/or `suffix`) that select the objects
   */
  public addEventNotification(event: s3.EventType, dest: s3.IBucketNotificationDestination, ...filters: s3.NotificationKeyFilter[]): void {
    super.addEventNotification(event, dest, ...filters);
    acknowledgeNotificationsHandler(this);
  }

  /**
   * Sends the bucket's events to EventBridge, as `s3.Bucket` does (and as `eventBridgeEnabled`
   * does, through this method); the CDK's function that writes the setting is acknowledged for
   * its AWS managed logging policy.
   */
  public enableEventBridgeNotification(): void {
    super.enableEventBridgeNotification();
    acknowledgeNotificationsHandler(this);
  }

  /**
   * Refused: a SecureBucket is never public.
   *
   * Serve public content through CloudFront with origin access control
   * (`origins.S3BucketOrigin.withOriginAccessControl(bucket)`).
   */
  public grantPublicAccess(keyPrefix?: string, ...allowedActions: string[]): iam.Grant {
    throw secureValidationError(this, 'PublicBucket',
      `grantPublicAccess(${[keyPrefix ?? '*', ...allowedActions].map(arg => `'${arg}'`).join(', ')}) would let anyone on the internet read the bucket.`,
      'grant named principals (bucket.grantRead(role)), or serve public content through CloudFront with origin access control '
      + '(origins.S3BucketOrigin.withOriginAccessControl(bucket)).');
  }

  /**
   * Adds a statement to the bucket policy, refusing any that lets anyone in: an `Allow` for
   * any principal needs an `aws:SourceArn`, `aws:SourceAccount`, `aws:PrincipalOrgID` or
   * similar condition.
   */
  public addToResourcePolicy(permission: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    refuseStatementForAnyone(this, permission, 'bucket.grantRead(role)');
    return super.addToResourcePolicy(permission);
  }

  /**
   * The findings this bucket cannot satisfy at its defaults, and those its user answered with
   * a reason prop.
   */
  private acknowledgements(props: SecureBucketProps): FindingAcknowledgement[] {
    const acknowledgements: FindingAcknowledgement[] = [];
    const add = (ids: readonly string[], reason: string) => acknowledgements.push(...ids.map(id => ({ id, reason })));
    if ((props.replicationRules ?? []).length === 0) {
      add(REPLICATION_RULE_IDS, REPLICATION_REASON);
    }
    if (props.objectLockDefaultRetention === undefined) {
      add(OBJECT_LOCK_RULE_IDS, OBJECT_LOCK_REASON);
    }
    if (props.allowUnversioned !== undefined) {
      add(VERSIONING_RULE_IDS, `Versioning off by design (allowUnversioned): ${props.allowUnversioned}`);
    }
    if (props.allowNoAccessLogs !== undefined) {
      add(LOGGING_RULE_IDS, `No server access logs by design (allowNoAccessLogs): ${props.allowNoAccessLogs}`);
    }
    if (props.allowDeletionWithStack !== undefined) {
      add(['SecureServerless-S3Retained'], `Deleted with its stack by design (allowDeletionWithStack): ${props.allowDeletionWithStack}`);
    }
    return acknowledgements;
  }
}

/** The lifecycle rules every SecureBucket gets, before the user's own. */
function secureLifecycleRules(versioned: boolean, props: SecureBucketProps): s3.LifecycleRule[] {
  const rules: s3.LifecycleRule[] = [{
    id: 'AbortIncompleteMultipartUploads',
    abortIncompleteMultipartUploadAfter: SECURE_BUCKET_DEFAULTS.abortIncompleteMultipartUploadAfter,
  }];
  if (versioned) {
    rules.push({
      id: 'ExpireNoncurrentVersions',
      noncurrentVersionExpiration: props.noncurrentVersionRetention ?? SECURE_BUCKET_DEFAULTS.noncurrentVersionRetention,
    });
  }
  return rules;
}
