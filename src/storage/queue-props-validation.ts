import { Token } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MAX_RECEIVE_COUNT_RANGE } from './defaults';
import type { SecureQueueProps } from './secure-queue';
import { awsManagedKeyAlias, Fail, failFor, requireReason } from './validation';

/**
 * Refuses every prop of `SecureQueueProps` that would weaken the queue's encryption or
 * transport, or drop failed messages without a reason, and every invalid combination, with an
 * error that names the construct path, the prop and the fix.
 */
export function validateSecureQueueProps(scope: Construct, id: string, props: SecureQueueProps): void {
  const fail = failFor(scope, id);
  requireReason(props.allowNoDeadLetterQueue, 'allowNoDeadLetterQueue', fail);
  if (props.encryption !== undefined && props.encryption !== sqs.QueueEncryption.KMS) {
    fail('WeakQueueEncryption', `encryption is ${props.encryption}; SecureQueue encrypts with a customer-managed KMS key, whose key policy restricts, and CloudTrail records, every use.`,
      'leave out encryption (the stack key, StackKey.of(this)), or set encryptionMasterKey to your own key.');
  }
  const aliasName = awsManagedKeyAlias(props.encryptionMasterKey);
  if (aliasName !== undefined) {
    fail('AwsManagedQueueKey', `encryptionMasterKey is the AWS managed key ${aliasName}; its key policy cannot be changed, so SNS, EventBridge and S3 cannot deliver to the queue, and it is not a customer-managed key.`,
      'leave out encryptionMasterKey (the stack key, StackKey.of(this)), or pass a customer-managed key.');
  }
  if (props.enforceSSL === false) {
    fail('InsecureTransport', 'enforceSSL is false; clients could then send and receive messages over plain HTTP.',
      'leave out enforceSSL: every AWS SDK and the AWS CLI use HTTPS.');
  }
  validateMaxReceiveCount(props.maxReceiveCount, 'maxReceiveCount', fail);
  validateMaxReceiveCount(props.deadLetterQueue?.maxReceiveCount, 'deadLetterQueue.maxReceiveCount', fail);
  if (props.maxReceiveCount !== undefined && props.deadLetterQueue !== undefined) {
    fail('ConflictingDeadLetterQueueProps', 'maxReceiveCount and deadLetterQueue are both set; maxReceiveCount applies only to the dead-letter queue this construct creates.',
      'set maxReceiveCount inside deadLetterQueue, and leave out maxReceiveCount.');
  }
  if (props.allowNoDeadLetterQueue !== undefined) {
    const dlqProps = (['deadLetterQueue', 'maxReceiveCount'] as const).filter(prop => props[prop] !== undefined);
    if (dlqProps.length > 0) {
      fail('ConflictingDeadLetterQueueProps', `allowNoDeadLetterQueue is set, but so is ${dlqProps.join(' and ')}.`,
        `leave out allowNoDeadLetterQueue (recommended), or leave out ${dlqProps.join(' and ')}.`);
    }
  }
}

function validateMaxReceiveCount(count: number | undefined, prop: string, fail: Fail): void {
  const { min, max } = MAX_RECEIVE_COUNT_RANGE;
  if (count !== undefined && !Token.isUnresolved(count) && (!Number.isInteger(count) || count < min || count > max)) {
    fail('InvalidMaxReceiveCount', `${prop} is ${count}; SQS accepts whole numbers from ${min} to ${max}.`,
      `set ${prop} between ${min} and ${max} (the default is 5: AWS recommends at least 5 for a queue a Lambda function consumes).`);
  }
}
