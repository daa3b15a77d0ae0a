import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { literalString } from './function-references';
import { referencedResource, rendered } from '../../template-view';

/** What an event source is, for the purpose of failure handling. */
enum SourceKind {
  /** Kinesis, DynamoDB streams, Amazon MSK, self-managed Kafka: a failing batch blocks its shard or partition, then expires. */
  STREAM = 'stream',
  /** SQS, Amazon MQ, DocumentDB…: not a stream this rule judges. */
  OTHER = 'other',
  /** Not known from the template. */
  UNKNOWN = 'unknown',
}

/** Stream sources by the service of their ARN. */
const STREAM_ARN = /^arn:[^:]+:(kinesis|kafka):|^arn:[^:]+:dynamodb:[^:]*:[^:]*:table\/[^/]+\/stream\//;

/** The resource types (and the attribute, `Ref` when absent) whose ARN is a stream source. */
const STREAM_RESOURCES: ReadonlyArray<{ readonly type: string; readonly attributes?: string[] }> = [
  { type: 'AWS::Kinesis::Stream' },
  { type: 'AWS::Kinesis::StreamConsumer' },
  { type: 'AWS::DynamoDB::Table', attributes: ['StreamArn'] },
  { type: 'AWS::DynamoDB::GlobalTable', attributes: ['StreamArn'] },
  { type: 'AWS::MSK::Cluster' },
  { type: 'AWS::MSK::ServerlessCluster' },
];

/**
 * An event-source mapping that reads a stream (Kinesis, a DynamoDB stream, Amazon MSK or
 * self-managed Kafka) without `DestinationConfig.OnFailure.Destination`: a batch that keeps
 * failing blocks its shard until the records expire, and then they are lost without trace.
 *
 * The source is worked out from `SelfManagedEventSource`, from a literal `EventSourceArn`, or
 * from the stack resource that `EventSourceArn` refers to. An SQS source is not applicable:
 * the queue's redrive policy handles failed messages. When the source cannot be worked out
 * (an imported ARN), `StartingPosition` decides: only stream sources take one.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::Lambda::EventSourceMapping') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = rendered(node).properties;
  let kind = sourceKind(node, properties);
  if (kind === SourceKind.UNKNOWN) {
    kind = properties.StartingPosition !== undefined ? SourceKind.STREAM : SourceKind.OTHER;
  }
  if (kind !== SourceKind.STREAM) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const destination = properties.DestinationConfig?.OnFailure?.Destination;
  return destination !== undefined && destination !== '' ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });

function sourceKind(node: CfnResource, properties: { [key: string]: any }): SourceKind {
  if (properties.SelfManagedEventSource !== undefined) {
    return SourceKind.STREAM;
  }
  const arn = properties.EventSourceArn;
  if (arn === undefined) {
    return SourceKind.UNKNOWN;
  }
  const literal = literalString(arn);
  if (literal !== undefined) {
    return STREAM_ARN.test(literal) ? SourceKind.STREAM : SourceKind.OTHER;
  }
  const source = referencedResource(node, arn);
  if (source === undefined) {
    return SourceKind.UNKNOWN;
  }
  const stream = STREAM_RESOURCES.find(candidate => candidate.type === source.type);
  if (stream === undefined) {
    return SourceKind.OTHER;
  }
  return stream.attributes === undefined || stream.attributes.some(attribute => refersToAttribute(arn, source.logicalId, attribute))
    ? SourceKind.STREAM
    : SourceKind.OTHER;
}

/** Whether the value is `Fn::GetAtt` of this attribute of the resource. */
function refersToAttribute(value: unknown, logicalId: string, attribute: string): boolean {
  const getAtt = (value as { 'Fn::GetAtt'?: unknown } | null)?.['Fn::GetAtt'];
  if (Array.isArray(getAtt)) {
    return getAtt[0] === logicalId && getAtt[1] === attribute;
  }
  return getAtt === `${logicalId}.${attribute}`;
}
