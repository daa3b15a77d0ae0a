import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AccessLogsBucket, SecureBucket } from '../../src/storage';
import { securityFindings } from '../checks/helpers';
import { nagFindings, newStack } from '../helpers';
import { acknowledgedReason } from './helpers';

describe('AccessLogsBucket', () => {
  test('is one bucket per stack, created on first use, with a stable logical id', () => {
    const stack = newStack();

    const first = AccessLogsBucket.of(stack);
    const second = AccessLogsBucket.of(new SecureBucket(stack, 'Data'));

    expect(second).toBe(first);
    expect(Object.keys(Template.fromStack(stack).findResources('AWS::S3::Bucket'))).toContain('SecureServerlessAccessLogs37375A89');
  });

  test('uses S3-managed encryption (the only one log delivery supports), TLS 1.2+, versioning, no public access, no ACLs, and is retained', () => {
    const stack = newStack();
    new SecureBucket(stack, 'Data');

    const template = Template.fromStack(stack);
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BlockedEncryptionTypes: { EncryptionType: ['SSE-C'] } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LoggingConfiguration: Match.absent(),
        ObjectLockConfiguration: Match.absent(),
      }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: 'SecureServerlessAccessLogs37375A89' },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    });
  });

  test('expires logs after a year, their old versions 30 days later, and incomplete uploads after 7 days', () => {
    const stack = newStack();
    AccessLogsBucket.of(stack);

    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: [{
          Id: 'ExpireLogs',
          Status: 'Enabled',
          ExpirationInDays: 365,
          NoncurrentVersionExpiration: { NoncurrentDays: 30 },
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
        }],
      },
    });
  });

  test('alone, with no bucket logging to it: the cdk-nag packs report nothing, and our pack asks for KMS until a bucket logs to it', () => {
    const stack = newStack();
    AccessLogsBucket.of(stack);

    expect(nagFindings(stack.node.root)).toEqual([]);
    expect(securityFindings(stack.node.root)).toEqual(['SecureServerless-S3KmsEncryption TestStack/SecureServerlessAccessLogs/Resource']);
  });

  test('acknowledges what cannot apply to a log bucket, with the reasons', () => {
    const stack = newStack();
    const bucket = AccessLogsBucket.of(stack);
    const resource = bucket.node.defaultChild!;
    Template.fromStack(stack);

    expect(acknowledgedReason(resource, 'AwsSolutions-S1')).toMatch(/cannot usefully log access to it into itself/);
    expect(acknowledgedReason(resource, 'PCI.DSS.321-S3DefaultEncryptionKMS')).toMatch(/supports only SSE-S3 \(AES256\)/);
    expect(acknowledgedReason(resource, 'NIST.800.53.R4-S3BucketDefaultLockEnabled')).toMatch(/refuses a destination bucket that has an Object Lock default retention/);
    expect(acknowledgedReason(resource, 'HIPAA.Security-S3BucketReplicationEnabled')).toMatch(/Cross-region replication needs a destination bucket in a second region/);
  });

  test('does not acknowledge the logging rules once a bucket of the stack logs to it: they pass it then', () => {
    const stack = newStack();
    new SecureBucket(stack, 'Data');
    const resource = AccessLogsBucket.of(stack).node.defaultChild!;
    Template.fromStack(stack);

    expect(acknowledgedReason(resource, 'AwsSolutions-S1')).toBeUndefined();
    expect(acknowledgedReason(resource, 'PCI.DSS.321-S3BucketLoggingEnabled')).toBeUndefined();
    expect(acknowledgedReason(resource, 'PCI.DSS.321-S3DefaultEncryptionKMS')).toMatch(/supports only SSE-S3 \(AES256\)/);
    expect(nagFindings(stack.node.root).filter(finding => finding.includes('SecureServerlessAccessLogs'))).toEqual([]);
  });

  test('refuses a bucket-policy statement for anyone', () => {
    const bucket = AccessLogsBucket.of(newStack());

    expect(() => bucket.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] })))
      .toThrow(/TestStack\/SecureServerlessAccessLogs: the resource-policy statement allows s3:GetObject to any principal/);
  });
});
