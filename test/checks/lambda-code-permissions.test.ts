import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { securityFindings } from './helpers';

const GET_ORDER = `
const { DynamoDBClient, GetItemCommand } = require('@aws-sdk/client-dynamodb');
const client = new DynamoDBClient({});
exports.handler = async () => client.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: {} }));`;

/** A stack with a table and a plain function running `code`, as a `cdk synth` app has it (asset metadata on). */
function appWith(code: lambda.Code, environment: (table: dynamodb.Table) => { [key: string]: string } = table => ({ TABLE_NAME: table.tableName })) {
  const app = new App({ context: { 'aws:cdk:enable-asset-metadata': true } });
  const stack = new Stack(app, 'Stack');
  const table = new dynamodb.Table(stack, 'Orders', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code,
    environment: environment(table),
  });
  return { stack, table, fn };
}

describe('LambdaUnusedPermission', () => {
  test('flags each action a read-write grant adds that the code never calls', () => {
    const { stack, table, fn } = appWith(lambda.Code.fromInline(GET_ORDER));
    table.grantReadWriteData(fn);

    const findings = securityFindings(stack, 'LambdaUnusedPermission');

    expect(findings).toEqual(expect.arrayContaining([
      'SecureServerless-LambdaUnusedPermission[dynamodb:PutItem] Stack/Fn/Resource',
      'SecureServerless-LambdaUnusedPermission[dynamodb:DeleteItem] Stack/Fn/Resource',
      'SecureServerless-LambdaUnusedPermission[dynamodb:BatchWriteItem] Stack/Fn/Resource',
    ]));
    expect(findings.join('\n')).not.toContain('dynamodb:GetItem]');
  });

  test('reads the handler and its local imports from the asset folder', () => {
    const { stack, table, fn } = appWith(lambda.Code.fromAsset(join(__dirname, '..', 'fixtures', 'handlers', 'orders')));
    table.grantReadWriteData(fn);

    const findings = securityFindings(stack, 'LambdaUnusedPermission');

    expect(findings).toContain('SecureServerless-LambdaUnusedPermission[dynamodb:PutItem] Stack/Fn/Resource');
    expect(findings.join('\n')).not.toMatch(/dynamodb:GetItem\]|logs:/);
  });

  test('counts the secret reads of the Parameters and Secrets extension, also where an environment-agnostic stack names its layer through a mapping', () => {
    // The stack has no env, so the CDK writes the layer as Fn::FindInMap over a mapping of the
    // extension's ARN by region.
    const app = new App({ context: { 'aws:cdk:enable-asset-metadata': true } });
    const stack = new Stack(app, 'Stack');
    const table = new dynamodb.Table(stack, 'Orders', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    const fn = new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(GET_ORDER),
      environment: { TABLE_NAME: table.tableName },
      paramsAndSecrets: lambda.ParamsAndSecretsLayerVersion.fromVersion(lambda.ParamsAndSecretsVersions.V1_0_103),
    });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.tableArn] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: ['arn:aws:secretsmanager:eu-west-1:111111111111:secret:key-AbCdEf'] }));

    expect(JSON.stringify(stack.resolve((fn.node.defaultChild as lambda.CfnFunction).layers))).toContain('Fn::FindInMap');
    expect(securityFindings(stack, 'LambdaUnusedPermission')).toEqual([]);
  });

  test('stays quiet when the grant is exactly what the code calls', () => {
    const { stack, table, fn } = appWith(lambda.Code.fromInline(GET_ORDER));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.tableArn] }));

    expect(securityFindings(stack, 'LambdaUnusedPermission')).toEqual([]);
  });

  test('does not count what Lambda uses on the function\'s behalf: an SQS event source\'s reads', () => {
    const { stack, table, fn } = appWith(lambda.Code.fromInline(GET_ORDER));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.tableArn] }));
    const queue = new sqs.Queue(stack, 'Jobs');
    fn.addEventSourceMapping('Jobs', { eventSourceArn: queue.queueArn });
    queue.grantConsumeMessages(fn);

    // The event source mapping receives, deletes and reads attributes; nothing ever asks for the queue's URL.
    expect(securityFindings(stack, 'LambdaUnusedPermission')).toEqual([
      'SecureServerless-LambdaUnusedPermission[sqs:GetQueueUrl] Stack/Fn/Resource',
    ]);
  });

  test('judges nothing when part of the code calls AWS in a way it cannot resolve', () => {
    const { stack, table, fn } = appWith(lambda.Code.fromInline(`
const sdk = require('@aws-sdk/client-dynamodb');
exports.handler = async (event) => new sdk.DynamoDBClient({}).send(new sdk[event.command]({}));`));
    table.grantReadWriteData(fn);

    expect(securityFindings(stack, 'LambdaUnusedPermission')).toEqual([]);
  });

  test('judges nothing when the code makes no AWS call it recognises (a stub, or a library it does not model)', () => {
    const { stack, table, fn } = appWith(lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'));
    table.grantReadWriteData(fn);

    expect(securityFindings(stack, 'LambdaUnusedPermission')).toEqual([]);
  });

  test('reads a Python handler\'s boto3 calls: a read-write grant to a function that only reads is flagged', () => {
    const { stack, table } = appWith(lambda.Code.fromInline(GET_ORDER));
    const python = new lambda.Function(stack, 'Py', {
      runtime: lambda.Runtime.PYTHON_3_13,
      handler: 'index.handler',
      code: lambda.Code.fromInline([
        'import os, boto3',
        "table = boto3.resource('dynamodb').Table(os.environ['TABLE_NAME'])",
        'def handler(event, context):',
        "    return table.get_item(Key={'id': event['id']}).get('Item')",
      ].join('\n')),
      environment: { TABLE_NAME: table.tableName },
    });
    table.grantReadWriteData(python);

    const findings = securityFindings(stack, 'LambdaUnusedPermission').filter(line => line.includes('/Py/'));
    expect(findings).toContain('SecureServerless-LambdaUnusedPermission[dynamodb:PutItem] Stack/Py/Resource');
    expect(findings.join('\n')).not.toContain('dynamodb:GetItem]');
  });

  test('reads a Python handler and its local package from an asset folder', () => {
    const { stack, table } = appWith(lambda.Code.fromInline(GET_ORDER));
    const python = new lambda.Function(stack, 'Py', {
      runtime: lambda.Runtime.PYTHON_3_13,
      handler: 'app.handler',
      code: lambda.Code.fromAsset(join(__dirname, '..', 'fixtures', 'handlers', 'python-orders')),
      environment: { TABLE_NAME: table.tableName },
    });
    table.grantReadWriteData(python);

    const findings = securityFindings(stack, 'LambdaUnusedPermission').filter(line => line.includes('/Py/'));
    expect(findings).toContain('SecureServerless-LambdaUnusedPermission[dynamodb:DeleteItem] Stack/Py/Resource');
    expect(findings.join('\n')).not.toContain('dynamodb:GetItem]');
  });

  test('flags a Python call its role does not allow', () => {
    const { stack, table } = appWith(lambda.Code.fromInline(GET_ORDER));
    new lambda.Function(stack, 'Py', {
      runtime: lambda.Runtime.PYTHON_3_13,
      handler: 'index.handler',
      code: lambda.Code.fromInline("import os, boto3\ndef handler(event, context):\n    boto3.client('dynamodb').delete_item(TableName=os.environ['T'], Key={})"),
      environment: { T: table.tableName },
    });

    expect(securityFindings(stack, 'LambdaMissingPermission').filter(line => line.includes('/Py/'))).toEqual([
      'SecureServerless-LambdaMissingPermission[dynamodb:DeleteItem] Stack/Py/Resource',
    ]);
  });

  test('judges nothing for a Python handler that makes no boto3 call it recognises', () => {
    const { stack, table } = appWith(lambda.Code.fromInline(GET_ORDER));
    const python = new lambda.Function(stack, 'Py', {
      runtime: lambda.Runtime.PYTHON_3_13,
      handler: 'index.handler',
      code: lambda.Code.fromInline('import boto3\ndef handler(event, context):\n    return None'),
    });
    table.grantReadWriteData(python);

    expect(securityFindings(stack, 'LambdaUnusedPermission').filter(line => line.includes('/Py/'))).toEqual([]);
  });

  test('does not apply to code the app does not hold', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const table = new dynamodb.Table(stack, 'Orders', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    const fn = new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromBucket(new s3.Bucket(stack, 'Code'), 'fn.zip'),
    });
    table.grantReadWriteData(fn);

    expect(securityFindings(stack, 'LambdaUnusedPermission')).toEqual([]);
  });
});

