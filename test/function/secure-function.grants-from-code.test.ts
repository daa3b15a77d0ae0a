import { join } from 'path';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SecureBucket, SecureFunction, SecureFunctionProps, SecureQueue, SecureTable } from '../../src';
import { securityFindings } from '../checks/helpers';
import { errorOf, expectValidationError, newStack } from '../helpers';

const READ_ORDER = `
const { DynamoDBClient, GetItemCommand, QueryCommand } = require('@aws-sdk/client-dynamodb');
const client = new DynamoDBClient({});
exports.handler = async (event) => {
  await client.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: {} }));
  return client.send(new QueryCommand({ TableName: process.env.TABLE_NAME, IndexName: 'byDate' }));
};`;

/** The statements of the function's execution policy, resolved. */
function executionStatements(stack: Stack, fn: SecureFunction): unknown[] {
  const policy = Template.fromStack(stack).toJSON().Resources[stack.resolve((fn.executionPolicy!.node.defaultChild as any).logicalId)];
  return policy.Properties.PolicyDocument.Statement;
}

/** A Node.js SecureFunction 'Fn' with an `index.handler`, as every test here writes it. */
function nodeFunction(stack: Stack, props: Omit<SecureFunctionProps, 'runtime' | 'handler'>): SecureFunction {
  return new SecureFunction(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', ...props });
}

function table(stack: Stack, id = 'Orders') {
  return new SecureTable(stack, id, { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
}

describe('SecureFunction grantsFromCode', () => {
  test('grants exactly the actions the code calls, on the table its variable names, with the key\'s kms:Decrypt', () => {
    // GIVEN
    const stack = newStack();
    const orders = table(stack);

    // WHEN
    const fn = nodeFunction(stack, {
      code: lambda.Code.fromInline(READ_ORDER),
      environment: { TABLE_NAME: orders.tableName },
      grantsFromCode: true,
    });

    // THEN
    const statements = executionStatements(stack, fn);
    const tableArn = stack.resolve(orders.tableArn);
    expect(statements).toEqual(expect.arrayContaining([
      { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: tableArn },
      { Effect: 'Allow', Action: 'dynamodb:Query', Resource: [tableArn, { 'Fn::Join': ['', [tableArn, '/index/*']] }] },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: stack.resolve(orders.encryptionKey!.keyArn) },
    ]));
    expect(JSON.stringify(statements)).not.toMatch(/dynamodb:(PutItem|DeleteItem|Scan)/);
  });

  test('reads a Python handler and grants object actions on the bucket\'s objects and listing on the bucket', () => {
    const stack = newStack();
    const bucket = new SecureBucket(stack, 'Files');
    const fn = new SecureFunction(stack, 'Fn', {
      runtime: lambda.Runtime.PYTHON_3_13,
      handler: 'index.handler',
      code: lambda.Code.fromInline([
        'import os, boto3',
        's3 = boto3.client("s3")',
        'def handler(event, context):',
        '    s3.list_objects_v2(Bucket=os.environ["BUCKET"])',
        '    return s3.get_object(Bucket=os.environ["BUCKET"], Key="k")',
      ].join('\n')),
      environment: { BUCKET: bucket.bucketName },
      grantsFromCode: true,
    });

    const bucketArn = stack.resolve(bucket.bucketArn);
    expect(executionStatements(stack, fn)).toEqual(expect.arrayContaining([
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketArn },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Join': ['', [bucketArn, '/*']] } },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: stack.resolve(bucket.encryptionKey!.keyArn) },
    ]));
  });

  test('sending to a SecureQueue is granted kms:GenerateDataKey and kms:Decrypt on the stack key', () => {
    const stack = newStack();
    const queue = new SecureQueue(stack, 'Jobs');
    const fn = nodeFunction(stack, {
      code: lambda.Code.fromInline(`
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
exports.handler = async () => new SQSClient({}).send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: 'x' }));`),
      environment: { QUEUE_URL: queue.queueUrl },
      grantsFromCode: true,
    });

    expect(executionStatements(stack, fn)).toEqual(expect.arrayContaining([
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: stack.resolve(queue.queueArn) },
      { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: stack.resolve(queue.encryptionMasterKey!.keyArn) },
    ]));
  });

  test('reads the handler and its local imports from an asset folder', () => {
    const stack = newStack();
    const orders = table(stack);
    const fn = nodeFunction(stack, {
      code: lambda.Code.fromAsset(join(__dirname, '..', 'fixtures', 'handlers', 'orders')),
      environment: { TABLE_NAME: orders.tableName },
      grantsFromCode: true,
    });

    expect(JSON.stringify(executionStatements(stack, fn))).toContain('dynamodb:GetItem');
  });

  test('grants nothing from code unless asked', () => {
    const stack = newStack();
    const orders = table(stack);
    const fn = nodeFunction(stack, {
      code: lambda.Code.fromInline(READ_ORDER),
      environment: { TABLE_NAME: orders.tableName },
    });

    expect(JSON.stringify(executionStatements(stack, fn))).not.toContain('dynamodb:');
  });

  test('the pack then finds no unused nor missing permission for it', () => {
    const stack = newStack();
    const orders = table(stack);
    nodeFunction(stack, {
      code: lambda.Code.fromInline(READ_ORDER),
      environment: { TABLE_NAME: orders.tableName },
      grantsFromCode: true,
    });

    expect([...securityFindings(stack, 'LambdaUnusedPermission'), ...securityFindings(stack, 'LambdaMissingPermission')]).toEqual([]);
  });

  test('fails if a call names no resource of the stack through an environment variable', () => {
    const stack = newStack();
    const error = errorOf(() => nodeFunction(stack, {
      code: lambda.Code.fromInline(READ_ORDER),
      environment: { TABLE_NAME: 'orders-by-hand' },
      grantsFromCode: true,
    }));

    expectValidationError(error, 'TestStack/Fn', /grantsFromCode: index\.js:5 calls dynamodb:GetItem, and no environment variable/);
  });

  test('fails if the code calls AWS in a way the analysis cannot resolve, naming the file and line', () => {
    const stack = newStack();
    const error = errorOf(() => new SecureFunction(stack, 'Fn', {
      runtime: lambda.Runtime.PYTHON_3_13,
      handler: 'index.handler',
      code: lambda.Code.fromInline('import boto3\nc = boto3.client("s3")\ndef handler(event, context):\n    return getattr(c, event["op"])()'),
      grantsFromCode: true,
    }));

    expectValidationError(error, 'TestStack/Fn', /grantsFromCode: index\.py:4: getattr names a boto3 method built at run time/);
  });

  test('fails if the code is not one the analysis can read (code in S3)', () => {
    const stack = newStack();
    const error = errorOf(() => nodeFunction(stack, {
      code: lambda.Code.fromBucket(new s3.Bucket(stack, 'Code'), 'fn.zip'),
      grantsFromCode: true,
    }));

    expectValidationError(error, 'TestStack/Fn', /grantsFromCode: its code .* is not inline code or an asset folder/);
  });
});
