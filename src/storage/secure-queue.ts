import { CfnResource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { isDeadLetterTarget } from './dead-letter-target';
import { SECURE_QUEUE_DEFAULTS } from './defaults';
import { SECURE_QUEUE_GRANT_ACTIONS } from './grant-actions';
import { validateSecureQueueProps } from './queue-props-validation';
import { DEAD_LETTER_QUEUE_REASON } from './reasons';
import { refuseStatementForAnyone } from './resource-policy';
import { acknowledgeFindings, acknowledgeWhereFindingCanOccur } from '../core/acknowledgements';
import { combineGrants, grantOnKeyExactly } from '../core/exact-grants';
import { StackKey } from '../core/stack-key';

/**
 * Properties of a `SecureQueue`: every `sqs.QueueProps` prop, plus what security needs.
 */
export interface SecureQueueProps extends sqs.QueueProps {
  /**
   * How many times a message is received before it moves to the dead-letter queue that this
   * construct creates.
   *
   * A whole number from 1 to 1000. Cannot be combined with `deadLetterQueue`, which carries
   * its own count.
   *
   * @default 5 (AWS recommends at least 5 for a queue that a Lambda function consumes)
   */
  readonly maxReceiveCount?: number;

  /**
   * Why this queue may run without a dead-letter queue.
   *
   * Without one, a message that keeps failing is received again and again until its
   * retention period ends, then deleted unseen. Give a reason when the queue is itself a
   * dead-letter queue (of an SNS subscription, an EventBridge target, a Lambda function…).
   * Cannot be combined with `deadLetterQueue` or `maxReceiveCount`.
   *
   * @default - a dead-letter queue is created, encrypted and TLS-only, keeping messages 14 days
   */
  readonly allowNoDeadLetterQueue?: string;
}

/**
 * An SQS queue with the secure setup as its default.
 *
 * Differences from `sqs.Queue`:
 * - encrypted with the stack key, a customer-managed KMS key (`encryptionMasterKey`);
 *   unencrypted, SQS-managed and AWS managed (`alias/aws/sqs`) encryption are refused;
 * - a queue policy that denies requests without TLS;
 * - a dead-letter queue of its own, itself a `SecureQueue` (encrypted, TLS-only), that keeps
 *   messages 14 days, after 5 receives (`maxReceiveCount`), unless you pass `deadLetterQueue`
 *   or `allowNoDeadLetterQueue`;
 * - queue-policy statements that let anyone in are refused.
 *
 * Grants (`queue.grantConsumeMessages(fn)`) name this queue and its key, nothing else, and list
 * exact actions (the README lists them), no `kms:ReEncrypt*` or `kms:GenerateDataKey*`.
 */
export class SecureQueue extends sqs.Queue {
  constructor(scope: Construct, id: string, props: SecureQueueProps = {}) {
    validateSecureQueueProps(scope, id, props);
    const encryptionMasterKey = props.encryptionMasterKey ?? StackKey.of(scope);
    super(scope, id, {
      ...props,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey,
      enforceSSL: true,
    });
    if (props.allowNoDeadLetterQueue !== undefined) {
      const reason = `No dead-letter queue by design (allowNoDeadLetterQueue): ${props.allowNoDeadLetterQueue}`;
      // Serverless-SQSRedrivePolicy asks every queue for a redrive policy, dead-letter queues too;
      // AwsSolutions-SQS3 does not ask it of a queue that is another's dead-letter queue.
      acknowledgeFindings(this.node.defaultChild as CfnResource, { id: 'Serverless-SQSRedrivePolicy', reason });
      acknowledgeWhereFindingCanOccur(this.node.defaultChild as CfnResource, () => !isDeadLetterTarget(this), { id: 'AwsSolutions-SQS3', reason });
    } else if (props.deadLetterQueue === undefined) {
      this.attachDeadLetterQueue(encryptionMasterKey, props);
    }
  }

  /**
   * Grants receiving, deleting and changing the visibility of messages, reading the queue's URL
   * and attributes, and `kms:Decrypt` on the queue key.
   *
   * @param grantee the principal
   */
  public grantConsumeMessages(grantee: iam.IGrantable): iam.Grant {
    return combineGrants(this.grant(grantee, ...SECURE_QUEUE_GRANT_ACTIONS.consumeMessages),
      this.grantOnKey(grantee, ...SECURE_QUEUE_GRANT_ACTIONS.consumeKey).grant);
  }

  /**
   * Grants sending messages, reading the queue's URL and attributes, and `kms:GenerateDataKey`
   * and `kms:Decrypt` on the queue key.
   *
   * @param grantee the principal
   */
  public grantSendMessages(grantee: iam.IGrantable): iam.Grant {
    return combineGrants(this.grant(grantee, ...SECURE_QUEUE_GRANT_ACTIONS.sendMessages),
      this.grantOnKey(grantee, ...SECURE_QUEUE_GRANT_ACTIONS.sendKey).grant);
  }

  /**
   * Grants actions on the queue's key, as `sqs.Queue` does for the CDK's grant classes
   * (`queue.grants.sendMessages(role)`), with the CDK's wildcard KMS actions spelled out
   * (`kms:GenerateDataKey*` as `kms:GenerateDataKey`; `kms:ReEncrypt*` dropped).
   *
   * @param grantee the principal
   * @param actions the KMS actions
   */
  public grantOnKey(grantee: iam.IGrantable, ...actions: string[]): iam.GrantOnKeyResult {
    return grantOnKeyExactly(this.encryptionMasterKey, grantee, actions);
  }

  /**
   * Adds a statement to the queue policy, refusing any that lets anyone in: an `Allow` for any
   * principal needs an `aws:SourceArn`, `aws:SourceAccount`, `aws:PrincipalOrgID` or similar
   * condition (`topic.addSubscription(new subscriptions.SqsSubscription(queue))` adds one).
   */
  public addToResourcePolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    refuseStatementForAnyone(this, statement, 'queue.grantSendMessages(role)');
    return super.addToResourcePolicy(statement);
  }

  private attachDeadLetterQueue(encryptionMasterKey: kms.IKey, props: SecureQueueProps): void {
    const queue = new SecureQueue(this, 'DeadLetterQueue', {
      encryptionMasterKey,
      fifo: props.fifo,
      retentionPeriod: SECURE_QUEUE_DEFAULTS.deadLetterQueueRetention,
      allowNoDeadLetterQueue: DEAD_LETTER_QUEUE_REASON,
    });
    const maxReceiveCount = props.maxReceiveCount ?? SECURE_QUEUE_DEFAULTS.maxReceiveCount;
    (this.node.defaultChild as sqs.CfnQueue).redrivePolicy = { deadLetterTargetArn: queue.queueArn, maxReceiveCount };
    // `deadLetterQueue` is read-only, set by the base constructor from props; the queue can
    // only be created once this construct exists, so it is set here the same way.
    (this as { deadLetterQueue?: sqs.DeadLetterQueue }).deadLetterQueue = { queue, maxReceiveCount };
  }
}