describe('LambdaMissingPermission', () => {
  test('flags a call the role does not allow', () => {
    const { stack } = appWith(lambda.Code.fromInline(GET_ORDER));

    expect(securityFindings(stack, 'LambdaMissingPermission')).toEqual([
      'SecureServerless-LambdaMissingPermission[dynamodb:GetItem] Stack/Fn/Resource',
    ]);
  });

  test('flags a call allowed only on another table than the one its variable names', () => {
    const { stack, fn } = appWith(lambda.Code.fromInline(GET_ORDER));
    const other = new dynamodb.Table(stack, 'Other', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    other.grantReadData(fn);

    expect(securityFindings(stack, 'LambdaMissingPermission')).toEqual([
      'SecureServerless-LambdaMissingPermission[dynamodb:GetItem] Stack/Fn/Resource',
    ]);
  });

  test.each([
    ['the table\'s read grant', (table: dynamodb.Table, fn: lambda.Function) => table.grantReadData(fn)],
    ['a wildcard action on the table', (table: dynamodb.Table, fn: lambda.Function) => fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:Get*'], resources: [table.tableArn] }))],
    ['the action on any resource', (_table: dynamodb.Table, fn: lambda.Function) => fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: ['*'] }))],
  ])('stays quiet when %s allows it', (_name, grant) => {
    const { stack, table, fn } = appWith(lambda.Code.fromInline(GET_ORDER));
    grant(table, fn);

    expect(securityFindings(stack, 'LambdaMissingPermission')).toEqual([]);
  });

  test('judges nothing when the code assumes another role, whose permissions its calls then use', () => {
    const { stack } = appWith(lambda.Code.fromInline(`
const { DynamoDBClient, GetItemCommand } = require('@aws-sdk/client-dynamodb');
const { fromTemporaryCredentials } = require('@aws-sdk/credential-providers');
const client = new DynamoDBClient({ credentials: fromTemporaryCredentials({ params: { RoleArn: process.env.ROLE_ARN } }) });
exports.handler = async () => client.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: {} }));`));

    expect(securityFindings(stack, 'LambdaMissingPermission')).toEqual([]);
  });

  test('judges nothing when the role has a managed policy the template does not show', () => {
    const { stack, fn } = appWith(lambda.Code.fromInline(GET_ORDER));
    fn.role!.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonDynamoDBReadOnlyAccess'));

    expect(securityFindings(stack, 'LambdaMissingPermission')).toEqual([]);
  });
});
