import { writeFileSync } from 'fs';
import { join } from 'path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { CfnFunction, CfnUrl } from 'aws-cdk-lib/aws-lambda';
import { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { CliRun, runCli, tempDir } from './helpers';
import { loadTemplates } from '../../src/cli/check';
import { MAX_ALIAS_EXPANSION, MAX_NESTING_DEPTH, MAX_YAML_ALIASES, parseTemplate } from '../../src/cli/template-parse';
import { MAX_RESOURCES } from '../../src/cli/template-shape';

/** Writes a template file (text or bytes) into a fresh folder and returns its path. */
function templateFile(name: string, content: string | Buffer): string {
  const file = join(tempDir('cli-input-'), name);
  writeFileSync(file, content);
  return file;
}

function check(file: string, ...flags: string[]): CliRun {
  return runCli(['check', file, '--format', 'json', ...flags]);
}

/** Exit code 2, one line on stderr (no stack trace), nothing on stdout. */
function expectInputError(result: CliRun, reason: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(result.stderr).toMatch(reason);
}

/** The findings of a JSON run as `ruleId logicalId` lines. */
function findings(result: CliRun): string[] {
  expect(result.stderr).toBe('');
  return (JSON.parse(result.stdout).findings as Array<{ ruleId: string; logicalId: string }>).map(finding => `${finding.ruleId} ${finding.logicalId}`);
}

const FUNCTION_URL = { Type: 'AWS::Lambda::Url', Properties: { AuthType: 'NONE', TargetFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f' } };
const TOPIC_YAML = 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n';

describe('a template of the wrong shape is an input error naming the resource and the property', () => {
  test.each([
    ['a numeric Type', { Fn: { Type: 42 } }, /template.json: resource 'Fn' property 'Type' must be a string, not a number/],
    ['an object Type', { Fn: { Type: { Name: 'AWS::Lambda::Function' } } }, /resource 'Fn' property 'Type' must be a string, not an object/],
    ['a Type that is no resource type', { Fn: { Type: 'Lambda' } }, /resource 'Fn' property 'Type' 'Lambda' is not a resource type/],
    ['no Type', { Fn: { Properties: {} } }, /resource 'Fn' has no Type/],
    ['Properties: "oops"', { Fn: { Type: 'AWS::SNS::Topic', Properties: 'oops' } }, /resource 'Fn' property 'Properties' must be an object, not a string/],
    ['Properties as a list', { Fn: { Type: 'AWS::SNS::Topic', Properties: [] } }, /resource 'Fn' property 'Properties' must be an object, not a list/],
    ['a resource that is a string', { Fn: 'AWS::SNS::Topic' }, /resource 'Fn' must be an object with a Type, not a string/],
    ['a numeric DependsOn', { Fn: { Type: 'AWS::SNS::Topic', DependsOn: 3 } }, /resource 'Fn' property 'DependsOn' must be a logical id or a list of logical ids, not a number/],
    ['a DependsOn list with an object', { Fn: { Type: 'AWS::SNS::Topic', DependsOn: [{ Ref: 'X' }] } }, /property 'DependsOn' must be a logical id or a list of logical ids, not a list/],
    ['a DependsOn on a missing resource', { Fn: { Type: 'AWS::SNS::Topic', DependsOn: 'Gone' } }, /resource 'Fn': Resource 'Fn' depends on 'Gone' that doesn't exist/],
    ['an object Condition', { Fn: { Type: 'AWS::SNS::Topic', Condition: { Ref: 'X' } } }, /resource 'Fn' property 'Condition' must be a string, not an object/],
    ['a Condition the template does not have', { Fn: { Type: 'AWS::SNS::Topic', Condition: 'IsProd' } }, /resource 'Fn': Resource 'Fn' uses Condition 'IsProd' that doesn't exist/],
    ['a string Metadata', { Fn: { Type: 'AWS::SNS::Topic', Metadata: 'none' } }, /resource 'Fn' property 'Metadata' must be an object, not a string/],
    ['Environment: None', {
      Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs24.x', Handler: 'index.handler', Role: 'arn:aws:iam::123456789012:role/r', Code: { ZipFile: 'x' }, Environment: 'None' } },
    }, /resource 'Fn' property 'Environment' is not valid for AWS::Lambda::Function: .*Expected an object/],
    ['a required property left out', { Url: { Type: 'AWS::Lambda::Url', Properties: { AuthType: 'NONE' } } },
      /resource 'Url' property 'TargetFunctionArn' is required \(CloudFormation refuses the resource without it\)/],
    ['a string where a number belongs', { Q: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 'long' } } },
      /resource 'Q' property 'VisibilityTimeout' is not valid for AWS::SQS::Queue: should be a number/],
  ])('%s', (_, resources, reason) => {
    expectInputError(check(templateFile('template.json', JSON.stringify({ Resources: resources }))), reason);
  });

  test.each([
    ['!Split 5', /resource 'T' property 'TopicName': Fn::Split takes \[delimiter, string\], not a string/],
    ['!Select a', /resource 'T' property 'TopicName': Fn::Select takes \[index, \[values\]\], not a string/],
    ['!Join [",", 5]', /resource 'T' property 'TopicName': Fn::Join takes \[delimiter, \[values\]\], not a list of 2/],
    ['!Sub [5, 6]', /resource 'T' property 'TopicName': Fn::Sub takes a string or \[string, \{ name: value \}\], not a list of 2/],
    ['!GetAtt [Other]', /resource 'T' property 'TopicName': Fn::GetAtt takes \[logicalId, attribute\] or 'logicalId.attribute', not a list of 1/],
    ['{ "Fn::Bogus": 1 }', /resource 'T' property 'TopicName': Fn::Bogus is not an intrinsic function the CLI can evaluate/],
    ['!Condition IsProd', /resource 'T' property 'TopicName' is not valid for AWS::SNS::Topic: should be a string$/m],
  ])('an intrinsic with the wrong arguments: %s', (intrinsic, reason) => {
    const text = `Conditions:\n  IsProd: !Equals [a, b]\nResources:\n  Other:\n    Type: AWS::SQS::Queue\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: ${intrinsic}\n`;
    expectInputError(check(templateFile('template.yaml', text)), reason);
  });

  test('Resources given as a list (which used to be checked under the id 0)', () => {
    expectInputError(check(templateFile('template.json', JSON.stringify({ Resources: [{ Type: 'AWS::SNS::Topic' }] }))),
      /template.json: Resources must be an object of resources by logical id, not a list/);
  });

  test('a template that is a list', () => {
    expectInputError(check(templateFile('template.json', '[1, 2]')), /is not a CloudFormation template: its top level is a list/);
  });

  test('a key named __proto__ inside the properties, with where it is', () => {
    const file = templateFile('template.json', '{ "Resources": { "T": { "Type": "AWS::SNS::Topic", "Properties": { "Tags": { "__proto__": "x" } } } } }');
    expectInputError(check(file), /a key named '__proto__' in Resources.T.Properties.Tags is not accepted/);
  });

  test('conditions that refer to each other', () => {
    const file = templateFile('template.yaml', 'Conditions:\n  A: !Condition B\n  B: !Condition A\n' + TOPIC_YAML);
    expectInputError(check(file), /condition '[AB]' refers to itself/);
  });

  test('a reference to a resource the template does not have, naming the resource that refers', () => {
    const file = templateFile('template.json', JSON.stringify({ Resources: { T: { Type: 'AWS::SNS::Topic', Properties: { KmsMasterKeyId: { Ref: 'Key' } } } } }));
    expectInputError(check(file), /resource 'T': Element used in Ref expression with logical ID: 'Key' not found/);
  });
});

describe('the constructs the packs check', () => {
  const text = [
    'Resources:',
    '  constructor:', '    Type: AWS::Lambda::Function', '    Properties:', '      Runtime: python3.9', '      Handler: index.handler',
    '      Role: arn:aws:iam::123456789012:role/r', '      Code: { ZipFile: x }',
    '  toString:', '    Type: AWS::Lambda::Url', '    Properties:', '      AuthType: NONE', '      TargetFunctionArn: !GetAtt constructor.Arn',
    '  valueOf:', '    Type: AWS::SQS::Queue',
    '  Widget:', '    Type: MyOrg::Service::Widget',
  ].join('\n');

  test('record no creation stack trace (one per resource was a twentieth of a check), as a plain CDK app does', () => {
    const file = templateFile('typed.yaml', text);
    const [loaded] = loadTemplates([{ file, display: 'typed.yaml', metadata: new Map() }]);
    const metadataTypes = loaded.resources.flatMap(resource => resource.node.node.metadata.map(entry => entry.type));
    expect(metadataTypes).toContain('aws:cdk:logicalId');
    expect(metadataTypes).not.toContain('aws:cdk:creationStack');
    expect(new CfnResource(new Stack(new App(), 'Plain'), 'Queue', { type: 'AWS::SQS::Queue' }).node.metadata.map(entry => entry.type)).toContain('aws:cdk:creationStack');
  });

  test('are the typed L1 classes, as in a CDK app, whatever the logical id', () => {
    const file = templateFile('typed.yaml', text);
    const [loaded] = loadTemplates([{ file, display: 'typed.yaml', metadata: new Map() }]);
    const nodes = new Map(loaded.resources.map(resource => [resource.logicalId, resource.node]));
    expect([...nodes.keys()]).toEqual(['constructor', 'toString', 'valueOf', 'Widget']);
    expect(nodes.get('constructor')).toBeInstanceOf(CfnFunction);
    expect(nodes.get('toString')).toBeInstanceOf(CfnUrl);
    expect(nodes.get('valueOf')).toBeInstanceOf(CfnQueue);
    expect(nodes.get('Widget')!.constructor).toBe(CfnResource);
    expect(loaded.stack.resolve((nodes.get('toString') as CfnUrl).targetFunctionArn)).toEqual({ 'Fn::GetAtt': 'constructor.Arn' });
  });

  test("which cdk-nag's rules check: AwsSolutions finds the queue without a DLQ and the function's old runtime", () => {
    const lines = findings(check(templateFile('typed.yaml', text), '--pack', 'AwsSolutions'));
    expect(lines).toEqual(expect.arrayContaining(['AwsSolutions-SQS3 valueOf', 'AwsSolutions-L1 constructor']));
  });
});

describe('values CloudFormation accepts are checked, not refused', () => {
  const policy = { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
  const asTemplate = (document: unknown) => JSON.stringify({
    Resources: {
      Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } } },
      Policy: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'all', Roles: [{ Ref: 'Role' }], PolicyDocument: document } },
    },
  });

  test('a PolicyDocument given as a string of JSON is checked as the policy it is', () => {
    const asObject = findings(check(templateFile('object.json', asTemplate(policy))));
    const asString = findings(check(templateFile('string.json', asTemplate(JSON.stringify(policy)))));
    expect(asObject.filter(line => line.endsWith(' Policy')).length).toBeGreaterThan(0);
    expect(asString).toEqual(asObject);
  });

  test('template-level Metadata acknowledgements are read (CfnInclude never passed them on)', () => {
    const resources = { Url: FUNCTION_URL };
    const metadata = { cdk_nag: { rules_to_suppress: [{ id: 'SecureServerless-LambdaFunctionUrlAuth', reason: 'A public webhook, verified by signature in the handler.' }] } };
    const plain = JSON.parse(check(templateFile('plain.json', JSON.stringify({ Resources: resources }))).stdout);
    const acknowledged = JSON.parse(check(templateFile('acknowledged.json', JSON.stringify({ Metadata: metadata, Resources: resources }))).stdout);
    expect(plain.findings).toContainEqual(expect.objectContaining({ ruleId: 'SecureServerless-LambdaFunctionUrlAuth' }));
    expect(acknowledged.findings).not.toContainEqual(expect.objectContaining({ ruleId: 'SecureServerless-LambdaFunctionUrlAuth' }));
    expect(acknowledged.summary.acknowledged).toBe(plain.summary.acknowledged + 1);
  });

  test('a transform other than SAM is a note on stderr, and the template is checked', () => {
    const result = runCli(['check', templateFile('t.json', JSON.stringify({ Transform: 'AWS::LanguageExtensions', Resources: { Url: FUNCTION_URL } })), '--format', 'json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^cdk-secure-serverless: .*t.json uses the transform AWS::LanguageExtensions: the resources it generates at deploy time are not checked\n$/);
  });

  test('resources that refer to each other are both checked', () => {
    const file = templateFile('template.json', JSON.stringify({
      Resources: {
        A: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { 'Fn::GetAtt': ['B', 'TopicName'] } } },
        B: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { 'Fn::GetAtt': ['A', 'TopicName'] } } },
      },
    }));
    const result = check(file);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).summary.resources).toBe(2);
    expect(new Set(findings(result).map(line => line.split(' ')[1]))).toEqual(new Set(['A', 'B']));
  });
});

