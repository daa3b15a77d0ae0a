import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { StackKey } from '../../src/core/stack-key';
import { SecureQueue, SecureQueueProps } from '../../src/storage';
import { errorOf, expectValidationError, nagFindings, newStack } from '../helpers';
import { acknowledgedReason } from './helpers';

const STACK_KEY_ARN = { 'Fn::GetAtt': ['SecureServerlessKey92BA37A5', 'Arn'] };

describe('SecureQueue defaults', () => {
  test('encrypts with the stack key and denies requests without TLS', () => {
    const stack = newStack();
    const queue = new SecureQueue(stack, 'Jobs');

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: STACK_KEY_ARN, RedrivePolicy: Match.anyValue() });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: 'JobsDF1CC2D4' }],
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
    expect(queue.encryptionMasterKey).toBe(StackKey.of(stack));
  });

  test('keeps the logical id of a plain sqs.Queue with the same id', () => {
    const stack = newStack();
    new SecureQueue(stack, 'Jobs');
    const plain = newStack('Plain');
    new sqs.Queue(plain, 'Jobs');

    const [logicalId] = Object.keys(Template.fromStack(plain).findResources('AWS::SQS::Queue'));
    expect(Object.keys(Template.fromStack(stack).findResources('AWS::SQS::Queue'))).toContain(logicalId);
  });

  test('has an encrypted, TLS-only dead-letter queue that keeps messages 14 days, after 5 receives', () => {
    const stack = newStack();
    const queue = new SecureQueue(stack, 'Jobs');

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^JobsDeadLetterQueue'), 'Arn'] }, maxReceiveCount: 5 },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: STACK_KEY_ARN, MessageRetentionPeriod: 1209600, RedrivePolicy: Match.absent() });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: Match.stringLikeRegexp('^JobsDeadLetterQueue') }],
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
    expect(queue.deadLetterQueue?.maxReceiveCount).toBe(5);
    expect(queue.deadLetterQueue?.queue).toBeInstanceOf(SecureQueue);
  });

  test('the dead-letter queue acknowledges that it has no redrive policy of its own, with the reason', () => {
    const stack = newStack();
    const queue = new SecureQueue(stack, 'Jobs');
    const dlq = queue.deadLetterQueue!.queue.node.defaultChild!;
    Template.fromStack(stack);

    expect(acknowledgedReason(dlq, 'Serverless-SQSRedrivePolicy')).toMatch(/This queue is the dead-letter queue of a SecureQueue: the end of the line/);
  });

  test('the dead-letter queue does not acknowledge AwsSolutions-SQS3, which passes a queue that is another queue\'s dead-letter queue', () => {
    const stack = newStack();
    const queue = new SecureQueue(stack, 'Jobs');
    Template.fromStack(stack);

    expect(acknowledgedReason(queue.deadLetterQueue!.queue.node.defaultChild!, 'AwsSolutions-SQS3')).toBeUndefined();
    expect(nagFindings(stack.node.root, [new AwsSolutionsChecks()]).filter(finding => finding.startsWith('AwsSolutions-SQS3'))).toEqual([]);
  });

  test('a FIFO queue gets a FIFO dead-letter queue', () => {
    const stack = newStack();
    new SecureQueue(stack, 'Orders', { fifo: true });

    const queues = Object.values(Template.fromStack(stack).findResources('AWS::SQS::Queue'));
    expect(queues.map(queue => queue.Properties.FifoQueue)).toEqual([true, true]);
  });

  test('maxReceiveCount sets the receives before a message moves to the dead-letter queue', () => {
    const stack = newStack();
    new SecureQueue(stack, 'Jobs', { maxReceiveCount: 10 });

    Template.fromStack(stack).hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: Match.objectLike({ maxReceiveCount: 10 }) });
  });

  test('your own deadLetterQueue replaces the one it creates', () => {
    const stack = newStack();
    const dlq = new SecureQueue(stack, 'Dlq', { allowNoDeadLetterQueue: 'shared dead-letter queue' });
    new SecureQueue(stack, 'Jobs', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Dlq'), 'Arn'] }, maxReceiveCount: 3 } });
  });

  test('encryptionMasterKey replaces the stack key, for the dead-letter queue too', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Own', { enableKeyRotation: true });
    new SecureQueue(stack, 'Jobs', { encryptionMasterKey: key });

    const queues = Object.values(Template.fromStack(stack).findResources('AWS::SQS::Queue'));
    expect(queues.map(queue => queue.Properties.KmsMasterKeyId['Fn::GetAtt'][0])).toEqual([expect.stringMatching(/^Own/), expect.stringMatching(/^Own/)]);
  });
});

