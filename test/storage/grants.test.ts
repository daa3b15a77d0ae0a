import { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SecureFunction } from '../../src/function';
import { SecureBucket, SecureQueue, SecureTable, SecureTopic } from '../../src/storage';
import { securityFindings } from '../checks/helpers';
import { minimalFunctionProps, newStack } from '../helpers';

interface Statement {
  readonly Action: string | string[];
  readonly Resource: unknown;
}

const STACK_KEY = 'SecureServerlessKey92BA37A5';

/** The statements of the function's execution policy, as they render. */
function executionStatements(fn: SecureFunction): Statement[] {
  const document = Stack.of(fn).resolve((fn.executionPolicy!.node.defaultChild as iam.CfnManagedPolicy).policyDocument);
  return document.Statement;
}

/** The logical ids a rendered resource refers to (`Ref`, `Fn::GetAtt`), and `*` for a bare wildcard. */
function referencedIds(resource: unknown): string[] {
  if (resource === '*') {
    return ['*'];
  }
  const text = JSON.stringify(resource);
  return [...text.matchAll(/"Ref":"([^"]+)"|"Fn::GetAtt":\["([^"]+)"/g)].map(match => match[1] ?? match[2]);
}

/** The statements the grant added: those beyond the function's own logs and dead-letter queue. */
function grantStatements(fn: SecureFunction): Statement[] {
  return executionStatements(fn).filter(statement =>
    !referencedIds(statement.Resource).some(id => id.startsWith('FnLogGroup') || id.startsWith('FnDeadLetterQueue'))
    && JSON.stringify(statement.Action) !== JSON.stringify(['kms:GenerateDataKey', 'kms:Decrypt']));
}

function logicalId(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnElement);
}

type Grant = [string, (stack: Stack, fn: SecureFunction) => { node: { defaultChild?: unknown } }, string[]];

const GRANTS: Grant[] = [
  ['table.grantReadData', (stack, fn) => {
    const table = new SecureTable(stack, 'Orders', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    table.grantReadData(fn);
    return table;
  }, ['dynamodb:GetItem', 'dynamodb:Query', 'kms:Decrypt']],
  ['table.grantReadWriteData', (stack, fn) => {
    const table = new SecureTable(stack, 'Orders', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    table.grantReadWriteData(fn);
    return table;
  }, ['dynamodb:PutItem', 'kms:Encrypt', 'kms:Decrypt']],
  ['queue.grantConsumeMessages', (stack, fn) => {
    const queue = new SecureQueue(stack, 'Jobs');
    queue.grantConsumeMessages(fn);
    return queue;
  }, ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'kms:Decrypt']],
  ['queue.grantSendMessages', (stack, fn) => {
    const queue = new SecureQueue(stack, 'Jobs');
    queue.grantSendMessages(fn);
    return queue;
  }, ['sqs:SendMessage', 'kms:GenerateDataKey', 'kms:Decrypt']],
  ['topic.grantPublish', (stack, fn) => {
    const topic = new SecureTopic(stack, 'Events');
    topic.grantPublish(fn);
    return topic;
  }, ['sns:Publish', 'kms:GenerateDataKey', 'kms:Decrypt']],
  ['bucket.grantRead', (stack, fn) => {
    const bucket = new SecureBucket(stack, 'Data');
    bucket.grantRead(fn);
    return bucket;
  }, ['s3:GetObject', 's3:ListBucket', 'kms:Decrypt']],
  ['bucket.grantReadWrite', (stack, fn) => {
    const bucket = new SecureBucket(stack, 'Data');
    bucket.grantReadWrite(fn);
    return bucket;
  }, ['s3:PutObject', 's3:DeleteObject', 'kms:GenerateDataKey', 'kms:Decrypt']],
];

describe('a SecureFunction granted access to a storage construct', () => {
  test.each(GRANTS)('%s: the grant names only that resource and its key', (_name, grant, expectedActions) => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);

    const resource = grant(stack, fn);

    const resourceId = logicalId(stack, resource);
    const statements = grantStatements(fn);
    // A write grant's key statement (kms:GenerateDataKey, kms:Decrypt) is the one the function's
    // dead-letter queue already has: the policy holds it once.
    const actions = executionStatements(fn).flatMap(statement => [statement.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(expectedActions));
    for (const statement of statements) {
      const ids = referencedIds(statement.Resource);
      expect(ids.length).toBeGreaterThan(0);
      const isKeyStatement = [statement.Action].flat().every(action => action.startsWith('kms:'));
      expect(ids.every(id => id === (isKeyStatement ? STACK_KEY : resourceId))).toBe(true);
    }
    expect(executionStatements(fn).some(statement => referencedIds(statement.Resource).includes(STACK_KEY)
      && [statement.Action].flat().some(action => expectedActions.includes(action) && action.startsWith('kms:')))).toBe(true);
  });

  test.each(GRANTS)('%s: no statement of the function has Resource * but the X-Ray one', (_name, grant) => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);

    grant(stack, fn);

    const policies = Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy');
    const wildcards = Object.entries(policies).flatMap(([id, policy]) => (policy.Properties.PolicyDocument.Statement as Statement[])
      .filter(statement => [statement.Resource].flat().includes('*'))
      .map(statement => `${id} ${JSON.stringify(statement.Action)}`));
    expect(wildcards).toEqual([expect.stringMatching(/^SecureServerlessTracingPolicy[0-9A-F]+ \["xray:PutTraceSegments","xray:PutTelemetryRecords"\]$/)]);
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Policy', 0);
    expect(securityFindings(stack.node.root).filter(finding => /IAM/.test(finding))).toEqual([]);
  });
});
