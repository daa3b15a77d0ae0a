import { CfnCondition, Fn } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as fc from 'fast-check';
import { securityFindings } from '../checks/helpers';
import { newStack } from '../helpers';

/**
 * One policy, many spellings, one verdict: for each statement below, every equivalent way of
 * writing it (action case, a string or a list of one, the value assembled with `Fn::Join` from
 * literal pieces, the statement under an `Fn::If` whose other branch is harmless, a condition
 * that scopes nothing) gives the IAM rules the same findings as the plain spelling.
 */

const IAM_RULES = ['IAMWildcardAction', 'IAMActionOnAnyResource', 'IAMPassRoleOnAnyResource', 'IAMPrivilegeEscalation'];

interface Statement {
  readonly Effect: 'Allow';
  readonly Action: unknown;
  readonly Resource: unknown;
  readonly Condition?: object;
}

/** Broad and narrow statements; the property is that their verdicts do not depend on spelling. */
const STATEMENTS: readonly Statement[] = [
  { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::my-bucket/*' },
  { Effect: 'Allow', Action: 's3:*Object', Resource: 'arn:aws:s3:::my-bucket/*' },
  { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::*' },
  { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-bucket/*' },
  { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' },
  { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/*' },
  { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111111111111:role/deploy-worker' },
  { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
  { Effect: 'Allow', Action: 'kms:GenerateDataKey*', Resource: 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
];

/** The statements that are findings (the others are near-misses that must stay clean). */
const BROAD = new Set([STATEMENTS[0], STATEMENTS[1], STATEMENTS[2], STATEMENTS[4], STATEMENTS[5]]);

/** Conditions that scope nothing: adding one must not change a verdict. */
const NON_NARROWING_CONDITIONS = [
  { Bool: { 'aws:SecureTransport': 'true' } },
  { StringLike: { 'aws:SourceAccount': '*' } },
  { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } },
  { StringEqualsIfExists: { 'aws:ResourceTag/team': 'payments' } },
  { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } },
];

/** The same text, cut into literal pieces and joined again by CloudFormation. */
function joined(text: string, cuts: number[]): unknown {
  const points = [...new Set(cuts.map(cut => cut % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let start = 0;
  for (const point of [...points, text.length]) {
    pieces.push(text.slice(start, point));
    start = point;
  }
  return { 'Fn::Join': ['', pieces] };
}

/** The action with the case of its letters changed: IAM action names are case-insensitive. */
function recased(action: string, upper: boolean[]): string {
  return action.split('').map((char, index) => (upper[index % Math.max(upper.length, 1)] ? char.toUpperCase() : char.toLowerCase())).join('');
}

const respelling = fc.record({
  upper: fc.array(fc.boolean(), { maxLength: 24 }),
  actionAsList: fc.boolean(),
  joinAction: fc.boolean(),
  joinResource: fc.boolean(),
  cuts: fc.array(fc.nat(60), { maxLength: 4 }),
  underCondition: fc.boolean(),
  condition: fc.option(fc.constantFrom(...NON_NARROWING_CONDITIONS), { nil: undefined }),
});

type Respelling = typeof respelling extends fc.Arbitrary<infer T> ? T : never;

function respelled(statement: Statement, how: Respelling): Statement {
  const action = recased(statement.Action as string, how.upper);
  const actionValue = how.joinAction ? joined(action, how.cuts) : action;
  const resource = how.joinResource ? joined(statement.Resource as string, how.cuts) : statement.Resource;
  return {
    Effect: 'Allow',
    Action: how.actionAsList ? [actionValue] : actionValue,
    Resource: resource,
    ...(how.condition ? { Condition: how.condition } : {}),
  };
}

/** The IAM findings on one role whose only policy holds the statement (or an `Fn::If` of it). */
function verdict(statement: Statement, underCondition = false): string[] {
  const stack = newStack();
  const role = new iam.CfnRole(stack, 'Role', {
    assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
  });
  let written: unknown = statement;
  if (underCondition) {
    new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals('prod', 'prod') });
    const harmless = { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:111111111111:jobs' };
    written = { 'Fn::If': ['IsProd', statement, harmless] };
  }
  new iam.CfnPolicy(stack, 'Policy', { policyName: 'p', roles: [role.ref], policyDocument: { Statement: [written] } });
  return securityFindings(stack)
    .filter(line => IAM_RULES.some(rule => line.startsWith(`SecureServerless-${rule}`)))
    .map(line => line.replace(/\[Action::[^\]]*\]/i, '[Action]'))
    .sort();
}

describe('the IAM rules give every spelling of a statement the same verdict', () => {
  test.each(STATEMENTS.map(statement => [`${statement.Action} on ${statement.Resource}`, statement] as const))('%s', (_name, statement) => {
    const expected = verdict(statement);
    // The plain spelling's verdict is the one the rule tests pin: broad statements are findings.
    expect(expected.length > 0).toBe(BROAD.has(statement));
    fc.assert(fc.property(respelling, how => {
      expect(verdict(respelled(statement, how), how.underCondition)).toEqual(expected);
    }), { numRuns: 12 });
  });
});
