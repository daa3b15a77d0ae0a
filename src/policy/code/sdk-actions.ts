import { SdkCall } from './sdk-calls';

/**
 * The IAM service prefix of each SDK v3 client package whose prefix is not its name without
 * `client-` and dashes (`client-s3` → `s3`, `client-cloudwatch-logs` → `logs`).
 */
const SERVICE_PREFIXES: { readonly [sdkPackage: string]: string } = {
  'client-cloudwatch-logs': 'logs',
  'client-cloudwatch-events': 'events',
  'client-eventbridge': 'events',
  'client-sfn': 'states',
  'client-secrets-manager': 'secretsmanager',
  'client-cognito-identity-provider': 'cognito-idp',
  'client-cognito-identity': 'cognito-identity',
  'client-apigatewaymanagementapi': 'execute-api',
  'client-iot-data-plane': 'iot',
  'client-bedrock-runtime': 'bedrock',
  'client-bedrock-agent-runtime': 'bedrock',
  'client-sesv2': 'ses',
  'client-dynamodb-streams': 'dynamodb',
  'client-elastic-load-balancing-v2': 'elasticloadbalancing',
  'client-application-auto-scaling': 'application-autoscaling',
  'client-config-service': 'config',
  'client-cost-explorer': 'ce',
  'client-resource-groups-tagging-api': 'tag',
  'client-s3-control': 's3',
  'client-opensearch': 'es',
  'client-personalize-runtime': 'personalize',
  'client-sagemaker-runtime': 'sagemaker',
  'client-pinpoint': 'mobiletargeting',
  'client-timestream-write': 'timestream',
  'client-timestream-query': 'timestream',
  'client-route-53': 'route53',
  'client-appconfigdata': 'appconfig',
  'client-rds-data': 'rds-data',
  'client-redshift-data': 'redshift-data',
  'client-kinesis-video': 'kinesisvideo',
  'client-location': 'geo',
  'lib-dynamodb': 'dynamodb',
  'credential-providers': 'sts',
  'powertools-ssm': 'ssm',
  'powertools-secrets': 'secretsmanager',
  'powertools-appconfig': 'appconfig',
  'lib-storage': 's3',
  's3-presigned-post': 's3',
};

/** The IAM service prefix of an SDK package's operations. */
export function servicePrefixOf(sdkPackage: string): string {
  return SERVICE_PREFIXES[sdkPackage] ?? sdkPackage.replace(/^client-/, '').replace(/-/g, '');
}

/**
 * Operations whose IAM actions are not `<prefix>:<Operation>`, from AWS's Service Authorization
 * Reference and each operation's API documentation. Keyed `<prefix>:<Operation>`; an empty
 * list means the operation needs no permission.
 */
