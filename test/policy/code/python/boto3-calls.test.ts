import { findBoto3Calls } from '../../../../src/policy/code/python/boto3-calls';
import { inMemorySources } from '../../../../src/policy/code/source-reader';

const callsOf = (files: { [path: string]: string }, entry = 'index.py') => findBoto3Calls(inMemorySources(files), entry);

describe('findBoto3Calls', () => {
  test('names the environment variables that name the resource, through variables and f-strings', () => {
    const usage = callsOf({
      'index.py': [
        'import os, boto3',
        'TABLE = os.environ.get("TABLE_NAME")',
        'table = boto3.resource("dynamodb").Table(TABLE)',
        's3 = boto3.client("s3")',
        'def handler(event, context):',
        '    table.get_item(Key={})',
        '    s3.put_object(Bucket=os.getenv("BUCKET"), Key=f"{os.environ[\'PREFIX\']}/x", Body=b"")',
      ].join('\n'),
    });
    expect(usage.calls.map(call => [call.operation, call.environmentVariables, call.line])).toEqual([
      ['GetItem', ['TABLE_NAME'], 6],
      ['PutObject', ['BUCKET', 'PREFIX'], 7],
    ]);
  });

  test('maps boto3 service names to the SDK v3 package of the same service', () => {
    const usage = callsOf({ 'index.py': "import boto3\nboto3.client('stepfunctions').start_execution()\nboto3.client('s3').get_object()" });
    expect(usage.calls.map(call => call.sdkPackage)).toEqual(['client-sfn', 'client-s3']);
  });

  test('a method kept without calling it is followed when it is called', () => {
    const usage = callsOf({ 'index.py': "import boto3\nread = boto3.client('s3').get_object\ndef handler(e, c):\n    return read(Bucket='b', Key='k')" });
    expect(usage.calls.map(call => call.operation)).toEqual(['GetObject']);
  });

  test('reports a file that is not valid Python as unknown, never as calling nothing', () => {
    expect(callsOf({ 'index.py': "import boto3\ns = 'unterminated\n" }).unknown).toEqual([
      expect.objectContaining({ reason: 'the file is not valid Python' }),
    ]);
  });

  test('reports a relative import outside the code as unknown, and ignores libraries of the runtime', () => {
    const usage = callsOf({ 'pkg/index.py': 'import json\nimport requests\nfrom ...shared import x\n' }, 'pkg/index.py');
    expect(usage.unknown).toEqual([expect.objectContaining({ reason: "imports '...shared', which is not in the function's code" })]);
  });

  test('a resource method it does not model is unknown, not guessed', () => {
    const usage = callsOf({ 'index.py': "import boto3\nboto3.resource('dynamodb').Table('t').wait_until_exists()" });
    expect(usage.calls).toEqual([]);
    expect(usage.unknown).toEqual([expect.objectContaining({ reason: expect.stringContaining('Table.wait_until_exists') })]);
  });

  test('reads each file once, even when modules import each other', () => {
    const usage = callsOf({
      'index.py': 'import a\nimport b\n',
      'a.py': "import b\nimport boto3\nboto3.client('sqs').send_message()",
      'b.py': "import a\nimport boto3\nboto3.client('sns').publish()",
    });
    expect([...usage.files].sort()).toEqual(['a.py', 'b.py', 'index.py']);
    expect(usage.calls.map(call => call.operation).sort()).toEqual(['Publish', 'SendMessage']);
  });

  test('a name bound to a literal resolves getattr and a paginator name', () => {
    const usage = callsOf({
      'index.py': "import boto3\nOP = 'query'\nPAGES = 'scan'\nc = boto3.client('dynamodb')\ngetattr(c, OP)()\nc.get_paginator(PAGES).paginate()",
    });
    expect(usage.calls.map(call => call.operation)).toEqual(['Query', 'Scan']);
    expect(usage.unknown).toEqual([]);
  });

  test('follows what a module-level function returns, and the environment variables of its value', () => {
    const usage = callsOf({
      'index.py': [
        'import os, boto3',
        'def table():',
        '    return boto3.resource("dynamodb").Table(os.environ["TABLE"])',
        'def unrelated():',
        '    return 1',
        'def handler(event, context):',
        '    table().query()',
        '    unrelated().query()',
      ].join('\n'),
    });
    expect(usage.calls.map(call => [call.operation, call.environmentVariables, call.line])).toEqual([['Query', ['TABLE'], 7]]);
  });

  test('a name rebuilt from itself many times holds a bounded set of values (no growth without end)', () => {
    const lines = ['import os, boto3', "flags = os.environ['A']"];
    for (let index = 0; index < 40; index++) {
      lines.push(`flags = flags + ' ' + os.environ['B${index % 3}']`);
    }
    lines.push("boto3.client('s3').get_object(Bucket=flags, Key='k')");
    const usage = callsOf({ 'index.py': lines.join('\n') });
    expect(usage.calls.map(call => [...call.environmentVariables].sort())).toEqual([['A', 'B0', 'B1', 'B2']]);
  });
});
