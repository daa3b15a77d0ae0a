import { ArnFormat, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct, IConstruct } from 'constructs';
import { KEY_ACTIONS } from './exact-grants';
import { stackSingleton } from './stack-singleton';

/** The key actions CloudWatch Logs uses to encrypt and decrypt a log group. */
const CLOUDWATCH_LOGS_KEY_ACTIONS = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:GenerateDataKeyPair',
  'kms:GenerateDataKeyPairWithoutPlaintext',
  'kms:DescribeKey',
];

/**
 * The one customer-managed KMS key of a stack, shared by every construct of this library in it.
 *
 * One key per stack, not one per resource: a KMS key costs about $1 a month, so a key per log
 * group, queue and topic would make encryption the expensive choice. The key rotates yearly,
 * is retained when the stack is deleted (data encrypted with a deleted key is lost for good),
 * and its key policy lets the services that must use it on the stack's behalf do so:
 * CloudWatch Logs for this stack's log groups, and SNS, CloudWatch alarms, EventBridge rules and
 * S3 event notifications delivering to this stack's encrypted queues and topics, all restricted
 * to this account (and, where the source ARN names one, this region).
 *
 * Its `grantDecrypt`, `grantEncrypt` and `grantEncryptDecrypt` grant exact actions
 * (`kms:Decrypt`; `kms:Encrypt` and `kms:GenerateDataKey`), not the CDK's `kms:ReEncrypt*` and
 * `kms:GenerateDataKey*`. `key.grant(principal, ...actions)` and `key.grants` grant what they are given.
 */
export class StackKey {
  /** The construct id of the key, directly under the stack. It is part of the logical id: never change it. */
  public static readonly ID = 'SecureServerlessKey';

  /**
   * Returns the stack's key, creating it on first use.
   *
   * @param scope any construct in the stack
   */
  public static of(scope: IConstruct): kms.IKey {
    return stackSingleton(scope, StackKey.ID, StackKey.create);
  }

  private static create(stack: Stack): kms.Key {
    const key = new ExactGrantsKey(stack, StackKey.ID, {
      description: `cdk-secure-serverless: encrypts the logs, queues, topics and function environments of ${stack.stackName}`,
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogsOfThisAccountAndRegion',
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      // What AWS documents as kms:Encrypt*, Decrypt*, ReEncrypt*, GenerateDataKey* and Describe*,
      // spelled out: the same grant today, and no action KMS adds under those prefixes later.
      actions: CLOUDWATCH_LOGS_KEY_ACTIONS,
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
            service: 'logs',
            resource: 'log-group',
            resourceName: '*',
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        },
      },
    }));
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowSnsAlarmsAndRulesToDeliverToEncryptedQueuesAndTopics',
      principals: ['sns', 'cloudwatch', 'events'].map(service => new iam.ServicePrincipal(`${service}.amazonaws.com`)),
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: {
          'aws:SourceArn': [
            stack.formatArn({ service: 'sns', resource: '*' }),
            stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
            stack.formatArn({ service: 'events', resource: 'rule', resourceName: '*' }),
          ],
        },
      },
    }));
    // S3 event notifications: bucket ARNs name no account or region, so the account scopes it.
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowS3NotificationsOfThisAccountToEncryptedQueuesAndTopics',
      principals: [new iam.ServicePrincipal('s3.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }));
    return key;
  }

  private constructor() {}
}

/**
 * A KMS key whose encrypt and decrypt grants list exact actions. The construct is a `kms.Key`
 * under the same id, so its logical id is the one the stack key always had.
 */
class ExactGrantsKey extends kms.Key {
  constructor(scope: Construct, id: string, props: kms.KeyProps) {
    super(scope, id, props);
  }

  /**
   * Adds a statement to the key policy, except the one the CDK's S3 notification destinations
   * (`s3n.SqsDestination`, `s3n.SnsDestination`) add for S3 on an encrypted queue or topic: the
   * stack key already lets S3 of this account use it for notifications (the
   * `AllowS3NotificationsOfThisAccountToEncryptedQueuesAndTopics` statement). The CDK's statement
   * names the bucket in `aws:SourceArn`, and when this key also encrypts that bucket, the key
   * policy refers to the bucket and the bucket to the key: a dependency cycle CloudFormation
   * refuses to deploy. A statement for a bucket of another account (a literal ARN) is kept.
   */
  public addToResourcePolicy(statement: iam.PolicyStatement, allowNoOp?: boolean): iam.AddToResourcePolicyResult {
    if (isCoveredS3NotificationStatement(this, statement)) {
      return { statementAdded: true, policyDependable: this };
    }
    return super.addToResourcePolicy(statement, allowNoOp);
  }

  /** Grants `kms:Decrypt`. */
  public grantDecrypt(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, ...KEY_ACTIONS.decrypt);
  }

  /** Grants `kms:Encrypt` and `kms:GenerateDataKey`. */
  public grantEncrypt(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, ...KEY_ACTIONS.encrypt);
  }

  /** Grants `kms:Decrypt`, `kms:Encrypt` and `kms:GenerateDataKey`. */
  public grantEncryptDecrypt(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, ...KEY_ACTIONS.encryptDecrypt);
  }
}

/** The key actions S3 uses to deliver a notification to an encrypted queue or topic. */
const S3_NOTIFICATION_KEY_ACTIONS = new Set(['kms:GenerateDataKey*', 'kms:GenerateDataKey', 'kms:Decrypt']);

/**
 * Whether a statement only lets S3 deliver notifications of this app's buckets with the key, which
 * the stack key's account-scoped S3 statement already allows: an Allow for the one principal
 * `s3.amazonaws.com`, of notification key actions only, on `*`, and at most an `aws:SourceArn`
 * condition whose value is a reference (a bucket of this app), not a literal ARN.
 */
function isCoveredS3NotificationStatement(key: IConstruct, statement: iam.PolicyStatement): boolean {
  const json = statement.toStatementJson() as {
    Effect?: string;
    Principal?: { Service?: unknown };
    Action?: unknown;
    Resource?: unknown;
    Condition?: Record<string, Record<string, unknown>>;
    NotAction?: unknown;
    NotPrincipal?: unknown;
    NotResource?: unknown;
  };
  if (json.Effect !== 'Allow' || json.NotAction !== undefined || json.NotPrincipal !== undefined || json.NotResource !== undefined) {
    return false;
  }
  const principals = Object.keys(json.Principal ?? {});
  const actions = [json.Action].flat();
  const conditions = Object.values(json.Condition ?? {}).flatMap(operator => Object.entries(operator));
  // The CDK renders a service principal's name lazily (for the partitions that spell it differently).
  return principals.length === 1 && Stack.of(key).resolve(json.Principal?.Service) === 's3.amazonaws.com'
    && actions.length > 0 && actions.every(action => typeof action === 'string' && S3_NOTIFICATION_KEY_ACTIONS.has(action))
    && json.Resource === '*'
    && conditions.every(([name, value]) => name === 'aws:SourceArn' && typeof value === 'string' && Token.isUnresolved(value));
}
