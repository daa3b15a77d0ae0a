import { Annotations, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';

/** The S3 service principal that delivers server access logs. */
const LOG_DELIVERY = 'logging.s3.amazonaws.com';

/**
 * Sends the server access logs of `source` to `destination` under `prefix`, and lets S3 log
 * delivery write there with a bucket-policy statement limited to that prefix, that source
 * bucket and that account.
 *
 * The CDK's own `serverAccessLogsBucket` does this with a bucket policy only where the app
 * sets the `@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy` feature flag; without it, it
 * turns on ACLs on the destination (`LogDeliveryWrite`, object ownership `ObjectWriter`).
 * A library cannot rely on its users' feature flags, so it writes both sides itself.
 */
export function sendServerAccessLogs(source: s3.Bucket, destination: s3.IBucket, prefix: string, keyFormat?: s3.TargetObjectKeyFormat): void {
  const cfnBucket = source.node.defaultChild as s3.CfnBucket;
  cfnBucket.loggingConfiguration = {
    destinationBucketName: destination.bucketName,
    logFilePrefix: prefix,
    targetObjectKeyFormat: keyFormat ? renderKeyFormat(keyFormat) : undefined,
  };
  const sourceStack = Stack.of(source);
  // A source ARN from another stack would make the two stacks depend on each other.
  const sameStack = Stack.of(destination) === sourceStack;
  const result = destination.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal(LOG_DELIVERY)],
    actions: ['s3:PutObject'],
    resources: [destination.arnForObjects(`${prefix}*`)],
    conditions: {
      ...(sameStack ? { ArnLike: { 'aws:SourceArn': source.bucketArn } } : {}),
      StringEquals: { 'aws:SourceAccount': sourceStack.account },
    },
  }));
  if (!result.statementAdded) {
    Annotations.of(source).addWarningV2('cdk-secure-serverless:AccessLogDeliveryNotGranted',
      `${source.node.path}: serverAccessLogsBucket is an imported bucket, whose bucket policy this app cannot change. Fix: let the service ` +
      `principal ${LOG_DELIVERY} put objects under '${prefix}' in that bucket, with an aws:SourceAccount condition, in the stack that owns it.`);
  }
}

/**
 * Renders a `TargetObjectKeyFormat` as the CloudFormation property. The class exposes no
 * public way to read its choice, so this uses the renderer the CDK itself calls; a test pins
 * the output for both formats.
 */
function renderKeyFormat(keyFormat: s3.TargetObjectKeyFormat): s3.CfnBucket.TargetObjectKeyFormatProperty {
  return (keyFormat as unknown as { _render(): s3.CfnBucket.TargetObjectKeyFormatProperty })._render();
}

/**
 * Whether a bucket of `bucket`'s stack sends its server access logs to `bucket`. cdk-nag's
 * AwsSolutions-S1 and S3BucketLoggingEnabled count such a bucket as compliant (a log bucket
 * need not log itself), so acknowledging them on it would be stale.
 */
export function isServerAccessLogTarget(bucket: s3.Bucket): boolean {
  const stack = Stack.of(bucket);
  const name = JSON.stringify(stack.resolve(bucket.bucketName));
  return stack.node.findAll().some(node => {
    if (!(node instanceof s3.CfnBucket)) {
      return false;
    }
    const logging = stack.resolve(node.loggingConfiguration) as { destinationBucketName?: unknown } | undefined;
    return logging !== undefined && JSON.stringify(logging.destinationBucketName) === name;
  });
}
