import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { StackKey } from '../../src/core/stack-key';
import { SecureFunction } from '../../src/function';
import { SecureSecret } from '../../src/secrets';
import { SecureBucket, SecureQueue, SecureTable, SecureTopic } from '../../src/storage';
import { SECURE_BUCKET_GRANT_ACTIONS } from '../../src/storage/grant-actions';
import { securityFindings } from '../checks/helpers';
import { minimalFunctionProps, nagFindings, newStack, userVpc } from '../helpers';

const STACK_KEY_ARN = { 'Fn::GetAtt': ['SecureServerlessKey92BA37A5', 'Arn'] };

/** What one grant writes: the statements the function's policy must hold, exactly. */
interface Expected {
  readonly statements: Array<{ Action: string | string[]; Resource: unknown }>;
}

type Case = [string, (stack: Stack, fn: SecureFunction, vpc: ec2.IVpc) => Expected];

const getAtt = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
const objectsOf = (logicalId: string) => ({ 'Fn::Join': ['', [getAtt(logicalId), '/*']] });
const idOf = (construct: { node: { defaultChild?: unknown } }) => Stack.of(construct as never).getLogicalId(construct.node.defaultChild as never);
const table = (stack: Stack) => new SecureTable(stack, 'Orders', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
/** A table queried by customer (a global secondary index) and by date (a local one). */
const tableWithIndexes = (stack: Stack) => new SecureTable(stack, 'Orders', {
  partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
  sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
  globalSecondaryIndexes: [{ indexName: 'byCustomer', partitionKey: { name: 'customerId', type: dynamodb.AttributeType.STRING } }],
  localSecondaryIndexes: [{ indexName: 'byDate', sortKey: { name: 'createdAt', type: dynamodb.AttributeType.STRING } }],
});
/** The ARN of one index of a table, as a grant names it: exactly, not `<table ARN>/index/*`. */
const indexOf = (logicalId: string, indexName: string) => ({ 'Fn::Join': ['', [getAtt(logicalId), `/index/${indexName}`]] });

const READ_OBJECTS = [...SECURE_BUCKET_GRANT_ACTIONS.readObjects];
const READ_BUCKET = [...SECURE_BUCKET_GRANT_ACTIONS.readBucket];
const PUT_OBJECTS = [...SECURE_BUCKET_GRANT_ACTIONS.putObjects];
const DELETE_OBJECTS = [...SECURE_BUCKET_GRANT_ACTIONS.deleteObjects];

const CASES: Case[] = [
  ['SecureBucket.grantRead', (stack, fn) => {
    const bucket = new SecureBucket(stack, 'Data');
    bucket.grantRead(fn);
    return {
      statements: [
        { Action: READ_OBJECTS, Resource: objectsOf(idOf(bucket)) },
        { Action: READ_BUCKET, Resource: getAtt(idOf(bucket)) },
        { Action: 'kms:Decrypt', Resource: STACK_KEY_ARN },
      ],
    };
  }],
  ['SecureBucket.grantWrite', (stack, fn) => {
    const bucket = new SecureBucket(stack, 'Data');
    bucket.grantWrite(fn);
    return {
      statements: [
        { Action: [...PUT_OBJECTS, ...DELETE_OBJECTS], Resource: objectsOf(idOf(bucket)) },
        { Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: STACK_KEY_ARN },
      ],
    };
  }],
  ['SecureBucket.grantReadWrite', (stack, fn) => {
    const bucket = new SecureBucket(stack, 'Data');
    bucket.grantReadWrite(fn);
    return {
      statements: [
        { Action: [...READ_OBJECTS, ...PUT_OBJECTS, ...DELETE_OBJECTS], Resource: objectsOf(idOf(bucket)) },
        { Action: READ_BUCKET, Resource: getAtt(idOf(bucket)) },
        { Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: STACK_KEY_ARN },
      ],
    };
  }],
  ['SecureBucket.grantPut', (stack, fn) => {
    const bucket = new SecureBucket(stack, 'Data');
    bucket.grantPut(fn);
    return {
      statements: [
        { Action: PUT_OBJECTS, Resource: objectsOf(idOf(bucket)) },
        { Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: STACK_KEY_ARN },
      ],
    };
  }],
  ['SecureBucket.grantDelete', (stack, fn) => {
    const bucket = new SecureBucket(stack, 'Data');
    bucket.grantDelete(fn);
    return { statements: [{ Action: DELETE_OBJECTS, Resource: objectsOf(idOf(bucket)) }] };
  }],
  ['SecureTable.grantReadData', (stack, fn) => {
    const orders = table(stack);
    orders.grantReadData(fn);
    return {
      statements: [
        {
          Action: ['dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'],
          Resource: getAtt(idOf(orders)),
        },
        { Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: STACK_KEY_ARN },
      ],
    };
  }],
  ['SecureTable.grantWriteData', (stack, fn) => {
    const orders = table(stack);
    orders.grantWriteData(fn);
    return {
      statements: [
        {
          Action: ['dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:DescribeTable'],
          Resource: getAtt(idOf(orders)),
        },
        { Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'], Resource: STACK_KEY_ARN },
      ],
    };
  }],
  ['SecureTable.grantReadWriteData', (stack, fn) => {
    const orders = table(stack);
    orders.grantReadWriteData(fn);
    return {
      statements: [
        {
          Action: [
            'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable',
            'dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem',
          ],
          Resource: getAtt(idOf(orders)),
        },
        { Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'], Resource: STACK_KEY_ARN },
      ],
    };
  }],
  ['SecureTable.grantReadData on a table with a global and a local secondary index', (stack, fn) => {
    const orders = tableWithIndexes(stack);
    orders.grantReadData(fn);
    return {
      statements: [
        {
          Action: ['dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'],
          Resource: [getAtt(idOf(orders)), indexOf(idOf(orders), 'byCustomer'), indexOf(idOf(orders), 'byDate')],
        },
        { Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: STACK_KEY_ARN },
      ],
    };
  }],
  ['SecureTable.grantReadWriteData, and a global secondary index added after the grant', (stack, fn) => {
    const orders = table(stack);
    orders.grantReadWriteData(fn);
    orders.addGlobalSecondaryIndex({ indexName: 'byStatus', partitionKey: { name: 'status', type: dynamodb.AttributeType.STRING } });
    return {
      statements: [
        {
          Action: [
            'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable',
            'dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem',
          ],
          Resource: [getAtt(idOf(orders)), indexOf(idOf(orders), 'byStatus')],
        },
        { Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'], Resource: STACK_KEY_ARN },
      ],
    };
  }],
  ['SecureQueue.grantConsumeMessages', (stack, fn) => {
    const queue = new SecureQueue(stack, 'Jobs');
    queue.grantConsumeMessages(fn);
    return {
      statements: [
        {
          Action: ['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueUrl', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
          Resource: getAtt(idOf(queue)),
        },
        { Action: 'kms:Decrypt', Resource: STACK_KEY_ARN },
      ],
    };
  }],
  ['SecureQueue.grantSendMessages', (stack, fn) => {
    const queue = new SecureQueue(stack, 'Jobs');
    queue.grantSendMessages(fn);
    return {
      statements: [
        { Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], Resource: getAtt(idOf(queue)) },
        { Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: STACK_KEY_ARN },
      ],
    };
  }],
  ['SecureTopic.grantPublish', (stack, fn) => {
    const topic = new SecureTopic(stack, 'Events');
    topic.grantPublish(fn);
    return {
      statements: [
        { Action: 'sns:Publish', Resource: { Ref: idOf(topic) } },
        { Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: STACK_KEY_ARN },
      ],
    };
  }],
  ['SecureSecret.grantRead', (stack, fn, vpc) => {
    const secret = new SecureSecret(stack, 'ApiKey', { rotationFunction: new SecureFunction(stack, 'Rotator', { ...minimalFunctionProps, vpc }) });
    secret.grantRead(fn);
    return { statements: [{ Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: { Ref: idOf(secret) } }] };
  }],
  ['SecureSecret.grantWrite', (stack, fn, vpc) => {
    const secret = new SecureSecret(stack, 'ApiKey', { rotationFunction: new SecureFunction(stack, 'Rotator', { ...minimalFunctionProps, vpc }) });
    secret.grantWrite(fn);
    return {
      statements: [{
        Action: ['secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecret', 'secretsmanager:UpdateSecretVersionStage'],
        Resource: { Ref: idOf(secret) },
      }],
    };
  }],
  ['StackKey grantDecrypt', (stack, fn) => {
    StackKey.of(stack).grantDecrypt(fn);
    return { statements: [{ Action: 'kms:Decrypt', Resource: STACK_KEY_ARN }] };
  }],
  ['StackKey grantEncrypt', (stack, fn) => {
    StackKey.of(stack).grantEncrypt(fn);
    return { statements: [{ Action: ['kms:Encrypt', 'kms:GenerateDataKey'], Resource: STACK_KEY_ARN }] };
  }],
  ['StackKey grantEncryptDecrypt', (stack, fn) => {
    StackKey.of(stack).grantEncryptDecrypt(fn);
    return { statements: [{ Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'], Resource: STACK_KEY_ARN }] };
  }],
];

/** A stack with a SecureFunction in a VPC, granted by `grant`. */
function grantedStack(grant: Case[1]): { stack: Stack; fn: SecureFunction; expected: Expected } {
  const stack = newStack();
  const vpc = userVpc(stack);
  const fn = new SecureFunction(stack, 'Fn', { ...minimalFunctionProps, vpc });
  const expected = grant(stack, fn, vpc);
  return { stack, fn, expected };
}

/** Every action of every Allow statement of the template's IAM policies and key policies. */
function allowedActions(stack: Stack): string[] {
  const template = Template.fromStack(stack);
  const documents = [
    ...Object.values(template.findResources('AWS::IAM::ManagedPolicy')).map(policy => policy.Properties.PolicyDocument),
    ...Object.values(template.findResources('AWS::IAM::Policy')).map(policy => policy.Properties.PolicyDocument),
    ...Object.values(template.findResources('AWS::KMS::Key')).map(key => key.Properties.KeyPolicy),
  ];
  return documents.flatMap(document => (document.Statement as Array<{ Effect: string; Action: string | string[]; Principal?: unknown }>)
    .filter(statement => statement.Effect === 'Allow')
    .flatMap(statement => [statement.Action].flat()));
}

describe('exact grants of the library\'s resources to a SecureFunction', () => {
  test.each(CASES)('%s: no finding of the six cdk-nag packs or ServerlessSecurityChecks', (_name, grant) => {
    const { stack } = grantedStack(grant);

    expect(nagFindings(stack.node.root)).toEqual([]);
    expect(securityFindings(stack.node.root)).toEqual([]);
  });

  test.each(CASES)('%s: the function\'s policy lists exactly the expected actions', (_name, grant) => {
    const { stack, fn, expected } = grantedStack(grant);

    const roleId = stack.getLogicalId(fn.role!.node.defaultChild as iam.CfnRole);
    for (const statement of expected.statements) {
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
        Roles: [{ Ref: roleId }],
        Description: Match.stringLikeRegexp('^Permissions of the Lambda function TestStack/Fn,'),
        PolicyDocument: { Statement: Match.arrayWith([Match.objectEquals({ Effect: 'Allow', ...statement })]) },
      });
    }
  });

  test.each(CASES)('%s: no IAM policy or key policy of the stack allows a wildcard action but the key\'s own kms:* for the account', (_name, grant) => {
    const { stack } = grantedStack(grant);

    expect(allowedActions(stack).filter(action => action.includes('*'))).toEqual(['kms:*']);
  });
});

describe('the key actions of the library\'s secret grants, in the key policy', () => {
  test('grantRead: kms:Decrypt, only through Secrets Manager', () => {
    const { stack, fn } = grantedStack(CASES.find(([name]) => name === 'SecureSecret.grantRead')![1]);

    Template.fromStack(stack).hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: 'kms:Decrypt',
          Principal: { AWS: { 'Fn::GetAtt': [stack.getLogicalId(fn.role!.node.defaultChild as iam.CfnRole), 'Arn'] } },
          Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } },
        })]),
      },
    });
  });

  test('grantWrite: kms:GenerateDataKey, only through Secrets Manager', () => {
    const { stack, fn } = grantedStack(CASES.find(([name]) => name === 'SecureSecret.grantWrite')![1]);

    Template.fromStack(stack).hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: 'kms:GenerateDataKey',
          Principal: { AWS: { 'Fn::GetAtt': [stack.getLogicalId(fn.role!.node.defaultChild as iam.CfnRole), 'Arn'] } },
          Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } },
        })]),
      },
    });
  });
});

