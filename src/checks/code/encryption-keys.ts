import { asList, refersTo } from '../../policy/template-json';
import { PolicyStatementJson, actionsOf, isAnyPrincipal, statementsOf } from '../policy-document';
import { actionPatternMatches } from '../rules/iam/iam-policies';
import { RenderedResource, resourcesOfType } from '../template-view';

interface ByDefault {
  readonly SSEAlgorithm?: unknown;
  readonly KMSMasterKeyID?: unknown;
}

/**
 * Where each resource type that a function's code can call names its encryption key, as
 * rendered: `KmsMasterKeyId` of a queue or topic, `SSESpecification.KMSMasterKeyId` of a table
 * (and of each replica of a global table), the `KMSMasterKeyID` of a bucket's SSE-KMS default
 * encryption, a stream's `StreamEncryption.KeyId`, a secret's `KmsKeyId`.
 */
function keyIdsOf(resource: RenderedResource): unknown[] {
  const properties = resource.properties;
  switch (resource.type) {
    case 'AWS::SQS::Queue':
    case 'AWS::SNS::Topic':
      return [properties.KmsMasterKeyId];
    case 'AWS::DynamoDB::Table':
      return [properties.SSESpecification?.KMSMasterKeyId];
    case 'AWS::DynamoDB::GlobalTable':
      return asList(properties.Replicas as unknown[])
        .map(replica => (replica as { SSESpecification?: { KMSMasterKeyId?: unknown } } | null)?.SSESpecification?.KMSMasterKeyId);
    case 'AWS::S3::Bucket':
      return asList(properties.BucketEncryption?.ServerSideEncryptionConfiguration as unknown[])
        .map(rule => (rule as { ServerSideEncryptionByDefault?: ByDefault } | null)?.ServerSideEncryptionByDefault)
        .filter(byDefault => typeof byDefault?.SSEAlgorithm === 'string' && byDefault.SSEAlgorithm.startsWith('aws:kms'))
        .map(byDefault => byDefault?.KMSMasterKeyID);
    case 'AWS::Kinesis::Stream':
      return [properties.StreamEncryption?.KeyId];
    case 'AWS::SecretsManager::Secret':
      return [properties.KmsKeyId];
    default:
      return [];
  }
}

/**
 * The customer managed keys of the stack (`AWS::KMS::Key`, among `keys`: by default those the
 * pack's run renders) that encrypt a resource. A key the stack does not hold (an imported ARN, an alias) is left out: whether the role
 * needs it cannot be told for certain from the template.
 */
export function customerKeysOf(resource: RenderedResource,
  keys: readonly RenderedResource[] = resourcesOfType(resource.node, 'AWS::KMS::Key')): RenderedResource[] {
  const keyIds = keyIdsOf(resource).filter(keyId => keyId !== undefined && keyId !== null && keyId !== '');
  if (keyIds.length === 0) {
    return [];
  }
  return keys.filter(key => keyIds.some(keyId => refersTo(keyId, key.logicalId)));
}

/**
 * Whether the key's own policy allows an action to the role directly (the role, or any principal,
 * as a principal of an Allow statement): then the role's identity policy need not. Statements
 * for the account (`arn:…:root`) only delegate to IAM policies and do not count.
 */
export function keyPolicyAllows(key: RenderedResource, roleLogicalId: string, action: string): boolean {
  return statementsOf(key.properties.KeyPolicy).some((statement: PolicyStatementJson) => statement.Effect === 'Allow'
    && actionsOf(statement).some(pattern => actionPatternMatches(pattern, action))
    && (isAnyPrincipal(statement.Principal) || refersTo(statement.Principal, roleLogicalId)));
}
