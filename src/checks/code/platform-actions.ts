import { asList, refersTo } from '../../policy/template-json';
import { RenderedResource, mappingOf, resourcesOfType } from '../template-view';

/**
 * The actions Lambda itself uses with the function's role, whatever the code does: writing
 * logs, sending traces, attaching to a VPC, the dead-letter queue or topic, the key of the
 * environment, reading event sources and writing to their failure destinations.
 */
export function platformActionsOf(fn: RenderedResource): string[] {
  const actions = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'];
  const properties = fn.properties;
  if (properties.TracingConfig !== undefined) {
    actions.push('xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:GetSamplingStatisticSummaries');
  }
  if (properties.VpcConfig !== undefined) {
    actions.push('ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
      'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses', 'ec2:DescribeSecurityGroups', 'ec2:DescribeVpcs');
  }
  if (properties.KmsKeyArn !== undefined) {
    actions.push('kms:Decrypt');
  }
  actions.push(...destinationActions(properties.DeadLetterConfig?.TargetArn, fn));
  for (const mapping of resourcesOfType(fn.node, 'AWS::Lambda::EventSourceMapping')) {
    if (!refersTo(mapping.properties.FunctionName, fn.logicalId)) {
      continue;
    }
    actions.push(...eventSourceActions(mapping.properties.EventSourceArn, fn));
    actions.push(...destinationActions(mapping.properties.DestinationConfig?.OnFailure?.Destination, fn));
  }
  for (const config of resourcesOfType(fn.node, 'AWS::Lambda::EventInvokeConfig')) {
    if (refersTo(config.properties.FunctionName, fn.logicalId)) {
      const destinations = config.properties.DestinationConfig ?? {};
      actions.push(...destinationActions(destinations.OnFailure?.Destination, fn), ...destinationActions(destinations.OnSuccess?.Destination, fn));
    }
  }
  for (const layer of asList(properties.Layers as unknown[])) {
    if (isParamsAndSecretsExtension(layer, fn)) {
      actions.push('secretsmanager:GetSecretValue', 'ssm:GetParameter', 'ssm:GetParameters', 'kms:Decrypt');
    }
  }
  return [...new Set(actions)];
}

/** The name every ARN of the AWS Parameters and Secrets Lambda extension's layer contains. */
const PARAMS_AND_SECRETS_LAYER = 'AWS-Parameters-and-Secrets-Lambda-Extension';

/**
 * Whether a layer of the function is the AWS Parameters and Secrets extension, which reads
 * secrets and parameters with the function's role: named by its ARN, or (the CDK's spelling in an
 * environment-agnostic stack) by `Fn::FindInMap` over a mapping whose every value is its ARN in
 * one region.
 */
function isParamsAndSecretsExtension(layer: unknown, fn: RenderedResource): boolean {
  if (typeof layer === 'string') {
    return layer.includes(PARAMS_AND_SECRETS_LAYER);
  }
  const findInMap = (layer as { 'Fn::FindInMap'?: unknown } | null)?.['Fn::FindInMap'];
  if (!Array.isArray(findInMap) || typeof findInMap[0] !== 'string') {
    return false;
  }
  const values = Object.values(mappingOf(fn.node, findInMap[0]) ?? {}).flatMap(byKey => Object.values(byKey));
  return values.length > 0 && values.every(value => typeof value === 'string' && value.includes(PARAMS_AND_SECRETS_LAYER));
}

/** The type of the stack resource an ARN value refers to, or what its literal text says. */
function serviceOfArn(value: unknown, fn: RenderedResource): string | undefined {
  if (typeof value === 'string') {
    return /^arn:[^:]+:([^:]+):/.exec(value)?.[1];
  }
  for (const [type, service] of [['AWS::SQS::Queue', 'sqs'], ['AWS::SNS::Topic', 'sns'], ['AWS::Kinesis::Stream', 'kinesis'],
    ['AWS::DynamoDB::Table', 'dynamodb'], ['AWS::DynamoDB::GlobalTable', 'dynamodb'], ['AWS::S3::Bucket', 's3'],
    ['AWS::Lambda::Function', 'lambda'], ['AWS::Events::EventBus', 'events'], ['AWS::Kafka::Cluster', 'kafka']] as const) {
    if (resourcesOfType(fn.node, type).some(resource => refersTo(value, resource.logicalId))) {
      return service;
    }
  }
  return undefined;
}

function eventSourceActions(arn: unknown, fn: RenderedResource): string[] {
  switch (serviceOfArn(arn, fn)) {
    case 'sqs':
      return ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ChangeMessageVisibility', 'kms:Decrypt'];
    case 'kinesis':
      return ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator',
        'kinesis:ListShards', 'kinesis:ListStreams', 'kinesis:SubscribeToShard', 'kms:Decrypt'];
    case 'dynamodb':
      return ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams', 'kms:Decrypt'];
    default:
      return [];
  }
}

function destinationActions(arn: unknown, fn: RenderedResource): string[] {
  switch (arn === undefined ? undefined : serviceOfArn(arn, fn)) {
    case 'sqs':
      return ['sqs:SendMessage', 'kms:GenerateDataKey', 'kms:Decrypt'];
    case 'sns':
      return ['sns:Publish', 'kms:GenerateDataKey', 'kms:Decrypt'];
    case 'lambda':
      return ['lambda:InvokeFunction'];
    case 'events':
      return ['events:PutEvents'];
    case 's3':
      return ['s3:PutObject', 's3:ListBucket'];
    default:
      return [];
  }
}
