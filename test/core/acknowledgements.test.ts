import { Annotations as CoreAnnotations, CfnResource, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';
import { acknowledgeFindings, FindingAcknowledgement } from '../../src/core/acknowledgements';
import { newStack } from '../helpers';

/** The acknowledged ids and reasons recorded on a construct, in order, as every reader reads them. */
function recorded(construct: IConstruct): Array<[string, unknown]> {
  return construct.node.metadata
    .filter(entry => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap(entry => Object.entries(entry.data as { [id: string]: unknown }));
}

/** The id under which the installed CDK's `Validations.acknowledge` records an unprefixed id. */
function cdkRecordedId(id: string): string {
  const probe = new CfnResource(newStack(), 'Probe', { type: 'AWS::SQS::Queue' });
  Validations.of(probe).acknowledge({ id, reason: 'probe' });
  return recorded(probe)[0][0];
}

function acknowledgementEntries(construct: IConstruct) {
  return construct.node.metadata.filter(entry => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
}

const ACKNOWLEDGEMENTS: FindingAcknowledgement[] = [
  { id: 'Serverless-LambdaDLQ', reason: 'Invoked synchronously only.' },
  { id: 'HIPAA.Security-LambdaDLQ', reason: 'Invoked synchronously only.' },
  { id: 'SecureServerless::LambdaCodeSigning', reason: 'Inline code.' },
];

describe('acknowledgeFindings', () => {
  test('records the same ids and reasons as Validations.acknowledge', () => {
    const stack = newStack();
    const ours = new CfnResource(stack, 'Ours', { type: 'AWS::SQS::Queue' });
    const cdks = new CfnResource(stack, 'Cdks', { type: 'AWS::SQS::Queue' });

    acknowledgeFindings(ours, ...ACKNOWLEDGEMENTS);
    Validations.of(cdks).acknowledge(...ACKNOWLEDGEMENTS);

    expect(recorded(ours)).toEqual(recorded(cdks));
    // The CDK's own prefix for an unprefixed id: `annotation::` on the floor, `Annotation::` on 2.276.
    expect(recorded(ours).map(([id]) => id)).toEqual([
      expect.stringMatching(/^annotation::Serverless-LambdaDLQ$/i), expect.stringMatching(/^annotation::HIPAA\.Security-LambdaDLQ$/i),
      'SecureServerless::LambdaCodeSigning',
    ]);
  });

  test('writes the ids of one call in one entry, with one stack trace', () => {
    const stack = newStack();
    const resource = new CfnResource(stack, 'Queue', { type: 'AWS::SQS::Queue' });

    acknowledgeFindings(resource, ...ACKNOWLEDGEMENTS);

    const entries = acknowledgementEntries(resource);
    expect(entries).toHaveLength(1);
    expect(entries[0].trace?.some(frame => frame.includes('acknowledgements.test.ts'))).toBe(true);
  });

  test('writes an id given twice in one call in two entries, as Validations.acknowledge does', () => {
    const stack = newStack();
    const resource = new CfnResource(stack, 'Queue', { type: 'AWS::SQS::Queue' });

    acknowledgeFindings(resource, { id: 'Rule-A', reason: 'first' }, { id: 'Rule-A', reason: 'second' });

    expect(recorded(resource)).toEqual([[cdkRecordedId('Rule-A'), 'first'], [cdkRecordedId('Rule-A'), 'second']]);
  });

  test('acknowledges the CDK warnings of those ids, as Validations.acknowledge does', () => {
    const stack = newStack();
    const resource = new CfnResource(stack, 'Queue', { type: 'AWS::SQS::Queue' });
    const other = new CfnResource(stack, 'Other', { type: 'AWS::SQS::Queue' });
    CoreAnnotations.of(resource).addWarningV2(cdkRecordedId('Rule-A'), 'Rule A trips here');
    CoreAnnotations.of(other).addWarningV2(cdkRecordedId('Rule-A'), 'Rule A trips there');

    acknowledgeFindings(resource, { id: 'Rule-A', reason: 'By design.' });

    const warnings = Annotations.fromStack(stack);
    warnings.hasNoWarning('/TestStack/Queue', Match.anyValue());
    warnings.hasWarning('/TestStack/Other', Match.stringLikeRegexp('Rule A trips there'));
  });

  test('records an id with a second "::" as it is, where cdk-nag reads it', () => {
    const stack = newStack();
    const resource = new CfnResource(stack, 'Policy', { type: 'AWS::IAM::Policy' });
    const id = 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::bucket/*]';

    acknowledgeFindings(resource, { id, reason: 'Objects of the bucket.' });

    expect(recorded(resource)).toEqual([[id, 'Objects of the bucket.']]);
    expect(resource.getMetadata('cdk_nag')).toEqual({ rules_to_suppress: [{ id, reason: 'Objects of the bucket.' }] });
  });

  test('refuses an id with an empty prefix, as Validations.acknowledge does', () => {
    const stack = newStack();
    const resource = new CfnResource(stack, 'Queue', { type: 'AWS::SQS::Queue' });

    expect(() => acknowledgeFindings(resource, { id: '::Rule-A', reason: 'x' })).toThrow(/Invalid validation rule ID '::Rule-A'/);
  });
});
