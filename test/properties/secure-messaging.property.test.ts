import { Duration, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as fc from 'fast-check';
import { expectValidationErrorNaming, testRandomInvalidValues, testRandomValidProps } from './invariants';
import { grantToFunctions, optional, reason, userKey } from './random-props';
import { SecureQueue, SecureQueueProps, SecureTopic, SecureTopicProps } from '../../src';
import { errorOf, newStack } from '../helpers';

/** Random valid queue props: each secure default kept, set explicitly, or loosened with a reason. */
const validQueueProps = fc.record({
  fifo: fc.boolean(),
  visibilityTimeoutSeconds: optional(fc.integer({ min: 0, max: 43200 })),
  retentionMinutes: optional(fc.integer({ min: 1, max: 20160 })),
  deliveryDelaySeconds: optional(fc.integer({ min: 0, max: 900 })),
  receiveWaitSeconds: optional(fc.integer({ min: 0, max: 20 })),
  deadLetters: fc.constantFrom('default', 'maxReceiveCount', 'ownQueue', 'none'),
  maxReceiveCount: fc.integer({ min: 1, max: 1000 }),
  ownKey: fc.boolean(),
  reason,
  grantees: fc.integer({ min: 0, max: 2 }),
});

type ValidQueueProps = typeof validQueueProps extends fc.Arbitrary<infer T> ? T : never;

function queuePropsOf(random: ValidQueueProps, stack: Stack): SecureQueueProps {
  const ownDeadLetterQueue = () => new SecureQueue(stack, 'OwnDeadLetters', {
    fifo: random.fifo || undefined,
    allowNoDeadLetterQueue: 'it is the dead-letter queue',
  });
  return {
    fifo: random.fifo || undefined,
    visibilityTimeout: random.visibilityTimeoutSeconds === undefined ? undefined : Duration.seconds(random.visibilityTimeoutSeconds),
    retentionPeriod: random.retentionMinutes === undefined ? undefined : Duration.minutes(random.retentionMinutes),
    deliveryDelay: random.deliveryDelaySeconds === undefined ? undefined : Duration.seconds(random.deliveryDelaySeconds),
    receiveMessageWaitTime: random.receiveWaitSeconds === undefined ? undefined : Duration.seconds(random.receiveWaitSeconds),
    ...(random.deadLetters === 'maxReceiveCount' ? { maxReceiveCount: random.maxReceiveCount } : {}),
    ...(random.deadLetters === 'ownQueue' ? { deadLetterQueue: { queue: ownDeadLetterQueue(), maxReceiveCount: random.maxReceiveCount } } : {}),
    ...(random.deadLetters === 'none' ? { allowNoDeadLetterQueue: random.reason } : {}),
    ...(random.ownKey ? { encryptionMasterKey: userKey(stack) } : {}),
  };
}

function buildQueue(random: ValidQueueProps): Stack {
  const stack = newStack();
  const queue = new SecureQueue(stack, 'Queue', queuePropsOf(random, stack));
  grantToFunctions(stack, random.grantees, fn => queue.grantConsumeMessages(fn));
  return stack;
}

/** Random valid topic props. */
const validTopicProps = fc.record({
  fifo: fc.boolean(),
  contentBasedDeduplication: fc.boolean(),
  signatureVersion: optional(fc.constantFrom('1', '2')),
  displayName: optional(fc.stringMatching(/^[A-Za-z][A-Za-z0-9 -]{0,30}$/)),
  tracing: optional(fc.constantFrom(sns.TracingConfig.ACTIVE, sns.TracingConfig.PASS_THROUGH)),
  ownKey: fc.boolean(),
  grantees: fc.integer({ min: 0, max: 2 }),
});

type ValidTopicProps = typeof validTopicProps extends fc.Arbitrary<infer T> ? T : never;

function topicPropsOf(random: ValidTopicProps, stack: Stack): SecureTopicProps {
  return {
    ...(random.fifo ? { fifo: true, contentBasedDeduplication: random.contentBasedDeduplication } : {}),
    signatureVersion: random.signatureVersion,
    displayName: random.displayName,
    tracingConfig: random.tracing,
    ...(random.ownKey ? { masterKey: userKey(stack) } : {}),
  };
}

function buildTopic(random: ValidTopicProps): Stack {
  const stack = newStack();
  const topic = new SecureTopic(stack, 'Topic', topicPropsOf(random, stack));
  grantToFunctions(stack, random.grantees, fn => topic.grantPublish(fn));
  return stack;
}

describe('SecureQueue, for random valid props', () => {
  testRandomValidProps(validQueueProps, buildQueue);
});

describe('SecureTopic, for random valid props', () => {
  testRandomValidProps(validTopicProps, buildTopic);
});

describe('SecureQueue and SecureTopic, for random invalid values', () => {
  const invalidQueue = fc.oneof(
    fc.oneof(
      fc.integer({ min: -1000, max: 0 }), fc.integer({ min: 1001, max: 100000 }), fc.double({ min: 1.01, max: 999.99, noInteger: true, noNaN: true }))
      .map(value => ({ prop: 'maxReceiveCount', props: { maxReceiveCount: value } })),
    fc.constantFrom(sqs.QueueEncryption.UNENCRYPTED, sqs.QueueEncryption.SQS_MANAGED, sqs.QueueEncryption.KMS_MANAGED)
      .map(value => ({ prop: 'encryption', props: { encryption: value } })),
    fc.constant({ prop: 'enforceSSL', props: { enforceSSL: false } }),
    fc.stringMatching(/^\s*$/).map(blank => ({ prop: 'allowNoDeadLetterQueue', props: { allowNoDeadLetterQueue: blank } })),
  );
  const invalidTopic = fc.oneof(
    fc.string({ maxLength: 4 }).filter(value => value !== '1' && value !== '2')
      .map(value => ({ prop: 'signatureVersion', props: { signatureVersion: value } })),
    fc.constant({ prop: 'enforceSSL', props: { enforceSSL: false } }),
  );

  describe('SecureQueue', () => {
    testRandomInvalidValues<SecureQueueProps>(invalidQueue, 'TestStack/Queue', props => new SecureQueue(newStack(), 'Queue', props));
  });

  describe('SecureTopic', () => {
    testRandomInvalidValues<SecureTopicProps>(invalidTopic, 'TestStack/Topic', props => new SecureTopic(newStack(), 'Topic', props));
  });

  test('an AWS managed key is a validation error naming the key prop', () => {
    fc.assert(fc.property(fc.boolean(), isQueue => {
      const stack = newStack();
      const error = isQueue
        ? errorOf(() => new SecureQueue(stack, 'Queue', { encryptionMasterKey: kms.Alias.fromAliasName(stack, 'Managed', 'alias/aws/sqs') }))
        : errorOf(() => new SecureTopic(stack, 'Topic', { masterKey: kms.Alias.fromAliasName(stack, 'Managed', 'alias/aws/sns') }));
      expectValidationErrorNaming(error, isQueue ? 'TestStack/Queue' : 'TestStack/Topic', isQueue ? 'encryptionMasterKey' : 'masterKey');
    }), { numRuns: 4 });
  });
});
