import { CfnResource } from 'aws-cdk-lib';
import { asList, refersTo } from '../../../policy/template-json';
import { PolicyStatementJson, servicePrincipalsOf, statementsOf } from '../../policy-document';
import { rendered, RenderedResource, resourcesOfType } from '../../template-view';

/**
 * Whether a rendered value names this bucket: `{ Ref }` / `Fn::GetAtt` / `Fn::Join` of its
 * logical id, or its literal `BucketName` (an L1 or an included template may name it so).
 */
export function namesBucket(value: unknown, bucket: RenderedResource): boolean {
  if (refersTo(value, bucket.logicalId)) {
    return true;
  }
  const bucketName = bucket.properties.BucketName;
  return typeof value === 'string' && typeof bucketName === 'string' && value === bucketName;
}

/** The statements of every `AWS::S3::BucketPolicy` of the stack that applies to this bucket. */
export function bucketPolicyStatements(node: CfnResource): PolicyStatementJson[] {
  const bucket = rendered(node);
  return resourcesOfType(node, 'AWS::S3::BucketPolicy')
    .filter(policy => namesBucket(policy.properties.Bucket, bucket))
    .flatMap(policy => statementsOf(policy.properties.PolicyDocument));
}

/**
 * Whether the bucket receives S3 server access logs: a bucket of the stack names it as its
 * `LoggingConfiguration.DestinationBucketName`, it has a `LoggingConfiguration` without a
 * destination (S3 then writes the logs into the bucket itself), or its bucket policy lets
 * `logging.s3.amazonaws.com` put objects (how the CDK opens a log bucket to a source bucket
 * of another stack).
 */
export function receivesServerAccessLogs(node: CfnResource): boolean {
  const bucket = rendered(node);
  const ownLogging = bucket.properties.LoggingConfiguration;
  const literalObject = ownLogging !== null && typeof ownLogging === 'object' && !Object.keys(ownLogging).some(key => key.startsWith('Fn::'));
  if (literalObject && ownLogging.DestinationBucketName === undefined) {
    return true;
  }
  const named = resourcesOfType(node, 'AWS::S3::Bucket')
    .some(source => source.logicalId !== bucket.logicalId
      && namesBucket(source.properties.LoggingConfiguration?.DestinationBucketName, bucket));
  return named || bucketPolicyStatements(node).some(statement => statement.Effect === 'Allow'
    && servicePrincipalsOf(statement.Principal).includes('logging.s3.amazonaws.com'));
}

/** The default-encryption algorithms of a bucket (`AES256`, `aws:kms`, `aws:kms:dsse`…), as rendered. */
export function defaultEncryptionAlgorithms(bucket: RenderedResource): unknown[] {
  return asList(bucket.properties.BucketEncryption?.ServerSideEncryptionConfiguration as unknown[] | undefined)
    .map(rule => (rule as { ServerSideEncryptionByDefault?: { SSEAlgorithm?: unknown } } | null)?.ServerSideEncryptionByDefault?.SSEAlgorithm);
}