describe('the object ARN of a bucket grant', () => {
  test('is acknowledged for AwsSolutions-IAM5 on the grantee\'s policy only, naming the bucket', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    const bucket = new SecureBucket(stack, 'Data');
    bucket.grantRead(fn);
    bucket.grantWrite(fn);

    const policy = fn.executionPolicy!.node.defaultChild as iam.CfnManagedPolicy;
    const rules = policy.getMetadata('cdk_nag').rules_to_suppress as Array<{ id: string; reason: string }>;
    const bucketId = stack.getLogicalId(bucket.node.defaultChild as never);
    expect(rules.map(rule => rule.id)).toEqual([`AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`]);
    expect(rules[0].reason).toMatch(/every object of the one bucket TestStack\/Data \(grantRead\)/);
  });

  test('with a key pattern: the acknowledgement names the pattern, and a plain wildcard action is still a finding', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', { ...minimalFunctionProps, vpc: userVpc(stack) });
    const bucket = new SecureBucket(stack, 'Data');
    bucket.grantRead(fn, 'uploads/*');
    bucket.grantWrite(fn, 'uploads/*', ['s3:PutObject*']);

    const bucketId = stack.getLogicalId(bucket.node.defaultChild as never);
    expect(nagFindings(stack.node.root)).toEqual(['AwsSolutions-IAM5[Action::s3:PutObject*] TestStack/Fn/ServiceRole/ExecutionPolicy/Resource']);
    const rules = (fn.executionPolicy!.node.defaultChild as iam.CfnManagedPolicy).getMetadata('cdk_nag').rules_to_suppress;
    expect(rules).toEqual([{ id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/uploads/*]`, reason: expect.stringMatching(/key pattern 'uploads\/\*'/) }]);
  });

  test('of a grant to a role of another account goes to the bucket policy, and nothing is acknowledged', () => {
    const stack = newStack();
    const bucket = new SecureBucket(stack, 'Data');
    bucket.grantRead(new iam.AccountPrincipal('222222222222'));

    Template.fromStack(stack).hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: READ_OBJECTS, Principal: { AWS: Match.anyValue() } })]),
      },
    });
    expect(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy')).toEqual({});
  });
});

describe('the CDK\'s grant classes on a library resource', () => {
  test('queue.grants.sendMessages: the key actions are spelled out through grantOnKey', () => {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', minimalFunctionProps);
    new SecureQueue(stack, 'Jobs').grants.sendMessages(fn);

    const actions = allowedActions(stack);
    expect(actions).not.toContain('kms:GenerateDataKey*');
    expect(actions).not.toContain('kms:ReEncrypt*');
  });
});
