import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { securityFindings } from './helpers';

const RULE = 'IAMRoleTrustsAnyone';

function newStack(env: boolean = true): Stack {
  return new Stack(new App(), 'S', env ? { env: { account: '111111111111', region: 'eu-west-1' } } : {});
}

/** An L1 role whose trust policy is these statements. */
function roleTrusting(stack: Stack, statements: object[], id = 'Role'): iam.CfnRole {
  return new iam.CfnRole(stack, id, { assumeRolePolicyDocument: { Version: '2012-10-17', Statement: statements } });
}

const finding = (principal: string, path = 'S/Role') => `SecureServerless-${RULE}[Principal::${principal}] ${path}`;

describe('IAMRoleTrustsAnyone: anyone', () => {
  test('flags assumedBy iam.AnyPrincipal ({ AWS: "*" })', () => {
    const stack = newStack();
    new iam.Role(stack, 'Role', { assumedBy: new iam.AnyPrincipal() });

    expect(securityFindings(stack, RULE)).toEqual([finding('*', 'S/Role/Resource')]);
  });

  test.each([
    ['Principal "*", Action as a string', { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }],
    ['Principal { AWS: "*" }, Action as a list', { Effect: 'Allow', Principal: { AWS: '*' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }],
    ['"*" in a list of AWS principals', { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::222222222222:role/Deployer', '*'] }, Action: 'sts:AssumeRole' }],
    ['everyone but a NotPrincipal', { Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::222222222222:role/Deployer' }, Action: 'sts:AssumeRole' }],
    ['"*" with an external id (no secret, it narrows no one)', { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'vendor-id' } } }],
    ['"*" with a negated organization condition', { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } }],
    ['"*" with a wildcard organization', { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringLike: { 'aws:PrincipalOrgID': '*' } } }],
    ['"*" with MFA only', { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }],
  ])('flags %s', (_, statement) => {
    const stack = newStack();
    roleTrusting(stack, [statement]);

    expect(securityFindings(stack, RULE)).toEqual([finding('*')]);
  });

  test('flags "*" given with an external id through the L2 (externalIds)', () => {
    const stack = newStack();
    new iam.Role(stack, 'Role', { assumedBy: new iam.AnyPrincipal(), externalIds: ['vendor-id'] });

    expect(securityFindings(stack, RULE)).toEqual([finding('*', 'S/Role/Resource')]);
  });

  test('near-miss: "*" scoped to an organization (iam.OrganizationPrincipal), in either operator case', () => {
    const stack = newStack();
    new iam.Role(stack, 'Org', { assumedBy: new iam.OrganizationPrincipal('o-abcdefghij') });
    roleTrusting(stack, [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Condition: { stringequals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } }]);

    expect(securityFindings(stack, RULE)).toEqual([]);
  });

  test('near-miss: a Deny for "*"', () => {
    const stack = newStack();
    roleTrusting(stack, [
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
      { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } },
    ]);

    expect(securityFindings(stack, RULE)).toEqual([]);
  });
});

