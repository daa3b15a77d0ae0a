import { App, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { securityFindings } from './helpers';
import { SECRETSMANAGER_RULES } from '../../src/checks/rules/secretsmanager';
import { ruleName } from '../../src/checks/security-rule';
import { LATEST_NODE } from '../helpers';

function newStack(): Stack {
  return new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
}

function rotationFunction(stack: Stack): lambda.Function {
  return new lambda.Function(stack, 'Rotator', {
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    handler: 'index.handler',
    runtime: LATEST_NODE,
  });
}

/** A database as `secret.attach` sees it, without creating one. */
const database: secretsmanager.ISecretAttachmentTarget = {
  asSecretAttachmentTarget: () => ({ targetId: 'db-instance-1', targetType: secretsmanager.AttachmentTargetType.RDS_DB_INSTANCE }),
};

describe('SECRETSMANAGER_RULES', () => {
  test('lists the three secret rules, each with what, why and fix', () => {
    expect(SECRETSMANAGER_RULES.map(ruleName)).toEqual(['SecretRotation', 'SecretCustomerManagedKey', 'SecretPolicyGrantsAnyone']);
    expect(SECRETSMANAGER_RULES.map(rule => [rule.risk, rule.level])).toEqual([['secrets', 'Error'], ['encryption-at-rest', 'Warning'], ['public-access', 'Error']]);
    for (const rule of SECRETSMANAGER_RULES) {
      for (const text of [rule.what, rule.why, rule.fix]) {
        expect(text.length).toBeGreaterThan(20);
      }
    }
  });
});

describe('SecretRotation', () => {
  test('flags a secret without a rotation schedule', () => {
    const stack = newStack();
    new secretsmanager.Secret(stack, 'Secret');

    expect(securityFindings(stack, 'SecretRotation')).toEqual(['SecureServerless-SecretRotation S/Secret/Resource']);
  });

  test('near-miss: a rotation schedule of another secret does not count', () => {
    const stack = newStack();
    new secretsmanager.Secret(stack, 'Secret');
    new secretsmanager.Secret(stack, 'Other').addRotationSchedule('Rotation', { hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser() });

    expect(securityFindings(stack, 'SecretRotation')).toEqual(['SecureServerless-SecretRotation S/Secret/Resource']);
  });

  test('near-miss: a rotation schedule with neither a rotation function nor a hosted one does not count', () => {
    const stack = newStack();
    const secret = new secretsmanager.CfnSecret(stack, 'Secret', {});
    new secretsmanager.CfnRotationSchedule(stack, 'Rotation', { secretId: secret.ref, rotationRules: { automaticallyAfterDays: 30 } });

    expect(securityFindings(stack, 'SecretRotation')).toEqual(['SecureServerless-SecretRotation S/Secret']);
  });

  test('compliant: a rotation function', () => {
    const stack = newStack();
    new secretsmanager.Secret(stack, 'Secret').addRotationSchedule('Rotation', { rotationLambda: rotationFunction(stack) });

    expect(securityFindings(stack, 'SecretRotation')).toEqual([]);
  });

  test('compliant: a hosted rotation function', () => {
    const stack = newStack();
    new secretsmanager.Secret(stack, 'Secret').addRotationSchedule('Rotation', { hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser() });

    expect(securityFindings(stack, 'SecretRotation')).toEqual([]);
  });

  test('compliant: rotation of the secret attached to a database, through its SecretTargetAttachment', () => {
    const stack = newStack();
    const attached = new secretsmanager.Secret(stack, 'Secret').attach(database);
    attached.addRotationSchedule('Rotation', { hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser() });

    expect(securityFindings(stack, 'SecretRotation')).toEqual([]);
  });
});

describe('SecretCustomerManagedKey', () => {
  test('flags a secret without a KMS key', () => {
    const stack = newStack();
    new secretsmanager.Secret(stack, 'Secret');

    expect(securityFindings(stack, 'SecretCustomerManagedKey')).toEqual(['SecureServerless-SecretCustomerManagedKey S/Secret/Resource']);
  });

  test('near-miss: naming the AWS managed key aws/secretsmanager is still flagged', () => {
    const stack = newStack();
    new secretsmanager.CfnSecret(stack, 'ByAlias', { kmsKeyId: 'alias/aws/secretsmanager' });
    new secretsmanager.CfnSecret(stack, 'ByAliasArn', { kmsKeyId: 'arn:aws:kms:eu-west-1:111111111111:alias/aws/secretsmanager' });

    expect(securityFindings(stack, 'SecretCustomerManagedKey')).toEqual([
      'SecureServerless-SecretCustomerManagedKey S/ByAlias',
      'SecureServerless-SecretCustomerManagedKey S/ByAliasArn',
    ]);
  });

  test('aws/secretsmanager written without alias/, or built with intrinsics, is the AWS managed key too', () => {
    const stack = newStack();
    new secretsmanager.CfnSecret(stack, 'NoPrefix', { kmsKeyId: 'aws/secretsmanager' });
    new secretsmanager.CfnSecret(stack, 'OtherPartition', { kmsKeyId: 'arn:aws-cn:kms:cn-north-1:111111111111:alias/aws/secretsmanager' });
    new secretsmanager.CfnSecret(stack, 'SubArn', {
      kmsKeyId: Fn.sub('arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/secretsmanager'),
    });
    new secretsmanager.CfnSecret(stack, 'Joined', { kmsKeyId: Fn.join('', ['alias/aws/', new CfnParameter(stack, 'Service').valueAsString]) });

    expect(securityFindings(stack, 'SecretCustomerManagedKey').sort()).toEqual([
      'SecureServerless-SecretCustomerManagedKey S/Joined',
      'SecureServerless-SecretCustomerManagedKey S/NoPrefix',
      'SecureServerless-SecretCustomerManagedKey S/OtherPartition',
      'SecureServerless-SecretCustomerManagedKey S/SubArn',
    ]);
  });

  test('near-miss: a customer alias that starts with aws is a customer-managed key; only alias/aws/… is AWS managed', () => {
    const stack = newStack();
    new secretsmanager.CfnSecret(stack, 'TeamKey', { kmsKeyId: 'alias/aws-team-key' });
    new secretsmanager.CfnSecret(stack, 'TeamKeyArn', { kmsKeyId: 'arn:aws:kms:eu-west-1:111111111111:alias/aws-team-key' });
    new secretsmanager.CfnSecret(stack, 'FromKey', { kmsKeyId: Fn.getAtt('SomeKey', 'Arn').toString() });

    expect(securityFindings(stack, 'SecretCustomerManagedKey')).toEqual([]);
  });

  test('compliant: a customer-managed key, or an alias of one', () => {
    const stack = newStack();
    new secretsmanager.Secret(stack, 'Secret', { encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }) });
    new secretsmanager.CfnSecret(stack, 'ByAlias', { kmsKeyId: 'alias/payments' });

    expect(securityFindings(stack, 'SecretCustomerManagedKey')).toEqual([]);
  });
});
