import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { securityFindings } from './helpers';
import { S3_RULES } from '../../src/checks/rules/s3';
import { ruleName } from '../../src/checks/security-rule';

function newStack(app = new App()): Stack {
  return new Stack(app, 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
}

/** A bucket with every S3 setting the rules ask for. */
function hardenedBucket(stack: Stack, id: string, props: s3.BucketProps = {}): s3.Bucket {
  return new s3.Bucket(stack, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    encryptionKey: new kms.Key(stack, `${id}Key`, { enableKeyRotation: true }),
    versioned: true,
    ...props,
  });
}

/** The findings of the S3 rules only. */
function s3Findings(stack: Stack): string[] {
  const names = S3_RULES.map(ruleName);
  return securityFindings(stack).filter(finding => names.some(name => finding.startsWith(`SecureServerless-${name} `)));
}

describe('S3 rule data', () => {
  test.each([
    'S3PublicAccessBlock', 'S3PolicyGrantsAnyone', 'S3TlsOnly', 'S3KmsEncryption', 'S3Versioning', 'S3Retained',
  ])('%s is listed in S3_RULES with what, why and fix', name => {
    const rule = S3_RULES.find(candidate => ruleName(candidate) === name);

    expect(rule).toBeDefined();
    expect(rule!.what).not.toEqual('');
    expect(rule!.why).not.toEqual('');
    expect(rule!.fix).not.toEqual('');
  });
});

describe('a hand-hardened bucket', () => {
  test('an s3.Bucket with BLOCK_ALL, enforceSSL, a KMS key and versioning has no S3 finding', () => {
    const stack = newStack();
    hardenedBucket(stack, 'Data');

    expect(s3Findings(stack)).toEqual([]);
  });

  test('with an SSE-S3 access log bucket of its own, neither bucket has an S3 finding', () => {
    const stack = newStack();
    const logs = new s3.Bucket(stack, 'Logs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
    });
    hardenedBucket(stack, 'Data', { serverAccessLogsBucket: logs });

    expect(s3Findings(stack)).toEqual([]);
  });
});

describe('S3PublicAccessBlock', () => {
  test('reports a bucket without PublicAccessBlockConfiguration', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Data');

    expect(securityFindings(stack, 'S3PublicAccessBlock')).toEqual(['SecureServerless-S3PublicAccessBlock S/Data/Resource']);
  });

  test('reports a bucket that blocks only ACLs', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Data', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY });

    expect(securityFindings(stack, 'S3PublicAccessBlock')).toEqual(['SecureServerless-S3PublicAccessBlock S/Data/Resource']);
  });

  test('reports a block turned off by a property override', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Data', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
    (bucket.node.defaultChild as s3.CfnBucket).addPropertyOverride('PublicAccessBlockConfiguration.RestrictPublicBuckets', false);

    expect(securityFindings(stack, 'S3PublicAccessBlock')).toEqual(['SecureServerless-S3PublicAccessBlock S/Data/Resource']);
  });

  test('accepts BLOCK_ALL', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Data', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });

    expect(securityFindings(stack, 'S3PublicAccessBlock')).toEqual([]);
  });

  test('accepts the four settings as the string "true" (as an included template or an override may write them)', () => {
    const stack = newStack();
    const bucket = new s3.CfnBucket(stack, 'Data');
    bucket.addPropertyOverride('PublicAccessBlockConfiguration', {
      BlockPublicAcls: 'true', BlockPublicPolicy: 'true', IgnorePublicAcls: 'true', RestrictPublicBuckets: 'true',
    });

    expect(securityFindings(stack, 'S3PublicAccessBlock')).toEqual([]);
  });
});

