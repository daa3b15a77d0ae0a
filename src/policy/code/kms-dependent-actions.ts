/**
 * The KMS actions a caller needs, besides the service's own action, when the resource it calls is
 * encrypted with a customer managed key: the service calls KMS with the caller's credentials, so
 * the caller's role must allow these on the key (or the key policy must allow them to the role).
 * An AWS managed key (`alias/aws/sqs`…) needs none of them: its key policy allows every principal
 * of the account through the service.
 *
 * Sources, from AWS's documentation:
 * - SQS: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html
 *   ("Example policy for producers: kms:GenerateDataKey, kms:Decrypt"; consumers: kms:Decrypt).
 * - SNS: https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html
 *   (publishers to an encrypted topic need kms:GenerateDataKey* and kms:Decrypt).
 * - S3: https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
 *   (uploading needs kms:GenerateDataKey, downloading kms:Decrypt) and
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html#mpuAndPermissions
 *   (a multipart upload to an SSE-KMS bucket needs kms:GenerateDataKey and kms:Decrypt).
 * - DynamoDB: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.howitworks.html
 *   (DynamoDB decrypts the table key with kms:Decrypt on the caller's behalf, `kms:ViaService`
 *   DynamoDB, for reads and writes alike; the table key itself is generated when the table is
 *   created, by the principal that creates it, not by the function).
 * - Kinesis: https://docs.aws.amazon.com/streams/latest/dev/permissions-user-key-KMS.html
 *   (producers need kms:GenerateDataKey, consumers kms:Decrypt).
 * - Secrets Manager: https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html
 *   (GetSecretValue needs kms:Decrypt; PutSecretValue and UpdateSecret with a value need
 *   kms:GenerateDataKey).
 *
 * The S3 and Kinesis lines were checked against the text of those pages, the SNS line against a
 * page quoting AWS's; the SQS, DynamoDB and Secrets Manager lines against what the CDK's own grants
 * add for a customer managed key (`queue.grantSendMessages` adds `kms:GenerateDataKey*` and
 * `kms:Decrypt`, `grantConsumeMessages`, `table.grantReadData` and `secret.grantRead` add
 * `kms:Decrypt`), their pages' exact text not re-read.
 *
 * Keyed by the IAM action the call needs (`sqs:SendMessage`), or by the SDK operation
 * (`s3:CreateMultipartUpload`) where operations that share an action need different keys'
 * actions: the operation's entry wins.
 */
const KMS_ACTIONS_OF_ACTION: { readonly [action: string]: readonly string[] } = {
  'sqs:SendMessage': ['kms:GenerateDataKey', 'kms:Decrypt'],
  'sqs:ReceiveMessage': ['kms:Decrypt'],
  'sns:Publish': ['kms:GenerateDataKey', 'kms:Decrypt'],
  's3:GetObject': ['kms:Decrypt'],
  's3:GetObjectVersion': ['kms:Decrypt'],
  's3:PutObject': ['kms:GenerateDataKey'],
  'dynamodb:GetItem': ['kms:Decrypt'],
  'dynamodb:BatchGetItem': ['kms:Decrypt'],
  'dynamodb:Query': ['kms:Decrypt'],
  'dynamodb:Scan': ['kms:Decrypt'],
  'dynamodb:PutItem': ['kms:Decrypt'],
  'dynamodb:UpdateItem': ['kms:Decrypt'],
  'dynamodb:DeleteItem': ['kms:Decrypt'],
  'dynamodb:BatchWriteItem': ['kms:Decrypt'],
  'dynamodb:ConditionCheckItem': ['kms:Decrypt'],
  'dynamodb:PartiQLSelect': ['kms:Decrypt'],
  'dynamodb:PartiQLInsert': ['kms:Decrypt'],
  'dynamodb:PartiQLUpdate': ['kms:Decrypt'],
  'dynamodb:PartiQLDelete': ['kms:Decrypt'],
  'kinesis:PutRecord': ['kms:GenerateDataKey'],
  'kinesis:PutRecords': ['kms:GenerateDataKey'],
  'kinesis:GetRecords': ['kms:Decrypt'],
  'secretsmanager:GetSecretValue': ['kms:Decrypt'],
  'secretsmanager:PutSecretValue': ['kms:GenerateDataKey'],
};

/** Operations whose KMS actions differ from those of the IAM action they share with others. */
const KMS_ACTIONS_OF_OPERATION: { readonly [operation: string]: readonly string[] } = {
  // A multipart upload decrypts the data key of the parts already uploaded to complete the object.
  's3:CreateMultipartUpload': ['kms:GenerateDataKey', 'kms:Decrypt'],
  's3:UploadPart': ['kms:GenerateDataKey', 'kms:Decrypt'],
  's3:CompleteMultipartUpload': ['kms:GenerateDataKey', 'kms:Decrypt'],
  's3:UploadPartCopy': ['kms:GenerateDataKey', 'kms:Decrypt'],
  // lib-storage's Upload (and boto3's upload_file) switch to a multipart upload for large bodies.
  's3:Upload': ['kms:GenerateDataKey', 'kms:Decrypt'],
  's3:CopyObject': ['kms:GenerateDataKey', 'kms:Decrypt'],
};

/**
 * The KMS actions a call needs on the customer managed key of the resource it names: the call's
 * operation (`s3:Upload`) first, then the IAM action it needs (`s3:PutObject`). Empty when the
 * service does not use the key for that action (`sqs:GetQueueAttributes`).
 */
export function kmsActionsOf(action: string, operation?: string): string[] {
  const byOperation = operation === undefined ? undefined : KMS_ACTIONS_OF_OPERATION[operation];
  return [...(byOperation ?? KMS_ACTIONS_OF_ACTION[action] ?? [])];
}

/** Every action the tables above can produce, for the test that holds them to the IAM catalogue. */
export function kmsActionsInTables(): string[] {
  return [...new Set([...Object.values(KMS_ACTIONS_OF_ACTION).flat(), ...Object.values(KMS_ACTIONS_OF_OPERATION).flat(),
    ...Object.keys(KMS_ACTIONS_OF_ACTION)])];
}
