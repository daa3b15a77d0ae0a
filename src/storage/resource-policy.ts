import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { grantsAnyone, PolicyStatementJson } from '../checks/policy-document';
import { secureValidationError } from '../core/errors';

/**
 * Refuses a resource-policy statement that lets anyone in: an `Allow` for any principal (`*`),
 * or for everyone but a `NotPrincipal`, without a condition that scopes it to an account,
 * organization, source or network. It is the same test as the rule pack's "grants anyone"
 * rules, so what a construct accepts the pack accepts too.
 *
 * @param resource the construct whose resource policy the statement is for
 * @param statement the statement being added
 * @param grantExample how to grant a named principal instead, e.g. `bucket.grantRead(role)`
 */
export function refuseStatementForAnyone(resource: IConstruct, statement: iam.PolicyStatement, grantExample: string): void {
  const json = Stack.of(resource).resolve(statement.toStatementJson()) as PolicyStatementJson;
  if (grantsAnyone(json)) {
    const sid = statement.sid ? ` '${statement.sid}'` : '';
    throw secureValidationError(resource, 'ResourcePolicyForAnyone',
      `the resource-policy statement${sid} allows ${[json.Action].flat().join(', ')} to any principal, without a condition that limits it to an account, organization, source or network.`,
      `grant named principals (${grantExample}), or add an aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID condition to the statement.`);
  }
}

/**
 * Refuses every statement of a resource-policy document given as a prop (a table's
 * `resourcePolicy`), before the construct exists.
 */
export function refuseDocumentForAnyone(
  scope: IConstruct, path: string, prop: string, document: iam.PolicyDocument | undefined, grantExample: string,
): void {
  if (document === undefined) {
    return;
  }
  const rendered = Stack.of(scope).resolve(document.toJSON()) as { Statement?: PolicyStatementJson[] } | undefined;
  for (const statement of rendered?.Statement ?? []) {
    if (grantsAnyone(statement)) {
      throw secureValidationError(scope, 'ResourcePolicyForAnyone',
        `${prop} has a statement that allows ${[statement.Action].flat().join(', ')} to any principal, without a condition that limits it to an account, organization, source or network.`,
        `grant named principals (${grantExample}), or add an aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID condition to the statement.`, path);
    }
  }
}