describe('limits, each with its own message', () => {
  function nestedJson(levels: number): string {
    // The template is level 1, Resources 2, the resource 3, Metadata 4.
    return `{ "Resources": { "T": { "Type": "AWS::SNS::Topic", "Metadata": ${'{ "a": '.repeat(levels - 4)}1${' }'.repeat(levels - 4)} } } }`;
  }

  test(`nesting of ${MAX_NESTING_DEPTH} levels is read`, () => {
    expect(check(templateFile('deep.json', nestedJson(MAX_NESTING_DEPTH))).code).toBe(1);
  });

  test.each([
    ['200 levels of JSON (which used to say "circular reference")', 'deep.json', nestedJson(200)],
    ['200 levels of YAML', 'deep.yaml', `${TOPIC_YAML}    Metadata:\n      a: ${'['.repeat(200)}${']'.repeat(200)}\n`],
    ['5,000 levels of YAML (which used to say "not valid YAML")', 'deep.yaml', `${TOPIC_YAML}    Metadata:\n      a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`],
    ['5,000 levels of YAML mappings', 'deep.yaml', `${TOPIC_YAML}    Metadata:\n      a: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}\n`],
    ['5,000 levels of JSON', 'deep.json', nestedJson(5000)],
  ])('%s: "nesting deeper than 100 levels"', (_, name, text) => {
    expectInputError(check(templateFile(name, text)), new RegExp(`${name}: nesting deeper than ${MAX_NESTING_DEPTH} levels`));
  });

  test('YAML aliases that expand exponentially ("billion laughs")', () => {
    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let level = 1; level < 9; level++) {
      lines.push(`a${level}: &a${level} [${Array.from({ length: 10 }, () => `*a${level - 1}`).join(', ')}]`);
    }
    const text = `${TOPIC_YAML}    Metadata:\n${lines.map(line => `      ${line}`).join('\n')}\n`;
    expectInputError(check(templateFile('laughs.yaml', text)),
      new RegExp(`laughs.yaml: its YAML aliases expand to more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} values`));
  });

  test(`more than ${MAX_YAML_ALIASES} YAML aliases`, () => {
    const aliases = Array.from({ length: MAX_YAML_ALIASES + 1 }, (_, index) => `      k${index}: *name`).join('\n');
    const text = `${TOPIC_YAML}    Metadata:\n      base: &name x\n${aliases}\n`;
    expectInputError(check(templateFile('aliases.yaml', text)), new RegExp(`aliases.yaml: more than ${MAX_YAML_ALIASES} YAML aliases \\(\\*name, line \\d+\\)`));
  });

  test('a few YAML aliases are read as the values they stand for', () => {
    const text = 'Resources:\n  A:\n    Type: AWS::Lambda::Url\n    Properties: &url\n      AuthType: NONE\n      TargetFunctionArn: arn:aws:lambda:us-east-1:123456789012:function:f\n  B:\n    Type: AWS::Lambda::Url\n    Properties: *url\n';
    expect(findings(check(templateFile('alias.yaml', text)))).toEqual(expect.arrayContaining([
      'SecureServerless-LambdaFunctionUrlAuth A', 'SecureServerless-LambdaFunctionUrlAuth B',
    ]));
  });

  test(`more than ${MAX_RESOURCES.toLocaleString('en-US')} resources`, () => {
    const resources: { [id: string]: object } = {};
    for (let index = 0; index <= MAX_RESOURCES; index++) {
      resources[`T${index}`] = { Type: 'AWS::SNS::Topic' };
    }
    expectInputError(check(templateFile('many.json', JSON.stringify({ Resources: resources }))),
      /many.json has 2,001 resources, over the limit of 2,000 \(CloudFormation deploys at most 500 per template\)/);
  });
});

