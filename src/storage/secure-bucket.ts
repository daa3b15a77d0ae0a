import { CfnResource, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AccessLogsBucket } from './access-logs-bucket';
import { acknowledgeAutoDeleteProvider } from './auto-delete-objects';
import { validateSecureBucketProps } from './bucket-props-validation';
import { SECURE_BUCKET_DEFAULTS } from './defaults';
import { SECURE_BUCKET_GRANT_ACTIONS } from './grant-actions';
import { acknowledgeNotificationsHandler } from './notifications-handler';
import { LOGGING_RULE_IDS, OBJECT_LOCK_REASON, OBJECT_LOCK_RULE_IDS, REPLICATION_REASON, REPLICATION_RULE_IDS, VERSIONING_RULE_IDS } from './reasons';
import { hardenReplicationRole } from './replication-role';
import { refuseStatementForAnyone } from './resource-policy';
import { sendServerAccessLogs } from './server-access-logs';
import { acknowledgeFindings, FindingAcknowledgement } from '../core/acknowledgements';
import { secureValidationError } from '../core/errors';
import { acknowledgeChildWildcard, combineGrants, grantOnKeyExactly, KEY_ACTIONS } from '../core/exact-grants';
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
   * delete data by itself; `autoDeleteObjects`, which would, takes `autoDeleteObjectsReason`.
   *
   * @default - the bucket is retained (`RemovalPolicy.RETAIN`)
   */
  readonly allowDeletionWithStack?: string;

  /**
   * Why every object of this bucket, every version, may be deleted when the bucket leaves the
   * stack: the reason `autoDeleteObjects: true` takes.
   *
   * `autoDeleteObjects` deploys the CDK's custom resource, a Lambda function (one per stack) whose
   * role may list and delete every object of the bucket and rewrite its bucket policy, and which
   * empties the bucket when it is deleted or removed from the stack. Give a reason only for data
   * you can lose, as in a preview or test stack. Needs `autoDeleteObjects: true` and
   * `removalPolicy: RemovalPolicy.DESTROY` (or `allowDeletionWithStack`). The reason is recorded on
   * the findings the custom resource raises, on its own resources, and on the bucket's
   * `SecureServerless-S3Retained`.
   *
   * @default - `autoDeleteObjects: true` is refused
   */
  readonly autoDeleteObjectsReason?: string;

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

/** What one grant of a bucket writes. */
interface BucketGrantActions {
  readonly bucket: readonly string[];
  readonly objects: readonly string[];
  readonly key: readonly string[];
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
 * - retained when the stack is deleted; `autoDeleteObjects` refused without `autoDeleteObjectsReason`
 *   and `removalPolicy: RemovalPolicy.DESTROY`.
 *
 * Turning one of these off takes a named prop: `allowUnversioned`, `allowNoAccessLogs`,
 * `allowDeletionWithStack` and `autoDeleteObjectsReason` take the reason, which the construct records on the findings it
 * then acknowledges.
 *
 * Its grants (`grantRead`, `grantWrite`, `grantReadWrite`, `grantPut`, `grantDelete`) list exact
 * actions, bucket-level ones on the bucket and object-level ones on its objects
 * (the README lists them), and exact key actions (`kms:Decrypt` to read,
 * `kms:GenerateDataKey` and `kms:Decrypt` to write), where the CDK writes wildcards that cdk-nag's
 * AwsSolutions-IAM5 rejects. The object ARN (`<bucket ARN>/*`, or the key pattern given) is
 * acknowledged for IAM5 on the grantee's policy: it names this bucket's objects, nothing else.
 * The CDK's grant classes (`bucket.grants.read(role)`) are not this construct's and write the
 * CDK's wildcards, except on the key.
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
    if (props.autoDeleteObjectsReason !== undefined) {
      acknowledgeAutoDeleteProvider(this, props.autoDeleteObjectsReason);
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
   * Grants reading the bucket's objects: listing the bucket (`s3:ListBucket`,
   * `s3:ListBucketVersions`, `s3:GetBucketLocation`), reading objects, their versions, attributes
   * and tags, and `kms:Decrypt` on the bucket key.
   *
   * @param identity the principal
   * @param objectsKeyPattern the objects, by key pattern (a string; default '*')
   */
  public grantRead(identity: iam.IGrantable, objectsKeyPattern: any = '*'): iam.Grant {
    return this.grantExactly(identity, objectsKeyPattern, 'grantRead', {
      bucket: SECURE_BUCKET_GRANT_ACTIONS.readBucket,
      objects: SECURE_BUCKET_GRANT_ACTIONS.readObjects,
      key: KEY_ACTIONS.decrypt,
    });
  }

