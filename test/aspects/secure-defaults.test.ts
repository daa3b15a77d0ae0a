import { join } from 'path';
import { App, Aspects, CfnResource, Fn, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { SecureDockerImageFunction, SecureFunction, SecureNodejsFunction } from '../../src';
import { SecureDefaults, SecureDefaultsProps } from '../../src/aspects';
import { errorOf, expectValidationError, minimalFunctionProps, nagFindings, newStack } from '../helpers';

/** A stack with the aspect added, or without it when `props` is `null`. */
function stackWith(build: (stack: Stack) => void, props: SecureDefaultsProps | null = {}): Stack {
  const stack = newStack();
  build(stack);
  if (props !== null) {
    Aspects.of(stack).add(new SecureDefaults(props));
  }
  return stack;
}

/** A plain `lambda.Function`, as a stack written without this library would have it. */
function plainFunction(scope: IConstruct, id = 'Fn', props: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(scope as Stack, id, { ...minimalFunctionProps, ...props });
}

/** An API with a method on `/` and on `/items`, so that it can deploy. */
function restApi(stack: Stack, options: apigateway.StageOptions = {}): apigateway.RestApi {
  const api = new apigateway.RestApi(stack, 'Api', { deployOptions: options });
  api.root.addMethod('GET', new apigateway.MockIntegration());
  api.root.addResource('items').addMethod('GET', new apigateway.MockIntegration());
  return api;
}

/** The messages of the info annotations on the construct at this path, in order. */
function infosAt(stack: Stack, path: string): string[] {
  return Annotations.fromStack(stack).findInfo(path, Match.anyValue()).map(message => String(message.entry.data));
}

/** The messages of the warnings on the construct at this path. */
function warningsAt(stack: Stack, path: string): string[] {
  return Annotations.fromStack(stack).findWarning(path, Match.anyValue()).map(message => String(message.entry.data));
}

const TLS_CONDITION = { Bool: { 'aws:SecureTransport': 'false' } };

describe('SecureDefaults on Lambda functions', () => {
  describe('concurrency caps', () => {
    test('caps a function without a cap at 10, and says so on the function', () => {
      const stack = stackWith(s => plainFunction(s));

      Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 10 });
      Annotations.fromStack(stack).hasInfo('/TestStack/Fn/Resource',
        Match.stringLikeRegexp('^SecureDefaults: set ReservedConcurrentExecutions to 10'));
    });

    test('caps at reservedConcurrentExecutions when it is given', () => {
      const stack = stackWith(s => plainFunction(s), { reservedConcurrentExecutions: 25 });

      Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 25 });
    });

    test('never loosens: keeps a cap that is already set, even above the default', () => {
      const stack = stackWith(s => plainFunction(s, 'Fn', { reservedConcurrentExecutions: 50 }));

      Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 50 });
      expect(infosAt(stack, '/TestStack/Fn/Resource').filter(info => info.includes('ReservedConcurrentExecutions'))).toEqual([]);
    });

    test('never loosens: keeps a cap set with a property override', () => {
      const stack = stackWith(s => {
        (plainFunction(s).node.defaultChild as lambda.CfnFunction).addPropertyOverride('ReservedConcurrentExecutions', 500);
      });

      Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 500 });
    });

    test('leaves functions uncapped when concurrencyCaps is false', () => {
      const stack = stackWith(s => plainFunction(s), { concurrencyCaps: false });

      Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: Match.absent() });
    });
  });

  describe('tracing', () => {
    test('turns on active tracing and says so on the function', () => {
      const stack = stackWith(s => plainFunction(s));

      Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { TracingConfig: { Mode: 'Active' } });
      Annotations.fromStack(stack).hasInfo('/TestStack/Fn/Resource',
        Match.stringLikeRegexp('^SecureDefaults: set TracingConfig.Mode to Active, and let its role write traces'));
    });

    test('lets the function\'s role write traces with a managed policy of its own, which the function waits for', () => {
      const stack = stackWith(s => plainFunction(s));
      const template = Template.fromStack(stack);

      const policies = template.findResources('AWS::IAM::ManagedPolicy', {
        Properties: {
          PolicyDocument: {
            Statement: [{ Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*', Sid: 'WriteTraces' }],
          },
          Roles: [{ Ref: 'FnServiceRoleB9001A96' }],
        },
      });
      expect(Object.keys(policies)).toHaveLength(1);
      template.hasResource('AWS::Lambda::Function', { DependsOn: Match.arrayWith(Object.keys(policies)) });
    });

    test('acknowledges the * resource of X-Ray\'s write actions on that policy alone', () => {
      const stack = stackWith(s => plainFunction(s));
      Template.fromStack(stack);

      const iam5 = nagFindings(stack, [new AwsSolutionsChecks()]).filter(finding => finding.startsWith('AwsSolutions-IAM5'));
      expect(iam5).toEqual([]);
      const policy = stack.node.findAll().find(c => c.node.path === 'TestStack/Fn/ServiceRole/SecureDefaultsTracing') as CfnResource;
      expect(policy.getMetadata('cdk_nag').rules_to_suppress).toEqual([
        expect.objectContaining({ id: 'AwsSolutions-IAM5[Resource::*]' }),
      ]);
    });

    test('gives a role shared by two functions one tracing policy', () => {
      const stack = stackWith(s => {
        const role = new iam.Role(s, 'Shared', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
        plainFunction(s, 'One', { role });
        plainFunction(s, 'Two', { role });
      });

      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::IAM::ManagedPolicy', 1);
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', { Roles: [{ Ref: Match.stringLikeRegexp('^Shared') }] });
    });

    test('traces a CfnFunction whose role is a CfnRole of its stack, giving that role the policy', () => {
      const stack = stackWith(s => {
        const role = new iam.CfnRole(s, 'Role', {
          assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        });
        new lambda.CfnFunction(s, 'Fn', {
          code: { zipFile: 'exports.handler = async () => ({});' },
          handler: 'index.handler',
          runtime: 'nodejs22.x',
          role: role.attrArn,
        });
      });
      const template = Template.fromStack(stack);

      template.hasResourceProperties('AWS::Lambda::Function', { TracingConfig: { Mode: 'Active' } });
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', { Roles: [{ Ref: 'Role' }] });
      template.hasResource('AWS::Lambda::Function', { DependsOn: ['RoleSecureDefaultsTracing'] });
    });

    test('gives a role of another stack of the app the policy, in that stack', () => {
      const roleStack = newStack('RoleStack');
      const stack = new Stack(roleStack.node.root as App, 'FunctionStack', { env: { account: '111111111111', region: 'eu-west-1' } });
      const role = new iam.Role(roleStack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      plainFunction(stack, 'Fn', { role });
      Aspects.of(stack).add(new SecureDefaults());

      Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { TracingConfig: { Mode: 'Active' } });
      Template.fromStack(roleStack).hasResourceProperties('AWS::IAM::ManagedPolicy', { Roles: [{ Ref: Match.stringLikeRegexp('^Role') }] });
      expect(stack.dependencies).toContain(roleStack);
    });

    test('leaves a function with an imported role untraced, and warns, because Lambda would refuse the update', () => {
      const stack = stackWith(s => plainFunction(s, 'Fn', {
        role: iam.Role.fromRoleArn(s, 'Imported', 'arn:aws:iam::111111111111:role/existing'),
      }));

      Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { TracingConfig: Match.absent() });
      Annotations.fromStack(stack).hasWarning('/TestStack/Fn/Resource',
        Match.stringLikeRegexp('SecureDefaults: left tracing off.*its role TestStack/Imported is not an iam.Role this app defines.*Fix: grant'));
      Template.fromStack(stack).resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    });

    test('leaves a CfnFunction whose role is not in its stack untraced, and warns', () => {
      const stack = stackWith(s => new lambda.CfnFunction(s, 'Fn', {
        code: { zipFile: 'exports.handler = async () => ({});' },
        role: 'arn:aws:iam::111111111111:role/existing',
      }));

      Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { TracingConfig: Match.absent() });
      Annotations.fromStack(stack).hasWarning('/TestStack/Fn', Match.stringLikeRegexp('left tracing off.*not the ARN of an AWS::IAM::Role of its stack'));
    });

    test('never loosens: keeps a tracing mode that is already set', () => {
      const stack = stackWith(s => plainFunction(s, 'Fn', { tracing: lambda.Tracing.PASS_THROUGH }));

      Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { TracingConfig: { Mode: 'PassThrough' } });
      Template.fromStack(stack).resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    });

    test('leaves tracing as it is when tracing is false', () => {
      const stack = stackWith(s => plainFunction(s), { tracing: false });

      Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { TracingConfig: Match.absent() });
      Template.fromStack(stack).resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    });
  });

  describe('log groups', () => {
    test('sets the retention of the log group the function names in LoggingConfig, even out of the aspect\'s scope', () => {
      const stack = newStack();
      const logGroup = new logs.CfnLogGroup(stack, 'Logs');
      const fn = plainFunction(stack, 'Fn', { logGroup: logs.LogGroup.fromLogGroupName(stack, 'Named', logGroup.ref) });
      Aspects.of(fn).add(new SecureDefaults());

      Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
      Annotations.fromStack(stack).hasInfo('/TestStack/Logs', Match.stringLikeRegexp('^SecureDefaults: set RetentionInDays to 365'));
    });

    test('sets the retention of the log group named /aws/lambda/<function name>', () => {
      const stack = newStack();
      const fn = plainFunction(stack);
      new logs.CfnLogGroup(stack, 'Logs', { logGroupName: `/aws/lambda/${fn.functionName}` });
      Aspects.of(fn).add(new SecureDefaults());

      Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
      expect(warningsAt(stack, '/TestStack/Fn/Resource')).toEqual([]);
    });

    test('sets the retention of the log group of a CfnFunction named with Fn::Sub', () => {
      const stack = newStack();
      const fn = new lambda.CfnFunction(stack, 'Fn', {
        code: { zipFile: 'exports.handler = async () => ({});' },
        role: 'arn:aws:iam::111111111111:role/existing',
        tracingConfig: { mode: 'PassThrough' },
      });
      new logs.CfnLogGroup(stack, 'Logs', { logGroupName: Fn.sub('/aws/lambda/${Fn}') });
      Aspects.of(fn).add(new SecureDefaults());

      Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    });

    test('leaves a log group kept outside the stack alone, without a warning', () => {
      const stack = stackWith(s => plainFunction(s, 'Fn', { logGroup: logs.LogGroup.fromLogGroupName(s, 'Shared', 'shared-logs') }));

      Template.fromStack(stack).resourceCountIs('AWS::Logs::LogGroup', 0);
      expect(warningsAt(stack, '/TestStack/Fn/Resource')).toEqual([]);
    });

    test('does not create a log group for a function that has none, and warns with the fix', () => {
      const stack = stackWith(s => plainFunction(s));

      Template.fromStack(stack).resourceCountIs('AWS::Logs::LogGroup', 0);
      Annotations.fromStack(stack).hasWarning('/TestStack/Fn/Resource', Match.stringLikeRegexp(
        'SecureDefaults: could not set the retention of this function\'s logs: it has no log group in its stack.*'
        + 'CloudFormation fails to create a log group that already exists.*Fix: give the function a log group with a retention'));
    });

    test('does not warn about a function whose log retention the CDK\'s logRetention helper sets', () => {
      // The helper is deprecated, and jsii says so on the console.
      jest.spyOn(console, 'warn').mockImplementationOnce(() => undefined);
      const stack = stackWith(s => plainFunction(s, 'Fn', { logRetention: logs.RetentionDays.ONE_MONTH }));

      expect(warningsAt(stack, '/TestStack/Fn/Resource')).toEqual([]);
    });

    test('leaves function logs alone when logRetention is false', () => {
      const stack = stackWith(s => plainFunction(s), { logRetention: false });

      expect(warningsAt(stack, '/TestStack/Fn/Resource')).toEqual([]);
    });
  });
});