describe('IAMRoleTrustsAnyone: another account', () => {
  test('flags assumedBy iam.AccountPrincipal of another account (the CDK\'s Fn::Join with AWS::Partition)', () => {
    const stack = newStack();
    new iam.Role(stack, 'Role', { assumedBy: new iam.AccountPrincipal('222222222222') });

    expect(securityFindings(stack, RULE)).toEqual([finding('222222222222', 'S/Role/Resource')]);
  });

  test('flags another account in an env-agnostic stack too', () => {
    const stack = newStack(false);
    new iam.Role(stack, 'Role', { assumedBy: new iam.AccountPrincipal('222222222222') });

    expect(securityFindings(stack, RULE)).toEqual([finding('222222222222', 'S/Role/Resource')]);
  });

  test.each([
    ['a root ARN as a string', { AWS: 'arn:aws:iam::222222222222:root' }],
    ['a root ARN in a list', { AWS: ['arn:aws:iam::222222222222:root'] }],
    ['a bare account id', { AWS: '222222222222' }],
    ['a bare account id in a list', { AWS: ['222222222222'] }],
    ['a Fn::Join with AWS::Partition', { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::222222222222:root']] } }],
    ['a Fn::Sub with AWS::Partition', { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::222222222222:root' } }],
    ['a GovCloud root ARN', { AWS: 'arn:aws-us-gov:iam::222222222222:root' }],
  ])('flags %s', (_, principal) => {
    const stack = newStack();
    roleTrusting(stack, [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }]);

    expect(securityFindings(stack, RULE)).toEqual([finding('222222222222')]);
  });

  test.each([
    ['a wildcard external id', { StringLike: { 'sts:ExternalId': '*' } }],
    ['an empty external id', { StringEquals: { 'sts:ExternalId': '' } }],
    ['an external id that is only required when present (IfExists)', { StringEqualsIfExists: { 'sts:ExternalId': 'vendor-id' } }],
    ['a negated external id', { StringNotEquals: { 'sts:ExternalId': 'vendor-id' } }],
    ['an external id among wildcards', { StringEquals: { 'sts:ExternalId': ['vendor-id', '*'] } }],
    ['MFA only', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }],
  ])('flags an account principal with %s', (_, condition) => {
    const stack = newStack();
    roleTrusting(stack, [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'sts:AssumeRole', Condition: condition }]);

    expect(securityFindings(stack, RULE)).toEqual([finding('222222222222')]);
  });

  test('names each principal once: "*" and two accounts over two statements', () => {
    const stack = newStack();
    roleTrusting(stack, [
      { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::222222222222:root', '333333333333'] }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { AWS: ['222222222222', '*'] }, Action: 'sts:TagSession' },
    ]);

    expect(securityFindings(stack, RULE).sort()).toEqual([finding('*'), finding('222222222222'), finding('333333333333')].sort());
  });

  test.each([
    ['externalIds on the L2', undefined],
    ['StringEquals sts:ExternalId', { StringEquals: { 'sts:ExternalId': 'vendor-id' } }],
    ['lower-case stringequals with a list of external ids', { stringequals: { 'sts:ExternalId': ['vendor-id', 'other-id'] } }],
    ['an external id that is a parameter', { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } }],
    ['a narrowing aws:PrincipalArn condition', { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::222222222222:role/Deployer' } }],
    ['a narrowing aws:SourceIp condition', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }],
  ])('near-miss: an account principal with %s', (_, condition) => {
    const stack = newStack();
    new CfnParameter(stack, 'ExternalId', { noEcho: true });
    if (condition === undefined) {
      new iam.Role(stack, 'Role', { assumedBy: new iam.AccountPrincipal('222222222222'), externalIds: ['vendor-id'] });
    } else {
      roleTrusting(stack, [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'sts:AssumeRole', Condition: condition }]);
    }

    expect(securityFindings(stack, RULE)).toEqual([]);
  });
});

describe('IAMRoleTrustsAnyone: principals that are not findings', () => {
  test('the role\'s own account: iam.AccountRootPrincipal, with and without a stack account', () => {
    const withAccount = newStack();
    new iam.Role(withAccount, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
    const agnostic = newStack(false);
    new iam.Role(agnostic, 'Role', { assumedBy: new iam.AccountRootPrincipal() });

    expect(securityFindings(withAccount, RULE)).toEqual([]);
    expect(securityFindings(agnostic, RULE)).toEqual([]);
  });

  test.each([
    ['a Fn::Join with AWS::AccountId', { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] } }],
    ['a Fn::Sub with ${AWS::AccountId}', { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } }],
    ['a bare Ref to AWS::AccountId', { AWS: { Ref: 'AWS::AccountId' } }],
    ['the stack\'s literal account', { AWS: 'arn:aws:iam::111111111111:root' }],
    ['the stack\'s literal account as a bare id', { AWS: '111111111111' }],
  ])('the role\'s own account as %s', (_, principal) => {
    const stack = newStack();
    roleTrusting(stack, [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }]);

    expect(securityFindings(stack, RULE)).toEqual([]);
  });

  test('service principals, a federated principal with conditions and a specific role of another account', () => {
    const stack = newStack();
    new iam.Role(stack, 'Lambda', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new iam.Role(stack, 'Deployer', { assumedBy: new iam.ArnPrincipal('arn:aws:iam::222222222222:role/Deployer') });
    new iam.Role(stack, 'Web', {
      assumedBy: new iam.WebIdentityPrincipal('cognito-identity.amazonaws.com', {
        'StringEquals': { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:11111111-2222-3333-4444-555555555555' },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
      }),
    });
    roleTrusting(stack, [
      { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com', 'states.amazonaws.com'] }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:user/ci' }, Action: ['sts:AssumeRole'] },
    ]);

    expect(securityFindings(stack, RULE)).toEqual([]);
  });

  test('a principal the rule cannot read (a parameter, an import) is not judged', () => {
    const stack = newStack();
    new CfnParameter(stack, 'TrustedAccount');
    roleTrusting(stack, [
      { Effect: 'Allow', Principal: { AWS: { Ref: 'TrustedAccount' } }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { AWS: { 'Fn::ImportValue': 'TrustedPrincipal' } }, Action: 'sts:AssumeRole' },
    ]);

    expect(securityFindings(stack, RULE)).toEqual([]);
  });
});
