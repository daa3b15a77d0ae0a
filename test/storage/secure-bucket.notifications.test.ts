import { Template } from 'aws-cdk-lib/assertions';
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

  test('to a SecureQueue under the same stack key: one S3 statement in the key policy, the account-scoped one, and no dependency cycle', () => {
    const stack = newStack();
    const queue = new SecureQueue(stack, 'Uploads');
    const bucket = new SecureBucket(stack, 'Data');
    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(queue));

    const [key] = Object.values(Template.fromStack(stack).findResources('AWS::KMS::Key'));
    const s3Statements = (key.Properties.KeyPolicy.Statement as Array<{ Sid?: string; Principal?: { Service?: string } }>)
      .filter(statement => statement.Principal?.Service === 's3.amazonaws.com');
    // The CDK's SqsDestination adds its own statement for S3 (from about 2.27x scoped with
    // aws:SourceArn to the bucket, which the same key encrypts: a cycle CloudFormation refuses).
    expect(s3Statements.map(statement => statement.Sid)).toEqual(['AllowS3NotificationsOfThisAccountToEncryptedQueuesAndTopics']);
    expect(JSON.stringify(key.Properties.KeyPolicy)).not.toContain(stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket));
  });

  test('a plain s3.Bucket with notifications alone is still flagged, so the acknowledgement is SecureBucket\'s doing', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Plain', { eventBridgeEnabled: true });

    expect(nagFindings(stack.node.root, [new AwsSolutionsChecks()])).toEqual(expect.arrayContaining([
      expect.stringMatching(/^AwsSolutions-IAM4\[Policy::.*AWSLambdaBasicExecutionRole\] TestStack\/BucketNotificationsHandler[0-9a-f]+\/Role\/Resource$/),
    ]));
  });
});
