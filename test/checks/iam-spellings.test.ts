import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { securityFindings } from './helpers';
import { ServerlessSecurityChecks } from '../../src';
import { newStack } from '../helpers';

/**
 * The IAM rules judge what a policy allows, not how it is spelled: every equivalent spelling of a
 * broad grant gives the same finding, and the near-misses stay clean.
 */

/** A managed policy holding one statement, as a careless author might write it. */
function policyWith(stack: Stack, statement: object, id = 'Policy'): void {
  new iam.CfnManagedPolicy(stack, id, { policyDocument: { Version: '2012-10-17', Statement: [statement] } });
}

function findingsFor(statement: object, rule: string): string[] {
  const stack = newStack();
  policyWith(stack, statement);
  return securityFindings(stack, rule);
}

describe('IAMWildcardAction judges the expansion of a pattern', () => {
  test.each(['s3:*', 'S3:*', 's3:?*', 's3:**', '*:*', '*', 's3:*Object', 'iam:*Policy', 's3:PutObject*', 'dynamodb:*Item'])('flags %s', action => {
    expect(findingsFor({ Effect: 'Allow', Action: action, Resource: 'arn:aws:s3:::my-bucket/*' }, 'IAMWildcardAction'))
      .toEqual([`SecureServerless-IAMWildcardAction[Action::${action}] TestStack/Policy`]);
  });

  test.each(['s3:GetObject*', 'kms:GenerateDataKey*', 's3:List*', 's3:PutObject', 'dynamodb:Get*'])('near-miss: %s stays clean', action => {
    expect(findingsFor({ Effect: 'Allow', Action: [action], Resource: 'arn:aws:s3:::my-bucket/*' }, 'IAMWildcardAction')).toEqual([]);
  });

  test('flags a wildcard written under Fn::If, in either branch', () => {
    const stack = newStack();
    new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals('prod', 'prod') });
    policyWith(stack, { 'Fn::If': ['IsProd', { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Effect: 'Allow', Action: 's3:*', Resource: '*' }] });

    expect(securityFindings(stack, 'IAMWildcardAction')).toEqual(['SecureServerless-IAMWildcardAction[Action::s3:*] TestStack/Policy']);
  });

  test('flags a wildcard assembled with Fn::Join from a parameter whose default is *', () => {
    const stack = newStack();
    const verb = new CfnParameter(stack, 'Verb', { default: '*' });
    policyWith(stack, { Effect: 'Allow', Action: Fn.join('', ['dynamodb:', verb.valueAsString]), Resource: '*' });

    expect(securityFindings(stack, 'IAMWildcardAction')).toEqual(['SecureServerless-IAMWildcardAction[Action::dynamodb:*] TestStack/Policy']);
  });

  test('judges every AllowedValues of a parameter: one broad value is enough', () => {
    const stack = newStack();
    const action = new CfnParameter(stack, 'Action', { default: 'sqs:SendMessage', allowedValues: ['sqs:SendMessage', 'sqs:*'] });
    policyWith(stack, { Effect: 'Allow', Action: action.valueAsString, Resource: 'arn:aws:sqs:eu-west-1:111111111111:jobs' });

    expect(securityFindings(stack, 'IAMWildcardAction')).toEqual(['SecureServerless-IAMWildcardAction[Action::sqs:*] TestStack/Policy']);
  });
});