  /**
   * Grants writing objects: putting and deleting them (`grantPut` and `grantDelete` together),
   * and `kms:GenerateDataKey` and `kms:Decrypt` on the bucket key.
   *
   * @param identity the principal
   * @param objectsKeyPattern the objects, by key pattern (a string; default '*')
   * @param allowedActionPatterns the S3 actions to grant instead, on the bucket and its objects (default: the put and delete actions)
   */
  public grantWrite(identity: iam.IGrantable, objectsKeyPattern: any = '*', allowedActionPatterns: string[] = []): iam.Grant {
    const chosen = allowedActionPatterns.length > 0;
    return this.grantExactly(identity, objectsKeyPattern, 'grantWrite', {
      bucket: chosen ? allowedActionPatterns : [],
      objects: chosen ? allowedActionPatterns : [...SECURE_BUCKET_GRANT_ACTIONS.putObjects, ...SECURE_BUCKET_GRANT_ACTIONS.deleteObjects],
      key: KEY_ACTIONS.envelopeWrite,
    });
  }

  /**
   * Grants putting objects (`s3:PutObject`, its tags and Object Lock settings,
   * `s3:AbortMultipartUpload`), and `kms:GenerateDataKey` and `kms:Decrypt` on the bucket key.
   *
   * @param identity the principal
   * @param objectsKeyPattern the objects, by key pattern (a string; default '*')
   */
  public grantPut(identity: iam.IGrantable, objectsKeyPattern: any = '*'): iam.Grant {
    return this.grantExactly(identity, objectsKeyPattern, 'grantPut', {
      bucket: [],
      objects: SECURE_BUCKET_GRANT_ACTIONS.putObjects,
      key: KEY_ACTIONS.envelopeWrite,
    });
  }

  /**
   * Grants deleting objects (`s3:DeleteObject`, which leaves the old version, and deleting tags).
   * Not `s3:DeleteObjectVersion`, which would delete old versions for good.
   *
   * @param identity the principal
   * @param objectsKeyPattern the objects, by key pattern (a string; default '*')
   */
  public grantDelete(identity: iam.IGrantable, objectsKeyPattern: any = '*'): iam.Grant {
    return this.grantExactly(identity, objectsKeyPattern, 'grantDelete', {
      bucket: [],
      objects: SECURE_BUCKET_GRANT_ACTIONS.deleteObjects,
      key: [],
    });
  }

  /**
   * Grants reading and writing objects: `grantRead` and `grantWrite` together.
   *
   * @param identity the principal
   * @param objectsKeyPattern the objects, by key pattern (a string; default '*')
   */
  public grantReadWrite(identity: iam.IGrantable, objectsKeyPattern: any = '*'): iam.Grant {
    return this.grantExactly(identity, objectsKeyPattern, 'grantReadWrite', {
      bucket: SECURE_BUCKET_GRANT_ACTIONS.readBucket,
      objects: [
        ...SECURE_BUCKET_GRANT_ACTIONS.readObjects,
        ...SECURE_BUCKET_GRANT_ACTIONS.putObjects,
        ...SECURE_BUCKET_GRANT_ACTIONS.deleteObjects,
      ],
      key: KEY_ACTIONS.envelopeWrite,
    });
  }

  /**
   * Grants actions on the bucket's key, as `s3.Bucket` does for the CDK's grant classes
   * (`bucket.grants.read(role)`), with the CDK's wildcard KMS actions spelled out
   * (`kms:GenerateDataKey*` as `kms:GenerateDataKey`; `kms:ReEncrypt*` dropped).
   *
   * @param grantee the principal
   * @param actions the KMS actions
   */
  public grantOnKey(grantee: iam.IGrantable, ...actions: string[]): iam.GrantOnKeyResult {
    return grantOnKeyExactly(this.encryptionKey, grantee, actions);
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

  /** Grants the bucket-level actions on the bucket, the object-level ones on its objects, the key actions on its key. */
  private grantExactly(identity: iam.IGrantable, objectsKeyPattern: string, method: string, actions: BucketGrantActions): iam.Grant {
    const objectsArn = this.arnForObjects(objectsKeyPattern);
    const objects = iam.Grant.addToPrincipalOrResource({
      grantee: identity, actions: [...actions.objects], resourceArns: [objectsArn], resource: this,
    });
    if (objectsArn.includes('*')) {
      acknowledgeChildWildcard(this, objects, objectsArn,
        `S3 names objects by key: ${objectsKeyPattern === '*' ? 'every object' : `the objects matching the key pattern '${objectsKeyPattern}'`} `
        + `of the one bucket ${this.node.path} (${method}), and of no other bucket. The actions are listed one by one, none a wildcard.`);
    }
    const bucket = actions.bucket.length > 0
      ? iam.Grant.addToPrincipalOrResource({ grantee: identity, actions: [...actions.bucket], resourceArns: [this.bucketArn], resource: this })
      : undefined;
    const key = actions.key.length > 0 ? this.grantOnKey(identity, ...actions.key).grant : undefined;
    return combineGrants(objects, bucket, key);
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
    if (props.autoDeleteObjectsReason !== undefined) {
      add(['SecureServerless-S3Retained'], 'Deleted with its stack, every object with it, by design (autoDeleteObjectsReason): '
        + `${props.autoDeleteObjectsReason}${props.allowDeletionWithStack !== undefined ? ` (allowDeletionWithStack: ${props.allowDeletionWithStack})` : ''}`);
    } else if (props.allowDeletionWithStack !== undefined) {
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
