import { CfnDynamicReference, CfnDynamicReferenceService, Duration, SecretValue, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { rotationFunction } from './fixtures';
import { SecureSecret, SecureSecretProps } from '../../src/secrets';
import { errorOf, expectValidationError, newStack } from '../helpers';

/** A database as `secret.attach` sees it, without creating one. */
const database: secretsmanager.ISecretAttachmentTarget = {
  asSecretAttachmentTarget: () => ({ targetId: 'db-instance-1', targetType: secretsmanager.AttachmentTargetType.RDS_DB_INSTANCE }),
};

/** Builds a secret with the given props (a rotation function when asked) and returns the error it throws. */
function errorFor(props: (stack: Stack) => SecureSecretProps): Error {
  const stack = newStack();
  return errorOf(() => new SecureSecret(stack, 'Secret', props(stack)));
}

/** Synthesizes the stack and returns the validation errors. */
function synthErrors(stack: Stack): string {
  try {
    Template.fromStack(stack);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected synth to fail');
}

describe('SecureSecret refuses bad props', () => {
  // One case builds the deprecated secretStringBeta1 on purpose; its deprecation warning is expected.
  const deprecated = process.env.JSII_DEPRECATED;
  beforeAll(() => {
    process.env.JSII_DEPRECATED = 'quiet';
  });
  afterAll(() => {
    if (deprecated === undefined) {
      delete process.env.JSII_DEPRECATED;
    } else {
      process.env.JSII_DEPRECATED = deprecated;
    }
  });

  const hosted = secretsmanager.HostedRotation.postgreSqlSingleUser();
  test.each<[string, (stack: Stack) => SecureSecretProps, RegExp]>([
    ['both rotationFunction and hostedRotation', stack => ({ rotationFunction: rotationFunction(stack), hostedRotation: hosted }),
      /rotationFunction and hostedRotation are both set/],
    ['an empty allowNoRotation reason', () => ({ allowNoRotation: ' ' }), /allowNoRotation is empty/],
    ['allowNoRotation with a rotation function', stack => ({ allowNoRotation: 'why', rotationFunction: rotationFunction(stack) }),
      /allowNoRotation is set together with rotationFunction/],
    ['allowNoRotation with a hosted rotation', () => ({ allowNoRotation: 'why', hostedRotation: hosted }),
      /allowNoRotation is set together with hostedRotation/],
    ['automaticallyAfter without a rotation', () => ({ allowNoRotation: 'why', automaticallyAfter: Duration.days(7) }),
      /automaticallyAfter is set but neither rotationFunction nor hostedRotation is/],
    ['a rotation interval under 4 hours', stack => ({ rotationFunction: rotationFunction(stack), automaticallyAfter: Duration.hours(3) }),
      /automaticallyAfter is 3 hours; Secrets Manager rotates from 4 hours to 1000 days/],
    ['a rotation interval of 0', stack => ({ rotationFunction: rotationFunction(stack), automaticallyAfter: Duration.days(0) }),
      /automaticallyAfter is 0 days; Secrets Manager rotates from 4 hours to 1000 days/],
    ['a rotation interval over 1000 days', () => ({ hostedRotation: hosted, automaticallyAfter: Duration.days(1001) }),
      /automaticallyAfter is 1001 days/],
    ['a rotation interval of part of an hour', () => ({ hostedRotation: hosted, automaticallyAfter: Duration.minutes(270) }),
      /automaticallyAfter is 4 hours 30 minutes; Secrets Manager schedules rotation in whole hours \(under a day\) or whole days/],
    ['a rotation interval over a day that is not whole days', () => ({ hostedRotation: hosted, automaticallyAfter: Duration.hours(36) }),
      /automaticallyAfter is 1 day 12 hours; .*whole days/],
    ['restrictReadsToGrantees with a hosted rotation', () => ({ hostedRotation: hosted, restrictReadsToGrantees: true }),
      /restrictReadsToGrantees is true with a hostedRotation/],
    ['the deprecated secretStringBeta1', stack => ({
      rotationFunction: rotationFunction(stack),
      secretStringBeta1: secretsmanager.SecretStringValueBeta1.fromToken(SecretValue.ssmSecure('/p').unsafeUnwrap()),
    }), /secretStringBeta1 is deprecated/],
    ['a plaintext secretStringValue', stack => ({ rotationFunction: rotationFunction(stack), secretStringValue: SecretValue.unsafePlainText('hunter2') }),
      /secretStringValue is a plaintext value/],
    ['a plaintext value in secretObjectValue', stack => ({
      rotationFunction: rotationFunction(stack),
      secretObjectValue: { username: SecretValue.ssmSecure('/db/user'), password: SecretValue.unsafePlainText('hunter2') },
    }), /secretObjectValue.password is a plaintext value/],
    ['a replica without a key', stack => ({ rotationFunction: rotationFunction(stack), replicaRegions: [{ region: 'eu-central-1' }] }),
      /replicaRegions\[0\] \(eu-central-1\) has no encryptionKey/],
  ])('fails on %s', (_name, props, message) => {
    expectValidationError(errorFor(props), 'TestStack/Secret', message);
  });

  test('accepts a secretStringValue that is a reference', () => {
    const stack = newStack();
    expect(() => new SecureSecret(stack, 'Secret', {
      rotationFunction: rotationFunction(stack), secretStringValue: SecretValue.ssmSecure('/prod/db/password'),
    })).not.toThrow();
  });
});

describe('SecureSecret refuses bad grants and schedules', () => {
  test('fails on grantRead to any principal', () => {
    const stack = newStack();
    const secret = new SecureSecret(stack, 'Secret', { allowNoRotation: 'test', restrictReadsToGrantees: false });

    expect(() => secret.grantRead(new iam.AnyPrincipal()))
      .toThrow(/^TestStack\/Secret: grantRead to any principal \(\*\) would let every AWS account use the secret\. Fix: /);
  });

  test('fails on grantWrite to any principal', () => {
    const stack = newStack();
    const secret = new SecureSecret(stack, 'Secret', { allowNoRotation: 'test' });

    expect(() => secret.grantWrite(new iam.AnyPrincipal())).toThrow(/TestStack\/Secret: grantWrite to any principal/);
  });

  test.each<[string, () => iam.IPrincipal, RegExp]>([
    ['an IAM group', () => new iam.Group(newStack(), 'Group'), /an IAM group is no principal of a request/],
    ['an organization', () => new iam.OrganizationPrincipal('o-abcdefghij'), /a grant to any principal \(\*\), even with conditions/],
    ['a federated principal', () => new iam.FederatedPrincipal('cognito-identity.amazonaws.com', {}), /a Federated principal has no ARN/],
  ])('with the read restriction, fails on grantRead to %s, which it cannot name', (_name, principal, message) => {
    const stack = newStack();
    const secret = new SecureSecret(stack, 'Secret', { allowNoRotation: 'test' });

    const error = (() => {
      try {
        secret.grantRead(principal());
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected grantRead to throw');
    })();
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/^TestStack\/Secret: grantRead to .* Fix: .*restrictReadsToGrantees: false/);
  });

  test('without the read restriction, an organization may be granted', () => {
    const stack = newStack();
    const secret = new SecureSecret(stack, 'Secret', { allowNoRotation: 'test', restrictReadsToGrantees: false });

    expect(() => secret.grantRead(new iam.OrganizationPrincipal('o-abcdefghij'))).not.toThrow();
  });

  test('fails on a second rotation schedule', () => {
    const stack = newStack();
    const secret = new SecureSecret(stack, 'Secret', { rotationFunction: rotationFunction(stack) });

    expect(() => secret.addRotationSchedule('Again', { rotationLambda: rotationFunction(stack, undefined, 'Other') }))
      .toThrow(/^TestStack\/Secret: the secret already has the rotation schedule TestStack\/Secret\/RotationSchedule; .* Fix: /);
  });

  test('fails on addRotationSchedule with an interval Secrets Manager refuses', () => {
    const stack = newStack();
    const secret = new SecureSecret(stack, 'Secret');

    expect(() => secret.addRotationSchedule('Rotation', { rotationLambda: rotationFunction(stack), automaticallyAfter: Duration.hours(2) }))
      .toThrow(/^TestStack\/Secret: automaticallyAfter is 2 hours; .* Fix: /);
  });

  test('fails on a hosted rotation added while reads are restricted', () => {
    const stack = newStack();
    const secret = new SecureSecret(stack, 'Secret');

    expect(() => secret.addRotationSchedule('Rotation', { hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser() }))
      .toThrow(/^TestStack\/Secret: a hosted rotation is added while restrictReadsToGrantees is on; .* Fix: set restrictReadsToGrantees: false/);
  });

  test('fails on a rotation function this app cannot grant to', () => {
    const stack = newStack();
    const secret = new SecureSecret(stack, 'Secret');
    const imported = lambda.Function.fromFunctionArn(stack, 'Imported', 'arn:aws:lambda:eu-west-1:111111111111:function:rotator');

    expect(() => secret.addRotationSchedule('Rotation', { rotationLambda: imported }))
      .toThrow(/^TestStack\/Secret: the rotation function TestStack\/Imported has no role this app can grant to .* Fix: /);
  });
});

describe('SecureSecret fails synth', () => {
  test('when the secret has no rotation', () => {
    const stack = newStack();
    new SecureSecret(stack, 'Secret');

    expect(synthErrors(stack)).toMatch(/TestStack\/Secret: the secret has no rotation\. .* Fix: pass rotationFunction or hostedRotation, call addRotationSchedule, or set allowNoRotation/);
  });

  test('when allowNoRotation is set but a rotation schedule was added', () => {
    const stack = newStack();
    const secret = new SecureSecret(stack, 'Secret', { allowNoRotation: 'test' });
    secret.addRotationSchedule('Rotation', { rotationLambda: rotationFunction(stack) });

    expect(synthErrors(stack)).toMatch(/TestStack\/Secret: allowNoRotation is set, but the secret has the rotation schedule .* Fix: leave out allowNoRotation/);
  });

  test('when a hosted rotation of the attached secret meets the read restriction', () => {
    const stack = newStack();
    const secret = new SecureSecret(stack, 'Secret');
    secret.attach(database).addRotationSchedule('Rotation', { hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser() });

    expect(synthErrors(stack)).toMatch(/TestStack\/Secret: a hosted rotation rotates the secret while restrictReadsToGrantees is on; .* Fix: set restrictReadsToGrantees: false/);
  });

  test.each<[string, (secret: SecureSecret) => SecretValue]>([
    ['secretValue', secret => secret.secretValue],
    ['secretValueFromJson', secret => secret.secretValueFromJson('password')],
    ['the attached secret\'s secretValueFromJson', secret => secret.attach(database).secretValueFromJson('password')],
    ['cfnDynamicReferenceKey', secret => SecretValue.cfnDynamicReference(new CfnDynamicReference(
      CfnDynamicReferenceService.SECRETS_MANAGER, secret.cfnDynamicReferenceKey({ jsonField: 'password' })))],
  ])('when CloudFormation resolves the value (%s) while reads are restricted', (_name, valueOf) => {
    const stack = newStack();
    const secret = new SecureSecret(stack, 'Secret', { rotationFunction: rotationFunction(stack) });
    new iam.User(stack, 'User', { password: valueOf(secret) });

    expect(synthErrors(stack)).toMatch(/TestStack\/Secret: the secret's value is resolved by CloudFormation .* Fix: set restrictReadsToGrantees: false/);
  });
});
