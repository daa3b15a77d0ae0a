import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import { anyResourceDetail, wildcardActionDetail } from './finding-details';
import { IAM_IDENTITY_TYPES, IDENTITY_POLICY_CARRIER_TYPES } from './iam-policies';
import IAMActionOnAnyResource from './IAMActionOnAnyResource';
import IAMAwsManagedAdminPolicy from './IAMAwsManagedAdminPolicy';
import IAMPassRoleOnAnyResource from './IAMPassRoleOnAnyResource';
import IAMPrivilegeEscalation from './IAMPrivilegeEscalation';
import IAMRoleTrustsAnyone from './IAMRoleTrustsAnyone';
import IAMWildcardAction from './IAMWildcardAction';
import { PRINCIPAL_POLICY_TYPES } from './principal-policies';
import { RiskCategory } from '../../risk-category';
import { SecurityRule } from '../../security-rule';

/** The rules on IAM identity-based policies, roles, users and groups. */
export const IAM_RULES: SecurityRule[] = [
  {
    check: IAMWildcardAction,
    resourceTypes: IDENTITY_POLICY_CARRIER_TYPES,
    detail: wildcardActionDetail,
    risk: RiskCategory.LEAST_PRIVILEGE,
    level: NagMessageLevel.ERROR,
    what: 'The IAM policy allows an action pattern that, expanded against the IAM catalogue, grants every action of a service or of several (`*`, `*:*`, `s3:?*`), permissions management (`s3:PutObject*` covers `s3:PutObjectAcl`) or reads and writes at once (`s3:*Object`), or uses `NotAction`.',
    why: 'Permissions should be small and say what can be done, function by function: a wildcard action hands an attacker who compromises one function every operation of the service, deletes and permission changes included.',
    fix: 'List the exact actions the code calls, or use the resource\'s grant method (`table.grantReadData(fn)`), which SecureFunction sends to its own execution policy; with plain CDK, write `actions: [\'s3:GetObject\']` in the `iam.PolicyStatement`.',
  },
  {
    check: IAMActionOnAnyResource,
    resourceTypes: IDENTITY_POLICY_CARRIER_TYPES,
    detail: anyResourceDetail,
    risk: RiskCategory.LEAST_PRIVILEGE,
    level: NagMessageLevel.ERROR,
    what: 'The IAM policy allows, on every resource (`*`, `NotResource`, or an ARN pattern that matches every resource of the action\'s type such as `arn:aws:s3:::*`), an action that the IAM catalogue says can be scoped to specific resources.',
    why: 'A function should reach only the resources it needs: `*` gives it every table, queue or key of the account, so one injected event can read or change data the function was never meant to touch.',
    fix: 'Use the resource\'s grant method (`bucket.grantRead(fn)`, `queue.grantSendMessages(fn)`), which SecureFunction scopes to that resource, or set `resources: [resource.arn]` in the `iam.PolicyStatement` (an ARN pattern such as `arn:aws:s3:::*` is no narrower than `*`); otherwise add a `Condition` that scopes it (`aws:ResourceTag/...`, `kms:ViaService`) or acknowledge the finding with the reason.',
  },
  {
    check: IAMAwsManagedAdminPolicy,
    resourceTypes: IAM_IDENTITY_TYPES,
    risk: RiskCategory.LEAST_PRIVILEGE,
    level: NagMessageLevel.ERROR,
    what: 'The role, user or group has an AWS managed policy that grants administrator rights or every action of a service (`AdministratorAccess`, `PowerUserAccess`, `IAMFullAccess`, `…FullAccess`).',
    why: 'It is tempting to give every function one broad role, but a compromised function then holds the whole account or service, and AWS may widen the managed policy at any time.',
    fix: 'Give each function its own role with only the grants it needs: SecureFunction does, with no AWS managed policy; with plain CDK, remove `iam.ManagedPolicy.fromAwsManagedPolicyName(...)` and use the resources\' grant methods or `role.addToPolicy`.',
  },
  {
    check: IAMPassRoleOnAnyResource,
    resourceTypes: IDENTITY_POLICY_CARRIER_TYPES,
    risk: RiskCategory.LEAST_PRIVILEGE,
    level: NagMessageLevel.ERROR,
    what: 'The IAM policy allows `iam:PassRole` on every role (`Resource: *`).',
    why: 'Whoever holds it can hand any role of the account, an administrator\'s included, to a function or instance they control: a privilege escalation to the most powerful role there is.',
    fix: 'Name the one role to pass with `role.grantPassRole(grantee)` (SecureFunction\'s execution policy takes it like any grant), or set `resources: [role.roleArn]` on the `iam:PassRole` statement.',
  },
  {
    check: IAMPrivilegeEscalation,
    resourceTypes: [...IAM_IDENTITY_TYPES, ...PRINCIPAL_POLICY_TYPES],
    risk: RiskCategory.LEAST_PRIVILEGE,
    level: NagMessageLevel.ERROR,
    what: 'One role, user or group holds, across its inline and attached policies of the template, a known IAM privilege-escalation path (the finding names it): `iam:PassRole` on every role with `lambda:CreateFunction` or `lambda:UpdateFunctionConfiguration`, or on every resource of its type `iam:CreatePolicyVersion`, `iam:SetDefaultPolicyVersion`, `iam:Attach*Policy`, `iam:Put*Policy`, `iam:UpdateAssumeRolePolicy`, `iam:CreateAccessKey`, `iam:CreateLoginProfile`, `iam:UpdateLoginProfile`, `sts:AssumeRole` or `lambda:UpdateFunctionCode`.',
    why: 'Whoever compromises the principal can grant itself more: write or attach an administrator policy to itself, make a role trust it or assume one, mint keys or a password for a user, or run code as any role through a Lambda function it creates, reconfigures or rewrites.',
    fix: 'Scope each of these actions to the one resource it is for (`role.grantPassRole(fn)`, `resources: [policy.managedPolicyArn]`), keep IAM write actions out of workload roles (SecureFunction grants none), and give deployment permissions to the pipeline, not to a function.',
  },
  {
    check: IAMRoleTrustsAnyone,
    resourceTypes: ['AWS::IAM::Role'],
    risk: RiskCategory.PUBLIC_ACCESS,
    level: NagMessageLevel.ERROR,
    what: 'The IAM role\'s trust policy lets any principal (`*`), or the whole of another account (its root or bare account id), assume it without a condition that narrows who may (the finding names the principal).',
    why: 'Whoever may assume the role holds all its permissions: `*` is anyone in any AWS account, and another account\'s root lets every administrator there decide who may, with no external id to stop a confused deputy acting for someone else.',
    fix: 'Trust the one role or service that needs it (`assumedBy: new iam.ArnPrincipal(roleArn)` or `new iam.ServicePrincipal(...)`); for a vendor\'s account set `externalIds: [\'...\']` on the `iam.Role`, and scope `*` with `aws:PrincipalOrgID` (`new iam.OrganizationPrincipal(orgId)`).',
  },
];
