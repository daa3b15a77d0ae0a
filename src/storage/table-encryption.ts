import { Stack, Token } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

/**
 * The table's encryption, made renderable in an environment-agnostic stack (a `Stack` without
 * `env`, as `cdk init` and most quick starts write it).
 *
 * The CDK's `TableEncryptionV2.customerManagedKey` refuses to render the SSE specification of
 * the table's own replica when the stack's region is a token
 * (`ReplicaSpecificationCannotRenderedRegion`), although that replica needs no region: it is
 * encrypted with the table key itself. Other replicas do need one, and SecureTable refuses them
 * in such a stack with its own error (`ReplicasNeedStackRegion`).
 */
export function renderableEncryption(scope: Construct, encryption: dynamodb.TableEncryptionV2): dynamodb.TableEncryptionV2 {
  const stackRegion = Stack.of(scope).region;
  const tableKey = encryption.tableKey;
  if (!Token.isUnresolved(stackRegion) || encryption.type !== dynamodb.TableEncryption.CUSTOMER_MANAGED || tableKey === undefined) {
    return encryption;
  }
  const ownReplicaOnly = Object.create(encryption) as dynamodb.TableEncryptionV2;
  return Object.assign(ownReplicaOnly, {
    _renderReplicaSseSpecification(renderScope: Construct, region: string): unknown {
      return region === stackRegion
        ? { kmsMasterKeyId: tableKey.keyArn }
        : encryption._renderReplicaSseSpecification(renderScope, region);
    },
  });
}
