import { App, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { securityFindings } from './helpers';
import { SecureQueue, SecureTable } from '../../src';

const RECEIVE = `
const { SQSClient, ReceiveMessageCommand } = require('@aws-sdk/client-sqs');
exports.handler = async () => new SQSClient({}).send(new ReceiveMessageCommand({ QueueUrl: process.env.QUEUE_URL }));`;
const SEND = `
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
exports.handler = async () => new SQSClient({}).send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: 'x' }));`;
const GET_ITEM = `
const { DynamoDBClient, GetItemCommand } = require('@aws-sdk/client-dynamodb');
exports.handler = async () => new DynamoDBClient({}).send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: {} }));`;
const UPLOAD = `
const { S3Client } = require('@aws-sdk/client-s3');
const { Upload } = require('@aws-sdk/lib-storage');
exports.handler = async () => new Upload({ client: new S3Client({}), params: { Bucket: process.env.BUCKET, Key: 'k', Body: 'b' } }).done();`;

function stackWith() {
  const app = new App();
  return new Stack(app, 'Stack');
}

function functionRunning(stack: Stack, code: string, environment: { [key: string]: string }) {
  return new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline(code), environment });
}

describe('LambdaMissingPermission: the KMS actions of a resource encrypted with a customer managed key', () => {
  test('receiving from a CMK queue without kms:Decrypt on its key is flagged', () => {
    const stack = stackWith();
    const queue = new sqs.Queue(stack, 'Jobs', { encryptionMasterKey: new kms.Key(stack, 'Key') });
    const fn = functionRunning(stack, RECEIVE, { QUEUE_URL: queue.queueUrl });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage'], resources: [queue.queueArn] }));

    expect(securityFindings(stack, 'LambdaMissingPermission')).toEqual([
      'SecureServerless-LambdaMissingPermission[kms:Decrypt] Stack/Fn/Resource',
    ]);
  });

  test('sending to a CMK queue needs kms:GenerateDataKey and kms:Decrypt', () => {
    const stack = stackWith();
    const queue = new sqs.Queue(stack, 'Jobs', { encryptionMasterKey: new kms.Key(stack, 'Key') });
    const fn = functionRunning(stack, SEND, { QUEUE_URL: queue.queueUrl });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }));

    expect(securityFindings(stack, 'LambdaMissingPermission').sort()).toEqual([
      'SecureServerless-LambdaMissingPermission[kms:Decrypt] Stack/Fn/Resource',
      'SecureServerless-LambdaMissingPermission[kms:GenerateDataKey] Stack/Fn/Resource',
    ]);
  });

  test('the queue\'s grant, which includes its key, satisfies it', () => {
    const stack = stackWith();
    const queue = new sqs.Queue(stack, 'Jobs', { encryptionMasterKey: new kms.Key(stack, 'Key') });
    const fn = functionRunning(stack, SEND, { QUEUE_URL: queue.queueUrl });
    queue.grantSendMessages(fn);

    expect(securityFindings(stack, 'LambdaMissingPermission')).toEqual([]);
  });

  test('a SecureQueue (the stack key) and its grant: nothing missing', () => {
    const stack = stackWith();
    const queue = new SecureQueue(stack, 'Jobs');
    const fn = functionRunning(stack, RECEIVE, { QUEUE_URL: queue.queueUrl });
    queue.grantConsumeMessages(fn);

    expect(securityFindings(stack, 'LambdaMissingPermission')).toEqual([]);
  });

  test('a SecureQueue granted by hand without its key is flagged', () => {
    const stack = stackWith();
    const queue = new SecureQueue(stack, 'Jobs');
    const fn = functionRunning(stack, RECEIVE, { QUEUE_URL: queue.queueUrl });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage'], resources: [queue.queueArn] }));

    expect(securityFindings(stack, 'LambdaMissingPermission')).toEqual([
      'SecureServerless-LambdaMissingPermission[kms:Decrypt] Stack/Fn/Resource',
    ]);
  });

  test('kms:Decrypt on another key does not count', () => {
    const stack = stackWith();
    const queue = new sqs.Queue(stack, 'Jobs', { encryptionMasterKey: new kms.Key(stack, 'Key') });
    const other = new kms.Key(stack, 'Other');
    const fn = functionRunning(stack, RECEIVE, { QUEUE_URL: queue.queueUrl });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage'], resources: [queue.queueArn] }));
    other.grantDecrypt(fn);

    expect(securityFindings(stack, 'LambdaMissingPermission')).toEqual([
      'SecureServerless-LambdaMissingPermission[kms:Decrypt] Stack/Fn/Resource',
    ]);
  });

  test('a key policy that allows the role itself satisfies it', () => {
    const stack = stackWith();
    const key = new kms.Key(stack, 'Key');
    const queue = new sqs.Queue(stack, 'Jobs', { encryptionMasterKey: key });
    const fn = functionRunning(stack, RECEIVE, { QUEUE_URL: queue.queueUrl });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage'], resources: [queue.queueArn] }));
    key.addToResourcePolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt'], principals: [fn.role!], resources: ['*'] }));

    expect(securityFindings(stack, 'LambdaMissingPermission')).toEqual([]);
  });

  test('near miss: an SQS-managed or AWS managed key needs no KMS grant', () => {
    const stack = stackWith();
    const queue = new sqs.Queue(stack, 'Jobs', { encryption: sqs.QueueEncryption.KMS_MANAGED });
    const fn = functionRunning(stack, RECEIVE, { QUEUE_URL: queue.queueUrl });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage'], resources: [queue.queueArn] }));

    expect(securityFindings(stack, 'LambdaMissingPermission')).toEqual([]);
  });

  test('reading a CMK table (SecureTable) granted only dynamodb:GetItem lacks kms:Decrypt', () => {
    const stack = stackWith();
    const table = new SecureTable(stack, 'Orders', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    const fn = functionRunning(stack, GET_ITEM, { TABLE_NAME: table.tableName });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.tableArn] }));

    expect(securityFindings(stack, 'LambdaMissingPermission')).toEqual([
      'SecureServerless-LambdaMissingPermission[kms:Decrypt] Stack/Fn/Resource',
    ]);
  });

  test('an L1 table with SSESpecification naming a key of the stack is read the same way', () => {
    const stack = stackWith();
    const key = new kms.Key(stack, 'Key');
    const table = new dynamodb.CfnTable(stack, 'Orders', {
      keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
      billingMode: 'PAY_PER_REQUEST',
      sseSpecification: { sseEnabled: true, sseType: 'KMS', kmsMasterKeyId: key.keyArn },
    });
    const fn = functionRunning(stack, GET_ITEM, { TABLE_NAME: table.ref });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.attrArn] }));

    expect(securityFindings(stack, 'LambdaMissingPermission')).toEqual([
      'SecureServerless-LambdaMissingPermission[kms:Decrypt] Stack/Fn/Resource',
    ]);
  });

  test('a multipart upload to an SSE-KMS bucket granted put only lacks kms:GenerateDataKey and kms:Decrypt', () => {
    const stack = stackWith();
    const bucket = new s3.Bucket(stack, 'Files', { encryption: s3.BucketEncryption.KMS, encryptionKey: new kms.Key(stack, 'Key') });
    const fn = functionRunning(stack, UPLOAD, { BUCKET: bucket.bucketName });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:AbortMultipartUpload'], resources: [bucket.arnForObjects('*')] }));

    expect(securityFindings(stack, 'LambdaMissingPermission').sort()).toEqual([
      'SecureServerless-LambdaMissingPermission[kms:Decrypt] Stack/Fn/Resource',
      'SecureServerless-LambdaMissingPermission[kms:GenerateDataKey] Stack/Fn/Resource',
    ]);
  });

  test('bucket.grantPut, which includes the key, satisfies the upload', () => {
    const stack = stackWith();
    const bucket = new s3.Bucket(stack, 'Files', { encryption: s3.BucketEncryption.KMS, encryptionKey: new kms.Key(stack, 'Key') });
    const fn = functionRunning(stack, UPLOAD, { BUCKET: bucket.bucketName });
    bucket.grantPut(fn);
    bucket.grantRead(fn);

    expect(securityFindings(stack, 'LambdaMissingPermission')).toEqual([]);
  });
});

