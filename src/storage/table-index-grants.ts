import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/*
 * The index ARNs of a SecureTable's grants, named one by one. The CDK's TableV2 grants write
 * `<table ARN>/index/*`, which AwsSolutions-IAM5 rejects and which also covers indexes nobody
 * granted; and it decides at grant time, so an index added after the grant is not covered at
 * all (a Query on it is denied at run time). Here every index has its own ARN in every grant,
 * also those made before the index was added.
 */

/** What one table knows: its index names so far, and the statements its grants wrote. */
interface IndexGrants {
  readonly indexNames: string[];
  readonly statements: iam.PolicyStatement[];
}

/*
 * Kept outside the table object: TableV2's constructor adds the indexes of its props through
 * `addGlobalSecondaryIndex`, before the fields of a subclass exist.
 */
const TABLES = new WeakMap<IConstruct, IndexGrants>();

function stateOf(table: IConstruct): IndexGrants {
  let state = TABLES.get(table);
  if (state === undefined) {
    state = { indexNames: [], statements: [] };
    TABLES.set(table, state);
  }
  return state;
}

/** The ARN of one index, as IAM names it: `<table ARN>/index/<index name>`. */
function indexArn(tableArn: string, indexName: string): string {
  return `${tableArn}/index/${indexName}`;
}

/** The table's ARN and the ARN of each of its indexes so far. */
export function tableAndIndexArns(table: IConstruct, tableArn: string): string[] {
  return [tableArn, ...stateOf(table).indexNames.map(name => indexArn(tableArn, name))];
}

/** Remembers the statements of a grant, so that an index added later is named in them too. */
export function rememberGrantStatements(table: IConstruct, grant: iam.Grant): void {
  stateOf(table).statements.push(...grant.principalStatements, ...grant.resourceStatements);
}

/**
 * Records an index of the table, and names it in every grant the table made before.
 *
 * @param tableArn the table's ARN, asked for only when a grant came first (the indexes of the
 * table's props are added before TableV2 has rendered its resource, and so its ARN)
 */
export function addIndexToGrants(table: IConstruct, indexName: string, tableArn: () => string): void {
  const state = stateOf(table);
  state.indexNames.push(indexName);
  for (const statement of state.statements) {
    statement.addResources(indexArn(tableArn(), indexName));
  }
}