describe('encodings', () => {
  const json = JSON.stringify({ Resources: { Url: FUNCTION_URL } }, null, 2);
  const yaml = 'Resources:\n  Url:\n    Type: AWS::Lambda::Url\n    Properties:\n      AuthType: NONE\n      TargetFunctionArn: arn:aws:lambda:us-east-1:123456789012:function:f\n';
  const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

  test.each([['JSON', 'template.json', json], ['YAML', 'template.yaml', yaml]])('UTF-8 %s with a byte-order mark is read as without one', (_, name, text) => {
    const plain = findings(check(templateFile(name, text)));
    expect(plain).toContain('SecureServerless-LambdaFunctionUrlAuth Url');
    expect(findings(check(templateFile(name, Buffer.concat([BOM, Buffer.from(text)]))))).toEqual(plain);
  });

  test.each([
    ['UTF-16 little-endian with a byte-order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]), /is UTF-16 \(little-endian\); save it as UTF-8/],
    ['UTF-16 big-endian with a byte-order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(json, 'utf16le').swap16()]), /is UTF-16 \(big-endian\); save it as UTF-8/],
    ['UTF-16 without a byte-order mark (NULs)', Buffer.from(json, 'utf16le'), /is UTF-16 \(little-endian, without a byte-order mark\); save it as UTF-8/],
    ['Latin-1', Buffer.from(`${yaml}      Description: caf\xe9\n`, 'latin1'), /is not valid UTF-8 \(line 7; is it Latin-1 or Windows-1252\?\): save it as UTF-8/],
    ['NUL bytes in UTF-8', Buffer.concat([Buffer.from(yaml), Buffer.from([0])]), /contains NUL bytes: it is not a UTF-8 text file/],
  ])('%s is refused by name', (_, bytes, reason) => {
    expectInputError(check(templateFile('template.yaml', bytes)), reason);
  });
});

describe('YAML short forms', () => {
  test('each short-form tag is read as its long form', () => {
    const text = [
      'A: !Ref X', 'B: !GetAtt X.Arn', 'C: !GetAtt [X, Arn]', 'D: !Sub "${X}-a"', 'E: !Sub ["${Y}", {Y: !Ref X}]',
      'F: !Join [",", [a, b]]', 'G: !If [Cond, 1, 2]', 'H: !Select [0, !Split [",", "a,b"]]', 'I: !Base64 text',
      'J: !Cidr [10.0.0.0/16, 4, 8]', 'K: !FindInMap [M, k1, k2]', 'L: !GetAZs ""', 'M: !ImportValue Shared',
      'N: !Equals [a, b]', 'O: !And [!Condition P, !Or [!Condition Q, !Not [!Condition R]]]', 'P: !Transform {Name: AWS::Include}',
    ].join('\n');
    expect(parseTemplate(text, 't.yaml')).toEqual({
      A: { Ref: 'X' },
      B: { 'Fn::GetAtt': 'X.Arn' },
      C: { 'Fn::GetAtt': ['X', 'Arn'] },
      D: { 'Fn::Sub': '${X}-a' },
      E: { 'Fn::Sub': ['${Y}', { Y: { Ref: 'X' } }] },
      F: { 'Fn::Join': [',', ['a', 'b']] },
      G: { 'Fn::If': ['Cond', 1, 2] },
      H: { 'Fn::Select': [0, { 'Fn::Split': [',', 'a,b'] }] },
      I: { 'Fn::Base64': 'text' },
      J: { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] },
      K: { 'Fn::FindInMap': ['M', 'k1', 'k2'] },
      L: { 'Fn::GetAZs': '' },
      M: { 'Fn::ImportValue': 'Shared' },
      N: { 'Fn::Equals': ['a', 'b'] },
      O: { 'Fn::And': [{ Condition: 'P' }, { 'Fn::Or': [{ Condition: 'Q' }, { 'Fn::Not': [{ Condition: 'R' }] }] }] },
      P: { 'Fn::Transform': { Name: 'AWS::Include' } },
    });
  });

  test('an unknown tag is an input error naming the line, with no Node warning on stderr', () => {
    const warning = jest.spyOn(process, 'emitWarning');
    const file = templateFile('tag.yaml', `${TOPIC_YAML}    Properties:\n      TopicName: !GetAttr Other.Name\n`);
    expectInputError(check(file), /tag.yaml: unknown YAML tag !GetAttr on line 5 \(did you mean !GetAtt\?\)/);
    expect(warning).not.toHaveBeenCalled();
    warning.mockRestore();
  });
});
