import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { securityFindings } from './helpers';
import { SecureFunction } from '../../src';
import { KMS_RULES } from '../../src/checks/rules/kms';
import { ruleName } from '../../src/checks/security-rule';
import { StackKey } from '../../src/core/stack-key';
import { LATEST_NODE } from '../helpers';

function newStack(): Stack {
  return new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
}

/** The findings of this file's rules only. */
function kmsFindings(stack: Stack): string[] {
  const names = KMS_RULES.map(ruleName);
  return securityFindings(stack).filter(finding => names.some(name => new RegExp(`^SecureServerless-${name}[[ ]`).test(finding)));
}

describe('KMS_RULES', () => {
  test('lists the two KMS rules, each with what, why and fix', () => {
    expect(KMS_RULES.map(ruleName)).toEqual(['KMSKeyRotation', 'KMSKeyPolicyGrantsAnyone']);
    expect(KMS_RULES.map(rule => [rule.risk, rule.level])).toEqual([['encryption-at-rest', 'Error'], ['public-access', 'Error']]);
    for (const rule of KMS_RULES) {
      for (const text of [rule.what, rule.why, rule.fix]) {
        expect(text.length).toBeGreaterThan(20);
      }
    }
  });
});

describe('KMSKeyRotation', () => {
  test('flags a symmetric key without rotation', () => {
    const stack = newStack();
    new kms.Key(stack, 'Key');

    expect(securityFindings(stack, 'KMSKeyRotation')).toEqual(['SecureServerless-KMSKeyRotation S/Key/Resource']);
  });

  test('flags rotation turned off by a property override', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    (key.node.defaultChild as kms.CfnKey).addPropertyOverride('EnableKeyRotation', false);

    expect(securityFindings(stack, 'KMSKeyRotation')).toEqual(['SecureServerless-KMSKeyRotation S/Key/Resource']);
  });

  test('flags an explicit SYMMETRIC_DEFAULT / ENCRYPT_DECRYPT key without rotation', () => {
    const stack = newStack();
    new kms.CfnKey(stack, 'Key', { keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', origin: 'AWS_KMS' });

    expect(securityFindings(stack, 'KMSKeyRotation')).toEqual(['SecureServerless-KMSKeyRotation S/Key']);
  });

  test('compliant: rotation enabled', () => {
    const stack = newStack();
    new kms.Key(stack, 'Key', { enableKeyRotation: true });

    expect(securityFindings(stack, 'KMSKeyRotation')).toEqual([]);
  });

  test('near-miss: asymmetric and HMAC keys cannot rotate and are not flagged', () => {
    const stack = newStack();
    new kms.Key(stack, 'Signing', { keySpec: kms.KeySpec.ECC_NIST_P256, keyUsage: kms.KeyUsage.SIGN_VERIFY });
    new kms.Key(stack, 'Rsa', { keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.ENCRYPT_DECRYPT });
    new kms.Key(stack, 'Hmac', { keySpec: kms.KeySpec.HMAC_256, keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC });

    expect(securityFindings(stack, 'KMSKeyRotation')).toEqual([]);
  });

  test('near-miss: a key for imported key material (Origin EXTERNAL) has no automatic rotation and is not flagged', () => {
    const stack = newStack();
    new kms.CfnKey(stack, 'Imported', { origin: 'EXTERNAL' });

    expect(securityFindings(stack, 'KMSKeyRotation')).toEqual([]);
  });
});

describe('KMSKeyPolicyGrantsAnyone', () => {
  test('flags an Allow for any principal without a condition', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    key.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['kms:Decrypt'], resources: ['*'] }));

    expect(securityFindings(stack, 'KMSKeyPolicyGrantsAnyone')).toEqual(['SecureServerless-KMSKeyPolicyGrantsAnyone S/Key/Resource']);
  });

  test('flags { AWS: "*" } scoped only by a condition that does not name an account (kms:ViaService)', () => {
    const stack = newStack();
    new kms.CfnKey(stack, 'Key', {
      enableKeyRotation: true,
      keyPolicy: {
        Statement: [{
          Effect: 'Allow',
          Principal: { AWS: ['*'] },
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
        }],
      },
    });

    expect(securityFindings(stack, 'KMSKeyPolicyGrantsAnyone')).toEqual(['SecureServerless-KMSKeyPolicyGrantsAnyone S/Key']);
  });

  test('flags the key policy of a multi-Region replica key', () => {
    const stack = newStack();
    new kms.CfnReplicaKey(stack, 'Replica', {
      primaryKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/mrk-1234',
      keyPolicy: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }] },
    });

    expect(securityFindings(stack, 'KMSKeyPolicyGrantsAnyone')).toEqual(['SecureServerless-KMSKeyPolicyGrantsAnyone S/Replica']);
  });

  test('near-miss: the default key policy, whose principal is the account root (rendered with Fn::Join), is not flagged', () => {
    const stack = new Stack(new App(), 'S');
    new kms.Key(stack, 'Key', { enableKeyRotation: true });

    expect(securityFindings(stack, 'KMSKeyPolicyGrantsAnyone')).toEqual([]);
  });

  test('near-miss: a * principal scoped by kms:CallerAccount or aws:PrincipalOrgID is not flagged', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    key.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:Decrypt'],
      resources: ['*'],
      conditions: { StringEquals: { 'kms:CallerAccount': '111111111111', 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } },
    }));
    key.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:Decrypt'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
    }));

    expect(securityFindings(stack, 'KMSKeyPolicyGrantsAnyone')).toEqual([]);
  });

  test('near-miss: a Deny for any principal is not a grant', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    key.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:*'],
      resources: ['*'],
      conditions: { Bool: { 'aws:SecureTransport': 'false' } },
    }));

    expect(securityFindings(stack, 'KMSKeyPolicyGrantsAnyone')).toEqual([]);
  });

  test('compliant: grants to a specific role', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    key.grantDecrypt(new iam.Role(stack, 'Role', { assumedBy: new iam.AccountPrincipal('222222222222') }));

    expect(securityFindings(stack, 'KMSKeyPolicyGrantsAnyone')).toEqual([]);
  });
});

describe('the library\'s own pieces pass the KMS rules', () => {
  test('StackKey.of(stack): rotates, and its service statements are scoped', () => {
    const stack = newStack();
    StackKey.of(stack);

    expect(kmsFindings(stack)).toEqual([]);
  });

  test('SecureFunction at its defaults, with the stack key', () => {
    const stack = newStack();
    new SecureFunction(stack, 'Fn', {
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
      handler: 'index.handler',
      runtime: LATEST_NODE,
    });

    expect(stack.node.tryFindChild(StackKey.ID)).toBeDefined();
    expect(kmsFindings(stack)).toEqual([]);
  });
});
