import { acknowledgementFor, assemblyAcknowledgements, templateAcknowledgements } from '../../src/cli/acknowledgements';
import { resourceLines } from '../../src/cli/template-lines';

describe('resourceLines', () => {
  test('finds resources in pretty-printed JSON, not keys nested inside them', () => {
    const text = JSON.stringify({ Parameters: { Queue: {} }, Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { Bucket: 1 } }, Bucket: { Type: 'AWS::S3::Bucket' } } }, null, 1);
    expect([...resourceLines(text)]).toEqual([['Queue', 6], ['Bucket', 12]]);
  });

  test('finds resources in block YAML and stops at the next section', () => {
    const text = 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n\n  Topic:\n    Type: AWS::SNS::Topic\nOutputs:\n  Other:\n    Value: 1\n';
    expect([...resourceLines(text)]).toEqual([['Queue', 2], ['Topic', 5]]);
  });

  test('finds nothing in a one-line template (everything is on line 1 then)', () => {
    expect(resourceLines('{"Resources":{"Queue":{"Type":"AWS::SQS::Queue"}}}').size).toBe(0);
  });
});

describe('acknowledgementFor', () => {
  const template = templateAcknowledgements({
    cdk_nag: {
      rules_to_suppress: [
        { id: 'AwsSolutions-IAM4', reason: 'every finding' },
        { id: 'AwsSolutions-IAM5', reason: 'one finding', applies_to: ['Resource::*', { regex: '/^Action::s3:.*$/g' }] },
        { id: 42 },
      ],
    },
  });

  test('covers every finding of a rule when the entry has no appliesTo (cdk-nag 2)', () => {
    expect(acknowledgementFor('AwsSolutions-IAM4[Policy::arn:aws:iam::aws:policy/AdministratorAccess]', template)?.reason).toBe('every finding');
  });

  test('covers only the findings appliesTo names, as strings or regexes', () => {
    expect(acknowledgementFor('AwsSolutions-IAM5[Resource::*]', template)).toBeDefined();
    expect(acknowledgementFor('AwsSolutions-IAM5[Action::s3:GetObject*]', template)).toBeDefined();
    expect(acknowledgementFor('AwsSolutions-IAM5[Action::kms:*]', template)).toBeUndefined();
  });

  test('ignores malformed entries', () => {
    expect(template).toHaveLength(2);
    expect(templateAcknowledgements({ cdk_nag: { rules_to_suppress: 'all' } })).toEqual([]);
  });

  test('reads cdk-nag 3 acknowledgements of the resource and its ancestors from the assembly, exact ids only', () => {
    const metadata = new Map([
      ['Stack/Fn', [{ type: 'aws:cdk:acknowledged-rules', data: { 'Annotation::SecureServerless-LambdaTracing': 'traced otherwise' } }]],
      ['Stack/Fn/Resource', [{ type: 'aws:cdk:acknowledged-rules', data: { 'SecureServerless-LambdaEnvironmentSecrets': 'not secrets' } }]],
    ]);
    const acknowledgements = assemblyAcknowledgements(metadata, 'Stack/Fn/Resource');
    expect(acknowledgementFor('SecureServerless-LambdaTracing', acknowledgements)?.reason).toBe('traced otherwise');
    expect(acknowledgementFor('SecureServerless-LambdaEnvironmentSecrets[DB_PASSWORD]', acknowledgements)).toBeUndefined();
  });
});
