import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as signer from 'aws-cdk-lib/aws-signer';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { minimalFunctionProps, newStack } from '../helpers';
import { FUNCTION_VARIANTS } from './variants';

// Every test runs for each variant: the posture is one module, and this proves it is applied the same.
describe.each(FUNCTION_VARIANTS)('%s', (_variant, makeFunction) => {
  describe('SecureFunction roles', () => {
    test('puts grants in the function\'s customer-managed policy, scoped to the one resource', () => {
      const stack = newStack();
      const fn = makeFunction(stack, 'Fn');
      const queue = new sqs.Queue(stack, 'Orders');

      queue.grantSendMessages(fn);

      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::IAM::Policy', 0);
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Action: Match.arrayWith(['sqs:SendMessage']),
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Orders'), 'Arn'] },
          })]),
        },
        Roles: [{ Ref: 'FnServiceRoleB9001A96' }],
      });
      expect(fn.executionPolicy).toBeDefined();
    });

    test('puts addToRolePolicy and initialPolicy statements in the same policy', () => {
      const stack = newStack();
      const fn = makeFunction(stack, 'Fn', {
        initialPolicy: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'] })],
      });

      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: ['arn:aws:dynamodb:eu-west-1:111111111111:table/orders'] }));

      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::IAM::Policy', 0);
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Action: 's3:GetObject' }),
            Match.objectLike({ Action: 'dynamodb:GetItem' }),
          ]),
        },
      });
    });

    test('fails when an AWS managed policy is added to its role', () => {
      const stack = newStack();
      const fn = makeFunction(stack, 'Fn');

      fn.role!.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3FullAccess'));

      expect(() => Template.fromStack(stack)).toThrow(/TestStack\/Fn: its role has the AWS managed policies AmazonS3FullAccess.*Fix: grant exactly/);
    });

    test('accepts a customer-managed policy on its role', () => {
      const stack = newStack();
      const fn = makeFunction(stack, 'Fn');
      const boundary = new iam.ManagedPolicy(stack, 'Platform', { statements: [new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:eu-west-1:111111111111:audit'] })] });

      fn.role!.addManagedPolicy(boundary);

      expect(() => Template.fromStack(stack)).not.toThrow();
    });

    test('uses a role you pass, without a policy of its own', () => {
      const stack = newStack();
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });

      const fn = makeFunction(stack, 'Fn', { role });

      expect(fn.role).toBe(role);
      expect(fn.executionPolicy).toBeUndefined();
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::IAM::Role', 1);
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'] })]) },
        Roles: [{ Ref: Match.stringLikeRegexp('^Role') }],
      });
    });

    test('fails when two SecureFunctions share a role', () => {
      const stack = newStack();
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      makeFunction(stack, 'A', { role });
      makeFunction(stack, 'B', { role });

      expect(() => Template.fromStack(stack)).toThrow(/TestStack\/A: its role is also the role of TestStack\/B.*Fix: leave out the role prop/);
    });

    test('fails when a SecureFunction takes the role of another function', () => {
      const stack = newStack();
      const plain = new lambda.Function(stack, 'Plain', minimalFunctionProps);
      makeFunction(stack, 'Fn', { role: plain.role });

      expect(() => Template.fromStack(stack)).toThrow(/TestStack\/Fn: its role is also the role of TestStack\/Plain/);
    });
  });

  describe('SecureFunction code signing', () => {
    test('signingProfiles creates a code-signing configuration that enforces', () => {
      const stack = newStack();
      const profile = new signer.SigningProfile(stack, 'Profile', { platform: signer.Platform.AWS_LAMBDA_SHA384_ECDSA });

      const fn = makeFunction(stack, 'Fn', { signingProfiles: [profile] });

      expect(fn.signingConfig).toBeDefined();
      const template = Template.fromStack(stack);
      template.hasResourceProperties('AWS::Lambda::CodeSigningConfig', {
        CodeSigningPolicies: { UntrustedArtifactOnDeployment: 'Enforce' },
        AllowedPublishers: { SigningProfileVersionArns: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Profile'), 'ProfileVersionArn'] }] },
      });
      template.hasResourceProperties('AWS::Lambda::Function', {
        CodeSigningConfigArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FnCodeSigningConfig'), 'CodeSigningConfigArn'] },
      });
    });

    test('without signingProfiles there is no code-signing configuration', () => {
      const stack = newStack();
      makeFunction(stack, 'Fn');

      Template.fromStack(stack).resourceCountIs('AWS::Lambda::CodeSigningConfig', 0);
    });
  });
});