describe('SecureDefaults on log groups', () => {
  test('keeps the logs of a log group without retention for one year, and says so on it', () => {
    const stack = stackWith(s => new logs.CfnLogGroup(s, 'Logs'));

    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    Annotations.fromStack(stack).hasInfo('/TestStack/Logs', Match.stringLikeRegexp('^SecureDefaults: set RetentionInDays to 365'));
  });

  test('uses logGroupRetention when it is given', () => {
    const stack = stackWith(s => new logs.CfnLogGroup(s, 'Logs'), { logGroupRetention: logs.RetentionDays.THREE_MONTHS });

    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  test('never loosens: keeps a retention that is already set, even a longer one', () => {
    const stack = stackWith(s => new logs.CfnLogGroup(s, 'Logs', { retentionInDays: 3653 }));

    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 3653 });
    expect(infosAt(stack, '/TestStack/Logs')).toEqual([]);
  });

  test('keeps an L2 log group whose author chose RetentionDays.INFINITE', () => {
    const stack = stackWith(s => new logs.LogGroup(s, 'Logs', { retention: logs.RetentionDays.INFINITE }));

    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: Match.absent() });
  });

  test('leaves log groups without retention when logRetention is false', () => {
    const stack = stackWith(s => new logs.CfnLogGroup(s, 'Logs'), { logRetention: false });

    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: Match.absent() });
  });
});

