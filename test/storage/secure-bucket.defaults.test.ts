import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLogsBucket, SecureBucket } from '../../src/storage';
import { newStack } from '../helpers';

describe('SecureBucket defaults', () => {
  test('blocks all public access and disables ACLs', () => {
    const stack = newStack();
    new SecureBucket(stack, 'Data');

    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      AccessControl: Match.absent(),
      WebsiteConfiguration: Match.absent(),
    });
  });

  test('denies requests without TLS, and with TLS below 1.2 (NumericLessThan on s3:TlsVersion)', () => {
    const stack = newStack();
    new SecureBucket(stack, 'Data');

    Template.fromStack(stack).hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: 'Data666C94C7' },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    });
  });

  test('minimumTLSVersion 1.3 raises the floor', () => {
    const stack = newStack();
    new SecureBucket(stack, 'Data', { minimumTLSVersion: 1.3 });

    Template.fromStack(stack).hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Condition: { NumericLessThan: { 's3:TlsVersion': 1.3 } } })]) },
    });
  });

  test('encrypts with the stack key and an S3 bucket key, and refuses SSE-C uploads', () => {
    const stack = newStack();
    const bucket = new SecureBucket(stack, 'Data');

    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{
          ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': ['SecureServerlessKey92BA37A5', 'Arn'] } },
          BucketKeyEnabled: true,
          BlockedEncryptionTypes: { EncryptionType: ['SSE-C'] },
        }],
      },
    });
    Template.fromStack(stack).resourceCountIs('AWS::KMS::Key', 1);
    expect(bucket.encryptionKey).toBeDefined();
  });

  test('encryptionKey replaces the stack key', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Own', { enableKeyRotation: true });
    new SecureBucket(stack, 'Data', { encryptionKey: key, encryption: s3.BucketEncryption.KMS });

    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Own'), 'Arn'] } } })] },
    });
    Template.fromStack(stack).resourceCountIs('AWS::KMS::Key', 1);
  });

  test('bucketKeyEnabled: false and blockedEncryptionTypes are the user\'s to set', () => {
    const stack = newStack();
    new SecureBucket(stack, 'Data', { bucketKeyEnabled: false, blockedEncryptionTypes: [s3.BlockedEncryptionType.NONE] });

    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ BucketKeyEnabled: false, BlockedEncryptionTypes: { EncryptionType: ['NONE'] } })] },
    });
  });

  test('is versioned; old versions expire after 90 days and incomplete multipart uploads after 7', () => {
    const stack = newStack();
    new SecureBucket(stack, 'Data');

    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: [
          { Id: 'AbortIncompleteMultipartUploads', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } },
          { Id: 'ExpireNoncurrentVersions', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 90 } },
        ],
      },
    });
  });

  test('noncurrentVersionRetention sets how long old versions are kept, and the user\'s lifecycle rules come after ours', () => {
    const stack = newStack();
    new SecureBucket(stack, 'Data', {
      noncurrentVersionRetention: Duration.days(365),
      lifecycleRules: [{ id: 'Archive', transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(30) }] }],
    });

    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({ Id: 'AbortIncompleteMultipartUploads' }),
          Match.objectLike({ Id: 'ExpireNoncurrentVersions', NoncurrentVersionExpiration: { NoncurrentDays: 365 } }),
          Match.objectLike({ Id: 'Archive' }),
        ],
      },
    });
  });

  test('is retained on delete, and keeps the logical id of a plain s3.Bucket with the same id', () => {
    const stack = newStack();
    new SecureBucket(stack, 'Data');
    const plain = newStack('Plain');
    new s3.Bucket(plain, 'Data');

    const logicalId = Object.keys(Template.fromStack(plain).findResources('AWS::S3::Bucket'))[0];
    expect(logicalId).toBe('Data666C94C7');
    Template.fromStack(stack).hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({ LoggingConfiguration: Match.anyValue() }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(Template.fromStack(stack).findResources('AWS::S3::Bucket')[logicalId]).toBeDefined();
  });

  test('removalPolicy RETAIN_ON_UPDATE_OR_DELETE is kept', () => {
    const stack = newStack();
    new SecureBucket(stack, 'Data', { removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE });

    Template.fromStack(stack).hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('sends server access logs to the stack\'s log bucket, under its own path, through a scoped bucket policy', () => {
    const stack = newStack();
    new SecureBucket(stack, 'Data');

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { DestinationBucketName: { Ref: 'SecureServerlessAccessLogs37375A89' }, LogFilePrefix: 'TestStack/Data/' },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: 'SecureServerlessAccessLogs37375A89' },
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['SecureServerlessAccessLogs37375A89', 'Arn'] }, '/TestStack/Data/*']] },
          Condition: {
            ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': ['Data666C94C7', 'Arn'] } },
            StringEquals: { 'aws:SourceAccount': '111111111111' },
          },
        }]),
      },
    });
  });

  test('buckets of one stack share one log bucket, which never turns on ACLs', () => {
    const stack = newStack();
    new SecureBucket(stack, 'Data');
    new SecureBucket(stack, 'Uploads');

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::S3::Bucket', 3);
    template.hasResourceProperties('AWS::S3::Bucket', { LoggingConfiguration: { DestinationBucketName: { Ref: 'SecureServerlessAccessLogs37375A89' }, LogFilePrefix: 'TestStack/Uploads/' } });
    for (const bucket of Object.values(template.findResources('AWS::S3::Bucket'))) {
      expect(bucket.Properties.AccessControl).toBeUndefined();
      expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    }
    expect(AccessLogsBucket.of(stack)).toBe(stack.node.findChild('SecureServerlessAccessLogs'));
  });

  test('serverAccessLogsBucket and serverAccessLogsPrefix send the logs to your own bucket', () => {
    const stack = newStack();
    const central = new s3.Bucket(stack, 'Central', { encryption: s3.BucketEncryption.S3_MANAGED });
    new SecureBucket(stack, 'Data', { serverAccessLogsBucket: central, serverAccessLogsPrefix: 'data/' });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::S3::Bucket', { LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^Central') }, LogFilePrefix: 'data/' } });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('^Central') },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'logging.s3.amazonaws.com' } })]) },
    });
    expect(stack.node.tryFindChild(AccessLogsBucket.ID)).toBeUndefined();
  });

  test('a log bucket in another stack is granted for the source account only, so the stacks do not depend on each other', () => {
    const logStack = newStack('Logs');
    const central = new s3.Bucket(logStack, 'Central', { encryption: s3.BucketEncryption.S3_MANAGED });
    const stack = new Stack(logStack.node.scope, 'App', { env: { account: '111111111111', region: 'eu-west-1' } });
    new SecureBucket(stack, 'Data', { serverAccessLogsBucket: central });

    Template.fromStack(logStack).hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
        })]),
      },
    });
    expect(logStack.dependencies).toEqual([]);
    expect(() => (logStack.node.root as App).synth()).not.toThrow();
  });

  test('an imported log bucket gets a warning: its policy must allow log delivery where it is owned', () => {
    const stack = newStack();
    const imported = s3.Bucket.fromBucketName(stack, 'Imported', 'central-access-logs');
    new SecureBucket(stack, 'Data', { serverAccessLogsBucket: imported });

    Annotations.fromStack(stack).hasWarning('/TestStack/Data',
      Match.stringLikeRegexp('TestStack/Data: serverAccessLogsBucket is an imported bucket.*Fix: let the service principal logging.s3.amazonaws.com'));
  });

  test('targetObjectKeyFormat is rendered for both formats', () => {
    const stack = newStack();
    new SecureBucket(stack, 'Partitioned', { targetObjectKeyFormat: s3.TargetObjectKeyFormat.partitionedPrefix(s3.PartitionDateSource.EVENT_TIME) });
    new SecureBucket(stack, 'Simple', { targetObjectKeyFormat: s3.TargetObjectKeyFormat.simplePrefix() });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: Match.objectLike({ TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: 'EventTime' } } }),
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: Match.objectLike({ TargetObjectKeyFormat: { SimplePrefix: {} } }),
    });
  });

  test('object lock with a default retention (mode and period)', () => {
    const stack = newStack();
    new SecureBucket(stack, 'Records', { objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(365)) });

    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } } },
    });
  });
});

