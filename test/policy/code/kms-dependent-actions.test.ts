import { kmsActionsInTables, kmsActionsOf } from '../../../src/policy/code/kms-dependent-actions';
import { findAction } from '../../../src/policy/iam/catalogue';

describe('the KMS actions a call needs on a customer managed key', () => {
  test.each([
    ['sqs:SendMessage', undefined, ['kms:GenerateDataKey', 'kms:Decrypt']],
    ['sqs:ReceiveMessage', undefined, ['kms:Decrypt']],
    ['sns:Publish', undefined, ['kms:GenerateDataKey', 'kms:Decrypt']],
    ['s3:GetObject', 's3:GetObject', ['kms:Decrypt']],
    ['s3:PutObject', 's3:PutObject', ['kms:GenerateDataKey']],
    ['dynamodb:Query', undefined, ['kms:Decrypt']],
    ['dynamodb:PutItem', undefined, ['kms:Decrypt']],
    ['kinesis:PutRecords', undefined, ['kms:GenerateDataKey']],
    ['secretsmanager:GetSecretValue', undefined, ['kms:Decrypt']],
  ])('%s (operation %s) needs %j', (action, operation, expected) => {
    expect(kmsActionsOf(action, operation)).toEqual(expected);
  });

  test('a multipart upload needs kms:Decrypt too, though it shares s3:PutObject with PutObject', () => {
    expect(kmsActionsOf('s3:PutObject', 's3:Upload')).toEqual(['kms:GenerateDataKey', 'kms:Decrypt']);
    expect(kmsActionsOf('s3:PutObject', 's3:UploadPart')).toEqual(['kms:GenerateDataKey', 'kms:Decrypt']);
  });

  test('an action that does not touch the data needs no KMS action', () => {
    expect(kmsActionsOf('sqs:GetQueueAttributes', 'sqs:GetQueueAttributes')).toEqual([]);
    expect(kmsActionsOf('s3:ListBucket', 's3:ListObjectsV2')).toEqual([]);
  });

  test('every action of the tables exists in the IAM catalogue', () => {
    expect(kmsActionsInTables().filter(action => findAction(action) === undefined)).toEqual([]);
  });
});
