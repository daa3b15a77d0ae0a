import { CfnResource, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { SECURE_TABLE_DEFAULTS } from './defaults';
import { SECURE_TABLE_GRANT_ACTIONS } from './grant-actions';
import { refuseStatementForAnyone } from './resource-policy';
import { renderableEncryption } from './table-encryption';
import { addIndexToGrants, rememberGrantStatements, tableAndIndexArns } from './table-index-grants';
import { validateSecureTableProps } from './table-props-validation';
import { acknowledgeFindings } from '../core/acknowledgements';
import { combineGrants, grantOnKeyExactly } from '../core/exact-grants';
import { StackKey } from '../core/stack-key';

/**
 * Properties of a `SecureTable`: every `dynamodb.TablePropsV2` prop, plus what security needs.
 */
export interface SecureTableProps extends dynamodb.TablePropsV2 {
  /**
   * Why this table may run without point-in-time recovery.
   *
   * Point-in-time recovery restores the table to any second of the recovery period (35 days
   * unless `pointInTimeRecoverySpecification.recoveryPeriodInDays` says otherwise): the way
   * back from a bad write, a buggy migration or a deleted item. It costs about $0.20 per
   * GB-month of table data. Give a reason only for data you can rebuild.
   *
   * @default - point-in-time recovery is on, on the table and on every replica
   */
  readonly allowNoPointInTimeRecovery?: string;

  /**
   * Why this table may be deleted with its stack, with every item in it.
   *
   * Sets the removal policy to `RemovalPolicy.DESTROY` and turns deletion protection off
   * (it would make the stack deletion fail). Cannot be combined with `deletionProtection: true`.
   *
   * @default - the table is retained (`RemovalPolicy.RETAIN`) and has deletion protection
   */
  readonly allowDeletionWithStack?: string;
}

/**
 * A DynamoDB table (`TableV2`, so `AWS::DynamoDB::GlobalTable`) with the secure setup as its default.
 *
 * Differences from `dynamodb.TableV2`:
 * - encrypted with the stack key, a customer-managed KMS key (`encryption`); DynamoDB-owned and
 *   AWS managed keys are refused;
 * - point-in-time recovery on, on the table and every replica (`allowNoPointInTimeRecovery`);
 * - deletion protection on, and retained when the stack is deleted (`allowDeletionWithStack`);
 * - on-demand billing (`billing`);
 * - resource policies that let anyone in are refused.
 *
 * Grants (`table.grantReadData(fn)`) name this table, each of its indexes by its own ARN (no
 * `index/*`) and its key, nothing else, and list exact actions (the README lists them), no
 * `kms:ReEncrypt*` or `kms:GenerateDataKey*`.
 */
export class SecureTable extends dynamodb.TableV2 {
  constructor(scope: Construct, id: string, props: SecureTableProps) {
    validateSecureTableProps(scope, id, props);
    const deletable = props.allowDeletionWithStack !== undefined;
    const recoverable = props.allowNoPointInTimeRecovery === undefined;
    // The deprecated boolean is folded into the specification; leaving its key in (even as
    // undefined) would print a deprecation warning on every SecureTable.
    const { pointInTimeRecovery: _deprecated, ...rest } = props;
    super(scope, id, {
      ...rest,
      encryption: renderableEncryption(scope, props.encryption ?? dynamodb.TableEncryptionV2.customerManagedKey(StackKey.of(scope))),
      billing: props.billing ?? SECURE_TABLE_DEFAULTS.billing,
      pointInTimeRecoverySpecification: recoverable
        ? { ...props.pointInTimeRecoverySpecification, pointInTimeRecoveryEnabled: true }
        : { pointInTimeRecoveryEnabled: false },
      deletionProtection: props.deletionProtection ?? (deletable ? false : SECURE_TABLE_DEFAULTS.deletionProtection),
      removalPolicy: deletable ? RemovalPolicy.DESTROY : props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    if (!recoverable) {
      acknowledgeFindings(this.node.defaultChild as CfnResource, {
        id: 'SecureServerless-DynamoDBPointInTimeRecovery',
        reason: `Point-in-time recovery off by design (allowNoPointInTimeRecovery): ${props.allowNoPointInTimeRecovery}`,
      });
    }
  }

  /**
   * Grants reading items (`GetItem`, `BatchGetItem`, `Query`, `Scan`, `ConditionCheckItem`,
   * `DescribeTable`), and `kms:Decrypt` and `kms:DescribeKey` on the table key.
   *
   * @param grantee the principal
   */
  public grantReadData(grantee: iam.IGrantable): iam.Grant {
    return this.grantExactly(grantee, SECURE_TABLE_GRANT_ACTIONS.readData, SECURE_TABLE_GRANT_ACTIONS.readKey);
  }

  /**
   * Grants writing items (`PutItem`, `UpdateItem`, `DeleteItem`, `BatchWriteItem`,
   * `DescribeTable`), and `kms:Decrypt`, `kms:DescribeKey`, `kms:Encrypt` and
   * `kms:GenerateDataKey` on the table key.
   *
   * @param grantee the principal
   */
  public grantWriteData(grantee: iam.IGrantable): iam.Grant {
    return this.grantExactly(grantee, SECURE_TABLE_GRANT_ACTIONS.writeData, SECURE_TABLE_GRANT_ACTIONS.writeKey);
  }

  /**
   * Grants reading and writing items: `grantReadData` and `grantWriteData` together.
   *
   * @param grantee the principal
   */
  public grantReadWriteData(grantee: iam.IGrantable): iam.Grant {
    return this.grantExactly(grantee, [...new Set([...SECURE_TABLE_GRANT_ACTIONS.readData, ...SECURE_TABLE_GRANT_ACTIONS.writeData])],
      SECURE_TABLE_GRANT_ACTIONS.writeKey);
  }

  /**
   * Grants actions on the table and each of its indexes, each index by its own ARN.
   *
   * `TableV2` grants on `<table ARN>/index/*` (AwsSolutions-IAM5 rejects it), and only when the
   * table has an index at grant time. Here the grant names every index, also the indexes added
   * after it. A service principal's grant is left to `TableV2`, which decides whether DynamoDB
   * supports it and writes it to the resource policy.
   *
   * @param grantee the principal
   * @param actions the DynamoDB actions
   */
  public grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    if ('Service' in grantee.grantPrincipal.policyFragment.principalJson) {
      return super.grant(grantee, ...actions);
    }
    const grant = iam.Grant.addToPrincipalOrResource({
      grantee,
      actions,
      resourceArns: tableAndIndexArns(this, this.tableArn),
      resource: this,
    });
    rememberGrantStatements(this, grant);
    return grant;
  }

  /**
   * Adds a global secondary index, and names it in the grants the table made before.
   *
   * @param props the index
   */
  public addGlobalSecondaryIndex(props: dynamodb.GlobalSecondaryIndexPropsV2): void {
    super.addGlobalSecondaryIndex(props);
    addIndexToGrants(this, props.indexName, () => this.tableArn);
  }

  /**
   * Adds a local secondary index, and names it in the grants the table made before.
   *
   * @param props the index
   */
  public addLocalSecondaryIndex(props: dynamodb.LocalSecondaryIndexProps): void {
    super.addLocalSecondaryIndex(props);
    addIndexToGrants(this, props.indexName, () => this.tableArn);
  }

  /**
   * Grants actions on the table's key, as `TableV2` does for the CDK's grant classes
   * (`table.grants.readData(role)`, `grantFullAccess`), with the CDK's wildcard KMS actions
   * spelled out (`kms:GenerateDataKey*` as `kms:GenerateDataKey`; `kms:ReEncrypt*` dropped).
   *
   * @param grantee the principal
   * @param actions the KMS actions
   */
  public grantOnKey(grantee: iam.IGrantable, ...actions: string[]): iam.GrantOnKeyResult {
    return grantOnKeyExactly(this.encryptionKey, grantee, actions);
  }

  /**
   * Adds a statement to the table's resource policy, refusing any that lets anyone in.
   */
  public addToResourcePolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    refuseStatementForAnyone(this, statement, 'table.grantReadData(role)');
    return super.addToResourcePolicy(statement);
  }

  /** Grants the table actions on the table (its replicas and indexes too, as `grant` does), the key actions on its key. */
  private grantExactly(grantee: iam.IGrantable, tableActions: readonly string[], keyActions: readonly string[]): iam.Grant {
    return combineGrants(this.grant(grantee, ...tableActions), this.grantOnKey(grantee, ...keyActions).grant);
  }
}
