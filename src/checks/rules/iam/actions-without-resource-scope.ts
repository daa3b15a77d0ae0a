/**
 * Actions that `IAMActionOnAnyResource` accepts on `Resource: '*'`, each for a documented reason.
 *
 * Checked against the "Actions, resources, and condition keys" pages of the IAM Service
 * Authorization Reference (data of 2026-09): every action in `NO_RESOURCE_TYPE` has an empty
 * "Resource types" column there, which means the only resource a policy can name for it is `*`.
 * Only exact action names are listed (plus `ec2:Describe*`): a prefix like `List*` would also
 * match actions that do have resource types (`s3:ListBucket`, `dynamodb:DescribeTable`).
 */
const NO_RESOURCE_TYPE = [
  // X-Ray: what an instrumented function or the X-Ray daemon calls.
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  // Account identity.
  'sts:GetCallerIdentity',
  // Password generation for secret rotation: it touches no secret.
  'secretsmanager:GetRandomPassword',
  // The EC2 reads a VPC function's network interfaces need (also covered by `ec2:Describe*` below).
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  // List and Describe actions of serverless services: they enumerate, and take no resource.
  's3:ListAllMyBuckets',
  'sqs:ListQueues',
  'sns:ListTopics',
  'sns:ListSubscriptions',
  'lambda:ListFunctions',
  'lambda:ListEventSourceMappings',
  'lambda:ListLayers',
  'dynamodb:ListTables',
  'dynamodb:DescribeLimits',
  'dynamodb:DescribeEndpoints',
  // What `DynamoEventSource` grants on `*` beside its stream-scoped reads.
  'dynamodb:ListStreams',
  'logs:DescribeLogGroups',
  'logs:DescribeResourcePolicies',
  // Vended log delivery: what a Step Functions state machine (or API Gateway, AppSync…) needs
  // to send its logs to a log group, which the CDK grants on `*`.
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'kms:ListKeys',
  'kms:ListAliases',
  'secretsmanager:ListSecrets',
  'ssm:DescribeParameters',
  'states:ListStateMachines',
  'states:ListActivities',
  'events:ListRules',
  'events:ListEventBuses',
  'iam:ListRoles',
  'iam:ListPolicies',
  'iam:ListUsers',
  'iam:ListGroups',
  'iam:ListAccountAliases',
  'cloudformation:ListStacks',
  'cloudwatch:DescribeAlarmsForMetric',
  'cloudwatch:ListDashboards',
  'kinesis:ListStreams',
  'firehose:ListDeliveryStreams',
  'cognito-idp:ListUserPools',
  'appsync:ListGraphqlApis',
  'acm:ListCertificates',
];

/**
 * Actions accepted on `*` although the reference lists an optional or required resource type,
 * because in practice they cannot be scoped by resource:
 * - `ec2:Describe*` and every action it covers: EC2's read-only Describe family. All but a
 *   handful of its ~190 actions have no resource type, and those few (`DescribeInstanceAttribute`…)
 *   only read metadata.
 * - the network-interface actions Lambda performs with the role of a VPC function (the content of
 *   `AWSLambdaVPCAccessExecutionRole`): Lambda creates the interfaces, so their ids do not exist
 *   when the policy is written, and Lambda validates these permissions on `*` when the function
 *   is created.
 * - `cloudwatch:PutMetricData`: the optional `dataset` resource type does not apply to metrics;
 *   a namespace is scoped with the `cloudwatch:namespace` condition key, not with a resource.
 */
const NOT_SCOPABLE_IN_PRACTICE = [
  'ec2:CreateNetworkInterface',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
  'cloudwatch:PutMetricData',
];

/** Every action accepted on `Resource: '*'`, in lower case. */
export const ACTIONS_WITHOUT_RESOURCE_SCOPE: ReadonlySet<string> = new Set(
  [...NO_RESOURCE_TYPE, ...NOT_SCOPABLE_IN_PRACTICE].map(action => action.toLowerCase()),
);

/** EC2's read-only Describe family, accepted whole (see `NOT_SCOPABLE_IN_PRACTICE`). */
const EC2_DESCRIBE = /^ec2:describe[a-z0-9*?]*$/;

/**
 * Whether an action (as written in a policy) has no resource-level permission to scope:
 * a case-insensitive exact match of the lists above, or `ec2:Describe*` and the actions it covers.
 * Any other pattern, such as `xray:Put*`, is not accepted, even where every action it matches
 * today is: tomorrow's actions may not be.
 */
export function hasNoResourceScope(action: string): boolean {
  const name = action.trim().toLowerCase();
  return ACTIONS_WITHOUT_RESOURCE_SCOPE.has(name) || EC2_DESCRIBE.test(name);
}
