import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { logicalIdOf, readRestriction, resourcePolicyStatements, rotationFunction } from './fixtures';
import { SecureSecret } from '../../src/secrets';
import { newStack } from '../helpers';

/** A database as `secret.attach` sees it, without creating one. */
const database: secretsmanager.ISecretAttachmentTarget = {
  asSecretAttachmentTarget: () => ({ targetId: 'db-instance-1', targetType: secretsmanager.AttachmentTargetType.RDS_DB_INSTANCE }),
};

const ROOT_ARN = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] };

describe('SecureSecret defaults', () => {
  test('is encrypted with the stack key', () => {
    const stack = newStack();
    new SecureSecret(stack, 'Secret', { rotationFunction: rotationFunction(stack) });

    Template.fromStack(stack).hasResourceProperties('AWS::SecretsManager::Secret', {
      KmsKeyId: { 'Fn::GetAtt': ['SecureServerlessKey92BA37A5', 'Arn'] },
    });
  });

  test('is encrypted with the key passed as encryptionKey instead', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    new SecureSecret(stack, 'Secret', { rotationFunction: rotationFunction(stack), encryptionKey: key });

    Template.fromStack(stack).hasResourceProperties('AWS::SecretsManager::Secret', {
      KmsKeyId: { 'Fn::GetAtt': [logicalIdOf(key), 'Arn'] },
    });
  });

  test('is retained when removed from the stack or when the stack is deleted', () => {
    const stack = newStack();
    new SecureSecret(stack, 'Secret', { rotationFunction: rotationFunction(stack) });

    Template.fromStack(stack).hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('loosening: removalPolicy DESTROY deletes it with the stack', () => {
    const stack = newStack();
    new SecureSecret(stack, 'Secret', { rotationFunction: rotationFunction(stack), removalPolicy: RemovalPolicy.DESTROY });

    Template.fromStack(stack).hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Delete' });
  });

  test('keeps the logical id a plain secretsmanager.Secret with the same id gets', () => {
    const plainStack = newStack('Plain');
    const plain = new secretsmanager.Secret(plainStack, 'DbPassword');
    const stack = newStack('Plain');
    const secure = new SecureSecret(stack, 'DbPassword', { rotationFunction: rotationFunction(stack) });

    expect(logicalIdOf(secure)).toEqual(logicalIdOf(plain));
    expect(logicalIdOf(secure)).toMatch(/^DbPassword[0-9A-F]{8}$/);
  });

  test('rotates every 30 days with the rotation function', () => {
    const stack = newStack();
    const fn = rotationFunction(stack);
    const secret = new SecureSecret(stack, 'Secret', { rotationFunction: fn });

    expect(secret.rotationSchedule).toBeDefined();
    Template.fromStack(stack).hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      SecretId: { Ref: logicalIdOf(secret) },
      RotationLambdaARN: { 'Fn::GetAtt': [logicalIdOf(fn), 'Arn'] },
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
    });
  });

  test('rotates with a hosted rotation, encrypted with the stack key', () => {
    const stack = newStack();
    new SecureSecret(stack, 'Secret', { hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser() });

    Template.fromStack(stack).hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      HostedRotationLambda: Match.objectLike({
        RotationType: 'PostgreSQLSingleUser',
        KmsKeyArn: { 'Fn::GetAtt': ['SecureServerlessKey92BA37A5', 'Arn'] },
      }),
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
    });
  });

  test.each([
    [Duration.hours(4), 'rate(4 hours)'],
    [Duration.hours(23), 'rate(23 hours)'],
    [Duration.days(1), 'rate(1 day)'],
    [Duration.days(1000), 'rate(1000 days)'],
  ])('rotates on the automaticallyAfter interval %s', (automaticallyAfter, expression) => {
    const stack = newStack();
    new SecureSecret(stack, 'Secret', { rotationFunction: rotationFunction(stack), automaticallyAfter });

    Template.fromStack(stack).hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      RotationRules: { ScheduleExpression: expression },
    });
  });

  test('rotates once addRotationSchedule is called after construction', () => {
    const stack = newStack();
    const secret = new SecureSecret(stack, 'Secret');
    secret.addRotationSchedule('Rotation', { rotationLambda: rotationFunction(stack), automaticallyAfter: Duration.days(7) });

    Template.fromStack(stack).hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      SecretId: { Ref: logicalIdOf(secret) },
      RotationRules: { ScheduleExpression: 'rate(7 days)' },
    });
  });

  test('rotates through the secret attached to a database', () => {
    const stack = newStack();
    const secret = new SecureSecret(stack, 'Secret', { restrictReadsToGrantees: false });
    secret.attach(database).addRotationSchedule('Rotation', { hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser() });

    Template.fromStack(stack).resourceCountIs('AWS::SecretsManager::RotationSchedule', 1);
  });

  test('loosening: allowNoRotation creates no rotation schedule', () => {
    const stack = newStack();
    new SecureSecret(stack, 'Secret', { allowNoRotation: 'A vendor API key, changed by hand in the vendor console.' });

    Template.fromStack(stack).resourceCountIs('AWS::SecretsManager::RotationSchedule', 0);
  });
});

