import { CfnResource } from 'aws-cdk-lib';
import { IAM_IDENTITY_TYPES, identityStatementsOf } from './iam-policies';
import { asList, refersTo } from '../../../policy/template-json';
import { PolicyStatementJson } from '../../policy-document';
import { rendered, RenderedResource, resourcesOfType } from '../../template-view';

/**
 * The policies a principal (a role, user or group) holds, gathered from one template: its inline
 * `Policies`, and every policy resource of the same template attached to it. Attachment is read
 * from references only (`{ Ref: Role }`, which is how the CDK writes it): a policy's `Roles`,
 * `Users` and `Groups` (`AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy`), the `RoleName`, `UserName`
 * or `GroupName` of the one-principal policies, and the principal's own `ManagedPolicyArns` that
 * refer to a managed policy of the template. A principal named by a literal string, a parameter or
 * an import is not resolved.
 */

/** Policy resources that attach to principals through `Roles`, `Users` and `Groups`. */
const ATTACHING_POLICY_TYPES = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'];

/** Policy resources that attach to exactly one principal, and the property that names it. */
const SINGLE_PRINCIPAL_POLICY_TYPES: { readonly [type: string]: string } = {
  'AWS::IAM::RolePolicy': 'RoleName',
  'AWS::IAM::UserPolicy': 'UserName',
  'AWS::IAM::GroupPolicy': 'GroupName',
};

/** Every policy resource type whose document may belong to a principal. */
export const PRINCIPAL_POLICY_TYPES = [...ATTACHING_POLICY_TYPES, ...Object.keys(SINGLE_PRINCIPAL_POLICY_TYPES)];

/** Whether a policy resource names the principal with this logical id. */
function attaches(policy: RenderedResource, principalId: string): boolean {
  const single = SINGLE_PRINCIPAL_POLICY_TYPES[policy.type];
  if (single !== undefined) {
    return refersTo(policy.properties[single], principalId);
  }
  return ['Roles', 'Users', 'Groups'].some(key => asList(policy.properties[key] as unknown[]).some(entry => refersTo(entry, principalId)));
}

/** Whether the principal's `ManagedPolicyArns` refer to the managed policy with this logical id. */
function listsManagedPolicy(principal: RenderedResource, policyId: string): boolean {
  return asList(principal.properties.ManagedPolicyArns as unknown[]).some(arn => refersTo(arn, policyId));
}

/** The policy resources of the principal's template attached to it (its inline policies excluded). */
export function attachedPolicies(principal: CfnResource): RenderedResource[] {
  const view = rendered(principal);
  return PRINCIPAL_POLICY_TYPES.flatMap(type => resourcesOfType(principal, type))
    .filter(policy => attaches(policy, view.logicalId)
      || (policy.type === 'AWS::IAM::ManagedPolicy' && listsManagedPolicy(view, policy.logicalId)));
}

/** The principals of the policy's template (roles, users, groups) the policy is attached to. */
export function principalsOf(policy: CfnResource): RenderedResource[] {
  const view = rendered(policy);
  return IAM_IDENTITY_TYPES.flatMap(type => resourcesOfType(policy, type))
    .filter(principal => attaches(view, principal.logicalId)
      || (view.type === 'AWS::IAM::ManagedPolicy' && listsManagedPolicy(principal, view.logicalId)));
}

/** Every identity-based statement the principal holds: inline and attached, in that order. */
export function principalStatementsOf(principal: CfnResource): PolicyStatementJson[] {
  return [principal, ...attachedPolicies(principal).map(policy => policy.node)].flatMap(identityStatementsOf);
}