describe('IAMActionOnAnyResource judges what a resource pattern matches', () => {
  test.each([
    ['s3:GetObject', 'arn:aws:s3:::*'],
    ['s3:GetObject', 'arn:aws:s3:::*/*'],
    ['dynamodb:GetItem', 'arn:*:*:*:*:*'],
    ['dynamodb:GetItem', 'arn:aws:dynamodb:*:*:table/*'],
    ['sqs:SendMessage', ['arn:aws:sqs:eu-west-1:111111111111:jobs', '*']],
    ['s3:Get*', '*'],
  ])('flags %s on %j', (action, resource) => {
    expect(findingsFor({ Effect: 'Allow', Action: action, Resource: resource }, 'IAMActionOnAnyResource'))
      .toEqual([`SecureServerless-IAMActionOnAnyResource[Action::${action}] TestStack/Policy`]);
  });

  test('flags an ARN pattern built with intrinsics (the partition as a Ref)', () => {
    const stack = newStack();
    policyWith(stack, { Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::*']] } });

    expect(securityFindings(stack, 'IAMActionOnAnyResource')).toEqual(['SecureServerless-IAMActionOnAnyResource[Action::s3:GetObject] TestStack/Policy']);
  });

  test.each([
    ['s3:GetObject', 'arn:aws:s3:::my-bucket/*'],
    ['dynamodb:GetItem', 'arn:aws:dynamodb:eu-west-1:111111111111:table/Orders'],
    ['ecr:GetAuthorizationToken', '*'],
    ['xray:PutTraceSegments', '*'],
    ['s3:ListAllMyBuckets', '*'],
  ])('near-miss: %s on %s stays clean', (action, resource) => {
    expect(findingsFor({ Effect: 'Allow', Action: action, Resource: resource }, 'IAMActionOnAnyResource')).toEqual([]);
  });

  test('near-miss: a bucket named by Fn::GetAtt is one resource, however it is joined', () => {
    const stack = newStack();
    policyWith(stack, { Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/*']] } });

    expect(securityFindings(stack, 'IAMActionOnAnyResource')).toEqual([]);
  });

  test.each([
    ['Bool aws:SecureTransport', { Bool: { 'aws:SecureTransport': 'true' } }],
    ['StringLike aws:SourceAccount *', { StringLike: { 'aws:SourceAccount': '*' } }],
    ['StringEqualsIfExists aws:ResourceTag', { StringEqualsIfExists: { 'aws:ResourceTag/team': 'payments' } }],
    ['StringNotEquals aws:ResourceTag', { StringNotEquals: { 'aws:ResourceTag/team': 'payments' } }],
    ['StringLike aws:ResourceTag *', { StringLike: { 'aws:ResourceTag/team': '*' } }],
    ['Null aws:ResourceTag', { Null: { 'aws:ResourceTag/team': 'false' } }],
    ['aws:RequestedRegion', { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } }],
    ['s3:TlsVersion', { NumericGreaterThanEquals: { 's3:TlsVersion': '1.2' } }],
  ])('a condition that scopes nothing exempts nothing: %s', (_name, condition) => {
    expect(findingsFor({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: condition }, 'IAMActionOnAnyResource'))
      .toEqual(['SecureServerless-IAMActionOnAnyResource[Action::s3:GetObject] TestStack/Policy']);
  });

  test.each([
    ['a resource tag', { StringEquals: { 'aws:ResourceTag/team': 'payments' } }],
    ['a service key', { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } }],
    ['the leading keys of a table', { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['${aws:userid}'] }, 'StringEquals': { 'aws:ResourceAccount': '111111111111' } }],
    ['a VPC endpoint', { StringEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } }],
  ])('near-miss: a condition that scopes the grant (%s) exempts it', (_name, condition) => {
    expect(findingsFor({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: condition }, 'IAMActionOnAnyResource')).toEqual([]);
  });
});

describe('IAMPassRoleOnAnyResource judges what a role pattern matches', () => {
  test.each(['*', 'arn:aws:iam::*:role/*', 'arn:aws:iam::111111111111:role/*', 'arn:*:iam::*:*'])('flags iam:PassRole on %s', resource => {
    expect(findingsFor({ Effect: 'Allow', Action: 'iam:PassRole', Resource: resource }, 'IAMPassRoleOnAnyResource'))
      .toEqual(['SecureServerless-IAMPassRoleOnAnyResource[Action::iam:PassRole] TestStack/Policy']);
  });

  test.each(['arn:aws:iam::111111111111:role/deploy-*', 'arn:aws:iam::111111111111:role/app/worker'])('near-miss: iam:PassRole on %s stays clean', resource => {
    expect(findingsFor({ Effect: 'Allow', Action: 'iam:PassRole', Resource: resource }, 'IAMPassRoleOnAnyResource')).toEqual([]);
  });
});

describe('IAM findings say why, naming the action and the resource', () => {
  /** The description of the violation of one finding id. */
  function descriptionOf(statement: object, findingId: string): string | undefined {
    const stack = newStack();
    policyWith(stack, statement);
    return new ServerlessSecurityChecks().validateScope(stack).violations.find(violation => violation.ruleName === findingId)?.description;
  }

  test('a wildcard action: what it grants, with an example action', () => {
    expect(descriptionOf({ Effect: 'Allow', Action: 's3:PutObject*', Resource: 'arn:aws:s3:::my-bucket/*' }, 'SecureServerless-IAMWildcardAction[Action::s3:PutObject*]'))
      .toContain('s3:PutObject* grants permissions management (s3:PutObjectAcl)');
    expect(descriptionOf({ Effect: 'Allow', Action: 's3:?*', Resource: 'arn:aws:s3:::my-bucket/*' }, 'SecureServerless-IAMWildcardAction[Action::s3:?*]'))
      .toMatch(/s3:\?\* grants every action of s3 \(\d+ actions\)/);
  });

  test('an action on every resource: the Resource that reaches everything, and what the action could name', () => {
    expect(descriptionOf({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::*' }, 'SecureServerless-IAMActionOnAnyResource[Action::s3:GetObject]'))
      .toContain('s3:GetObject on Resource arn:aws:s3:::* reaches every resource, though s3:GetObject can name its');
  });
});
