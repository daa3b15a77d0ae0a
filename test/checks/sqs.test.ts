import { App, Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { securityFindings } from './helpers';
import { SecureFunction } from '../../src';
import { SQS_RULES } from '../../src/checks/rules/sqs';
import { ruleName } from '../../src/checks/security-rule';

function newStack(): Stack {
  return new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
}

/** A queue with every SQS setting the rules ask for. */
function hardenedQueue(stack: Stack, id: string, props: sqs.QueueProps = {}): sqs.Queue {
  return new sqs.Queue(stack, id, {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: new kms.Key(stack, `${id}Key`, { enableKeyRotation: true }),
    enforceSSL: true,
    ...props,
  });
}

/** The findings of the SQS rules only. */
function sqsFindings(stack: Stack): string[] {
  const names = SQS_RULES.map(ruleName);
  return securityFindings(stack).filter(finding => names.some(name => finding.startsWith(`SecureServerless-${name} `)));
}

describe('SQS rule data', () => {
  test.each(['SQSEncrypted', 'SQSCustomerManagedKey', 'SQSTlsOnly', 'SQSPolicyGrantsAnyone'])('%s is listed in SQS_RULES with what, why and fix', name => {
    const rule = SQS_RULES.find(candidate => ruleName(candidate) === name);

    expect(rule).toBeDefined();
    expect(rule!.what).not.toEqual('');
    expect(rule!.why).not.toEqual('');
    expect(rule!.fix).not.toEqual('');
  });

  test('no rule asks a queue for a dead-letter queue of its own', () => {
    expect(SQS_RULES.map(ruleName).filter(name => /DeadLetter|Dlq|Redrive/i.test(name))).toEqual([]);
  });
});

describe('hand-hardened queues', () => {
  test('an sqs.Queue with a KMS key and enforceSSL, and its hardened dead-letter queue, have no SQS finding', () => {
    const stack = newStack();
    const deadLetters = hardenedQueue(stack, 'DeadLetters');
    hardenedQueue(stack, 'Jobs', { deadLetterQueue: { queue: deadLetters, maxReceiveCount: 3 } });

    expect(sqsFindings(stack)).toEqual([]);
  });

  test('the dead-letter queue of a SecureFunction has no SQS finding', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', {
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      // Without an asynchronous invoker the function gets no queue: declare the asynchronous use.
      deadLetterQueueEnabled: true,
    });

    expect(fn.deadLetterQueue).toBeDefined();
    expect(sqsFindings(stack)).toEqual([]);
  });
});

describe('SQSEncrypted', () => {
  test('reports QueueEncryption.UNENCRYPTED (SqsManagedSseEnabled false)', () => {
    const stack = newStack();
    new sqs.Queue(stack, 'Jobs', { encryption: sqs.QueueEncryption.UNENCRYPTED });

    expect(securityFindings(stack, 'SQSEncrypted')).toEqual(['SecureServerless-SQSEncrypted S/Jobs/Resource']);
  });

  test('reports an SqsManagedSseEnabled that is a parameter', () => {
    const stack = newStack();
    const queue = new sqs.CfnQueue(stack, 'Jobs');
    queue.addPropertyOverride('SqsManagedSseEnabled', { Ref: 'EncryptQueues' });

    expect(securityFindings(stack, 'SQSEncrypted')).toEqual(['SecureServerless-SQSEncrypted S/Jobs']);
  });

  test('accepts the default queue: CloudFormation enables SSE-SQS when SqsManagedSseEnabled is not set', () => {
    const stack = newStack();
    new sqs.Queue(stack, 'Jobs');

    expect(securityFindings(stack, 'SQSEncrypted')).toEqual([]);
  });

  test('accepts SQS_MANAGED, KMS_MANAGED and a customer-managed key', () => {
    const stack = newStack();
    new sqs.Queue(stack, 'SqsManaged', { encryption: sqs.QueueEncryption.SQS_MANAGED });
    new sqs.Queue(stack, 'KmsManaged', { encryption: sqs.QueueEncryption.KMS_MANAGED });
    new sqs.Queue(stack, 'Customer', { encryptionMasterKey: new kms.Key(stack, 'Key') });

    expect(securityFindings(stack, 'SQSEncrypted')).toEqual([]);
  });
});

