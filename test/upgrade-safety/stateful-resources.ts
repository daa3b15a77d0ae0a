import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/**
 * Resource types whose replacement deletes data, and the properties whose change makes
 * CloudFormation replace them.
 */
export const STATEFUL_TYPES: { readonly [type: string]: readonly string[] } = {
  'AWS::S3::Bucket': ['BucketName', 'ObjectLockEnabled'],
  'AWS::DynamoDB::Table': ['TableName', 'KeySchema', 'AttributeDefinitions'],
  'AWS::DynamoDB::GlobalTable': ['TableName', 'KeySchema'],
  'AWS::SecretsManager::Secret': ['Name'],
  'AWS::KMS::Key': ['KeySpec', 'KeyUsage', 'MultiRegion'],
  'AWS::Logs::LogGroup': ['LogGroupName'],
  'AWS::SQS::Queue': ['QueueName', 'FifoQueue'],
};

/** One stateful resource as the upgrade-safety record keeps it. */
export interface StatefulResourceRecord {
  readonly logicalId: string;
  readonly type: string;
  readonly deletionPolicy?: string;
  readonly replacementProperties: { [property: string]: unknown };
}

/** The stateful resources of a stack, with what a library upgrade must never change. */
export function statefulResourcesOf(stack: Stack): StatefulResourceRecord[] {
  const resources = Template.fromStack(stack).toJSON().Resources as {
    [logicalId: string]: { Type: string; DeletionPolicy?: string; Properties?: { [key: string]: unknown } };
  };
  return Object.entries(resources)
    .filter(([, resource]) => STATEFUL_TYPES[resource.Type] !== undefined)
    .map(([logicalId, resource]) => ({
      logicalId,
      type: resource.Type,
      deletionPolicy: resource.DeletionPolicy,
      replacementProperties: Object.fromEntries(STATEFUL_TYPES[resource.Type]
        .filter(property => resource.Properties?.[property] !== undefined)
        .map(property => [property, resource.Properties![property]])),
    }))
    .sort((a, b) => a.logicalId.localeCompare(b.logicalId));
}