describe('S3PolicyGrantsAnyone', () => {
  test('reports the GetObject for everyone that publicReadAccess writes', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Site', { publicReadAccess: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY });

    expect(securityFindings(stack, 'S3PolicyGrantsAnyone')).toEqual(['SecureServerless-S3PolicyGrantsAnyone S/Site/Policy/Resource']);
  });

  test('reports a grant to iam.AnyPrincipal', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Data');
    bucket.grantPut(new iam.AnyPrincipal());

    expect(securityFindings(stack, 'S3PolicyGrantsAnyone')).toEqual(['SecureServerless-S3PolicyGrantsAnyone S/Data/Policy/Resource']);
  });

  test('reports an Allow to everyone but a NotPrincipal', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Data');
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      notPrincipals: [new iam.AccountPrincipal('222222222222')],
      actions: ['s3:GetObject'],
      resources: [bucket.arnForObjects('*')],
    }));

    expect(securityFindings(stack, 'S3PolicyGrantsAnyone')).toEqual(['SecureServerless-S3PolicyGrantsAnyone S/Data/Policy/Resource']);
  });

  test('reports a principal "*" on an L1 policy', () => {
    const stack = newStack();
    new s3.CfnBucketPolicy(stack, 'Policy', {
      bucket: 'some-bucket',
      policyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::some-bucket/*' }] },
    });

    expect(securityFindings(stack, 'S3PolicyGrantsAnyone')).toEqual(['SecureServerless-S3PolicyGrantsAnyone S/Policy']);
  });

  /** An L1 bucket policy that allows everyone `s3:GetObject` under one condition. */
  function policyForAnyoneUnder(stack: Stack, condition: Record<string, unknown>): void {
    new s3.CfnBucketPolicy(stack, 'Policy', {
      bucket: 'some-bucket',
      policyDocument: {
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::some-bucket/*', Condition: condition }],
      },
    });
  }

  test.each([
    ['StringLike aws:SourceAccount "*"', { StringLike: { 'aws:SourceAccount': '*' } }],
    ['ArnLike aws:SourceArn "*"', { ArnLike: { 'aws:SourceArn': '*' } }],
    ['IpAddress aws:SourceIp 0.0.0.0/0', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }],
    ['StringEqualsIfExists aws:SourceAccount', { StringEqualsIfExists: { 'aws:SourceAccount': '111111111111' } }],
    ['Null aws:SourceArn false', { Null: { 'aws:SourceArn': 'false' } }],
    ['StringNotEquals aws:PrincipalOrgID (everyone outside the org)', { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }],
    ['StringEquals aws:SourceOwner "*"', { StringEquals: { 'aws:SourceOwner': '*' } }],
    ['Bool aws:SecureTransport true', { Bool: { 'aws:SecureTransport': 'true' } }],
    ['StringLike aws:Referer (the caller sets it)', { StringLike: { 'aws:Referer': 'https://example.com/*' } }],
  ])('reports "*" under a condition that does not narrow: %s', (_name, condition) => {
    const stack = newStack();
    policyForAnyoneUnder(stack, condition);

    expect(securityFindings(stack, 'S3PolicyGrantsAnyone')).toEqual(['SecureServerless-S3PolicyGrantsAnyone S/Policy']);
  });

  test.each([
    ['StringEquals aws:SourceAccount', { StringEquals: { 'aws:SourceAccount': '111111111111' } }],
    ['StringEquals aws:PrincipalOrgID', { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }],
    ['IpAddress aws:SourceIp of one office', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }],
    ['ArnLike aws:SourceArn of one distribution', { ArnLike: { 'aws:SourceArn': 'arn:aws:cloudfront::111111111111:distribution/E1' } }],
  ])('does not report "*" under a condition that narrows: %s', (_name, condition) => {
    const stack = newStack();
    policyForAnyoneUnder(stack, condition);

    expect(securityFindings(stack, 'S3PolicyGrantsAnyone')).toEqual([]);
  });

  test('does not report the TLS-only Deny to "*" that enforceSSL writes', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Data', { enforceSSL: true });

    expect(securityFindings(stack, 'S3PolicyGrantsAnyone')).toEqual([]);
  });

  test('does not report CloudFront origin access control (cloudfront.amazonaws.com with AWS:SourceArn)', () => {
    const stack = newStack();
    const site = new s3.Bucket(stack, 'Site', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
    new cloudfront.Distribution(stack, 'Cdn', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(site) } });

    expect(securityFindings(stack, 'S3PolicyGrantsAnyone')).toEqual([]);
  });

  test('does not report "*" scoped to an organization (iam.OrganizationPrincipal)', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Data');
    bucket.grantRead(new iam.OrganizationPrincipal('o-abcdefghij'));

    expect(securityFindings(stack, 'S3PolicyGrantsAnyone')).toEqual([]);
  });

  test('does not report "*" scoped to a VPC endpoint', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Data');
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:GetObject'],
      resources: [bucket.arnForObjects('*')],
      conditions: { StringEquals: { 'aws:SourceVpce': 'vpce-1234567890abcdef0' } },
    }));

    expect(securityFindings(stack, 'S3PolicyGrantsAnyone')).toEqual([]);
  });

  test('does not report grants to a role, or the log delivery policy of server access logs', () => {
    const app = new App({ context: { '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true } });
    const stack = newStack(app);
    const logs = new s3.Bucket(stack, 'Logs');
    const bucket = new s3.Bucket(stack, 'Data', { serverAccessLogsBucket: logs });
    bucket.grantRead(new iam.Role(stack, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }));
    bucket.grantRead(new iam.AccountPrincipal('222222222222'));

    expect(securityFindings(stack, 'S3PolicyGrantsAnyone')).toEqual([]);
  });
});

describe('S3TlsOnly', () => {
  test('reports a bucket without a bucket policy', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Data');

    expect(securityFindings(stack, 'S3TlsOnly')).toEqual(['SecureServerless-S3TlsOnly S/Data/Resource']);
  });

  test('reports a bucket whose policy only grants access', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Data');
    bucket.grantRead(new iam.AccountPrincipal('222222222222'));

    expect(securityFindings(stack, 'S3TlsOnly')).toEqual(['SecureServerless-S3TlsOnly S/Data/Resource']);
  });

  test('reports a bucket when the TLS-only policy belongs to another bucket', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Data');
    new s3.Bucket(stack, 'Other', { enforceSSL: true });

    expect(securityFindings(stack, 'S3TlsOnly')).toEqual(['SecureServerless-S3TlsOnly S/Data/Resource']);
  });

  test('reports a bucket whose policy denies insecure transport for one action only', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Data');
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:GetObject'],
      resources: [bucket.arnForObjects('*')],
      conditions: { Bool: { 'aws:SecureTransport': 'false' } },
    }));

    expect(securityFindings(stack, 'S3TlsOnly')).toEqual(['SecureServerless-S3TlsOnly S/Data/Resource']);
  });

  test('accepts enforceSSL', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Data', { enforceSSL: true });

    expect(securityFindings(stack, 'S3TlsOnly')).toEqual([]);
  });

  test('accepts an L1 bucket policy that names the bucket by its literal BucketName', () => {
    const stack = newStack();
    new s3.CfnBucket(stack, 'Data', { bucketName: 'my-data-bucket' });
    new s3.CfnBucketPolicy(stack, 'Policy', {
      bucket: 'my-data-bucket',
      policyDocument: {
        Statement: [{
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 's3:*',
          Resource: ['arn:aws:s3:::my-data-bucket', 'arn:aws:s3:::my-data-bucket/*'],
          Condition: { Bool: { 'aws:SecureTransport': false } },
        }],
      },
    });

    expect(securityFindings(stack, 'S3TlsOnly')).toEqual([]);
  });
});

describe('S3KmsEncryption', () => {
  test('reports a bucket without BucketEncryption (SSE-S3 by default)', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Data');

    expect(securityFindings(stack, 'S3KmsEncryption')).toEqual(['SecureServerless-S3KmsEncryption S/Data/Resource']);
  });

  test('reports SSE-S3 on a bucket that receives no access logs', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Data', { encryption: s3.BucketEncryption.S3_MANAGED });

    expect(securityFindings(stack, 'S3KmsEncryption')).toEqual(['SecureServerless-S3KmsEncryption S/Data/Resource']);
  });

  test('reports the source bucket of access logs: only the destination may keep SSE-S3', () => {
    const stack = newStack();
    const logs = new s3.Bucket(stack, 'Logs', { encryption: s3.BucketEncryption.S3_MANAGED });
    new s3.Bucket(stack, 'Data', { encryption: s3.BucketEncryption.S3_MANAGED, serverAccessLogsBucket: logs });

    expect(securityFindings(stack, 'S3KmsEncryption')).toEqual(['SecureServerless-S3KmsEncryption S/Data/Resource']);
  });

  test('accepts a customer-managed KMS key, the AWS managed key and DSSE-KMS', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Data', { encryptionKey: new kms.Key(stack, 'Key') });
    new s3.Bucket(stack, 'Managed', { encryption: s3.BucketEncryption.KMS_MANAGED });
    new s3.Bucket(stack, 'Dual', { encryption: s3.BucketEncryption.DSSE_MANAGED });

    expect(securityFindings(stack, 'S3KmsEncryption')).toEqual([]);
  });

  test('does not report an SSE-S3 bucket that receives server access logs', () => {
    const stack = newStack();
    const logs = new s3.Bucket(stack, 'Logs', { encryption: s3.BucketEncryption.S3_MANAGED });
    new s3.Bucket(stack, 'Data', { encryptionKey: new kms.Key(stack, 'Key'), serverAccessLogsBucket: logs });

    expect(securityFindings(stack, 'S3KmsEncryption')).toEqual([]);
  });

  test('does not report a log bucket without BucketEncryption, opened to log delivery by its bucket policy', () => {
    const app = new App({ context: { '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true } });
    const stack = newStack(app);
    const logs = new s3.Bucket(stack, 'Logs');
    new s3.Bucket(stack, 'Data', { encryptionKey: new kms.Key(stack, 'Key'), serverAccessLogsBucket: logs });

    expect(securityFindings(stack, 'S3KmsEncryption')).toEqual([]);
  });

  test('does not report an SSE-S3 bucket that logs into itself (serverAccessLogsPrefix only)', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Data', { encryption: s3.BucketEncryption.S3_MANAGED, serverAccessLogsPrefix: 'access-logs/' });

    expect(securityFindings(stack, 'S3KmsEncryption')).toEqual([]);
  });

  test('does not report an L1 log bucket named by its literal BucketName', () => {
    const stack = newStack();
    new s3.CfnBucket(stack, 'Logs', {
      bucketName: 'my-access-logs',
      bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] },
    });
    new s3.CfnBucket(stack, 'Data', {
      bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } }] },
      loggingConfiguration: { destinationBucketName: 'my-access-logs' },
    });

    expect(securityFindings(stack, 'S3KmsEncryption')).toEqual([]);
  });
});

describe('S3Versioning', () => {
  test('reports a bucket without versioning', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Data');

    expect(securityFindings(stack, 'S3Versioning')).toEqual(['SecureServerless-S3Versioning S/Data/Resource']);
  });

  test('reports suspended versioning', () => {
    const stack = newStack();
    new s3.CfnBucket(stack, 'Data', { versioningConfiguration: { status: 'Suspended' } });

    expect(securityFindings(stack, 'S3Versioning')).toEqual(['SecureServerless-S3Versioning S/Data']);
  });

  test('accepts versioned: true', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Data', { versioned: true });

    expect(securityFindings(stack, 'S3Versioning')).toEqual([]);
  });
});

describe('S3Retained', () => {
  test('reports RemovalPolicy.DESTROY with autoDeleteObjects', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Data', { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });

    expect(securityFindings(stack, 'S3Retained')).toEqual(['SecureServerless-S3Retained S/Data/Resource']);
  });

  test('reports an L1 bucket without a DeletionPolicy (CloudFormation deletes it)', () => {
    const stack = newStack();
    new s3.CfnBucket(stack, 'Data');

    expect(securityFindings(stack, 'S3Retained')).toEqual(['SecureServerless-S3Retained S/Data']);
  });

  test('accepts the default of s3.Bucket (Retain)', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Data');

    expect(securityFindings(stack, 'S3Retained')).toEqual([]);
  });

  test('accepts RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE (RetainExceptOnCreate)', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Data', { removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE });

    expect(securityFindings(stack, 'S3Retained')).toEqual([]);
  });
});
