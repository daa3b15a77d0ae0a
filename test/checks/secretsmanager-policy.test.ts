import { App, CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { securityFindings } from './helpers';

const RULE = 'SecretPolicyGrantsAnyone';
const FINDING = `SecureServerless-${RULE} S/Policy`;

function newStack(): Stack {
  return new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
}

/**
 * An L1 secret with a resource policy of these statements: an object, or its JSON text (which
 * the L1 class refuses, so written as a plain CfnResource, as an imported template has it).
 */
function secretWithPolicy(stack: Stack, statements: object[], asText = false): void {
  const secret = new secretsmanager.CfnSecret(stack, 'Secret', { generateSecretString: {} });
  const document = { Version: '2012-10-17', Statement: statements };
  if (asText) {
    new CfnResource(stack, 'Policy', {
      type: 'AWS::SecretsManager::ResourcePolicy',
      properties: { SecretId: secret.ref, ResourcePolicy: JSON.stringify(document) },
    });
  } else {
    new secretsmanager.CfnResourcePolicy(stack, 'Policy', { secretId: secret.ref, resourcePolicy: document });
  }
}

describe('SecretPolicyGrantsAnyone', () => {
  test('flags secret.addToResourcePolicy for iam.AnyPrincipal', () => {
    const stack = newStack();
    const secret = new secretsmanager.Secret(stack, 'Secret');
    secret.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: ['secretsmanager:GetSecretValue'],
      resources: ['*'],
    }));

    expect(securityFindings(stack, RULE)).toEqual([`SecureServerless-${RULE} S/Secret/Policy/Resource`]);
  });

  test.each([
    ['Principal "*", Action as a string', { Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }],
    ['Principal { AWS: "*" }, Action as a list', { Effect: 'Allow', Principal: { AWS: '*' }, Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: '*' }],
    ['"*" among named principals', { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111111111111:role/Reader', '*'] }, Action: 'secretsmanager:*', Resource: '*' }],
    ['everyone but a NotPrincipal', { Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111111111111:role/Reader' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }],
    ['"*" with a negated organization', { Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } }],
    ['"*" with a wildcard source account', { Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { StringLike: { 'aws:SourceAccount': '*' } } }],
    ['"*" with TLS only', { Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }],
  ])('flags %s', (_, statement) => {
    const stack = newStack();
    secretWithPolicy(stack, [statement]);

    expect(securityFindings(stack, RULE)).toEqual([FINDING]);
  });

  test('flags a policy given as JSON text, and one whose Statement is a single object', () => {
    const text = newStack();
    secretWithPolicy(text, [{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }], true);
    const single = newStack();
    const secret = new secretsmanager.CfnSecret(single, 'Secret', { generateSecretString: {} });
    new secretsmanager.CfnResourcePolicy(single, 'Policy', {
      secretId: secret.ref,
      resourcePolicy: { Statement: { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' } },
    });

    expect(securityFindings(text, RULE)).toEqual([FINDING]);
    expect(securityFindings(single, RULE)).toEqual([FINDING]);
  });

  test('flags a public policy even with BlockPublicPolicy: it only makes the deployment fail', () => {
    const stack = newStack();
    const secret = new secretsmanager.CfnSecret(stack, 'Secret', { generateSecretString: {} });
    new secretsmanager.CfnResourcePolicy(stack, 'Policy', {
      secretId: secret.ref,
      blockPublicPolicy: true,
      resourcePolicy: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }] },
    });

    expect(securityFindings(stack, RULE)).toEqual([FINDING]);
  });

  test('near-miss: grants to a role, another account and an organization', () => {
    const stack = newStack();
    const secret = new secretsmanager.Secret(stack, 'Secret', { encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }) });
    secret.grantRead(new iam.AccountPrincipal('222222222222'));
    secret.grantRead(new iam.OrganizationPrincipal('o-abcdefghij'));
    secret.grantRead(new iam.Role(stack, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }));

    expect(securityFindings(stack, RULE)).toEqual([]);
  });

  test.each([
    ['a Deny for "*" (the read restriction\'s shape)', { Effect: 'Deny', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/Reader' } } }],
    ['"*" scoped to the account, operator in lower case', { Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { stringequals: { 'aws:PrincipalAccount': '111111111111' } } }],
    ['"*" scoped to a VPC endpoint', { Effect: 'Allow', Principal: { AWS: '*' }, Action: ['secretsmanager:GetSecretValue'], Resource: '*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }],
    ['a service principal', { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }],
  ])('near-miss: %s', (_, statement) => {
    const stack = newStack();
    secretWithPolicy(stack, [statement]);

    expect(securityFindings(stack, RULE)).toEqual([]);
  });
});
