import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import S3KmsEncryption from './S3KmsEncryption';
import S3PolicyGrantsAnyone from './S3PolicyGrantsAnyone';
import S3PublicAccessBlock from './S3PublicAccessBlock';
import S3Retained from './S3Retained';
import S3TlsOnly from './S3TlsOnly';
import S3Versioning from './S3Versioning';
import { RiskCategory } from '../../risk-category';
import { SecurityRule } from '../../security-rule';

/** The rules of the pack for Amazon S3 buckets and bucket policies. */
export const S3_RULES: SecurityRule[] = [
  {
    check: S3PublicAccessBlock,
    resourceTypes: ['AWS::S3::Bucket'],
    risk: RiskCategory.PUBLIC_ACCESS,
    level: NagMessageLevel.ERROR,
    what: 'The S3 bucket does not block all public access (PublicAccessBlockConfiguration is missing or one of its four settings is not true).',
    why: 'One public ACL or bucket policy statement, written by mistake, then opens its objects to the internet, and the template does not show the block that would stop it.',
    fix: 'Use SecureBucket, which blocks all public access, or set `blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL` on s3.Bucket.',
  },
  {
    check: S3PolicyGrantsAnyone,
    resourceTypes: ['AWS::S3::BucketPolicy'],
    risk: RiskCategory.PUBLIC_ACCESS,
    level: NagMessageLevel.ERROR,
    what: 'The S3 bucket policy allows any principal without a condition that scopes it to an account, organization, source or network.',
    why: 'Anyone on the internet or in any AWS account can then use the allowed actions on the bucket, where each consumer should reach only the data its purpose needs.',
    fix: 'Grant to named principals (`bucket.grantRead(role)`), serve public content through CloudFront with origin access control (`origins.S3BucketOrigin.withOriginAccessControl(bucket)`), or add an `aws:PrincipalOrgID` or `aws:SourceArn` condition; SecureBucket never grants `*`.',
  },
  {
    check: S3TlsOnly,
    resourceTypes: ['AWS::S3::Bucket'],
    risk: RiskCategory.ENCRYPTION_IN_TRANSIT,
    level: NagMessageLevel.ERROR,
    what: 'The S3 bucket has no bucket policy that denies requests made without TLS (aws:SecureTransport false).',
    why: 'Clients may then read and write its objects over plain HTTP, where they can be read or altered on the way.',
    fix: 'Use SecureBucket (TLS-only by default) or the SecureDefaults aspect, or set `enforceSSL: true` on s3.Bucket.',
  },
  {
    check: S3KmsEncryption,
    resourceTypes: ['AWS::S3::Bucket'],
    risk: RiskCategory.ENCRYPTION_AT_REST,
    level: NagMessageLevel.WARN,
    what: 'The S3 bucket\'s default encryption is not KMS (SSE-KMS or DSSE-KMS).',
    why: 'With SSE-S3 anyone allowed s3:GetObject reads the data, while a KMS key adds a key policy that restricts, and CloudTrail that records, every decryption.',
    fix: 'Use SecureBucket (encrypted with the stack key), or set `encryption: s3.BucketEncryption.KMS` with `encryptionKey` on s3.Bucket; a server access log bucket keeps `s3.BucketEncryption.S3_MANAGED`, as log delivery does not support KMS.',
  },
  {
    check: S3Versioning,
    resourceTypes: ['AWS::S3::Bucket'],
    risk: RiskCategory.DATA_LOSS,
    level: NagMessageLevel.WARN,
    what: 'The S3 bucket does not have versioning enabled.',
    why: 'An overwrite or a delete, by mistake, by a buggy function or by an attacker, then destroys the only copy of an object.',
    fix: 'Use SecureBucket (versioned by default), or set `versioned: true` on s3.Bucket.',
  },
  {
    check: S3Retained,
    resourceTypes: ['AWS::S3::Bucket'],
    risk: RiskCategory.DATA_LOSS,
    level: NagMessageLevel.WARN,
    what: 'The S3 bucket is deleted with its stack (its DeletionPolicy is not Retain or RetainExceptOnCreate).',
    why: 'Deleting the stack, or removing the bucket from it, then deletes the bucket, and with `autoDeleteObjects` every object in it, for good.',
    fix: 'Use SecureBucket (retained by default), or keep `removalPolicy: RemovalPolicy.RETAIN`, the default of s3.Bucket, and drop `autoDeleteObjects`.',
  },
];
