import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { grantsAnyone, statementsOf } from '../../policy-document';
import { rendered } from '../../template-view';

/**
 * A secret's resource policy (`AWS::SecretsManager::ResourcePolicy`, which
 * `secret.addToResourcePolicy` and `secret.grantRead` of another account's principal write) has
 * an Allow statement for any principal (`*`, `{ AWS: '*' }`) or for everyone but a
 * `NotPrincipal`, without a condition that scopes it to an account, organization, source or
 * network.
 *
 * Not findings: named principals (a role, an account), service principals, and `*` scoped by
 * such a condition (`iam.OrganizationPrincipal`, `aws:SourceAccount`…). `BlockPublicPolicy`
 * does not make such a policy compliant: it makes the deployment fail. A policy given as an
 * intrinsic cannot be read and is not judged.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::SecretsManager::ResourcePolicy') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const statements = statementsOf(rendered(node).properties.ResourcePolicy);
  return statements.some(grantsAnyone) ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });
