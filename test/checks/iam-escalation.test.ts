import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { securityFindings } from './helpers';
import { SecureFunction } from '../../src';
import { PASS_ROLE_PARTNERS, SINGLE_ACTION_PATHS } from '../../src/checks/rules/iam/IAMPrivilegeEscalation';
import { minimalFunctionProps, newStack } from '../helpers';

const RULE = 'IAMPrivilegeEscalation';

function newRole(stack: Stack, id = 'Role'): iam.Role {
  return new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
}

function allow(actions: string[], resources: string[] = ['*']): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions, resources });
}

/** The resource pattern that reaches every resource of each single action's type. */
const EVERY_RESOURCE: { [action: string]: string } = {
  'iam:CreatePolicyVersion': 'arn:aws:iam::*:policy/*',
  'iam:SetDefaultPolicyVersion': 'arn:aws:iam::111111111111:policy/*',
  'iam:AttachRolePolicy': 'arn:aws:iam::*:role/*',
  'iam:AttachUserPolicy': 'arn:aws:iam::*:user/*',
  'iam:AttachGroupPolicy': 'arn:aws:iam::*:group/*',
  'iam:PutRolePolicy': '*',
  'iam:PutUserPolicy': 'arn:aws:iam::111111111111:user/*',
  'iam:PutGroupPolicy': '*',
  'iam:UpdateAssumeRolePolicy': 'arn:aws:iam::111111111111:role/*',
  'iam:CreateAccessKey': 'arn:aws:iam::*:user/*',
  'iam:CreateLoginProfile': '*',
  'iam:UpdateLoginProfile': 'arn:aws:iam::*:user/*',
  'sts:AssumeRole': 'arn:aws:iam::*:role/*',
  'lambda:UpdateFunctionCode': 'arn:aws:lambda:*:*:function:*',
};

/** One named resource of each single action's type. */
const ONE_RESOURCE: { [action: string]: string } = {
  'iam:CreatePolicyVersion': 'arn:aws:iam::111111111111:policy/app-policy',
  'iam:SetDefaultPolicyVersion': 'arn:aws:iam::111111111111:policy/app-policy',
  'iam:AttachRolePolicy': 'arn:aws:iam::111111111111:role/app-role',
  'iam:AttachUserPolicy': 'arn:aws:iam::111111111111:user/alice',
  'iam:AttachGroupPolicy': 'arn:aws:iam::111111111111:group/devs',
  'iam:PutRolePolicy': 'arn:aws:iam::111111111111:role/app-role',
  'iam:PutUserPolicy': 'arn:aws:iam::111111111111:user/alice',
  'iam:PutGroupPolicy': 'arn:aws:iam::111111111111:group/devs',
  'iam:UpdateAssumeRolePolicy': 'arn:aws:iam::111111111111:role/app-role',
  'iam:CreateAccessKey': 'arn:aws:iam::111111111111:user/alice',
  'iam:CreateLoginProfile': 'arn:aws:iam::111111111111:user/alice',
  'iam:UpdateLoginProfile': 'arn:aws:iam::111111111111:user/alice',
  'sts:AssumeRole': 'arn:aws:iam::222222222222:role/deployer',
  'lambda:UpdateFunctionCode': 'arn:aws:lambda:eu-west-1:111111111111:function:orders',
};

describe('IAMPrivilegeEscalation: one action that escalates alone', () => {
  test.each(SINGLE_ACTION_PATHS)('flags %s on every resource of its type', action => {
    const stack = newStack();
    newRole(stack).addToPolicy(allow([action], [EVERY_RESOURCE[action]]));

    expect(securityFindings(stack, RULE)).toEqual([`SecureServerless-${RULE}[Escalation::${action}] TestStack/Role/Resource`]);
  });

  test.each(SINGLE_ACTION_PATHS)('near-miss: %s on one named resource stays clean', action => {
    const stack = newStack();
    newRole(stack).addToPolicy(allow([action], [ONE_RESOURCE[action]]));

    expect(securityFindings(stack, RULE)).toEqual([]);
  });

  test('flags iam:Put*Policy once per path it opens', () => {
    const stack = newStack();
    newRole(stack).addToPolicy(allow(['iam:Put*Policy']));

    expect(securityFindings(stack, RULE)).toEqual(['iam:PutRolePolicy', 'iam:PutUserPolicy', 'iam:PutGroupPolicy']
      .map(path => `SecureServerless-${RULE}[Escalation::${path}] TestStack/Role/Resource`));
  });

  test('flags every IAM path of iam:* on *, and the PassRole pairs when Lambda is granted too', () => {
    const stack = newStack();
    newRole(stack).addToPolicy(allow(['iam:*', 'lambda:CreateFunction']));

    const paths = securityFindings(stack, RULE).map(finding => /\[Escalation::(.*)\]/.exec(finding)?.[1]);
    expect(paths).toEqual(['iam:PassRole+lambda:CreateFunction', ...SINGLE_ACTION_PATHS.filter(action => action.startsWith('iam:'))]);
  });

  test('flags * on * with every path', () => {
    const stack = newStack();
    newRole(stack).addToPolicy(allow(['*']));

    expect(securityFindings(stack, RULE)).toHaveLength(PASS_ROLE_PARTNERS.length + SINGLE_ACTION_PATHS.length);
  });

  test('flags a NotAction statement that does not exclude the action, and not one that does', () => {
    const stack = newStack();
    new iam.CfnRole(stack, 'Broad', {
      assumeRolePolicyDocument: {},
      policies: [{ policyName: 'p', policyDocument: { Statement: [{ Effect: 'Allow', NotAction: ['iam:*', 'lambda:*'], Resource: '*' }] } }],
    });

    expect(securityFindings(stack, RULE)).toEqual([`SecureServerless-${RULE}[Escalation::sts:AssumeRole] TestStack/Broad`]);
  });

  test('near-miss: a Deny statement grants nothing', () => {
    const stack = newStack();
    newRole(stack).addToPolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['iam:PutRolePolicy'], resources: ['*'] }));

    expect(securityFindings(stack, RULE)).toEqual([]);
  });
});