describe('SecureDefaults on S3 buckets', () => {
  const ALL_BLOCKED = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };

  describe('public access', () => {
    test('blocks all public access to a bucket without a public access block, and says so on it', () => {
      const stack = stackWith(s => new s3.CfnBucket(s, 'Bucket'));

      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', { PublicAccessBlockConfiguration: ALL_BLOCKED });
      Annotations.fromStack(stack).hasInfo('/TestStack/Bucket', Match.stringLikeRegexp(
        '^SecureDefaults: set BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets of PublicAccessBlockConfiguration to true'));
    });

    test('blocks all public access to an s3.Bucket at its defaults', () => {
      const stack = stackWith(s => new s3.Bucket(s, 'Bucket'));

      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', { PublicAccessBlockConfiguration: ALL_BLOCKED });
    });

    test('completes a partial public access block, turning only the missing and false settings on', () => {
      const stack = stackWith(s => new s3.CfnBucket(s, 'Bucket', {
        publicAccessBlockConfiguration: { blockPublicAcls: true, blockPublicPolicy: false },
      }));

      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', { PublicAccessBlockConfiguration: ALL_BLOCKED });
      Annotations.fromStack(stack).hasInfo('/TestStack/Bucket',
        Match.stringLikeRegexp('set BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets of PublicAccessBlockConfiguration'));
    });

    test('never loosens: leaves a full public access block as it is, and reports nothing', () => {
      const stack = stackWith(s => new s3.Bucket(s, 'Bucket', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true }));

      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', { PublicAccessBlockConfiguration: ALL_BLOCKED });
      expect(infosAt(stack, '/TestStack/Bucket/Resource')).toEqual([]);
    });

    test('leaves a bucket that is public on purpose open, and warns instead of breaking its deployment', () => {
      const stack = stackWith(s => new s3.Bucket(s, 'Site', {
        publicReadAccess: true,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY,
      }));

      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
        PublicAccessBlockConfiguration: { BlockPublicPolicy: false, RestrictPublicBuckets: false },
      });
      Annotations.fromStack(stack).hasWarning('/TestStack/Site/Resource', Match.stringLikeRegexp(
        'SecureDefaults: left public access open .*its bucket policy TestStack/Site/Policy/Resource grants anyone access'));
    });

    test.each([
      ['a public canned ACL', { accessControl: 'PublicRead' }, 'its AccessControl is PublicRead'],
      ['website hosting', { websiteConfiguration: { indexDocument: 'index.html' } }, 'it hosts a website'],
    ])('leaves a bucket with %s open, and warns', (_name, props, reason) => {
      const stack = stackWith(s => new s3.CfnBucket(s, 'Bucket', props));

      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', { PublicAccessBlockConfiguration: Match.absent() });
      Annotations.fromStack(stack).hasWarning('/TestStack/Bucket', Match.stringLikeRegexp(`left public access open .*${reason}`));
    });

    test('never loosens: keeps a public access block set with a property override', () => {
      const stack = stackWith(s => new s3.CfnBucket(s, 'Bucket').addPropertyOverride('PublicAccessBlockConfiguration.BlockPublicAcls', true));

      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', { PublicAccessBlockConfiguration: { BlockPublicAcls: true } });
      expect(infosAt(stack, '/TestStack/Bucket')).toEqual([]);
    });

    test('leaves public access as it is when blockPublicBuckets is false', () => {
      const stack = stackWith(s => new s3.CfnBucket(s, 'Bucket'), { blockPublicBuckets: false });

      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', { PublicAccessBlockConfiguration: Match.absent() });
    });
  });

  describe('TLS-only policies', () => {
    test('creates a bucket policy that denies s3:* without TLS, and says so on the bucket', () => {
      const stack = stackWith(s => new s3.Bucket(s, 'Bucket'));

      Template.fromStack(stack).hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: 'Bucket83908E77' },
        PolicyDocument: {
          Statement: [{
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:*',
            Resource: [{ 'Fn::GetAtt': ['Bucket83908E77', 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket83908E77', 'Arn'] }, '/*']] }],
            Condition: TLS_CONDITION,
          }],
        },
      });
      Annotations.fromStack(stack).hasInfo('/TestStack/Bucket/Resource',
        Match.stringLikeRegexp('^SecureDefaults: added to TestStack/Bucket/Policy a statement that denies s3:\\* to anyone who does not use TLS'));
    });

    test('adds the statement to the bucket\'s existing policy, keeping its statements', () => {
      const stack = stackWith(s => {
        const bucket = new s3.Bucket(s, 'Bucket');
        bucket.grantRead(new iam.AccountPrincipal('222222222222'));
      });
      const template = Template.fromStack(stack);

      template.resourceCountIs('AWS::S3::BucketPolicy', 1);
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        PolicyDocument: {
          Statement: [
            Match.objectLike({ Effect: 'Allow', Principal: { AWS: Match.anyValue() } }),
            Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: TLS_CONDITION }),
          ],
        },
      });
    });

    test('adds the statement to a separate s3.BucketPolicy of the bucket instead of creating a second one', () => {
      const stack = stackWith(s => {
        const bucket = new s3.Bucket(s, 'Bucket');
        const policy = new s3.BucketPolicy(s, 'Separate', { bucket });
        policy.document.addStatements(new iam.PolicyStatement({
          principals: [new iam.AccountPrincipal('222222222222')], actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')],
        }));
      });
      const template = Template.fromStack(stack);

      template.resourceCountIs('AWS::S3::BucketPolicy', 1);
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: TLS_CONDITION })]) },
      });
    });

    test('never loosens: leaves a bucket that already denies requests without TLS as it is', () => {
      const stack = stackWith(s => new s3.Bucket(s, 'Bucket', { enforceSSL: true }));

      Template.fromStack(stack).hasResourceProperties('AWS::S3::BucketPolicy', {
        PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Condition: TLS_CONDITION })] },
      });
      expect(infosAt(stack, '/TestStack/Bucket/Resource').filter(info => info.includes('TLS'))).toEqual([]);
    });

    test('warns about a CfnBucket without an s3.Bucket, whose policy it cannot see whole, and adds none', () => {
      const stack = stackWith(s => new s3.CfnBucket(s, 'Bucket'));

      Template.fromStack(stack).resourceCountIs('AWS::S3::BucketPolicy', 0);
      Annotations.fromStack(stack).hasWarning('/TestStack/Bucket',
        Match.stringLikeRegexp('SecureDefaults: could not require TLS: the bucket has no s3.Bucket around it.*Fix: add to its bucket policy'));
    });

    test('warns about a bucket whose policy is an L1 policy, and adds none', () => {
      const stack = stackWith(s => {
        const bucket = new s3.Bucket(s, 'Bucket');
        new s3.CfnBucketPolicy(s, 'L1Policy', {
          bucket: bucket.bucketName,
          policyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: '222222222222' }, Action: 's3:GetObject', Resource: '*' }] },
        });
      });

      Template.fromStack(stack).resourceCountIs('AWS::S3::BucketPolicy', 1);
      Annotations.fromStack(stack).hasWarning('/TestStack/Bucket/Resource',
        Match.stringLikeRegexp('could not require TLS: its policy is set by TestStack/L1Policy'));
    });

    test('creates a queue policy that denies sqs:* without TLS', () => {
      const stack = stackWith(s => new sqs.Queue(s, 'Queue'));

      Template.fromStack(stack).hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: 'Queue4A7E3555' }],
        PolicyDocument: {
          Statement: [{
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'sqs:*',
            Resource: { 'Fn::GetAtt': ['Queue4A7E3555', 'Arn'] },
            Condition: TLS_CONDITION,
          }],
        },
      });
      Annotations.fromStack(stack).hasInfo('/TestStack/Queue/Resource', Match.stringLikeRegexp('^SecureDefaults: added to TestStack/Queue/Policy'));
    });

    test('gives each queue of a shared queue policy a deny of its own', () => {
      const stack = stackWith(s => {
        const one = new sqs.Queue(s, 'One');
        const two = new sqs.Queue(s, 'Two');
        new sqs.QueuePolicy(s, 'Shared', { queues: [one, two] });
      });
      const template = Template.fromStack(stack);

      template.resourceCountIs('AWS::SQS::QueuePolicy', 1);
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        PolicyDocument: {
          Statement: [
            Match.objectLike({ Effect: 'Deny', Action: 'sqs:*', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^One'), 'Arn'] } }),
            Match.objectLike({ Effect: 'Deny', Action: 'sqs:*', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Two'), 'Arn'] } }),
          ],
        },
      });
    });

    test('never loosens: leaves a queue created with enforceSSL as it is', () => {
      const stack = stackWith(s => new sqs.Queue(s, 'Queue', { enforceSSL: true }));

      Template.fromStack(stack).hasResourceProperties('AWS::SQS::QueuePolicy', {
        PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Action: 'sqs:*' })] },
      });
    });

    test('creates a topic policy that denies sns:Publish without TLS', () => {
      const stack = stackWith(s => new sns.Topic(s, 'Topic'));

      Template.fromStack(stack).hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: 'TopicBFC7AF6E' }],
        PolicyDocument: {
          Statement: [Match.objectLike({
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'sns:Publish',
            Resource: { Ref: 'TopicBFC7AF6E' },
            Condition: TLS_CONDITION,
          })],
        },
      });
    });

    test('never loosens: leaves a topic created with enforceSSL as it is', () => {
      const stack = stackWith(s => new sns.Topic(s, 'Topic', { enforceSSL: true }));

      Template.fromStack(stack).hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: { Statement: [Match.objectLike({ Sid: 'AllowPublishThroughSSLOnly', Action: 'sns:Publish' })] },
      });
    });

    test('adds no TLS-only statement when tlsOnlyPolicies is false', () => {
      const stack = stackWith(s => {
        new s3.Bucket(s, 'Bucket');
        new sqs.Queue(s, 'Queue');
        new sns.Topic(s, 'Topic');
      }, { tlsOnlyPolicies: false });
      const template = Template.fromStack(stack);

      template.resourceCountIs('AWS::S3::BucketPolicy', 0);
      template.resourceCountIs('AWS::SQS::QueuePolicy', 0);
      template.resourceCountIs('AWS::SNS::TopicPolicy', 0);
    });
  });
});

describe('SecureDefaults on API Gateway stages', () => {
  const STAGE_WIDE = { HttpMethod: '*', ResourcePath: '/*' };

  test('throttles a REST API stage stage-wide at 100 requests per second, bursts of 200, and says so on it', () => {
    const stack = stackWith(s => restApi(s));

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [{ ...STAGE_WIDE, ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 }],
    });
    Annotations.fromStack(stack).hasInfo('/TestStack/Api/DeploymentStage.prod/Resource', Match.stringLikeRegexp(
      '^SecureDefaults: set ThrottlingRateLimit to 100 requests per second and ThrottlingBurstLimit to 200 requests on the stage-wide method setting'));
  });

  test('merges the limits into the stage-wide method setting and keeps the others', () => {
    const stack = stackWith(s => restApi(s, {
      metricsEnabled: true,
      methodOptions: { '/items/GET': { throttlingRateLimit: 5, throttlingBurstLimit: 10 } },
    }));

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([
        { ...STAGE_WIDE, MetricsEnabled: true, DataTraceEnabled: false, ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
        Match.objectLike({ HttpMethod: 'GET', ResourcePath: '/~1items', ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 }),
      ]),
    });
  });

  test('uses throttlingRateLimit and throttlingBurstLimit when they are given', () => {
    const stack = stackWith(s => restApi(s), { throttlingRateLimit: 20, throttlingBurstLimit: 40 });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [{ ...STAGE_WIDE, ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 }],
    });
  });

  test('never loosens: keeps stage-wide limits that are already set, even above the defaults', () => {
    const stack = stackWith(s => restApi(s, { throttlingRateLimit: 1000, throttlingBurstLimit: 2000 }));

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [Match.objectLike({ ...STAGE_WIDE, ThrottlingRateLimit: 1000, ThrottlingBurstLimit: 2000 })],
    });
    expect(infosAt(stack, '/TestStack/Api/DeploymentStage.prod/Resource')).toEqual([]);
  });

  test('never loosens: keeps MethodSettings set with a property override', () => {
    const stack = stackWith(s => {
      const stage = restApi(s).deploymentStage.node.defaultChild as apigateway.CfnStage;
      stage.addPropertyOverride('MethodSettings', [{ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 5000 }]);
    });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 5000 }],
    });
  });

  test('adds only the missing limit when the stage sets one of the two', () => {
    const stack = stackWith(s => restApi(s, { throttlingRateLimit: 1000 }));

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [Match.objectLike({ ...STAGE_WIDE, ThrottlingRateLimit: 1000, ThrottlingBurstLimit: 200 })],
    });
    Annotations.fromStack(stack).hasInfo('/TestStack/Api/DeploymentStage.prod/Resource',
      Match.stringLikeRegexp('^SecureDefaults: set ThrottlingBurstLimit to 200 requests on'));
  });

  test('warns about a stage whose MethodSettings are a token, and leaves them as they are', () => {
    const stack = stackWith(s => {
      const stage = restApi(s).deploymentStage.node.defaultChild as apigateway.CfnStage;
      stage.methodSettings = Lazy.any({ produce: () => [] });
    });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Stage', { MethodSettings: [] });
    Annotations.fromStack(stack).hasWarning('/TestStack/Api/DeploymentStage.prod/Resource',
      Match.stringLikeRegexp('could not throttle the stage: its MethodSettings are a token'));
  });

  test('warns about an HTTP API stage whose DefaultRouteSettings are a token, and leaves them as they are', () => {
    const stack = stackWith(s => {
      const stage = new apigatewayv2.HttpApi(s, 'HttpApi').defaultStage!.node.defaultChild as apigatewayv2.CfnStage;
      stage.defaultRouteSettings = Lazy.any({ produce: () => ({ detailedMetricsEnabled: true }) });
    });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', { DefaultRouteSettings: { DetailedMetricsEnabled: true } });
    Annotations.fromStack(stack).hasWarning('/TestStack/HttpApi/DefaultStage/Resource',
      Match.stringLikeRegexp('could not throttle the stage: its DefaultRouteSettings are a token'));
  });

  test('throttles an HTTP API stage through its DefaultRouteSettings, and says so on it', () => {
    const stack = stackWith(s => new apigatewayv2.HttpApi(s, 'HttpApi'));

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
    });
    Annotations.fromStack(stack).hasInfo('/TestStack/HttpApi/DefaultStage/Resource',
      Match.stringLikeRegexp('^SecureDefaults: set ThrottlingRateLimit to 100 requests per second and ThrottlingBurstLimit to 200 requests in DefaultRouteSettings'));
  });

  test('never loosens: keeps the limits of an HTTP API stage that sets them, and its other route settings', () => {
    const stack = stackWith(s => {
      const api = new apigatewayv2.HttpApi(s, 'HttpApi', { createDefaultStage: false });
      api.addStage('Live', { stageName: 'live', throttle: { rateLimit: 1000, burstLimit: 2000 }, detailedMetricsEnabled: true });
    });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 1000, ThrottlingBurstLimit: 2000, DetailedMetricsEnabled: true },
    });
  });

  test('leaves stages unthrottled when apiThrottling is false', () => {
    const stack = stackWith(s => {
      restApi(s);
      new apigatewayv2.HttpApi(s, 'HttpApi');
    }, { apiThrottling: false });
    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::ApiGateway::Stage', { MethodSettings: Match.absent() });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { DefaultRouteSettings: Match.absent() });
  });
});

describe('SecureDefaults as an aspect', () => {
  /** A stack with one of every resource the aspect hardens. */
  function everything(stack: Stack): void {
    plainFunction(stack);
    new logs.CfnLogGroup(stack, 'Logs');
    new s3.Bucket(stack, 'Bucket');
    new sqs.Queue(stack, 'Queue');
    new sns.Topic(stack, 'Topic');
    restApi(stack);
    new apigatewayv2.HttpApi(stack, 'HttpApi');
  }

  /** Every info and warning of the stack, as `path: message` lines. */
  function annotationsOf(stack: Stack): string[] {
    const annotations = Annotations.fromStack(stack);
    return [...annotations.findInfo('*', Match.anyValue()), ...annotations.findWarning('*', Match.anyValue())]
      .map(message => `${message.id}: ${String(message.entry.data)}`);
  }

  test('is idempotent: a second SecureDefaults adds nothing to the template nor to the annotations', () => {
    const once = stackWith(everything);
    const twice = stackWith(everything);
    Aspects.of(twice).add(new SecureDefaults());

    expect(Template.fromStack(twice).toJSON()).toEqual(Template.fromStack(once).toJSON());
    expect(annotationsOf(twice)).toEqual(annotationsOf(once));
  });

  test('is idempotent: visiting every node again changes nothing', () => {
    const stack = stackWith(everything);
    const before = Template.fromStack(stack).toJSON();
    const aspect = new SecureDefaults();

    for (const node of stack.node.findAll()) {
      aspect.visit(node);
    }

    expect(Template.fromStack(stack).toJSON()).toEqual(before);
  });

  test('reports every change it makes with an info annotation', () => {
    const stack = stackWith(everything);

    const infos = Annotations.fromStack(stack).findInfo('*', Match.stringLikeRegexp('^SecureDefaults: '));
    expect(infos.map(info => info.id).sort()).toEqual([
      '/TestStack/Api/DeploymentStage.prod/Resource',
      '/TestStack/Bucket/Resource',
      '/TestStack/Bucket/Resource',
      '/TestStack/Fn/Resource',
      '/TestStack/Fn/Resource',
      '/TestStack/HttpApi/DefaultStage/Resource',
      '/TestStack/Logs',
      '/TestStack/Queue/Resource',
      '/TestStack/Topic/Resource',
    ]);
  });

  test('leaves a SecureFunction at its defaults unchanged', () => {
    const build = (stack: Stack) => new SecureFunction(stack, 'Fn', minimalFunctionProps);

    expect(Template.fromStack(stackWith(build)).toJSON()).toEqual(Template.fromStack(stackWith(build, null)).toJSON());
  });

  test('leaves a SecureFunction whose user turned its cap and tracing off unchanged', () => {
    const build = (stack: Stack) => new SecureFunction(stack, 'Fn', {
      ...minimalFunctionProps,
      allowUncappedConcurrency: 'the account quota is 100',
      tracing: lambda.Tracing.DISABLED,
      deadLetterQueueEnabled: false,
    });

    expect(Template.fromStack(stackWith(build)).toJSON()).toEqual(Template.fromStack(stackWith(build, null)).toJSON());
  });

  test.each<[string, (stack: Stack) => void]>([
    ['SecureNodejsFunction', stack => new SecureNodejsFunction(stack, 'Fn', {
      entry: join(__dirname, '..', 'fixtures', 'handlers', 'greeting', 'index.ts'),
      allowUncappedConcurrency: 'the account quota is 100',
      tracing: lambda.Tracing.DISABLED,
    })],
    ['SecureDockerImageFunction', stack => new SecureDockerImageFunction(stack, 'Fn', {
      code: lambda.DockerImageCode.fromImageAsset(join(__dirname, '..', 'fixtures', 'images', 'greeting')),
      allowUncappedConcurrency: 'the account quota is 100',
      tracing: lambda.Tracing.DISABLED,
    })],
  ])('leaves a %s whose user turned its cap and tracing off unchanged: it is a construct of this library too', (_name, build) => {
    expect(Template.fromStack(stackWith(build)).toJSON()).toEqual(Template.fromStack(stackWith(build, null)).toJSON());
  });

  test('hardens a plain function next to a SecureFunction, and only it', () => {
    const stack = stackWith(s => {
      new SecureFunction(s, 'Secure', { ...minimalFunctionProps, allowUncappedConcurrency: 'the account quota is 100' });
      plainFunction(s, 'Plain');
    });

    const capped = Template.fromStack(stack).findResources('AWS::Lambda::Function', { Properties: { ReservedConcurrentExecutions: 10 } });
    expect(Object.keys(capped)).toEqual([expect.stringMatching(/^Plain/)]);
  });

  test('hardens resources that a removal policy or other L2 settings leave untouched', () => {
    const stack = stackWith(s => new s3.Bucket(s, 'Bucket', { removalPolicy: RemovalPolicy.RETAIN }));

    Template.fromStack(stack).hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
    Template.fromStack(stack).resourceCountIs('AWS::S3::BucketPolicy', 1);
  });
});

describe('SecureDefaults refuses bad props', () => {
  test.each([
    ['a cap of 0', { reservedConcurrentExecutions: 0 }, /reservedConcurrentExecutions is 0; it must be a whole number of at least 1/],
    ['a negative cap', { reservedConcurrentExecutions: -5 }, /reservedConcurrentExecutions is -5/],
    ['a fractional cap', { reservedConcurrentExecutions: 2.5 }, /reservedConcurrentExecutions is 2.5/],
    ['a rate limit of 0', { throttlingRateLimit: 0 }, /throttlingRateLimit is 0/],
    ['a fractional rate limit', { throttlingRateLimit: 0.5 }, /throttlingRateLimit is 0.5/],
    ['a burst limit of 0', { throttlingBurstLimit: 0 }, /throttlingBurstLimit is 0/],
    ['a fractional burst limit', { throttlingBurstLimit: 1.5 }, /throttlingBurstLimit is 1.5/],
    ['an infinite retention', { logGroupRetention: logs.RetentionDays.INFINITE }, /logGroupRetention is RetentionDays.INFINITE/],
    ['a retention CloudWatch Logs does not accept', { logGroupRetention: 42 as logs.RetentionDays }, /logGroupRetention is 42, which is not a retention/],
    ['a cap with concurrencyCaps off', { concurrencyCaps: false, reservedConcurrentExecutions: 5 }, /reservedConcurrentExecutions is set but concurrencyCaps is false/],
    ['a retention with logRetention off', { logRetention: false, logGroupRetention: logs.RetentionDays.ONE_DAY }, /logGroupRetention is set but logRetention is false/],
    ['a rate limit with apiThrottling off', { apiThrottling: false, throttlingRateLimit: 5 }, /throttlingRateLimit is set but apiThrottling is false/],
    ['a burst limit with apiThrottling off', { apiThrottling: false, throttlingBurstLimit: 5 }, /throttlingBurstLimit is set but apiThrottling is false/],
  ])('fails on %s', (_name, props, message) => {
    expectValidationError(errorOf(() => new SecureDefaults(props as SecureDefaultsProps)), 'SecureDefaults', message);
  });
});