describe('SecureSecret resource policy', () => {
  test('blocks public policies', () => {
    const stack = newStack();
    new SecureSecret(stack, 'Secret', { rotationFunction: rotationFunction(stack) });

    Template.fromStack(stack).hasResourceProperties('AWS::SecretsManager::ResourcePolicy', { BlockPublicPolicy: true });
  });

  test('denies GetSecretValue, and nothing else, to all but the root user, the rotation function and the grantees', () => {
    const stack = newStack();
    const rotator = rotationFunction(stack);
    const secret = new SecureSecret(stack, 'Secret', { rotationFunction: rotator });
    const reader = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    // Granted after the policy was created: the list is computed at synth.
    secret.grantRead(reader);

    expect(readRestriction(stack)).toEqual({
      Sid: 'DenyReadsByPrincipalsNotGrantedThroughThisSecret',
      Effect: 'Deny',
      Principal: '*',
      Action: 'secretsmanager:GetSecretValue',
      Resource: '*',
      Condition: {
        ArnNotEquals: {
          'aws:PrincipalArn': [
            ROOT_ARN,
            { 'Fn::GetAtt': [logicalIdOf(rotator.role!), 'Arn'] },
            { 'Fn::GetAtt': [logicalIdOf(reader), 'Arn'] },
          ],
        },
      },
    });
  });

  test('never denies a management action: the policy can always be replaced or deleted', () => {
    const stack = newStack();
    new SecureSecret(stack, 'Secret', { rotationFunction: rotationFunction(stack) });

    const denied = resourcePolicyStatements(stack).filter(statement => statement.Effect === 'Deny');
    const deniedToAll = denied.filter(statement => statement.Principal === '*').flatMap(statement => [statement.Action].flat());
    expect(deniedToAll).toEqual(['secretsmanager:GetSecretValue']);
    // The only other denial is the CDK's own for rotated secrets: no one in the account deletes it while the policy stands.
    const deniedToRoot = denied.filter(statement => statement.Principal !== '*').flatMap(statement => [statement.Action].flat());
    expect(deniedToRoot).toEqual(['secretsmanager:DeleteSecret']);
  });

  test('names a granted account by aws:PrincipalAccount and a granted service by aws:PrincipalServiceName', () => {
    const stack = newStack();
    const secret = new SecureSecret(stack, 'Secret', { rotationFunction: rotationFunction(stack) });
    secret.grantRead(new iam.AccountPrincipal('222222222222'));
    secret.grantRead(new iam.ServicePrincipal('pipes.amazonaws.com'));

    expect(readRestriction(stack).Condition.StringNotEquals).toEqual({
      'aws:PrincipalServiceName': ['pipes.amazonaws.com'],
      'aws:PrincipalAccount': ['222222222222'],
    });
  });

  test('lists each reader once, however often it is granted', () => {
    const stack = newStack();
    const secret = new SecureSecret(stack, 'Secret', { allowNoRotation: 'test' });
    const reader = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    secret.grantRead(reader);
    secret.grantRead(reader);

    expect(readRestriction(stack).Condition.ArnNotEquals['aws:PrincipalArn']).toHaveLength(2);
  });

  test('exempts the readers of the secret attached to a database', () => {
    const stack = newStack();
    const secret = new SecureSecret(stack, 'Secret', { allowNoRotation: 'test' });
    const reader = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    secret.attach(database).grantRead(reader);

    expect(readRestriction(stack).Condition.ArnNotEquals['aws:PrincipalArn']).toContainEqual({ 'Fn::GetAtt': [logicalIdOf(reader), 'Arn'] });
  });

  test('without grants, only the root user may read', () => {
    const stack = newStack();
    new SecureSecret(stack, 'Secret', { allowNoRotation: 'test' });

    expect(readRestriction(stack).Condition).toEqual({ ArnNotEquals: { 'aws:PrincipalArn': [ROOT_ARN] } });
  });

  test('is off with a hosted rotation, whose function role is unknown at synth', () => {
    const stack = newStack();
    new SecureSecret(stack, 'Secret', { hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser() });

    expect(readRestriction(stack)).toBeUndefined();
  });

  test('loosening: restrictReadsToGrantees false leaves reads to IAM', () => {
    const stack = newStack();
    const secret = new SecureSecret(stack, 'Secret', { rotationFunction: rotationFunction(stack), restrictReadsToGrantees: false });
    secret.grantRead(new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() }));

    expect(readRestriction(stack)).toBeUndefined();
  });

  test('loosening: with restrictReadsToGrantees false, CloudFormation may resolve the value', () => {
    const stack = newStack();
    const secret = new SecureSecret(stack, 'Secret', { allowNoRotation: 'test', restrictReadsToGrantees: false });
    new iam.User(stack, 'User', { password: secret.secretValueFromJson('password') });

    expect(() => Template.fromStack(stack)).not.toThrow();
  });
});
