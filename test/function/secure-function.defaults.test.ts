import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { SecureFunction } from '../../src';
import { newStack } from '../helpers';
import { FUNCTION_VARIANTS } from './variants';

// Every test runs for each variant: the posture is one module, and this proves it is applied the same.
describe.each(FUNCTION_VARIANTS)('%s', (_variant, makeFunction) => {
  function synthMinimal(props: Partial<ConstructorParameters<typeof SecureFunction>[2]> = {}) {
    const stack = newStack();
    const fn = makeFunction(stack, 'Fn', { ...props });
    return { stack, fn, template: Template.fromStack(stack) };
  }

  describe('SecureFunction defaults', () => {
    test('keeps the logical id a plain lambda.Function would have', () => {
      const { template } = synthMinimal();

      expect(Object.keys(template.findResources('AWS::Lambda::Function'))).toEqual(['Fn9270CBC0']);
    });

    test('caps reserved concurrency at 10, sets a 10 second timeout, 256 MB, ARM64 and active tracing', () => {
      const { template } = synthMinimal();

      template.hasResourceProperties('AWS::Lambda::Function', {
        ReservedConcurrentExecutions: 10,
        Timeout: 10,
        MemorySize: 256,
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        RecursiveLoop: 'Terminate',
      });
    });

    test('encrypts environment variables with the stack key', () => {
      const { template } = synthMinimal({ environment: { TABLE_NAME: 'orders' } });

      template.hasResourceProperties('AWS::Lambda::Function', {
        KmsKeyArn: { 'Fn::GetAtt': ['SecureServerlessKey92BA37A5', 'Arn'] },
        Environment: { Variables: { TABLE_NAME: 'orders' } },
      });
    });

    test('logs JSON at INFO to its own log group, kept a year, encrypted and retained', () => {
      const { template, fn, stack } = synthMinimal();

      template.hasResourceProperties('AWS::Lambda::Function', {
        LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', LogGroup: { Ref: 'FnLogGroup27CC2AC8' } },
      });
      template.hasResource('AWS::Logs::LogGroup', {
        Properties: {
          RetentionInDays: 365,
          KmsKeyId: { 'Fn::GetAtt': ['SecureServerlessKey92BA37A5', 'Arn'] },
        },
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
      expect(stack.resolve(fn.logGroup.logGroupName)).toEqual({ Ref: 'FnLogGroup27CC2AC8' });
    });

    test('has a role of its own with no managed policy at all from AWS', () => {
      const { template } = synthMinimal();

      template.resourceCountIs('AWS::IAM::Role', 1);
      template.hasResourceProperties('AWS::IAM::Role', {
        ManagedPolicyArns: Match.absent(),
        Policies: Match.absent(),
      });
      template.resourceCountIs('AWS::IAM::Policy', 0);
    });

    test('grants log writes on its own log group only', () => {
      const { template } = synthMinimal();

      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([{
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: { 'Fn::GetAtt': ['FnLogGroup27CC2AC8', 'Arn'] },
          }]),
        },
        Roles: [{ Ref: 'FnServiceRoleB9001A96' }],
      });
    });

    test('grants X-Ray writes in a policy of their own, acknowledged there alone', () => {
      const { template } = synthMinimal();

      const tracing = template.findResources('AWS::IAM::ManagedPolicy', {
        Properties: { PolicyDocument: { Statement: [Match.objectLike({ Sid: 'WriteTraces' })] } },
      });
      expect(Object.values(tracing)).toHaveLength(1);
      const [policy] = Object.values(tracing);
      expect(policy.Properties.PolicyDocument.Statement).toEqual([{
        Sid: 'WriteTraces',
        Effect: 'Allow',
        Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
        Resource: '*',
      }]);
      expect(policy.Metadata.cdk_nag.rules_to_suppress).toEqual([
        { id: 'AwsSolutions-IAM5[Resource::*]', reason: expect.stringMatching(/no resource-level permissions/) },
      ]);
    });

    test('has no statement with a wildcard action', () => {
      const { template } = synthMinimal();

      for (const policy of Object.values(template.findResources('AWS::IAM::ManagedPolicy'))) {
        for (const statement of policy.Properties.PolicyDocument.Statement) {
          for (const action of [statement.Action].flat()) {
            expect(action).not.toMatch(/\*/);
          }
        }
      }
    });

    test('invoked asynchronously (here by SNS), sends failed events to an encrypted, TLS-only dead-letter queue it may write to', () => {
      const stack = newStack();
      const fn = makeFunction(stack, 'Fn');
      new sns.Topic(stack, 'Orders').addSubscription(new subscriptions.LambdaSubscription(fn));
      const template = Template.fromStack(stack);

      expect(fn.deadLetterQueue).toBeDefined();
      template.hasResourceProperties('AWS::Lambda::Function', {
        DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': ['FnDeadLetterQueue48721F4D', 'Arn'] } },
      });
      template.hasResourceProperties('AWS::SQS::Queue', {
        KmsMasterKeyId: { 'Fn::GetAtt': ['SecureServerlessKey92BA37A5', 'Arn'] },
        MessageRetentionPeriod: 1209600,
      });
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
      });
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['FnDeadLetterQueue48721F4D', 'Arn'] } },
            { Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: { 'Fn::GetAtt': ['SecureServerlessKey92BA37A5', 'Arn'] } },
          ]),
        },
      });
    });

    test('is created only after the policies of its role exist, the stack\'s X-Ray policy included', () => {
      const { template } = synthMinimal();

      template.hasResource('AWS::Lambda::Function', {
        DependsOn: Match.arrayWith(['FnServiceRoleExecutionPolicyD9BBD803', Match.stringLikeRegexp('^SecureServerlessTracingPolicy')]),
      });
    });

    test('shares one X-Ray policy per stack, attached to every function role', () => {
      const stack = newStack();
      makeFunction(stack, 'Fn', {});
      makeFunction(stack, 'Other', {});
      const template = Template.fromStack(stack);

      const policies = template.findResources('AWS::IAM::ManagedPolicy', {
        Properties: { PolicyDocument: { Statement: [Match.objectLike({ Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' })] } },
      });
      expect(Object.keys(policies)).toEqual([expect.stringMatching(/^SecureServerlessTracingPolicy/)]);
      expect(Object.values(policies)[0].Properties.Roles).toEqual([{ Ref: 'FnServiceRoleB9001A96' }, { Ref: expect.stringMatching(/^OtherServiceRole/) }]);
    });

    test('alarms on errors and on throttles, notifying the stack alarm topic', () => {
      const { template, fn } = synthMinimal();

      expect(fn.errorsAlarm).toBeDefined();
      expect(fn.throttlesAlarm).toBeDefined();
      for (const metricName of ['Errors', 'Throttles']) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          MetricName: metricName,
          Namespace: 'AWS/Lambda',
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          AlarmActions: [{ Ref: Match.stringLikeRegexp('^SecureServerlessAlarms') }],
          OKActions: [{ Ref: Match.stringLikeRegexp('^SecureServerlessAlarms') }],
        });
      }
    });

    test('shares one key and one alarm topic among all functions of a stack', () => {
      const stack = newStack();
      makeFunction(stack, 'A');
      makeFunction(stack, 'B');

      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::KMS::Key', 1);
      template.resourceCountIs('AWS::SNS::Topic', 1);
      template.resourceCountIs('AWS::IAM::Role', 2);
    });

    test('in a VPC, uses a security group that allows no outbound traffic and grants network-interface actions', () => {
      const stack = newStack();
      const vpc = new ec2.Vpc(stack, 'Vpc', { subnetConfiguration: [{ name: 'app', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      makeFunction(stack, 'Fn', { vpc });

      const template = Template.fromStack(stack);
      template.hasResourceProperties('AWS::EC2::SecurityGroup', {
        SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic' })],
      });
      template.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: {
          Statement: [Match.objectLike({
            Sid: 'ManageVpcNetworkInterfaces',
            Action: Match.arrayWith(['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface']),
          })],
        },
      });
    });
  });

  describe('SecureFunction props that loosen a default', () => {
    test('reservedConcurrentExecutions raises the cap', () => {
      const { template } = synthMinimal({ reservedConcurrentExecutions: 50 });

      template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 50 });
    });

    test('allowUncappedConcurrency removes the cap', () => {
      const { template } = synthMinimal({ allowUncappedConcurrency: 'this account has a concurrency quota of 10' });

      template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: Match.absent() });
    });

    test('timeout, memorySize and architecture override the defaults', () => {
      const { template } = synthMinimal({ timeout: Duration.seconds(30), memorySize: 1024, architecture: lambda.Architecture.X86_64 });

      template.hasResourceProperties('AWS::Lambda::Function', { Timeout: 30, MemorySize: 1024, Architectures: ['x86_64'] });
    });

    test('tracing DISABLED turns tracing off and grants no X-Ray actions', () => {
      const { template } = synthMinimal({ tracing: lambda.Tracing.DISABLED });

      template.hasResourceProperties('AWS::Lambda::Function', { TracingConfig: Match.absent() });
      expect(JSON.stringify(template.toJSON())).not.toContain('xray:');
    });

    test('deadLetterQueueEnabled false leaves out the dead-letter queue, for purely synchronous functions', () => {
      const { template, fn } = synthMinimal({ deadLetterQueueEnabled: false });

      expect(fn.deadLetterQueue).toBeUndefined();
      template.resourceCountIs('AWS::SQS::Queue', 0);
      template.hasResourceProperties('AWS::Lambda::Function', { DeadLetterConfig: Match.absent() });
    });

    test('an on-failure destination replaces the dead-letter queue', () => {
      const stack = newStack();
      const target = makeFunction(stack, 'Target', { deadLetterQueueEnabled: false });
      makeFunction(stack, 'Fn', { onFailure: { bind: () => ({ destination: target.functionArn }) } });

      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::SQS::Queue', 0);
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Target'), 'Arn'] } } },
      });
    });

    test('alarms false creates no alarm and no alarm topic', () => {
      const { template, fn } = synthMinimal({ alarms: false });

      expect(fn.errorsAlarm).toBeUndefined();
      template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
      template.resourceCountIs('AWS::SNS::Topic', 0);
    });

    test('logGroupRetention changes how long logs are kept', () => {
      const { template } = synthMinimal({ logGroupRetention: logs.RetentionDays.THREE_MONTHS });

      template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
    });

    test('a logGroup you pass is used, and the function may write to it', () => {
      const stack = newStack();
      const logGroup = new logs.LogGroup(stack, 'Shared', { retention: logs.RetentionDays.ONE_MONTH });
      const fn = makeFunction(stack, 'Fn', { logGroup });

      const template = Template.fromStack(stack);
      expect(fn.logGroup).toBe(logGroup);
      template.resourceCountIs('AWS::Logs::LogGroup', 1);
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Shared'), 'Arn'] } })]),
        },
      });
    });

    test('TEXT logs are allowed and get no JSON-only log level', () => {
      const { template } = synthMinimal({ loggingFormat: lambda.LoggingFormat.TEXT });

      template.hasResourceProperties('AWS::Lambda::Function', {
        LoggingConfig: { LogFormat: 'Text', ApplicationLogLevel: Match.absent(), LogGroup: Match.anyValue() },
      });
    });

    test('in a VPC with public and private subnets, runs in the private ones', () => {
      const stack = newStack();
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
      makeFunction(stack, 'Fn', { vpc });

      Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
        VpcConfig: { SubnetIds: [{ Ref: Match.stringLikeRegexp('^VpcPrivateSubnet1') }, { Ref: Match.stringLikeRegexp('^VpcPrivateSubnet2') }] },
      });
    });

    test('encryptionKey replaces the stack key for the environment, the log group and the dead-letter queue', () => {
      const stack = newStack();
      const encryptionKey = new kms.Key(stack, 'OwnKey', { enableKeyRotation: true });
      // Declared asynchronous, so that it has a dead-letter queue to encrypt.
      makeFunction(stack, 'Fn', { encryptionKey, alarms: false, deadLetterQueueEnabled: true });

      const template = Template.fromStack(stack);
      const ownKeyArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^OwnKey'), 'Arn'] };
      template.resourceCountIs('AWS::KMS::Key', 1);
      template.hasResourceProperties('AWS::Lambda::Function', { KmsKeyArn: ownKeyArn });
      template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: ownKeyArn });
      template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: ownKeyArn });
    });

    test('alarmTopic replaces the stack alarm topic', () => {
      const stack = newStack();
      const alarmTopic = new sns.Topic(stack, 'OnCall');
      makeFunction(stack, 'Fn', { alarmTopic });

      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::SNS::Topic', 1);
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'Throttles',
        AlarmActions: [{ Ref: Match.stringLikeRegexp('^OnCall') }],
      });
    });

    test('allowAllOutbound true opens outbound traffic in a VPC', () => {
      const stack = newStack();
      const vpc = new ec2.Vpc(stack, 'Vpc', { subnetConfiguration: [{ name: 'app', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      makeFunction(stack, 'Fn', { vpc, allowAllOutbound: true });

      Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
        SecurityGroupEgress: [Match.objectLike({ CidrIp: '0.0.0.0/0' })],
      });
    });
  });
});
