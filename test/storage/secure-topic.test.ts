import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { StackKey } from '../../src/core/stack-key';
import { SecureTopic, SecureTopicProps } from '../../src/storage';
import { errorOf, expectValidationError, newStack } from '../helpers';

describe('SecureTopic defaults', () => {
  test('encrypts with the stack key, signs with SHA256, and denies publishing without TLS', () => {
    const stack = newStack();
    const topic = new SecureTopic(stack, 'Events');

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': ['SecureServerlessKey92BA37A5', 'Arn'] },
      SignatureVersion: '2',
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: 'EventsD32975C2' }],
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
    expect(topic.masterKey).toBe(StackKey.of(stack));
  });

  test('keeps the logical id of a plain sns.Topic with the same id', () => {
    const stack = newStack();
    new SecureTopic(stack, 'Events');
    const plain = newStack('Plain');
    new sns.Topic(plain, 'Events');

    expect(Object.keys(Template.fromStack(stack).findResources('AWS::SNS::Topic')))
      .toEqual(Object.keys(Template.fromStack(plain).findResources('AWS::SNS::Topic')));
  });

  test('masterKey and signatureVersion are the user\'s to set', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Own', { enableKeyRotation: true });
    new SecureTopic(stack, 'Events', { masterKey: key, signatureVersion: '1' });

    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Own'), 'Arn'] },
      SignatureVersion: '1',
    });
  });
});

describe('SecureTopic methods', () => {
  test('a topic-policy statement for anyone is refused', () => {
    const topic = new SecureTopic(newStack(), 'Events');

    expect(() => topic.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['sns:Subscribe'], resources: [topic.topicArn] })))
      .toThrow(/TestStack\/Events: the resource-policy statement allows sns:Subscribe to any principal.*Fix: grant named principals \(topic.grantPublish\(role\)\)/);
  });

  test('a statement for a service with a source account is accepted', () => {
    const stack = newStack();
    const topic = new SecureTopic(stack, 'Events');

    topic.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
    }));

    Template.fromStack(stack).hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'events.amazonaws.com' } })]) },
    });
  });
});

describe('SecureTopic refuses bad input', () => {
  test.each<[string, SecureTopicProps, RegExp]>([
    ['enforceSSL false', { enforceSSL: false }, /enforceSSL is false; clients could then publish over plain HTTP. Fix: leave out enforceSSL/],
    ['an unknown signature version', { signatureVersion: '3' }, /signatureVersion is '3'; SNS knows '1' \(SHA1\) and '2' \(SHA256\)/],
  ])('fails on %s', (_name, props, message) => {
    expectValidationError(errorOf(() => new SecureTopic(newStack(), 'Events', props)), 'TestStack/Events', message);
  });

  test('fails on the AWS managed key', () => {
    const stack = newStack();
    const awsManaged = kms.Alias.fromAliasName(stack, 'SnsKey', 'alias/aws/sns');

    expectValidationError(errorOf(() => new SecureTopic(stack, 'Events', { masterKey: awsManaged })), 'TestStack/Events',
      /masterKey is the AWS managed key alias\/aws\/sns; its key policy cannot be changed/);
  });
});
