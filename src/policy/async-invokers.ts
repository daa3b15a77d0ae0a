/**
 * Which AWS services invoke a Lambda function asynchronously (`InvocationType: Event`) through a
 * resource-policy permission. The pack's LambdaAsyncFailureDestination and the functions' choice
 * of a dead-letter queue share this list, so that a function gets a queue exactly where the pack
 * would ask for one. Neutral policy model: imports no construct.
 */

/**
 * The service principals that invoke a function asynchronously: Amazon S3 notifications,
 * Amazon SNS, Amazon EventBridge rules, CloudWatch Logs subscriptions (also in their older
 * regional form), AWS IoT rules, Amazon SES receipt rules, CloudWatch alarm actions,
 * AWS CodeCommit triggers and AWS Config custom rules.
 *
 * Left out, because they invoke synchronously and see the error themselves: API Gateway,
 * Elastic Load Balancing, Cognito user-pool triggers, Lex, Secrets Manager rotation, and
 * CloudFormation custom resources. Event-source mappings (SQS, Kinesis, DynamoDB streams, Kafka)
 * need no permission at all: Lambda polls and invokes synchronously. EventBridge Scheduler
 * invokes asynchronously but with a role, not a permission: its evidence is the schedule's target.
 */
const ASYNC_INVOKERS: readonly RegExp[] = [
  /^s3\.amazonaws\.com$/,
  /^sns\.amazonaws\.com$/,
  /^events\.amazonaws\.com$/,
  /^logs(\.[a-z0-9-]+)?\.amazonaws\.com$/,
  /^iot\.amazonaws\.com$/,
  /^ses\.amazonaws\.com$/,
  /^lambda\.alarms\.cloudwatch\.amazonaws\.com$/,
  /^codecommit\.amazonaws\.com$/,
  /^config\.amazonaws\.com$/,
];

/**
 * Whether a permission's principal is a service that invokes asynchronously. A `${…}` in the
 * principal (a regional CloudWatch Logs principal built with a pseudo parameter) stands for a Region.
 */
export function isAsyncInvoker(principal: string): boolean {
  const text = principal.replace(/\$\{[^}]+\}/g, 'region');
  return ASYNC_INVOKERS.some(invoker => invoker.test(text));
}
