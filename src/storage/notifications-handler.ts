import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { acknowledgeFindings } from '../core/acknowledgements';

/**
 * The construct id the CDK gives the one function per stack that writes buckets' notification
 * configurations (`BucketNotificationsHandler` plus a fixed hash), created the first time a
 * bucket of the stack gets an event notification or EventBridge.
 */
const HANDLER_ID = /^BucketNotificationsHandler[0-9a-f]+$/;

const LOGGING_POLICY_FINDING = 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';

const REASON = 'The CDK\'s own BucketNotificationsHandler, a custom resource that writes the bucket\'s notification '
  + 'configuration at deploy time; the CDK creates its role with the AWS managed AWSLambdaBasicExecutionRole '
  + '(CloudWatch Logs only), and the role is not configurable.';

const acknowledged = new WeakSet<CfnResource>();

/**
 * Acknowledges, on the role of the CDK's bucket-notifications function of the bucket's stack
 * (if the stack has one yet), the one finding AwsSolutions has on it: its AWS managed logging
 * policy. A SecureBucket calls it whenever it may have created that function.
 */
export function acknowledgeNotificationsHandler(bucket: IConstruct): void {
  const handler = Stack.of(bucket).node.children.find(child => HANDLER_ID.test(child.node.id));
  const role = handler?.node.tryFindChild('Role')?.node.defaultChild;
  if (role === undefined || !CfnResource.isCfnResource(role) || acknowledged.has(role)) {
    return;
  }
  acknowledged.add(role);
  acknowledgeFindings(role, { id: LOGGING_POLICY_FINDING, reason: REASON });
}
