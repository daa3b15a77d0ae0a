import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import { securityFindings } from './helpers';
import { AlarmTopic } from '../../src';
import { SNS_RULES } from '../../src/checks/rules/sns';
import { ruleName } from '../../src/checks/security-rule';

function newStack(): Stack {
  return new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
}

/** The findings of the SNS rules only. */
function snsFindings(stack: Stack): string[] {
  const names = SNS_RULES.map(ruleName);
  return securityFindings(stack).filter(finding => names.some(name => finding.startsWith(`SecureServerless-${name} `)));
}

/** A topic policy statement that denies `actions` to everyone without TLS. */
function denyWithoutTls(topic: sns.CfnTopic, actions: string[]): object {
  return { Effect: 'Deny', Principal: '*', Action: actions, Resource: topic.ref, Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
}

describe('SNS rule data', () => {
  test.each(['SNSEncrypted', 'SNSTlsOnly', 'SNSPolicyGrantsAnyone'])('%s is listed in SNS_RULES with what, why and fix', name => {
    const rule = SNS_RULES.find(candidate => ruleName(candidate) === name);

    expect(rule).toBeDefined();
    expect(rule!.what).not.toEqual('');
    expect(rule!.why).not.toEqual('');
    expect(rule!.fix).not.toEqual('');
  });
});

describe('hand-hardened topics', () => {
  test('an sns.Topic with a KMS key and enforceSSL has no SNS finding', () => {
    const stack = newStack();
    new sns.Topic(stack, 'Events', { masterKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }), enforceSSL: true });

    expect(snsFindings(stack)).toEqual([]);
  });

  test('the stack alarm topic, AlarmTopic.of(stack), has no SNS finding', () => {
    const stack = newStack();
    AlarmTopic.of(stack);

    expect(snsFindings(stack)).toEqual([]);
  });
});

describe('SNSEncrypted', () => {
  test('reports a topic without a KMS key', () => {
    const stack = newStack();
    new sns.Topic(stack, 'Events');

    expect(securityFindings(stack, 'SNSEncrypted')).toEqual(['SecureServerless-SNSEncrypted S/Events/Resource']);
  });

  test('reports a key removed by a property override', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Events', { masterKey: new kms.Key(stack, 'Key') });
    (topic.node.defaultChild as sns.CfnTopic).addPropertyDeletionOverride('KmsMasterKeyId');

    expect(securityFindings(stack, 'SNSEncrypted')).toEqual(['SecureServerless-SNSEncrypted S/Events/Resource']);
  });

  test('accepts a customer-managed key and the AWS managed key alias/aws/sns', () => {
    const stack = newStack();
    new sns.Topic(stack, 'Events', { masterKey: new kms.Key(stack, 'Key') });
    new sns.CfnTopic(stack, 'Managed', { kmsMasterKeyId: 'alias/aws/sns' });

    expect(securityFindings(stack, 'SNSEncrypted')).toEqual([]);
  });
});

describe('SNSTlsOnly', () => {
  test('reports a topic without a topic policy', () => {
    const stack = newStack();
    new sns.Topic(stack, 'Events');

    expect(securityFindings(stack, 'SNSTlsOnly')).toEqual(['SecureServerless-SNSTlsOnly S/Events/Resource']);
  });

  test('reports a topic whose policy denies insecure transport for sns:Subscribe only', () => {
    const stack = newStack();
    const topic = new sns.CfnTopic(stack, 'Events');
    new sns.CfnTopicPolicy(stack, 'Policy', { topics: [topic.ref], policyDocument: { Statement: [denyWithoutTls(topic, ['sns:Subscribe'])] } });

    expect(securityFindings(stack, 'SNSTlsOnly')).toEqual(['SecureServerless-SNSTlsOnly S/Events']);
  });

  test('reports a topic when the TLS-only policy belongs to another topic', () => {
    const stack = newStack();
    new sns.Topic(stack, 'Events');
    new sns.Topic(stack, 'Other', { enforceSSL: true });

    expect(securityFindings(stack, 'SNSTlsOnly')).toEqual(['SecureServerless-SNSTlsOnly S/Events/Resource']);
  });

  test('accepts enforceSSL (a Deny of sns:Publish without TLS)', () => {
    const stack = newStack();
    new sns.Topic(stack, 'Events', { enforceSSL: true });

    expect(securityFindings(stack, 'SNSTlsOnly')).toEqual([]);
  });

  test('accepts a TopicInlinePolicy that denies every SNS action without TLS', () => {
    const stack = newStack();
    const topic = new sns.CfnTopic(stack, 'Events');
    new sns.CfnTopicInlinePolicy(stack, 'Policy', { topicArn: topic.ref, policyDocument: { Statement: [denyWithoutTls(topic, ['sns:*'])] } });

    expect(securityFindings(stack, 'SNSTlsOnly')).toEqual([]);
  });

  test('accepts an L1 TopicPolicy that names the topic by a literal ARN', () => {
    const stack = newStack();
    const topic = new sns.CfnTopic(stack, 'Events', { topicName: 'events' });
    new sns.CfnTopicPolicy(stack, 'Policy', {
      topics: ['arn:aws:sns:eu-west-1:111111111111:events'],
      policyDocument: { Statement: [denyWithoutTls(topic, ['sns:Publish'])] },
    });

    expect(securityFindings(stack, 'SNSTlsOnly')).toEqual([]);
  });
});

describe('SNSPolicyGrantsAnyone', () => {
  test('reports publishing rights for iam.AnyPrincipal', () => {
    const stack = newStack();
    new sns.Topic(stack, 'Events').grantPublish(new iam.AnyPrincipal());

    expect(securityFindings(stack, 'SNSPolicyGrantsAnyone')).toEqual(['SecureServerless-SNSPolicyGrantsAnyone S/Events/Policy/Resource']);
  });

  test('reports sns:Subscribe for "*" in a TopicInlinePolicy', () => {
    const stack = newStack();
    const topic = new sns.CfnTopic(stack, 'Events');
    new sns.CfnTopicInlinePolicy(stack, 'Policy', {
      topicArn: topic.ref,
      policyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 'sns:Subscribe', Resource: topic.ref }] },
    });

    expect(securityFindings(stack, 'SNSPolicyGrantsAnyone')).toEqual(['SecureServerless-SNSPolicyGrantsAnyone S/Policy']);
  });

  test('does not report the TLS-only Deny that enforceSSL writes', () => {
    const stack = newStack();
    new sns.Topic(stack, 'Events', { enforceSSL: true });

    expect(securityFindings(stack, 'SNSPolicyGrantsAnyone')).toEqual([]);
  });

  test('does not report S3 event notifications (s3.amazonaws.com with aws:SourceArn)', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Events');
    new s3.Bucket(stack, 'Uploads').addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SnsDestination(topic));

    expect(securityFindings(stack, 'SNSPolicyGrantsAnyone')).toEqual([]);
  });

  test('does not report "*" scoped by AWS:SourceOwner (the policy SNS gives a new topic) or by organization', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Events');
    topic.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: ['sns:Publish', 'sns:Subscribe'],
      resources: [topic.topicArn],
      conditions: { StringEquals: { 'AWS:SourceOwner': '111111111111' } },
    }));
    topic.grantPublish(new iam.OrganizationPrincipal('o-abcdefghij'));

    expect(securityFindings(stack, 'SNSPolicyGrantsAnyone')).toEqual([]);
  });
});
