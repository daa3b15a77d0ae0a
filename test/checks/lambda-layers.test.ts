import { App, CfnMapping, CfnParameter, CfnResource, Fn, Stack, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { securityFindings } from './helpers';
import { LATEST_NODE } from '../helpers';

const RULE = 'LambdaLayerFromOtherAccount';
const POWERTOOLS = 'arn:aws:lambda:eu-west-1:017000801446:layer:AWSLambdaPowertoolsTypeScriptV2:20';

function newStack(env: boolean = true): Stack {
  return new Stack(new App(), 'S', env ? { env: { account: '111111111111', region: 'eu-west-1' } } : {});
}

/** An L2 function with these layers. */
function functionWithLayers(stack: Stack, ...layers: lambda.ILayerVersion[]): lambda.Function {
  return new lambda.Function(stack, 'Fn', {
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    handler: 'index.handler',
    runtime: LATEST_NODE,
    layers,
  });
}

/** A function whose Layers are these rendered values, as a template (or `CfnInclude`) has them. */
function cfnFunctionWithLayers(stack: Stack, layers: unknown[]): void {
  new CfnResource(stack, 'Fn', {
    type: 'AWS::Lambda::Function',
    properties: {
      Code: { ZipFile: 'exports.handler = async () => {};' },
      Handler: 'index.handler',
      Runtime: LATEST_NODE.name,
      Role: 'arn:aws:iam::111111111111:role/Fn',
      Layers: layers,
    },
  });
}

const finding = (arn: string, path = 'S/Fn') => `SecureServerless-${RULE}[${arn}] ${path}`;

describe('LambdaLayerFromOtherAccount: findings', () => {
  test('flags a Powertools layer published by AWS (account 017000801446), named by its ARN', () => {
    const stack = newStack();
    functionWithLayers(stack, lambda.LayerVersion.fromLayerVersionArn(stack, 'Powertools', POWERTOOLS));

    expect(securityFindings(stack, RULE)).toEqual([finding(POWERTOOLS, 'S/Fn/Resource')]);
  });

  test('flags a layer ARN built with the stack\'s Region and partition in an environment-agnostic stack', () => {
    const stack = newStack(false);
    const arn = `arn:${stack.partition}:lambda:${stack.region}:017000801446:layer:AWSLambdaPowertoolsTypeScriptV2:20`;
    functionWithLayers(stack, lambda.LayerVersion.fromLayerVersionArn(stack, 'Powertools', arn));

    expect(securityFindings(stack, RULE)).toEqual([
      finding('arn:${AWS::Partition}:lambda:${AWS::Region}:017000801446:layer:AWSLambdaPowertoolsTypeScriptV2:20', 'S/Fn/Resource'),
    ]);
  });

  test('flags the Parameters and Secrets extension, an AWS layer the CDK names by Region', () => {
    const stack = newStack();
    new lambda.Function(stack, 'Fn', {
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
      handler: 'index.handler',
      runtime: LATEST_NODE,
      paramsAndSecrets: lambda.ParamsAndSecretsLayerVersion.fromVersion(lambda.ParamsAndSecretsVersions.V1_0_103),
    });

    const findings = securityFindings(stack, RULE);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatch(/^SecureServerless-LambdaLayerFromOtherAccount\[arn:aws:lambda:eu-west-1:\d{12}:layer:AWS-Parameters-and-Secrets-Lambda-Extension:\d+\] S\/Fn\/Resource$/);
  });

  test.each([
    ['a literal ARN', POWERTOOLS, POWERTOOLS],
    ['a Fn::Sub', { 'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:222222222222:layer:shared:3' }, 'arn:${AWS::Partition}:lambda:${AWS::Region}:222222222222:layer:shared:3'],
    ['a Fn::Join', { 'Fn::Join': ['', ['arn:aws:lambda:', { Ref: 'AWS::Region' }, ':222222222222:layer:shared:3']] }, 'arn:aws:lambda:${AWS::Region}:222222222222:layer:shared:3'],
    ['an ARN without a version', 'arn:aws-cn:lambda:cn-north-1:222222222222:layer:shared', 'arn:aws-cn:lambda:cn-north-1:222222222222:layer:shared'],
  ])('flags %s on an L1 function', (_, layer, arn) => {
    const stack = newStack();
    cfnFunctionWithLayers(stack, [layer]);

    expect(securityFindings(stack, RULE)).toEqual([finding(arn)]);
  });

  test('one finding per layer of another account, each once', () => {
    const stack = newStack();
    const shared = 'arn:aws:lambda:eu-west-1:222222222222:layer:shared:3';
    cfnFunctionWithLayers(stack, [POWERTOOLS, 'arn:aws:lambda:eu-west-1:111111111111:layer:mine:1', shared, POWERTOOLS]);

    expect(securityFindings(stack, RULE)).toEqual([finding(POWERTOOLS), finding(shared)]);
  });

  test('an environment-agnostic stack has no literal account: a literal id is another account', () => {
    const stack = newStack(false);
    cfnFunctionWithLayers(stack, ['arn:aws:lambda:eu-west-1:111111111111:layer:mine:1']);

    expect(securityFindings(stack, RULE)).toEqual([finding('arn:aws:lambda:eu-west-1:111111111111:layer:mine:1')]);
  });

  test('acknowledged with the reason, the finding is gone', () => {
    const stack = newStack();
    const fn = functionWithLayers(stack, lambda.LayerVersion.fromLayerVersionArn(stack, 'Powertools', POWERTOOLS));
    Validations.of(fn.node.defaultChild!).acknowledge({ id: `SecureServerless-${RULE}[${POWERTOOLS}]`, reason: 'Powertools, version pinned and reviewed' });

    expect(securityFindings(stack, RULE)).toEqual([]);
  });
});

describe('LambdaLayerFromOtherAccount: near-misses', () => {
  test('a layer the template creates, by Ref and through the L2', () => {
    const stack = newStack();
    const layer = new lambda.CfnLayerVersion(stack, 'Layer', { content: { s3Bucket: 'artifacts', s3Key: 'layer.zip' } });
    functionWithLayers(stack, lambda.LayerVersion.fromLayerVersionArn(stack, 'Mine', layer.ref));

    expect(securityFindings(stack, RULE)).toEqual([]);
  });

  test.each([
    ['a Fn::Sub with ${AWS::AccountId}', { 'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:layer:mine:1' }],
    ['a Fn::Join with Ref AWS::AccountId', { 'Fn::Join': ['', ['arn:aws:lambda:eu-west-1:', { Ref: 'AWS::AccountId' }, ':layer:mine:1']] }],
    ['the stack\'s literal account', 'arn:aws:lambda:eu-west-1:111111111111:layer:mine:1'],
    ['a parameter', { Ref: 'LayerArn' }],
    ['an account from a parameter', { 'Fn::Sub': 'arn:aws:lambda:eu-west-1:${PublisherAccount}:layer:shared:3' }],
    ['an import', { 'Fn::ImportValue': 'SharedLayerArn' }],
    ['a Fn::FindInMap', { 'Fn::FindInMap': ['Layers', { Ref: 'AWS::Region' }, 'arn'] }],
    ['text that is no layer ARN', 'arn:aws:lambda:eu-west-1:222222222222:function:other'],
  ])('a layer given as %s', (_, layer) => {
    const stack = newStack();
    new CfnParameter(stack, 'LayerArn');
    new CfnParameter(stack, 'PublisherAccount');
    new CfnMapping(stack, 'Layers', { mapping: { 'eu-west-1': { arn: POWERTOOLS } } });
    cfnFunctionWithLayers(stack, [layer]);

    expect(securityFindings(stack, RULE)).toEqual([]);
  });

  test('a layer of the stack\'s own account in an environment-agnostic stack (Stack.account)', () => {
    const stack = newStack(false);
    functionWithLayers(stack, lambda.LayerVersion.fromLayerVersionArn(stack, 'Mine', `arn:aws:lambda:${stack.region}:${stack.account}:layer:mine:1`));

    expect(securityFindings(stack, RULE)).toEqual([]);
  });

  test('a layer named by an imported value', () => {
    const stack = newStack();
    functionWithLayers(stack, lambda.LayerVersion.fromLayerVersionArn(stack, 'Shared', Fn.importValue('SharedLayerArn')));

    expect(securityFindings(stack, RULE)).toEqual([]);
  });
});
