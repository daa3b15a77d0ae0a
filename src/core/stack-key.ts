import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
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
