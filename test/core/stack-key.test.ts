import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { StackKey } from '../../src';
import { newStack } from '../helpers';

/** Asserts that the key policy of a stack's key has a statement like this one. */
function expectKeyPolicyStatement(statement: object): void {
  const stack = newStack();
  StackKey.of(stack);

  Template.fromStack(stack).hasResourceProperties('AWS::KMS::Key', {
    KeyPolicy: { Statement: Match.arrayWith([Match.objectLike(statement)]) },
  });
}

describe('StackKey', () => {
  test('creates one key per stack, however often it is asked for', () => {
    // GIVEN
    const stack = newStack();
    const nested = new Construct(stack, 'Nested');

    // WHEN
    const first = StackKey.of(stack);
    const second = StackKey.of(nested);

    // THEN
    expect(second).toBe(first);
    Template.fromStack(stack).resourceCountIs('AWS::KMS::Key', 1);
  });

  test('gives each stack its own key', () => {
    const stack = newStack();
    const other = new Stack(stack.node.root as Construct, 'Other', { env: { account: '111111111111', region: 'eu-west-1' } });

    expect(StackKey.of(stack)).not.toBe(StackKey.of(other));
    Template.fromStack(other).resourceCountIs('AWS::KMS::Key', 1);
  });

  test('rotates yearly and is retained when the stack is deleted', () => {
    const stack = newStack();
    StackKey.of(stack);

    Template.fromStack(stack).hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({ EnableKeyRotation: true, RotationPeriodInDays: 365 }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('keeps its logical id, because replacing a key loses every piece of data it encrypted', () => {
    const stack = newStack();
    StackKey.of(stack);

    expect(Object.keys(Template.fromStack(stack).findResources('AWS::KMS::Key'))).toEqual(['SecureServerlessKey92BA37A5']);
  });

  test('lets CloudWatch Logs of this region use it, with no wildcard action, for log groups of this account and region only', () => {
    expectKeyPolicyStatement({
      Sid: 'AllowCloudWatchLogsOfThisAccountAndRegion',
      Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
      // AWS documents kms:Encrypt*, Decrypt*, ReEncrypt*, GenerateDataKey*, Describe*: the same, spelled out.
      Action: [
        'kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey',
        'kms:GenerateDataKeyWithoutPlaintext', 'kms:GenerateDataKeyPair', 'kms:GenerateDataKeyPairWithoutPlaintext', 'kms:DescribeKey',
      ],
      Condition: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': {
            'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-1:111111111111:log-group:*']],
          },
        },
      },
    });
  });

  test('lets S3 notifications of this account deliver to encrypted queues and topics', () => {
    expectKeyPolicyStatement({
      Sid: 'AllowS3NotificationsOfThisAccountToEncryptedQueuesAndTopics',
      Principal: { Service: 's3.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
    });
  });

  test('lets SNS, CloudWatch alarms and EventBridge rules deliver to encrypted queues and topics of this account and region', () => {
    expectKeyPolicyStatement({
      Sid: 'AllowSnsAlarmsAndRulesToDeliverToEncryptedQueuesAndTopics',
      Principal: { Service: ['sns.amazonaws.com', 'cloudwatch.amazonaws.com', 'events.amazonaws.com'] },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': '111111111111' } }),
    });
  });
});
