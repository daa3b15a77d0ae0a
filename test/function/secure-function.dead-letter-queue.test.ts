import { CfnResource, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { APP_CONDITIONS, stackIn } from '../apps';
import { securityFindings } from '../checks/helpers';
import { minimalFunctionProps, newStack } from '../helpers';
import { EVERY_FUNCTION_VARIANT, SecureFunctionVariant } from './variants';

/** The logical ids the dead-letter queue and its policy have always had: the upgrade-safety record's. */
const QUEUE_ID = 'FnDeadLetterQueue48721F4D';
const QUEUE_POLICY_ID = 'FnDeadLetterQueuePolicyAF90561A';

/**
 * The resources the function owns (its construct subtree, not the stack's shared key, topic and
 * X-Ray policy, nor its neighbours'), as `Type logicalId`, after synthesis: the aspect that adds
 * the dead-letter queue runs then.
 */
function ownResources(stack: Stack, fn: SecureFunctionVariant): string[] {
  Template.fromStack(stack);
  return fn.node.findAll()
    .filter(CfnResource.isCfnResource)
    .map(resource => `${resource.cfnResourceType} ${stack.resolve(resource.logicalId)}`)
    .sort();
}

/** Asserts the function got its dead-letter queue, with the ids it always had, and the pack is satisfied. */
function expectDeadLetterQueue(stack: Stack, fn: SecureFunctionVariant): void {
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::Lambda::Function', { DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [QUEUE_ID, 'Arn'] } } });
  template.hasResource('AWS::SQS::Queue', { Properties: Match.objectLike({ KmsMasterKeyId: Match.anyValue() }) });
  expect(Object.keys(template.findResources('AWS::SQS::QueuePolicy'))).toContain(QUEUE_POLICY_ID);
  expect(Object.keys(template.findResources('AWS::SQS::Queue'))).toContain(QUEUE_ID);
  template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
    PolicyDocument: { Statement: Match.arrayWith([{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [QUEUE_ID, 'Arn'] } }]) },
  });
  expect(fn.deadLetterQueue).toBeDefined();
  expect(securityFindings(stack, 'LambdaAsyncFailureDestination')).toEqual([]);
}

/** Asserts the function has no dead-letter queue of its own, and the pack does not ask for one. */
function expectNoDeadLetterQueue(stack: Stack, fn: SecureFunctionVariant): void {
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::Lambda::Function', { DeadLetterConfig: Match.absent() });
  expect(ownResources(stack, fn).filter(resource => resource.startsWith('AWS::SQS::'))).toEqual([]);
  expect(fn.deadLetterQueue).toBeUndefined();
  expect(securityFindings(stack, 'LambdaAsyncFailureDestination')).toEqual([]);
}

