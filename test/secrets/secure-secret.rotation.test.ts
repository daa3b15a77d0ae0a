import { Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { SecureSecret } from '../../src/secrets';
import { securityFindings } from '../checks/helpers';
import { newStack } from '../helpers';
import { logicalIdOf, rotationFunction, roleStatements } from './fixtures';

describe('SecureSecret rotation function', () => {
  test('may rotate this secret only: the four rotation actions on its ARN', () => {
    const stack = newStack();
    const fn = rotationFunction(stack);
    const secret = new SecureSecret(stack, 'Secret', { rotationFunction: fn });

    const onSecret = roleStatements(stack, logicalIdOf(fn.role!))
      .filter(statement => JSON.stringify(statement.Action).includes('secretsmanager:'));
    expect(onSecret).toEqual(expect.arrayContaining([{
      Effect: 'Allow',
      Action: [
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
        'secretsmanager:PutSecretValue',
        'secretsmanager:UpdateSecretVersionStage',
      ],
      Resource: { Ref: logicalIdOf(secret) },
    }]));
    expect(onSecret.filter(statement => statement.Resource !== '*').map(statement => statement.Resource))
      .toEqual([{ Ref: logicalIdOf(secret) }]);
  });

  test('may use the secret\'s key only through Secrets Manager and for this secret', () => {
    const stack = newStack();
    const fn = rotationFunction(stack);
    const secret = new SecureSecret(stack, 'Secret', { rotationFunction: fn });

    expect(roleStatements(stack, logicalIdOf(fn.role!))).toContainEqual({
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: { 'Fn::GetAtt': ['SecureServerlessKey92BA37A5', 'Arn'] },
      Condition: {
        StringEquals: {
          'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com',
          'kms:EncryptionContext:SecretARN': { Ref: logicalIdOf(secret) },
        },
      },
    });
  });

  test('gets GetRandomPassword on * in a policy of its own, acknowledged there only', () => {
    const stack = newStack();
    const fn = rotationFunction(stack);
    new SecureSecret(stack, 'Secret', { rotationFunction: fn });

    const policies = Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy', {
      Properties: { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'secretsmanager:GetRandomPassword' })]) } },
    });
    expect(Object.values(policies)).toHaveLength(1);
    const [policy] = Object.values(policies) as any[];
    expect(policy.Properties.PolicyDocument.Statement).toEqual([{
      Sid: 'GenerateRandomPasswords', Effect: 'Allow', Action: 'secretsmanager:GetRandomPassword', Resource: '*',
    }]);
    expect(policy.Metadata.cdk_nag.rules_to_suppress.map((rule: { id: string }) => rule.id)).toEqual([
      'AwsSolutions-IAM5[Resource::*]',
    ]);
  });

  test('a function rotating two secrets gets one GetRandomPassword policy, and one invoke permission per secret', () => {
    const stack = newStack();
    const fn = rotationFunction(stack);
    new SecureSecret(stack, 'First', { rotationFunction: fn });
    new SecureSecret(stack, 'Second', { rotationFunction: fn });

    const template = Template.fromStack(stack);
    expect(Object.keys(template.findResources('AWS::IAM::ManagedPolicy', {
      Properties: { Description: Match.stringLikeRegexp('^Password generation') },
    }))).toHaveLength(1);
    template.resourcePropertiesCountIs('AWS::Lambda::Permission', { Principal: 'secretsmanager.amazonaws.com' }, 2);
  });

  test('may be invoked by Secrets Manager for this secret and account only', () => {
    const stack = newStack();
    const fn = rotationFunction(stack);
    const secret = new SecureSecret(stack, 'Secret', { rotationFunction: fn });

    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [logicalIdOf(fn), 'Arn'] },
      Principal: 'secretsmanager.amazonaws.com',
      SourceArn: { Ref: logicalIdOf(secret) },
      SourceAccount: '111111111111',
    });
    expect(securityFindings(stack.node.root, 'LambdaServicePermissionWithoutSource')).toEqual([]);
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('without sourceArn'));
  });

  test('the schedule waits for the permissions and the invoke permission', () => {
    const stack = newStack();
    const fn = rotationFunction(stack);
    new SecureSecret(stack, 'Secret', { rotationFunction: fn });

    const [schedule] = Object.values(Template.fromStack(stack).findResources('AWS::SecretsManager::RotationSchedule')) as any[];
    expect(schedule.DependsOn).toEqual(expect.arrayContaining([
      expect.stringMatching(/^RotatorServiceRoleExecutionPolicy/),
      expect.stringMatching(/^RotatorServiceRoleRandomPasswordPolicy/),
      expect.stringMatching(/^RotatorInvokedBySecretsManagerFor/),
    ]));
  });

  test('gets no broader grant than the above: no kms:Encrypt, no ReEncrypt, no wildcard action', () => {
    const stack = newStack();
    const fn = rotationFunction(stack);
    new SecureSecret(stack, 'Secret', { rotationFunction: fn });

    const actions = roleStatements(stack, logicalIdOf(fn.role!)).flatMap(statement => [statement.Action].flat());
    expect(actions).not.toContain('kms:Encrypt');
    expect(actions.filter((action: string) => action.includes('*'))).toEqual([]);
  });
});

describe('SecureSecret with allowNoRotation', () => {
  test('acknowledges exactly the rotation findings, on the secret, with the reason', () => {
    const stack = newStack();
    const secret = new SecureSecret(stack, 'Secret', { allowNoRotation: 'A vendor API key, changed by hand in the vendor console.' });

    const acknowledged = secret.node.defaultChild!.node.metadata
      .filter(entry => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap(entry => Object.entries(entry.data as { [id: string]: string }));
    expect(acknowledged.map(([id]) => id.replace(/^annotation::/i, '')).sort()).toEqual([
      'AwsSolutions-SMG4',
      'HIPAA.Security-SecretsManagerRotationEnabled',
      'NIST.800.53.R5-SecretsManagerRotationEnabled',
      'SecureServerless-SecretRotation',
    ]);
    for (const [, reason] of acknowledged) {
      expect(JSON.stringify(reason)).toContain('A vendor API key, changed by hand in the vendor console.');
    }
  });
});