describe('SecureQueue loosening props', () => {
  test('allowNoDeadLetterQueue creates no dead-letter queue and acknowledges the findings with the reason', () => {
    const stack = newStack();
    const queue = new SecureQueue(stack, 'Dlq', { allowNoDeadLetterQueue: 'the dead-letter queue of the orders subscription' });

    Template.fromStack(stack).resourceCountIs('AWS::SQS::Queue', 1);
    expect(queue.deadLetterQueue).toBeUndefined();
    for (const id of ['Serverless-SQSRedrivePolicy', 'AwsSolutions-SQS3']) {
      expect(acknowledgedReason(queue.node.defaultChild!, id))
        .toBe('No dead-letter queue by design (allowNoDeadLetterQueue): the dead-letter queue of the orders subscription');
    }
  });

  test('allowNoDeadLetterQueue on a queue that another queue sends its failures to acknowledges only Serverless-SQSRedrivePolicy', () => {
    const stack = newStack();
    const dlq = new SecureQueue(stack, 'Dlq', { allowNoDeadLetterQueue: 'shared dead-letter queue' });
    new SecureQueue(stack, 'Jobs', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    Template.fromStack(stack);

    expect(acknowledgedReason(dlq.node.defaultChild!, 'Serverless-SQSRedrivePolicy')).toBe('No dead-letter queue by design (allowNoDeadLetterQueue): shared dead-letter queue');
    expect(acknowledgedReason(dlq.node.defaultChild!, 'AwsSolutions-SQS3')).toBeUndefined();
    expect(nagFindings(stack.node.root, [new AwsSolutionsChecks()]).filter(finding => finding.startsWith('AwsSolutions-SQS3'))).toEqual([]);
  });
});

describe('SecureQueue methods', () => {
  test('a queue-policy statement for anyone is refused', () => {
    const queue = new SecureQueue(newStack(), 'Jobs');

    expect(() => queue.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['sqs:SendMessage'], resources: [queue.queueArn] })))
      .toThrow(/TestStack\/Jobs: the resource-policy statement allows sqs:SendMessage to any principal.*Fix: grant named principals \(queue.grantSendMessages\(role\)\)/);
  });

  test('an SNS subscription, which scopes the service principal to its topic, is accepted', () => {
    const stack = newStack();
    const queue = new SecureQueue(stack, 'Jobs');
    const topic = new sns.Topic(stack, 'Topic');

    topic.addSubscription(new subscriptions.SqsSubscription(queue));

    Template.fromStack(stack).hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'sns.amazonaws.com' }, Condition: { ArnEquals: Match.anyValue() } })]) },
    });
  });
});

describe('SecureQueue refuses bad input', () => {
  test.each<[string, SecureQueueProps, RegExp]>([
    ['no encryption', { encryption: sqs.QueueEncryption.UNENCRYPTED }, /encryption is NONE; SecureQueue encrypts with a customer-managed KMS key.*Fix: leave out encryption/],
    ['SQS-managed encryption', { encryption: sqs.QueueEncryption.SQS_MANAGED }, /encryption is SQS_MANAGED/],
    ['the AWS managed key', { encryption: sqs.QueueEncryption.KMS_MANAGED }, /encryption is KMS_MANAGED/],
    ['enforceSSL false', { enforceSSL: false }, /enforceSSL is false.*Fix: leave out enforceSSL/],
    ['a maxReceiveCount of 0', { maxReceiveCount: 0 }, /maxReceiveCount is 0; SQS accepts whole numbers from 1 to 1000.*Fix: set maxReceiveCount between 1 and 1000 \(the default is 5/],
    ['a maxReceiveCount over 1000', { maxReceiveCount: 1001 }, /maxReceiveCount is 1001/],
    ['a fractional maxReceiveCount', { maxReceiveCount: 2.5 }, /maxReceiveCount is 2.5/],
    ['maxReceiveCount with allowNoDeadLetterQueue', { maxReceiveCount: 3, allowNoDeadLetterQueue: 'is a DLQ' }, /allowNoDeadLetterQueue is set, but so is maxReceiveCount/],
    ['an empty allowNoDeadLetterQueue', { allowNoDeadLetterQueue: '  ' }, /allowNoDeadLetterQueue is empty/],
  ])('fails on %s', (_name, props, message) => {
    expectValidationError(errorOf(() => new SecureQueue(newStack(), 'Jobs', props)), 'TestStack/Jobs', message);
  });

  test('fails on an invalid maxReceiveCount in your deadLetterQueue', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Dlq');

    expectValidationError(errorOf(() => new SecureQueue(stack, 'Jobs', { deadLetterQueue: { queue, maxReceiveCount: 0 } })), 'TestStack/Jobs',
      /deadLetterQueue.maxReceiveCount is 0/);
  });

  test('fails on maxReceiveCount with your own deadLetterQueue', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Dlq');

    expectValidationError(errorOf(() => new SecureQueue(stack, 'Jobs', { maxReceiveCount: 4, deadLetterQueue: { queue, maxReceiveCount: 3 } })), 'TestStack/Jobs',
      /maxReceiveCount and deadLetterQueue are both set.*Fix: set maxReceiveCount inside deadLetterQueue/);
  });

  test('fails on deadLetterQueue with allowNoDeadLetterQueue', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Dlq');

    expectValidationError(errorOf(() => new SecureQueue(stack, 'Jobs', { allowNoDeadLetterQueue: 'x', deadLetterQueue: { queue, maxReceiveCount: 3 } })), 'TestStack/Jobs',
      /allowNoDeadLetterQueue is set, but so is deadLetterQueue/);
  });

  test('fails on the AWS managed key passed as encryptionMasterKey', () => {
    const stack = newStack();
    const awsManaged = kms.Alias.fromAliasName(stack, 'SqsKey', 'alias/aws/sqs');

    expectValidationError(errorOf(() => new SecureQueue(stack, 'Jobs', { encryptionMasterKey: awsManaged })), 'TestStack/Jobs',
      /encryptionMasterKey is the AWS managed key alias\/aws\/sqs/);
  });

  test('accepts a retention of up to 14 days, the dead-letter queue\'s', () => {
    const stack = newStack();
    new SecureQueue(stack, 'Jobs', { retentionPeriod: Duration.days(14) });

    Template.fromStack(stack).resourceCountIs('AWS::SQS::Queue', 2);
  });
});
