import { CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Dependable, IConstruct } from 'constructs';
import { acknowledgeFindings } from './acknowledgements';

/**
 * The exact KMS actions of the library's grants. The CDK's own grants write `kms:ReEncrypt*`
 * and `kms:GenerateDataKey*`, which cdk-nag's AwsSolutions-IAM5 rejects, and which also mean
 * actions no grantee of a bucket, table, queue, topic or secret calls (`ReEncryptFrom/To`,
 * `GenerateDataKeyWithoutPlaintext`, `GenerateDataKeyPair…`).
 */
export const KEY_ACTIONS = Object.freeze({
  /** Reading data encrypted with the key. */
  decrypt: Object.freeze(['kms:Decrypt']),
  /** Encrypting data with the key: directly, or by the envelope encryption every AWS service uses. */
  encrypt: Object.freeze(['kms:Encrypt', 'kms:GenerateDataKey']),
  /** Both. */
  encryptDecrypt: Object.freeze(['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']),
  /**
   * Writing to an S3 bucket, SQS queue or SNS topic encrypted with the key: the service asks for a
   * data key (`GenerateDataKey`) in the caller's name, and decrypts one it generated earlier
   * (`Decrypt`: multipart uploads, the data key SQS and SNS reuse for a while).
   */
  envelopeWrite: Object.freeze(['kms:GenerateDataKey', 'kms:Decrypt']),
});

/**
 * The CDK's wildcard KMS actions, each spelled as the exact actions that the grants of a
 * bucket, table, queue, topic or secret need. `kms:ReEncrypt*` is dropped: re-encrypting
 * ciphertext under another key is nothing these grantees do.
 */
const WILDCARD_KEY_ACTIONS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'kms:GenerateDataKey*': ['kms:GenerateDataKey'],
  'kms:ReEncrypt*': [],
});

/**
 * The KMS actions a CDK grant class asked for (`bucket.grants.read(role)`, `table.grants.readData(role)`…,
 * through the resource's `grantOnKey`), with its wildcards spelled out, without duplicates.
 */
export function exactKeyActions(actions: readonly string[]): string[] {
  return [...new Set(actions.flatMap(action => WILDCARD_KEY_ACTIONS[action] ?? [action]))];
}

/**
 * Grants exact actions on a resource's key, as a resource's `grantOnKey` does, with the CDK's
 * wildcards spelled out.
 */
export function grantOnKeyExactly(key: kms.IKey | undefined, grantee: iam.IGrantable, actions: readonly string[]): iam.GrantOnKeyResult {
  const exact = exactKeyActions(actions);
  return { grant: key !== undefined && exact.length > 0 ? key.grant(grantee, ...exact) : undefined };
}

/** Combines the grants that exist into one, so that the caller gets every statement and dependable. */
export function combineGrants(first: iam.Grant, ...rest: Array<iam.Grant | undefined>): iam.Grant {
  return rest.reduce<iam.Grant>((combined, grant) => grant === undefined ? combined : combined.combine(grant), first);
}

/**
 * Acknowledges, on the policy the grant wrote to, cdk-nag's AwsSolutions-IAM5 finding for a
 * resource ARN that ends in a wildcard only because the service names the resource's children by
 * key (the objects of one bucket: `<bucket ARN>/*`). Nothing is acknowledged for a grant that went
 * to a resource policy (a principal of another account), which IAM5 does not read.
 *
 * @param scope the resource granted on, for its stack
 * @param grant the grant that wrote the statement
 * @param arn the ARN with the wildcard, as it was granted
 * @param reason why the wildcard names nothing beyond that resource
 */
export function acknowledgeChildWildcard(scope: IConstruct, grant: iam.Grant, arn: string, reason: string): void {
  const id = `AwsSolutions-IAM5[Resource::${asCdkNagNames(Stack.of(scope).resolve(arn))}]`;
  for (const root of Dependable.of(grant).dependencyRoots) {
    const resource = root.node.defaultChild;
    if (!(resource instanceof iam.CfnPolicy || resource instanceof iam.CfnManagedPolicy)) {
      continue;
    }
    const acknowledged = (resource.getMetadata('cdk_nag')?.rules_to_suppress ?? []) as Array<{ id: string }>;
    if (!acknowledged.some(rule => rule.id === id)) {
      acknowledgeFindings(resource as CfnResource, { id, reason });
    }
  }
}

/**
 * A rendered value as cdk-nag names it in a finding: literal parts as they are, `Ref`s as
 * `<LogicalId>`, `Fn::GetAtt`s as `<LogicalId.Attribute>`, `Fn::Join`s joined.
 */
function asCdkNagNames(value: unknown): string {
  if (typeof value === 'string') {
    return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  }
  const node = value as Record<string, unknown>;
  if (Array.isArray(node['Fn::Join'])) {
    const [delimiter, parts] = node['Fn::Join'] as [string, unknown[]];
    return parts.map(asCdkNagNames).join(delimiter);
  }
  if (Array.isArray(node['Fn::GetAtt'])) {
    const [logicalId, attribute] = node['Fn::GetAtt'] as [unknown, unknown];
    return `<${asCdkNagNames(logicalId)}.${asCdkNagNames(attribute)}>`;
  }
  if (node.Ref !== undefined) {
    return `<${asCdkNagNames(node.Ref)}>`;
  }
  return JSON.stringify(value);
}
