import { readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { findingLines, runCli, stackIn, synthesize } from './helpers';

const HANDLERS = join(__dirname, '..', 'fixtures', 'handlers', 'orders');

/** An app whose function reads one order (asset folder) and is granted read and write on the table. */
function ordersApp(): string {
  return synthesize(app => {
    const stack = stackIn(app);
    const table = new dynamodb.Table(stack, 'Orders', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    const fn = new lambda.Function(stack, 'Reader', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(HANDLERS),
      environment: { TABLE_NAME: table.tableName },
    });
    table.grantReadWriteData(fn);
  });
}

function templateOf(assembly: string): string {
  return join(assembly, readdirSync(assembly).find(file => file.endsWith('.template.json'))!);
}

describe('what the code calls, from a cloud assembly', () => {
  const assembly = ordersApp();

  test('report shows, per function, what its code calls and what it is granted but never uses, with the narrower grant', () => {
    const inventory = JSON.parse(runCli(['report', assembly, '--format', 'json']).stdout);
    const reader = inventory.functions.find((fn: { path: string }) => fn.path === 'MyStack/Reader/Resource');

    expect(reader.permissions.used).toEqual([{ action: 'dynamodb:GetItem', calls: ['index.js:10'] }]);
    expect(reader.permissions.unused.map((grant: { action: string }) => grant.action)).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:DeleteItem']));
    expect(reader.permissions.unused[0].policy).toBe('MyStack/Reader/ServiceRole/DefaultPolicy/Resource');
    expect(reader.permissions.fixes).toEqual(['dynamodb: table.grantReadData(fn) covers what the code calls (dynamodb:GetItem)']);
    expect(reader.permissions.missing).toEqual([]);
  });

  test('the text report says the same', () => {
    const text = runCli(['report', assembly]).stdout;
    expect(text).toContain('code calls: dynamodb:GetItem');
    expect(text).toContain('fix: dynamodb: table.grantReadData(fn) covers what the code calls');
  });

  test('check reports each unused action as a warning of LambdaUnusedPermission', () => {
    const lines = findingLines(runCli(['check', assembly, '--format', 'json']));
    expect(lines).toContain('SecureServerless-LambdaUnusedPermission[dynamodb:PutItem] MyStack/Reader/Resource');
  });

  test('an asset path that leads out of the assembly is not read: the code is not known', () => {
    const hostile = ordersApp();
    const file = templateOf(hostile);
    const template = JSON.parse(readFileSync(file, 'utf8'));
    const fn = Object.values<any>(template.Resources).find(resource => resource.Type === 'AWS::Lambda::Function');
    fn.Metadata['aws:asset:path'] = HANDLERS; // absolute, outside the assembly
    writeFileSync(file, JSON.stringify(template));

    const reader = JSON.parse(runCli(['report', hostile, '--format', 'json']).stdout).functions[0];
    expect(reader.permissions).toBeNull();
  });

  test('a link in the asset folder that leads out of the assembly is not followed', () => {
    const linked = ordersApp();
    const assetFolder = join(linked, readdirSync(linked).find(entry => entry.startsWith('asset.'))!);
    rmSync(join(assetFolder, 'lib', 'ids.js'));
    symlinkSync(join(HANDLERS, 'lib', 'ids.js'), join(assetFolder, 'lib', 'ids.js'));

    const reader = JSON.parse(runCli(['report', linked, '--format', 'json']).stdout).functions[0];
    expect(reader.permissions.unknown).toEqual(["index.js: imports './lib/ids', which is not in the function's code"]);
  });
});

describe('the KMS actions a call needs on a customer managed key', () => {
  test('count as used, so the fix narrows the key grant instead of removing it', () => {
    const assembly = synthesize(app => {
      const stack = stackIn(app);
      const queue = new sqs.Queue(stack, 'Jobs', { encryptionMasterKey: new kms.Key(stack, 'Key') });
      const fn = new lambda.Function(stack, 'Worker', {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline(`
const { SQSClient, ReceiveMessageCommand } = require('@aws-sdk/client-sqs');
exports.handler = async () => new SQSClient({}).send(new ReceiveMessageCommand({ QueueUrl: process.env.QUEUE_URL }));`),
        environment: { QUEUE_URL: queue.queueUrl },
      });
      queue.grantConsumeMessages(fn);
      queue.encryptionMasterKey!.grantEncryptDecrypt(fn);
    });

    const worker = JSON.parse(runCli(['report', assembly, '--format', 'json']).stdout).functions
      .find((fn: { path: string }) => fn.path === 'MyStack/Worker/Resource');

    const unused = worker.permissions.unused.map((grant: { action: string }) => grant.action);
    expect(unused).toEqual(expect.arrayContaining(['kms:Encrypt']));
    expect(unused).not.toContain('kms:Decrypt');
    expect(worker.permissions.fixes.find((fix: string) => fix.startsWith('kms:'))).toMatch(/^kms: grant exactly kms:Decrypt/);
  });
});