describe('SecureBucket loosening props', () => {
  test('allowUnversioned turns versioning and the noncurrent-version rule off', () => {
    const stack = newStack();
    new SecureBucket(stack, 'Cache', { allowUnversioned: 'rendered thumbnails, rebuilt from the originals' });

    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: Match.absent(),
      LifecycleConfiguration: { Rules: [Match.objectLike({ Id: 'AbortIncompleteMultipartUploads' })] },
    });
  });

  test('allowNoAccessLogs turns server access logs off and creates no log bucket', () => {
    const stack = newStack();
    new SecureBucket(stack, 'Data', { allowNoAccessLogs: 'CloudTrail data events record every request to this bucket' });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::S3::Bucket', { LoggingConfiguration: Match.absent() });
    template.resourceCountIs('AWS::S3::Bucket', 1);
  });

  test('allowDeletionWithStack sets RemovalPolicy.DESTROY, without a helper that empties the bucket', () => {
    const stack = newStack();
    new SecureBucket(stack, 'Scratch', { allowDeletionWithStack: 'preview environment, torn down nightly' });

    const template = Template.fromStack(stack);
    template.hasResource('AWS::S3::Bucket', { Properties: Match.objectLike({ LoggingConfiguration: Match.anyValue() }), DeletionPolicy: 'Delete' });
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
    template.resourceCountIs('AWS::Lambda::Function', 0);
  });
});

describe('SecureBucket methods', () => {
  test('grantPublicAccess is refused', () => {
    const bucket = new SecureBucket(newStack(), 'Data');

    expect(() => bucket.grantPublicAccess()).toThrow(/TestStack\/Data: grantPublicAccess\('\*'\) would let anyone on the internet read the bucket. Fix: .*withOriginAccessControl/);
  });

  test('a bucket-policy statement for anyone is refused', () => {
    const bucket = new SecureBucket(newStack(), 'Data');

    expect(() => bucket.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] })))
      .toThrow(/TestStack\/Data: the resource-policy statement allows s3:GetObject to any principal.*Fix: grant named principals \(bucket.grantRead\(role\)\)/);
  });

  test('a statement for anyone in the organization, and one for a service with a source ARN, are accepted', () => {
    const stack = newStack();
    const bucket = new SecureBucket(stack, 'Data');

    bucket.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:GetObject'],
      resources: [bucket.arnForObjects('*')],
      conditions: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
    }));
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
      actions: ['s3:GetObject'],
      resources: [bucket.arnForObjects('*')],
      conditions: { StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE' } },
    }));

    Template.fromStack(stack).hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: 'Data666C94C7' },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudfront.amazonaws.com' } })]) },
    });
  });
});