describe('IAMPrivilegeEscalation: iam:PassRole with a Lambda action', () => {
  test.each(PASS_ROLE_PARTNERS)('flags iam:PassRole on * with %s', partner => {
    const stack = newStack();
    newRole(stack).addToPolicy(allow(['iam:PassRole', partner]));

    expect(securityFindings(stack, RULE)).toEqual([`SecureServerless-${RULE}[Escalation::iam:PassRole+${partner}] TestStack/Role/Resource`]);
  });

  test('flags iam:Pass* on every role with lambda:CreateFunction on one function name', () => {
    const stack = newStack();
    const role = newRole(stack);
    role.addToPolicy(allow(['iam:Pass*'], ['arn:aws:iam::*:role/*']));
    role.addToPolicy(allow(['lambda:CreateFunction'], ['arn:aws:lambda:eu-west-1:111111111111:function:tool']));

    expect(securityFindings(stack, RULE)).toEqual([`SecureServerless-${RULE}[Escalation::iam:PassRole+lambda:CreateFunction] TestStack/Role/Resource`]);
  });

  test('flags the pair split across two policies attached to the same role, on the role', () => {
    const stack = newStack();
    const role = newRole(stack);
    new iam.Policy(stack, 'Pass', { statements: [allow(['iam:PassRole'])], roles: [role] });
    new iam.ManagedPolicy(stack, 'Create', { statements: [allow(['lambda:CreateFunction'])], roles: [role] });

    expect(securityFindings(stack, RULE)).toEqual([`SecureServerless-${RULE}[Escalation::iam:PassRole+lambda:CreateFunction] TestStack/Role/Resource`]);
  });

  test('flags the pair split between an inline policy and a managed policy listed in ManagedPolicyArns', () => {
    const stack = newStack();
    const managed = new iam.CfnManagedPolicy(stack, 'Create', { policyDocument: { Statement: [{ Effect: 'Allow', Action: 'lambda:UpdateFunctionConfiguration', Resource: '*' }] } });
    new iam.CfnRole(stack, 'Deployer', {
      assumeRolePolicyDocument: {},
      managedPolicyArns: [managed.ref],
      policies: [{ policyName: 'pass', policyDocument: { Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] } }],
    });

    expect(securityFindings(stack, RULE)).toEqual([`SecureServerless-${RULE}[Escalation::iam:PassRole+lambda:UpdateFunctionConfiguration] TestStack/Deployer`]);
  });

  test('flags the pair split across a user\'s policies, on the user', () => {
    const stack = newStack();
    const user = new iam.User(stack, 'User');
    user.addToPolicy(allow(['iam:PassRole']));
    new iam.Policy(stack, 'Create', { statements: [allow(['lambda:CreateFunction'])], users: [user] });

    expect(securityFindings(stack, RULE)).toEqual([`SecureServerless-${RULE}[Escalation::iam:PassRole+lambda:CreateFunction] TestStack/User/Resource`]);
  });

  test('near-miss: the same actions split between two roles are no path', () => {
    const stack = newStack();
    newRole(stack, 'Passer').addToPolicy(allow(['iam:PassRole']));
    newRole(stack, 'Creator').addToPolicy(allow(['lambda:CreateFunction']));

    expect(securityFindings(stack, RULE)).toEqual([]);
  });

  test('near-miss: iam:PassRole on one named role with lambda:CreateFunction stays clean', () => {
    const stack = newStack();
    const role = newRole(stack);
    newRole(stack, 'Passed').grantPassRole(role);
    role.addToPolicy(allow(['lambda:CreateFunction']));

    expect(securityFindings(stack, RULE)).toEqual([]);
  });

  test('near-miss: iam:PassRole on every role alone is left to IAMPassRoleOnAnyResource', () => {
    const stack = newStack();
    newRole(stack).addToPolicy(allow(['iam:PassRole']));

    expect(securityFindings(stack, RULE)).toEqual([]);
  });
});

describe('IAMPrivilegeEscalation: where the finding goes', () => {
  test('a policy attached to no principal of its template is judged alone, on the policy', () => {
    const stack = newStack();
    const imported = iam.Role.fromRoleArn(stack, 'Imported', 'arn:aws:iam::111111111111:role/ops');
    new iam.Policy(stack, 'Policy', { statements: [allow(['iam:PassRole', 'lambda:CreateFunction'])], roles: [imported] });
    new iam.CfnManagedPolicy(stack, 'Loose', { policyDocument: { Statement: [{ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: '*' }] } });

    expect(securityFindings(stack, RULE)).toEqual([
      `SecureServerless-${RULE}[Escalation::iam:PassRole+lambda:CreateFunction] TestStack/Policy/Resource`,
      `SecureServerless-${RULE}[Escalation::iam:CreateAccessKey] TestStack/Loose`,
    ]);
  });

  test('a policy attached to two roles is reported on each role, not on the policy', () => {
    const stack = newStack();
    const policy = new iam.ManagedPolicy(stack, 'Policy', { statements: [allow(['sts:AssumeRole'])] });
    newRole(stack, 'One').addManagedPolicy(policy);
    newRole(stack, 'Two').addManagedPolicy(policy);

    expect(securityFindings(stack, RULE)).toEqual([
      `SecureServerless-${RULE}[Escalation::sts:AssumeRole] TestStack/One/Resource`,
      `SecureServerless-${RULE}[Escalation::sts:AssumeRole] TestStack/Two/Resource`,
    ]);
  });

  test('compliant: SecureFunction with grants of its own', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    newRole(stack, 'Passed').grantPassRole(fn.grantPrincipal);

    expect(securityFindings(stack, RULE)).toEqual([]);
  });
});