describe('SQSCustomerManagedKey', () => {
  test('reports the default queue (SSE-SQS)', () => {
    const stack = newStack();
    new sqs.Queue(stack, 'Jobs');

    expect(securityFindings(stack, 'SQSCustomerManagedKey')).toEqual(['SecureServerless-SQSCustomerManagedKey S/Jobs/Resource']);
  });

  test('reports the AWS managed key alias/aws/sqs (QueueEncryption.KMS_MANAGED)', () => {
    const stack = newStack();
    new sqs.Queue(stack, 'Jobs', { encryption: sqs.QueueEncryption.KMS_MANAGED });

    expect(securityFindings(stack, 'SQSCustomerManagedKey')).toEqual(['SecureServerless-SQSCustomerManagedKey S/Jobs/Resource']);
  });

  test('reports the AWS managed key named by its alias ARN', () => {
    const stack = newStack();
    new sqs.CfnQueue(stack, 'Jobs', { kmsMasterKeyId: 'arn:aws:kms:eu-west-1:111111111111:alias/aws/sqs' });

    expect(securityFindings(stack, 'SQSCustomerManagedKey')).toEqual(['SecureServerless-SQSCustomerManagedKey S/Jobs']);
  });

  test('reports aws/sqs written without alias/, and accepts the near-miss customer alias alias/aws-team-key', () => {
    const stack = newStack();
    new sqs.CfnQueue(stack, 'NoPrefix', { kmsMasterKeyId: 'aws/sqs' });
    new sqs.CfnQueue(stack, 'TeamKey', { kmsMasterKeyId: 'alias/aws-team-key' });

    expect(securityFindings(stack, 'SQSCustomerManagedKey')).toEqual(['SecureServerless-SQSCustomerManagedKey S/NoPrefix']);
  });

  test('accepts a customer-managed key, as a construct or as a customer alias', () => {
    const stack = newStack();
    new sqs.Queue(stack, 'Jobs', { encryptionMasterKey: new kms.Key(stack, 'Key') });
    new sqs.CfnQueue(stack, 'Aliased', { kmsMasterKeyId: 'alias/orders' });

    expect(securityFindings(stack, 'SQSCustomerManagedKey')).toEqual([]);
  });
});

describe('SQSTlsOnly', () => {
  test('reports a queue without a queue policy', () => {
    const stack = newStack();
    new sqs.Queue(stack, 'Jobs');

    expect(securityFindings(stack, 'SQSTlsOnly')).toEqual(['SecureServerless-SQSTlsOnly S/Jobs/Resource']);
  });

  test('reports a queue whose policy only lets SNS deliver', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Jobs');
    new sns.Topic(stack, 'Topic').addSubscription(new subscriptions.SqsSubscription(queue));

    expect(securityFindings(stack, 'SQSTlsOnly')).toEqual(['SecureServerless-SQSTlsOnly S/Jobs/Resource']);
  });

  test('reports a queue when the TLS-only policy belongs to another queue', () => {
    const stack = newStack();
    new sqs.Queue(stack, 'Jobs');
    new sqs.Queue(stack, 'Other', { enforceSSL: true });

    expect(securityFindings(stack, 'SQSTlsOnly')).toEqual(['SecureServerless-SQSTlsOnly S/Jobs/Resource']);
  });

  test('accepts enforceSSL', () => {
    const stack = newStack();
    new sqs.Queue(stack, 'Jobs', { enforceSSL: true });

    expect(securityFindings(stack, 'SQSTlsOnly')).toEqual([]);
  });

  test('accepts a QueueInlinePolicy that denies insecure transport', () => {
    const stack = newStack();
    const queue = new sqs.CfnQueue(stack, 'Jobs');
    new sqs.CfnQueueInlinePolicy(stack, 'Policy', {
      queue: queue.ref,
      policyDocument: {
        Statement: [{
          Effect: 'Deny',
          Principal: '*',
          Action: '*',
          Resource: queue.attrArn,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }],
      },
    });

    expect(securityFindings(stack, 'SQSTlsOnly')).toEqual([]);
  });

  test('accepts an L1 QueuePolicy that names the queue by a literal URL', () => {
    const stack = newStack();
    new sqs.CfnQueue(stack, 'Jobs', { queueName: 'jobs' });
    new sqs.CfnQueuePolicy(stack, 'Policy', {
      queues: ['https://sqs.eu-west-1.amazonaws.com/111111111111/jobs'],
      policyDocument: {
        Statement: [{
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'sqs:*',
          Resource: 'arn:aws:sqs:eu-west-1:111111111111:jobs',
          Condition: { Bool: { 'aws:SecureTransport': false } },
        }],
      },
    });

    expect(securityFindings(stack, 'SQSTlsOnly')).toEqual([]);
  });
});

