import { join } from 'path';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as signer from 'aws-cdk-lib/aws-signer';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { SecureDockerImageFunction } from '../../src';
import { securityFindings } from '../checks/helpers';
import { errorOf, expectValidationError, nagFindings, newStack } from '../helpers';

/** A folder with a Dockerfile; synth hashes it and never builds it. */
const IMAGE_DIR = join(__dirname, '..', 'fixtures', 'images', 'greeting');

function imageCode(): lambda.DockerImageCode {
  return lambda.DockerImageCode.fromImageAsset(IMAGE_DIR, { platform: Platform.LINUX_ARM64 });
}

describe('SecureDockerImageFunction', () => {
  test('has the posture of SecureFunction: cap, tracing, dead-letter queue (invoked asynchronously), encrypted environment, own log group and role', () => {
    const stack = newStack();
    const fn = new SecureDockerImageFunction(stack, 'Fn', { code: imageCode(), environment: { TABLE_NAME: 'orders' } });
    new sns.Topic(stack, 'Orders').addSubscription(new subscriptions.LambdaSubscription(fn));
    const template = Template.fromStack(stack);

    expect(fn).toBeInstanceOf(lambda.DockerImageFunction);
    template.hasResourceProperties('AWS::Lambda::Function', {
      PackageType: 'Image',
      Code: { ImageUri: Match.anyValue() },
      ReservedConcurrentExecutions: 10,
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      DeadLetterConfig: { TargetArn: Match.anyValue() },
      KmsKeyArn: Match.anyValue(),
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', LogGroup: { Ref: 'FnLogGroup27CC2AC8' } },
    });
    template.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
  });

  test('no runtime warning: the runtime is inside the image', () => {
    const stack = newStack();
    new SecureDockerImageFunction(stack, 'Fn', { code: imageCode() });

    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('runtime'));
  });

  test('no finding from AwsSolutions, Serverless or our pack, with an image from ECR too', () => {
    const stack = newStack();
    new SecureDockerImageFunction(stack, 'Fn', { code: imageCode() });
    const repository = ecr.Repository.fromRepositoryName(stack, 'Repo', 'orders');
    new SecureDockerImageFunction(stack, 'FromEcr', { code: lambda.DockerImageCode.fromEcr(repository, { tagOrDigest: 'sha256:'.padEnd(71, '0') }) });

    expect(nagFindings(stack.node.root, [new AwsSolutionsChecks(), new ServerlessChecks()])).toEqual([]);
    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test('refuses plaintext secrets and public URLs as SecureFunction does', () => {
    const stack = newStack();
    expect(() => new SecureDockerImageFunction(stack, 'Fn', { code: imageCode(), environment: { DB_PASSWORD: 'hunter2-but-longer' } }))
      .toThrow(/looks like a secret/);
    const fn = new SecureDockerImageFunction(stack, 'Other', { code: imageCode() });
    expect(() => fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE })).toThrow(/FunctionUrlAuthType.NONE/);
  });

  test('refuses a concurrency cap that caps nothing, as SecureFunction does', () => {
    const error = errorOf(() => new SecureDockerImageFunction(newStack(), 'Fn', { code: imageCode(), reservedConcurrentExecutions: 5000 }));

    expectValidationError(error, 'TestStack/Fn', /reservedConcurrentExecutions is 5000; above Lambda's default account quota of 1000 .*caps nothing/);
  });

  test('acknowledges the code-signing warning with the reason that fits an image: Lambda cannot sign it, the registry does', () => {
    const stack = newStack();
    const fn = new SecureDockerImageFunction(stack, 'Fn', { code: imageCode() });

    const rules = (fn.node.defaultChild as lambda.CfnFunction).getMetadata('cdk_nag').rules_to_suppress as Array<{ id: string; reason: string }>;
    const reason = rules.find(rule => rule.id === 'SecureServerless-LambdaCodeSigning')!.reason;
    expect(reason).toMatch(/^Lambda code signing applies to \.zip archives only, not to container images/);
    expect(reason).toMatch(/Amazon ECR/);
    expect(reason).not.toMatch(/Pass signingProfiles/);
  });

  test('refuses signingProfiles: Lambda does not sign images', () => {
    const stack = newStack();
    const profile = new signer.SigningProfile(stack, 'Profile', { platform: signer.Platform.AWS_LAMBDA_SHA384_ECDSA });
    const error = errorOf(() => new SecureDockerImageFunction(stack, 'Fn', { code: imageCode(), signingProfiles: [profile] }));

    expectValidationError(error, 'TestStack/Fn', /signingProfiles is set; Lambda supports code signing for \.zip archives only/);
  });
});