const ACTIONS_OF_OPERATION: { readonly [operation: string]: readonly string[] } = {
  's3:ListObjects': ['s3:ListBucket'],
  's3:ListObjectsV2': ['s3:ListBucket'],
  's3:HeadObject': ['s3:GetObject'],
  's3:HeadBucket': ['s3:ListBucket'],
  's3:SelectObjectContent': ['s3:GetObject'],
  's3:DeleteObjects': ['s3:DeleteObject'],
  's3:CreateMultipartUpload': ['s3:PutObject'],
  's3:UploadPart': ['s3:PutObject'],
  's3:CompleteMultipartUpload': ['s3:PutObject'],
  's3:UploadPartCopy': ['s3:PutObject', 's3:GetObject'],
  's3:CopyObject': ['s3:PutObject', 's3:GetObject'],
  's3:ListParts': ['s3:ListMultipartUploadParts'],
  's3:ListMultipartUploads': ['s3:ListBucketMultipartUploads'],
  's3:ListObjectVersions': ['s3:ListBucketVersions'],
  's3:ListBuckets': ['s3:ListAllMyBuckets'],
  's3:PutBucketNotificationConfiguration': ['s3:PutBucketNotification'],
  's3:GetBucketNotificationConfiguration': ['s3:GetBucketNotification'],
  's3:PutBucketLifecycleConfiguration': ['s3:PutLifecycleConfiguration'],
  's3:GetBucketLifecycleConfiguration': ['s3:GetLifecycleConfiguration'],
  's3:WriteGetObjectResponse': ['s3-object-lambda:WriteGetObjectResponse'],
  // lib-storage's Upload sends PutObject, or a multipart upload that it aborts on failure.
  's3:Upload': ['s3:PutObject', 's3:AbortMultipartUpload'],
  's3:PresignedPost': ['s3:PutObject'],
  's3:waitUntilObjectExists': ['s3:GetObject'],
  's3:waitUntilObjectNotExists': ['s3:GetObject'],
  's3:waitUntilBucketExists': ['s3:ListBucket'],
  'sqs:SendMessageBatch': ['sqs:SendMessage'],
  'sqs:DeleteMessageBatch': ['sqs:DeleteMessage'],
  'sqs:ChangeMessageVisibilityBatch': ['sqs:ChangeMessageVisibility'],
  'sns:PublishBatch': ['sns:Publish'],
  'lambda:Invoke': ['lambda:InvokeFunction'],
  'lambda:InvokeWithResponseStream': ['lambda:InvokeFunction'],
  'lambda:waitUntilFunctionActive': ['lambda:GetFunctionConfiguration'],
  'lambda:waitUntilFunctionUpdated': ['lambda:GetFunctionConfiguration'],
  'dynamodb:Get': ['dynamodb:GetItem'],
  'dynamodb:Put': ['dynamodb:PutItem'],
  'dynamodb:Update': ['dynamodb:UpdateItem'],
  'dynamodb:Delete': ['dynamodb:DeleteItem'],
  'dynamodb:BatchGet': ['dynamodb:BatchGetItem'],
  'dynamodb:BatchWrite': ['dynamodb:BatchWriteItem'],
  // Transactions are authorized item by item, with the item actions.
  'dynamodb:TransactGet': ['dynamodb:GetItem'],
  'dynamodb:TransactGetItems': ['dynamodb:GetItem'],
  'dynamodb:waitUntilTableExists': ['dynamodb:DescribeTable'],
  'dynamodb:waitUntilTableNotExists': ['dynamodb:DescribeTable'],
  'bedrock:Converse': ['bedrock:InvokeModel'],
  'bedrock:ConverseStream': ['bedrock:InvokeModelWithResponseStream'],
  'execute-api:PostToConnection': ['execute-api:ManageConnections'],
  'execute-api:GetConnection': ['execute-api:ManageConnections'],
  'execute-api:DeleteConnection': ['execute-api:ManageConnections'],
  'secretsmanager:BatchGetSecretValue': ['secretsmanager:BatchGetSecretValue', 'secretsmanager:GetSecretValue'],
  // The Data API reads the database's credentials from the secret the call names.
  'rds-data:ExecuteStatement': ['rds-data:ExecuteStatement', 'secretsmanager:GetSecretValue'],
  'rds-data:BatchExecuteStatement': ['rds-data:BatchExecuteStatement', 'secretsmanager:GetSecretValue'],
  'sts:GetCallerIdentity': [],
  'appconfig:GetAppConfig': ['appconfig:StartConfigurationSession', 'appconfig:GetLatestConfiguration'],
  // Operations that pass a role to the service need iam:PassRole on that role.
  'scheduler:CreateSchedule': ['scheduler:CreateSchedule', 'iam:PassRole'],
  'scheduler:UpdateSchedule': ['scheduler:UpdateSchedule', 'iam:PassRole'],
  'lambda:CreateFunction': ['lambda:CreateFunction', 'iam:PassRole'],
  'states:CreateStateMachine': ['states:CreateStateMachine', 'iam:PassRole'],
  'bedrock:RetrieveAndGenerate': ['bedrock:RetrieveAndGenerate', 'bedrock:Retrieve', 'bedrock:InvokeModel'],
  // Cognito user pools' public operations are authorized by the user's tokens, not by IAM.
  ...Object.fromEntries(['InitiateAuth', 'RespondToAuthChallenge', 'SignUp', 'ConfirmSignUp', 'ForgotPassword',
    'ConfirmForgotPassword', 'GetUser', 'ChangePassword', 'GlobalSignOut', 'ResendConfirmationCode', 'RevokeToken']
    .map(operation => [`cognito-idp:${operation}`, []])),
  'timestream:WriteRecords': ['timestream:WriteRecords', 'timestream:DescribeEndpoints'],
  'timestream:Query': ['timestream:Select', 'timestream:DescribeEndpoints'],
};

/** The item actions of a transaction's item kinds. */
const TRANSACT_ITEM_ACTIONS: { readonly [kind: string]: string } = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

/** The PartiQL actions of a statement's verb. */
const PARTIQL_ACTIONS: { readonly [verb: string]: string } = {
  SELECT: 'dynamodb:PartiQLSelect',
  INSERT: 'dynamodb:PartiQLInsert',
  UPDATE: 'dynamodb:PartiQLUpdate',
  DELETE: 'dynamodb:PartiQLDelete',
};

/**
 * The IAM actions a call needs, or `undefined` when they depend on input the code builds at
 * run time (a transaction's items, a PartiQL statement that is not a literal): such a call is
 * reported as unknown, never guessed.
 */
export function actionsOfCall(call: SdkCall): string[] | undefined {
  const prefix = servicePrefixOf(call.sdkPackage);
  const operation = `${prefix}:${call.operation}`;
  if (prefix === 'dynamodb' && /^TransactWrite(Items)?$/.test(call.operation)) {
    const actions = call.qualifiers.map(kind => TRANSACT_ITEM_ACTIONS[kind]);
    return actions.length > 0 && actions.every(action => action !== undefined) ? [...new Set(actions)] : undefined;
  }
  if (prefix === 'dynamodb' && /^(ExecuteStatement|BatchExecuteStatement|ExecuteTransaction)$/.test(call.operation)) {
    const actions = call.qualifiers.map(verb => PARTIQL_ACTIONS[verb]);
    return actions.length > 0 && actions.every(action => action !== undefined) ? actions : undefined;
  }
  if (/^waitUntil/.test(call.operation) && ACTIONS_OF_OPERATION[operation] === undefined) {
    return undefined;
  }
  return [...(ACTIONS_OF_OPERATION[operation] ?? [operation])];
}

/** Every action the tables above can produce, for the test that holds them to the IAM catalogue. */
export function actionsInTables(): string[] {
  return [
    ...Object.values(ACTIONS_OF_OPERATION).flat(),
    ...Object.values(TRANSACT_ITEM_ACTIONS),
    ...Object.values(PARTIQL_ACTIONS),
  ];
}
