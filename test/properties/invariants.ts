import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import * as fc from 'fast-check';
import { securityFindings } from '../checks/helpers';
import { errorOf, expectValidationError, nagFindings } from '../helpers';

/**
 * What every random valid combination of a construct's props must give, and what every random
 * invalid value must give, as the property tests check them.
 */

/** Enough runs to meet the corners, few enough to keep the suite quick on two cores. */
export const RUNS = { numRuns: 15 };

/** Runs for invalid values: building fails before synthesis, so these are cheap. */
export const INVALID_RUNS = { numRuns: 50 };

interface PolicyStatement {
  readonly Effect: string;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Principal?: unknown;
}

interface TemplateResource {
  readonly Type: string;
  readonly Properties?: { [key: string]: any };
}

/** Where each resource type keeps its policy documents. */
const POLICY_DOCUMENTS: { [type: string]: (properties: { [key: string]: any }) => unknown[] } = {
  'AWS::IAM::Policy': properties => [properties.PolicyDocument],
  'AWS::IAM::ManagedPolicy': properties => [properties.PolicyDocument],
  'AWS::IAM::Role': properties => (properties.Policies ?? []).map((policy: { PolicyDocument: unknown }) => policy.PolicyDocument),
  'AWS::S3::BucketPolicy': properties => [properties.PolicyDocument],
  'AWS::SQS::QueuePolicy': properties => [properties.PolicyDocument],
  'AWS::SNS::TopicPolicy': properties => [properties.PolicyDocument],
  'AWS::SecretsManager::ResourcePolicy': properties => [properties.ResourcePolicy],
  'AWS::DynamoDB::GlobalTable': properties => (properties.Replicas ?? []).map((replica: any) => replica.ResourcePolicy?.PolicyDocument),
  'AWS::KMS::Key': properties => [properties.KeyPolicy],
};

/**
 * The Allow statements of every policy in the template: identity-based (roles, policies) and
 * resource-based (buckets, queues, topics, secrets, tables, keys), each with its resource type.
 */
function allowStatements(stack: Stack): Array<{ readonly type: string; readonly statement: PolicyStatement }> {
  const resources = Object.values(Template.fromStack(stack).toJSON().Resources ?? {}) as TemplateResource[];
  return resources.flatMap(resource => (POLICY_DOCUMENTS[resource.Type]?.(resource.Properties ?? {}) ?? [])
    .flatMap(document => ((document as { Statement?: PolicyStatement[] } | undefined)?.Statement ?? [])
      .filter(statement => statement.Effect === 'Allow')
      .map(statement => ({ type: resource.Type, statement }))));
}

/**
 * Whether the statement is a KMS key policy's statement that gives the account's root principal
 * `kms:*`: the key policy every KMS key starts with, which lets the account's IAM policies grant
 * use of the key. Without it the key could become unmanageable; it grants nothing by itself.
 */
function isKeyAdministrationByTheAccount(type: string, statement: PolicyStatement): boolean {
  const principal = JSON.stringify(statement.Principal ?? '');
  return type === 'AWS::KMS::Key' && statement.Action === 'kms:*' && /:root"/.test(principal);
}

/**
 * The partial wildcards the CDK's KMS grant methods write into a key policy (`key.grantEncrypt`
 * for a principal of another service, as a secret's rotation grants): the only ones a key
 * policy of the constructs may hold.
 */
const CDK_KMS_GRANT_ACTIONS = ['kms:ReEncrypt*', 'kms:GenerateDataKey*'];

/**
 * No Allow statement of any policy in the stack has a wildcard in an action (`*`, `s3:*`,
 * `s3:Get*`) or a `NotAction`, except, in KMS key policies, the account's administration of the
 * key and the two partial wildcards of the CDK's KMS grant methods.
 */
export function expectNoWildcardAction(stack: Stack): void {
  const wildcards = allowStatements(stack)
    .filter(({ type, statement }) => !isKeyAdministrationByTheAccount(type, statement))
    .flatMap(({ type, statement }) => [
      ...[statement.Action ?? []].flat()
        .filter(action => typeof action === 'string' && action.includes('*') && !(type === 'AWS::KMS::Key' && CDK_KMS_GRANT_ACTIONS.includes(action))),
      ...[statement.NotAction ?? []].flat().map(action => `NotAction ${action}`),
    ].map(action => `${type}: ${action}`));
  expect(wildcards).toEqual([]);
}

/** Every Lambda function in the stack has an execution role that no other function has. */
export function expectOneRolePerFunction(stack: Stack): void {
  const resources = Object.values(Template.fromStack(stack).toJSON().Resources ?? {}) as TemplateResource[];
  const roles = resources
    .filter(resource => resource.Type === 'AWS::Lambda::Function')
    .map(resource => JSON.stringify(resource.Properties?.Role));
  expect(new Set(roles).size).toBe(roles.length);
}

/**
 * The app synthesizes, the AwsSolutions pack has no unacknowledged finding (the constructs'
 * acknowledgements are the documented ones, with their reasons), and our pack finds exactly
 * `expected` (the defaults the props were asked to loosen).
 */
export function expectPassesBothPacks(stack: Stack, expected: string[] = []): void {
  const app = stack.node.root;
  expect(nagFindings(app, [new AwsSolutionsChecks()])).toEqual([]);
  expect(securityFindings(app).sort()).toEqual([...expected].sort());
}

/**
 * The error is the CDK's ValidationError, naming the construct's path, the prop and a fix:
 * never a crash of another kind, and never silence (a template built from the invalid value).
 */
export function expectValidationErrorNaming(error: Error, path: string, prop: string): void {
  expectValidationError(error, path, new RegExp(prop.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
}

/**
 * The two tests of a construct's random valid props. Without grantees: the app synthesizes,
 * AwsSolutions and our pack find nothing unacknowledged, and no policy allows a wildcard action.
 * With grantees (SecureFunctions given access with the construct's grant methods, which write
 * the CDK's partial wildcards that AwsSolutions-IAM5 flags): each function has a role of its
 * own, and our pack still finds nothing.
 */
export function testRandomValidProps<T extends { readonly grantees: number }>(props: fc.Arbitrary<T>, build: (random: T) => Stack): void {
  test('synthesizes, passes AwsSolutions and our pack (loosened defaults acknowledged with the reason given), with no wildcard action', () => {
    fc.assert(fc.property(props, random => {
      const stack = build({ ...random, grantees: 0 });

      expectPassesBothPacks(stack);
      expectNoWildcardAction(stack);
    }), RUNS);
  });

  test('granted to SecureFunctions: each has a role of its own, and our pack still finds nothing', () => {
    fc.assert(fc.property(props.filter(random => random.grantees > 0), random => {
      const stack = build(random);

      expect(securityFindings(stack.node.root)).toEqual([]);
      expectOneRolePerFunction(stack);
    }), RUNS);
  });
}

/** An invalid value, as the props that hold it, and the prop its error must name. */
export interface InvalidValue<P> {
  readonly prop: string;
  readonly props: P;
}

/**
 * The test of random invalid values: `build`, given each, throws a validation error naming the
 * construct's `path` and the prop.
 */
export function testRandomInvalidValues<P>(invalid: fc.Arbitrary<InvalidValue<P>>, path: string, build: (props: P) => void): void {
  test('a validation error naming the prop, never a crash or a silently insecure template', () => {
    fc.assert(fc.property(invalid, ({ prop, props }) => {
      expectValidationErrorNaming(errorOf(() => build(props)), path, prop);
    }), INVALID_RUNS);
  });
}