describe.each(EVERY_FUNCTION_VARIANT)('%s', (_variant, makeFunction) => {
  describe.each(APP_CONDITIONS.map(condition => [condition.name, condition] as const))('in a %s', (_name, condition) => {
    test('invoked only synchronously (API Gateway, a function URL, an SQS event source): no dead-letter queue', () => {
      const stack = stackIn(condition);
      const fn = makeFunction(stack, 'Fn');
      new apigateway.LambdaRestApi(stack, 'Api', { handler: fn });
      fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
      fn.addEventSource(new sources.SqsEventSource(new sqs.Queue(stack, 'Jobs', { enforceSSL: true })));

      expectNoDeadLetterQueue(stack, fn);
    });

    test('at its defaults: six resources of its own, alarms included', () => {
      const stack = stackIn(condition);
      const fn = makeFunction(stack, 'Fn');

      expect(ownResources(stack, fn).map(resource => resource.split(' ')[0])).toEqual([
        'AWS::CloudWatch::Alarm',
        'AWS::CloudWatch::Alarm',
        'AWS::IAM::ManagedPolicy',
        'AWS::IAM::Role',
        'AWS::Lambda::Function',
        'AWS::Logs::LogGroup',
      ]);
    });

    test('an S3 notification added after the function: the dead-letter queue, with its old logical ids', () => {
      const stack = stackIn(condition);
      const fn = makeFunction(stack, 'Fn');
      new s3.Bucket(stack, 'Uploads').addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn));

      expectDeadLetterQueue(stack, fn);
    });
  });

  describe('asynchronous invokers, each one enough', () => {
    test.each<[string, (stack: Stack, fn: SecureFunctionVariant) => void]>([
      ['an SNS subscription', (stack, fn) => new sns.Topic(stack, 'Topic').addSubscription(new subscriptions.LambdaSubscription(fn))],
      ['an EventBridge rule target', (stack, fn) => new events.Rule(stack, 'Nightly', {
        schedule: events.Schedule.cron({ hour: '3', minute: '0' }), targets: [new targets.LambdaFunction(fn)],
      })],
      ['an S3 event source', (stack, fn) => fn.addEventSource(new sources.S3EventSource(new s3.Bucket(stack, 'Uploads'), {
        events: [s3.EventType.OBJECT_CREATED],
      }))],
      ['a lambda.CfnPermission for S3 written by hand', (stack, fn) => new lambda.CfnPermission(stack, 'S3Invoke', {
        action: 'lambda:InvokeFunction', functionName: fn.functionName, principal: 's3.amazonaws.com', sourceAccount: stack.account,
      })],
      ['a lambda.CfnPermission for SNS on the L1 function\'s ARN', (stack, fn) => new lambda.CfnPermission(stack, 'SnsInvoke', {
        action: 'lambda:InvokeFunction',
        functionName: (fn.node.defaultChild as lambda.CfnFunction).attrArn,
        principal: 'sns.amazonaws.com',
        sourceAccount: stack.account,
      })],
      ['a permission for SES on an alias', (stack, fn) => new lambda.Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion })
        .addPermission('Ses', { principal: new iam.ServicePrincipal('ses.amazonaws.com'), sourceAccount: stack.account })],
      ['a permission for CloudWatch Logs in its regional form', (stack, fn) => fn.addPermission('Logs', {
        principal: new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`), sourceAccount: stack.account,
      })],
      ['an EventBridge Scheduler schedule that targets it', (stack, fn) => new scheduler.CfnSchedule(stack, 'Hourly', {
        flexibleTimeWindow: { mode: 'OFF' },
        scheduleExpression: 'rate(1 hour)',
        target: { arn: fn.functionArn, roleArn: `arn:aws:iam::${stack.account}:role/scheduler` },
      })],
      ['configureAsyncInvoke without an on-failure destination', (_stack, fn) => fn.configureAsyncInvoke({ retryAttempts: 0 })],
    ])('%s', (_name, invoke) => {
      const stack = newStack();
      const fn = makeFunction(stack, 'Fn');
      invoke(stack, fn);

      expectDeadLetterQueue(stack, fn);
    });

    test('deadLetterQueueEnabled: true declares an asynchronous use the app cannot show (an SDK call with InvocationType Event)', () => {
      const stack = newStack();
      const fn = makeFunction(stack, 'Fn', { deadLetterQueueEnabled: true });

      // Declared: the queue exists from construction, not only at synth.
      expect(fn.deadLetterQueue).toBeDefined();
      expectDeadLetterQueue(stack, fn);
    });
  });

  describe('no queue of its own where failed events already have somewhere to go, or the user opted out', () => {
    test('an on-failure destination of configureAsyncInvoke replaces the queue', () => {
      const stack = newStack();
      const fn = makeFunction(stack, 'Fn');
      new s3.Bucket(stack, 'Uploads').addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn));
      fn.configureAsyncInvoke({ onFailure: new destinations.SqsDestination(new sqs.Queue(stack, 'Failed', { enforceSSL: true })) });

      expectNoDeadLetterQueue(stack, fn);
    });

    test('deadLetterQueueEnabled: false with an asynchronous invoker: no queue, and the pack flags it', () => {
      const stack = newStack();
      const fn = makeFunction(stack, 'Fn', { deadLetterQueueEnabled: false });
      new sns.Topic(stack, 'Topic').addSubscription(new subscriptions.LambdaSubscription(fn));

      Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { DeadLetterConfig: Match.absent() });
      expect(securityFindings(stack, 'LambdaAsyncFailureDestination')).toEqual(['SecureServerless-LambdaAsyncFailureDestination TestStack/Fn/Resource']);
    });

    test('a permission for a synchronous service (API Gateway) is no asynchronous invoker (near miss)', () => {
      const stack = newStack();
      const fn = makeFunction(stack, 'Fn');
      fn.addPermission('Api', { principal: new iam.ServicePrincipal('apigateway.amazonaws.com'), sourceAccount: stack.account });

      expectNoDeadLetterQueue(stack, fn);
    });

    test('an asynchronous invoker of another function of the stack is no evidence for this one (near miss)', () => {
      const stack = newStack();
      const fn = makeFunction(stack, 'Fn');
      const other = new lambda.Function(stack, 'Other', { ...minimalFunctionProps, deadLetterQueueEnabled: true });
      new sns.Topic(stack, 'Topic').addSubscription(new subscriptions.LambdaSubscription(other));

      expectNoDeadLetterQueue(stack, fn);
    });
  });
});

describe('the pack agrees: a plain function with the same asynchronous invoker and no queue is flagged', () => {
  test('lambda.Function with an S3 notification', () => {
    const stack = newStack();
    const fn = new lambda.Function(stack, 'Fn', minimalFunctionProps);
    new s3.Bucket(stack, 'Uploads').addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn));

    expect(securityFindings(stack, 'LambdaAsyncFailureDestination')).toEqual(['SecureServerless-LambdaAsyncFailureDestination TestStack/Fn/Resource']);
  });
});
