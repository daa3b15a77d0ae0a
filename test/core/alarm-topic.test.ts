import { Match, Template } from 'aws-cdk-lib/assertions';
import { AlarmTopic } from '../../src';
import { newStack } from '../helpers';

describe('AlarmTopic', () => {
  test('creates one topic per stack, encrypted with the stack key', () => {
    const stack = newStack();

    expect(AlarmTopic.of(stack)).toBe(AlarmTopic.of(stack));

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': ['SecureServerlessKey92BA37A5', 'Arn'] },
    });
  });

  test('refuses publishing without TLS', () => {
    const stack = newStack();
    AlarmTopic.of(stack);

    Template.fromStack(stack).hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Effect: 'Deny',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        })]),
      },
    });
  });
});