describe('LambdaUnusedPermission: KMS actions are used exactly as the calls need them', () => {
  test('receiving from a CMK queue uses kms:Decrypt; kms:Encrypt and kms:GenerateDataKey on its key are unused', () => {
    const stack = stackWith();
    const key = new kms.Key(stack, 'Key');
    const queue = new sqs.Queue(stack, 'Jobs', { encryptionMasterKey: key });
    const fn = functionRunning(stack, RECEIVE, { QUEUE_URL: queue.queueUrl });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage'], resources: [queue.queueArn] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'], resources: [key.keyArn] }));

    const unused = securityFindings(stack, 'LambdaUnusedPermission').filter(line => line.includes('[kms:'));
    expect(unused).toEqual([
      'SecureServerless-LambdaUnusedPermission[kms:Encrypt] Stack/Fn/Resource',
      'SecureServerless-LambdaUnusedPermission[kms:GenerateDataKey] Stack/Fn/Resource',
    ]);
  });

  test('sending to a CMK queue uses kms:GenerateDataKey and kms:Decrypt: neither is unused', () => {
    const stack = stackWith();
    const key = new kms.Key(stack, 'Key');
    const queue = new sqs.Queue(stack, 'Jobs', { encryptionMasterKey: key });
    const fn = functionRunning(stack, SEND, { QUEUE_URL: queue.queueUrl });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [key.keyArn] }));

    expect(securityFindings(stack, 'LambdaUnusedPermission').filter(line => line.includes('[kms:'))).toEqual([]);
  });
});
