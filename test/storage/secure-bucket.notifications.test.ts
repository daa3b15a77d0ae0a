import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import { AwsSolutionsChecks } from 'cdk-nag';
import { acknowledgementsIn } from './helpers';
import { SecureBucket, SecureQueue } from '../../src/storage';
import { securityFindings } from '../checks/helpers';
import { nagFindings, newStack } from '../helpers';

/**
 * The CDK writes a bucket's event notifications (and its EventBridge setting) with a function of
 * its own, one per stack, whose role has the AWS managed AWSLambdaBasicExecutionRole.
 */
const HANDLER_ROLE = /^TestStack\/BucketNotificationsHandler[0-9a-f]+\/Role\/Resource AwsSolutions-IAM4\[Policy::arn:<AWS::Partition>:iam::aws:policy\/service-role\/AWSLambdaBasicExecutionRole\]$/;

describe('SecureBucket event notifications', () => {
  test('with eventBridgeEnabled, the CDK\'s notifications function is acknowledged for its managed logging policy, and nothing else is found', () => {
    const stack = newStack();
    new SecureBucket(stack, 'Data', { eventBridgeEnabled: true });

    expect(acknowledgementsIn(stack).filter(line => line.includes('BucketNotificationsHandler'))).toEqual([expect.stringMatching(HANDLER_ROLE)]);
    expect(nagFindings(stack.node.root, [new AwsSolutionsChecks()])).toEqual([]);
    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('with addEventNotification to a SecureQueue, from two buckets: acknowledged once, on the one function', () => {
    const stack = newStack();
    const queue = new SecureQueue(stack, 'Uploads');
    new SecureBucket(stack, 'Data').addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(queue));
    new SecureBucket(stack, 'Archive').addObjectRemovedNotification(new s3n.SqsDestination(queue));

    expect(acknowledgementsIn(stack).filter(line => line.includes('BucketNotificationsHandler'))).toEqual([expect.stringMatching(HANDLER_ROLE)]);
    expect(nagFindings(stack.node.root, [new AwsSolutionsChecks()])).toEqual([]);
    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('a plain s3.Bucket with notifications alone is still flagged, so the acknowledgement is SecureBucket\'s doing', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Plain', { eventBridgeEnabled: true });

    expect(nagFindings(stack.node.root, [new AwsSolutionsChecks()])).toEqual(expect.arrayContaining([
      expect.stringMatching(/^AwsSolutions-IAM4\[Policy::.*AWSLambdaBasicExecutionRole\] TestStack\/BucketNotificationsHandler[0-9a-f]+\/Role\/Resource$/),
    ]));
  });
});