describe('SQSPolicyGrantsAnyone', () => {
  test('reports sending rights for iam.AnyPrincipal', () => {
    const stack = newStack();
    new sqs.Queue(stack, 'Jobs').grantSendMessages(new iam.AnyPrincipal());

    expect(securityFindings(stack, 'SQSPolicyGrantsAnyone')).toEqual(['SecureServerless-SQSPolicyGrantsAnyone S/Jobs/Policy/Resource']);
  });

  test('reports "*" with a condition that does not scope the caller', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Jobs');
    queue.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: ['sqs:ReceiveMessage'],
      resources: [queue.queueArn],
      conditions: { Bool: { 'aws:SecureTransport': 'true' } },
    }));

    expect(securityFindings(stack, 'SQSPolicyGrantsAnyone')).toEqual(['SecureServerless-SQSPolicyGrantsAnyone S/Jobs/Policy/Resource']);
  });

  test('reports an Allow to everyone but a NotPrincipal in a QueueInlinePolicy', () => {
    const stack = newStack();
    const queue = new sqs.CfnQueue(stack, 'Jobs');
    new sqs.CfnQueueInlinePolicy(stack, 'Policy', {
      queue: queue.ref,
      policyDocument: { Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'sqs:SendMessage', Resource: queue.attrArn }] },
    });

    expect(securityFindings(stack, 'SQSPolicyGrantsAnyone')).toEqual(['SecureServerless-SQSPolicyGrantsAnyone S/Policy']);
  });

  test('does not report the SNS subscription policy (sns.amazonaws.com with aws:SourceArn)', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Jobs', { enforceSSL: true });
    new sns.Topic(stack, 'Topic').addSubscription(new subscriptions.SqsSubscription(queue));

    expect(securityFindings(stack, 'SQSPolicyGrantsAnyone')).toEqual([]);
  });

  test('does not report EventBridge and S3 notification statements, or the TLS-only Deny', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Jobs', { enforceSSL: true });
    new events.Rule(stack, 'Hourly', { schedule: events.Schedule.rate(Duration.hours(1)), targets: [new targets.SqsQueue(queue)] });
    new s3.Bucket(stack, 'Uploads').addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(queue));

    expect(securityFindings(stack, 'SQSPolicyGrantsAnyone')).toEqual([]);
  });

  test('does not report "*" scoped to an organization or to a source account', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Jobs');
    queue.grantSendMessages(new iam.OrganizationPrincipal('o-abcdefghij'));
    queue.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: ['sqs:SendMessage'],
      resources: [queue.queueArn],
      conditions: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
    }));

    expect(securityFindings(stack, 'SQSPolicyGrantsAnyone')).toEqual([]);
  });
});
