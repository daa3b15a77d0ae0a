import { App, CfnCondition, CfnParameter, CfnResource, Duration, Fn, RemovalPolicy, SecretValue, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as msk from 'aws-cdk-lib/aws-msk';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as signer from 'aws-cdk-lib/aws-signer';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { NagRuleCompliance } from 'cdk-nag';
import { securityFindings } from './helpers';
import { SecureFunction, ServerlessSecurityChecks } from '../../src';
import { LAMBDA_RULES } from '../../src/checks/rules/lambda';
import LambdaCodeSigning from '../../src/checks/rules/lambda/LambdaCodeSigning';
import { ruleId, ruleName } from '../../src/checks/security-rule';
import { judgeRuntime, RUNTIME_DEPRECATION_DATES, runtimeNamed, RuntimeVerdict } from '../../src/policy/runtimes';
import { LATEST_NODE, LATEST_PYTHON } from '../helpers';

const code = lambda.Code.fromInline('exports.handler = async () => ({});');

function newStack(): Stack {
  return new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
}

function plainFunction(stack: Stack, id = 'Fn', props: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(stack, id, { code, handler: 'index.handler', runtime: LATEST_NODE, ...props });
}

/** A bucket whose `autoDeleteObjects` makes the CDK add its own helper function. */
function bucketWithCdkHelper(stack: Stack): s3.Bucket {
  return new s3.Bucket(stack, 'B', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
}

/** The findings of the Lambda rules only, whatever other rules the pack runs. */
function lambdaFindings(stack: Stack): string[] {
  return LAMBDA_RULES.map(ruleName).flatMap(name => securityFindings(stack, name));
}

const CDK_HELPER = 'S/Custom::S3AutoDeleteObjectsCustomResourceProvider/Handler';


describe('LAMBDA_RULES', () => {
  test('every rule has a descriptive name, what, why and fix', () => {
    for (const rule of LAMBDA_RULES) {
      expect(ruleName(rule)).toMatch(/^Lambda[A-Z][A-Za-z]+$/);
      expect(rule.what.length).toBeGreaterThan(0);
      expect(rule.why.length).toBeGreaterThan(0);
      expect(rule.fix.length).toBeGreaterThan(0);
    }
  });

  test('rule ids are unique', () => {
    const ids = LAMBDA_RULES.map(ruleId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test.each([
    'LambdaReservedConcurrency', 'LambdaEnvironmentSecrets', 'LambdaFunctionUrlAuth', 'LambdaPublicPermission',
    'LambdaLayerPublicPermission',
    'LambdaServicePermissionWithoutSource', 'LambdaSharedRole', 'LambdaTracing', 'LambdaLogGroup',
    'LambdaAsyncFailureDestination', 'LambdaStreamFailureDestination', 'LambdaDeprecatedRuntime',
    'LambdaRuntimeDeprecatingSoon', 'LambdaRuntimeNotLatest', 'LambdaEnvironmentEncryption', 'LambdaCodeSigning',
    'LambdaLayerFromOtherAccount',
  ])('%s is listed', name => {
    expect(LAMBDA_RULES.map(ruleName)).toContain(name);
  });
});

describe('the CDK helper detection', () => {
  test('sees the CDK\'s helper functions but not the user\'s', () => {
    const stack = newStack();
    const fn = plainFunction(stack);
    bucketWithCdkHelper(stack);
    new cr.Provider(stack, 'Provider', { onEventHandler: fn });

    // The provider framework's function is the CDK's too: no finding on it from a user-only rule.
    expect(securityFindings(stack, 'LambdaCodeSigning')).toEqual(['SecureServerless-LambdaCodeSigning S/Fn/Resource']);
  });
});

describe('LambdaReservedConcurrency', () => {
  test('reports a function without a cap', () => {
    const stack = newStack();
    plainFunction(stack);

    expect(securityFindings(stack, 'LambdaReservedConcurrency')).toEqual(['SecureServerless-LambdaReservedConcurrency S/Fn/Resource']);
  });

  test('reports a cap of 100000, above the 1,000 default account quota: it caps nothing', () => {
    const stack = newStack();
    plainFunction(stack, 'Fn', { reservedConcurrentExecutions: 100000 });

    expect(securityFindings(stack, 'LambdaReservedConcurrency')).toEqual(['SecureServerless-LambdaReservedConcurrency S/Fn/Resource']);
  });

  test('reports a cap that is a parameter whose default is above the quota', () => {
    const stack = newStack();
    const cap = new CfnParameter(stack, 'Cap', { type: 'Number', default: 100000 });
    plainFunction(stack, 'Fn', { reservedConcurrentExecutions: cap.valueAsNumber });

    expect(securityFindings(stack, 'LambdaReservedConcurrency')).toEqual(['SecureServerless-LambdaReservedConcurrency S/Fn/Resource']);
  });

  test.each([1000, 50])('accepts a parameter cap whose default is %d', value => {
    const stack = newStack();
    const cap = new CfnParameter(stack, 'Cap', { type: 'Number', default: value });
    plainFunction(stack, 'Fn', { reservedConcurrentExecutions: cap.valueAsNumber });

    expect(securityFindings(stack, 'LambdaReservedConcurrency')).toEqual([]);
  });

  test('reports a cap that is a parameter one of whose allowed values is above the quota', () => {
    const stack = newStack();
    const cap = new CfnParameter(stack, 'Cap', { type: 'Number', default: 10, allowedValues: ['10', '5000'] });
    plainFunction(stack, 'Fn', { reservedConcurrentExecutions: cap.valueAsNumber });

    expect(securityFindings(stack, 'LambdaReservedConcurrency')).toEqual(['SecureServerless-LambdaReservedConcurrency S/Fn/Resource']);
  });

  test('accepts a parameter cap whose allowed values all cap', () => {
    const stack = newStack();
    const cap = new CfnParameter(stack, 'Cap', { type: 'Number', default: 10, allowedValues: ['10', '100'] });
    plainFunction(stack, 'Fn', { reservedConcurrentExecutions: cap.valueAsNumber });

    expect(securityFindings(stack, 'LambdaReservedConcurrency')).toEqual([]);
  });

  test('reports a cap that a condition may lift above the quota or remove, and a string spelling of a high cap', () => {
    const stack = newStack();
    const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals('a', 'b') });
    const lifted = plainFunction(stack, 'Lifted');
    (lifted.node.defaultChild as lambda.CfnFunction).addPropertyOverride('ReservedConcurrentExecutions', Fn.conditionIf(isProd.logicalId, 10, 100000));
    const removed = plainFunction(stack, 'Removed');
    (removed.node.defaultChild as lambda.CfnFunction).addPropertyOverride('ReservedConcurrentExecutions',
      Fn.conditionIf(isProd.logicalId, 10, Fn.ref('AWS::NoValue')));
    const text = plainFunction(stack, 'Text');
    (text.node.defaultChild as lambda.CfnFunction).addPropertyOverride('ReservedConcurrentExecutions', '5000');
    const fine = plainFunction(stack, 'Fine');
    (fine.node.defaultChild as lambda.CfnFunction).addPropertyOverride('ReservedConcurrentExecutions', Fn.conditionIf(isProd.logicalId, 10, '20'));

    expect(securityFindings(stack, 'LambdaReservedConcurrency')).toEqual([
      'SecureServerless-LambdaReservedConcurrency S/Lifted/Resource',
      'SecureServerless-LambdaReservedConcurrency S/Removed/Resource',
      'SecureServerless-LambdaReservedConcurrency S/Text/Resource',
    ]);
  });

  test('accepts a cap of exactly 1000', () => {
    const stack = newStack();
    plainFunction(stack, 'Fn', { reservedConcurrentExecutions: 1000 });

    expect(securityFindings(stack, 'LambdaReservedConcurrency')).toEqual([]);
  });

  test('accepts a function with a cap', () => {
    const stack = newStack();
    plainFunction(stack, 'Fn', { reservedConcurrentExecutions: 5 });

    expect(securityFindings(stack, 'LambdaReservedConcurrency')).toEqual([]);
  });

  test('accepts a cap of 0, which stops the function altogether', () => {
    const stack = newStack();
    plainFunction(stack, 'Fn', { reservedConcurrentExecutions: 0 });

    expect(securityFindings(stack, 'LambdaReservedConcurrency')).toEqual([]);
  });

  test('accepts a cap chosen by a parameter', () => {
    const stack = newStack();
    const cap = new CfnParameter(stack, 'Cap', { type: 'Number' });
    plainFunction(stack, 'Fn', { reservedConcurrentExecutions: cap.valueAsNumber });

    expect(securityFindings(stack, 'LambdaReservedConcurrency')).toEqual([]);
  });

  test('judges the template: a cap set by a property override counts, one removed by an override does not', () => {
    const stack = newStack();
    const overridden = plainFunction(stack, 'Overridden');
    (overridden.node.defaultChild as lambda.CfnFunction).addPropertyOverride('ReservedConcurrentExecutions', 3);
    const removed = plainFunction(stack, 'Removed', { reservedConcurrentExecutions: 3 });
    (removed.node.defaultChild as lambda.CfnFunction).addPropertyDeletionOverride('ReservedConcurrentExecutions');

    expect(securityFindings(stack, 'LambdaReservedConcurrency')).toEqual(['SecureServerless-LambdaReservedConcurrency S/Removed/Resource']);
  });

  test('does not apply to the CDK\'s helper functions', () => {
    const stack = newStack();
    bucketWithCdkHelper(stack);

    expect(securityFindings(stack, 'LambdaReservedConcurrency')).toEqual([]);
  });
});

describe('LambdaEnvironmentSecrets', () => {
  test('does not report the settings of the Parameters and Secrets extension', () => {
    const stack = newStack();
    plainFunction(stack, 'Fn', {
      paramsAndSecrets: lambda.ParamsAndSecretsLayerVersion.fromVersion(lambda.ParamsAndSecretsVersions.V1_0_103, {
        cacheSize: 100, logLevel: lambda.ParamsAndSecretsLogLevel.INFO,
      }),
    });

    expect(securityFindings(stack, 'LambdaEnvironmentSecrets')).toEqual([]);
  });

  test('reports each variable that looks like a secret, by name', () => {
    const stack = newStack();
    plainFunction(stack, 'Fn', {
      environment: {
        DB_PASSWORD: 'correct-horse-battery',
        PAYMENT: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
        LOG_LEVEL: 'INFO',
      },
    });

    expect(securityFindings(stack, 'LambdaEnvironmentSecrets')).toEqual([
      'SecureServerless-LambdaEnvironmentSecrets[DB_PASSWORD] S/Fn/Resource',
      'SecureServerless-LambdaEnvironmentSecrets[PAYMENT] S/Fn/Resource',
    ]);
  });

  test('never puts the value in the finding', () => {
    const stack = newStack();
    plainFunction(stack, 'Fn', { environment: { DB_PASSWORD: 'correct-horse-battery' } });

    expect(securityFindings(stack).join('\n')).not.toContain('correct-horse-battery');
  });

  test('reports a Secrets Manager dynamic reference: CloudFormation writes the secret into the variable', () => {
    const stack = newStack();
    plainFunction(stack, 'Fn', { environment: { UPSTREAM: SecretValue.secretsManager('upstream').unsafeUnwrap() } });

    expect(securityFindings(stack, 'LambdaEnvironmentSecrets')).toEqual(['SecureServerless-LambdaEnvironmentSecrets[UPSTREAM] S/Fn/Resource']);
  });

  test('accepts references to secrets and harmless values', () => {
    const stack = newStack();
    const table = new dynamodb.Table(stack, 'T', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    plainFunction(stack, 'Fn', {
      environment: {
        TABLE_NAME: table.tableName,
        DB_PASSWORD_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:db-AbCdEf',
        API_KEY_PARAM: '/prod/api-key',
        TOKEN_TTL_SECONDS: '3600',
        LOG_LEVEL: 'INFO',
      },
    });

    expect(securityFindings(stack, 'LambdaEnvironmentSecrets')).toEqual([]);
  });

  test('does not judge an intrinsic, whatever the variable is called', () => {
    const stack = newStack();
    const key = new CfnParameter(stack, 'Key');
    plainFunction(stack, 'Fn', { environment: { API_KEY: key.valueAsString } });

    expect(securityFindings(stack, 'LambdaEnvironmentSecrets')).toEqual([]);
  });

  test('reads names word by word: camelCase, glued and short password names are secrets, describing names are not', () => {
    const stack = newStack();
    plainFunction(stack, 'Fn', {
      environment: {
        dbPassword: 'correct-horse-battery',
        apiKey: 'whatever',
        MYSQL_PWD: 'correct-horse-battery',
        PGPASSWORD: 'correct-horse-battery',
        DB_PASS: 'correct-horse-battery',
        DB_PASSWORD_PATH: 'hunter2-Secr3t!',
        TOKEN_ISSUER: 'https://auth.example.com/',
        PASSWORD_MIN_LENGTH: '12',
        SECRET_KEY_PREFIX: 'uploads/secret/',
        PASSWORD_RESET_URL: 'https://example.com/reset',
        DB_SECRET_PATH: '/prod/db/password',
      },
    });

    expect(securityFindings(stack, 'LambdaEnvironmentSecrets').sort()).toEqual(
      ['DB_PASSWORD_PATH', 'DB_PASS', 'MYSQL_PWD', 'PGPASSWORD', 'apiKey', 'dbPassword']
        .map(name => `SecureServerless-LambdaEnvironmentSecrets[${name}] S/Fn/Resource`),
    );
  });

  test('evaluates intrinsics: a password joined from literals, a parameter\'s Default and an assembled dynamic reference', () => {
    const stack = newStack();
    new CfnParameter(stack, 'ApiKey', { default: 'correct-horse-battery' });
    const fn = plainFunction(stack, 'Fn');
    const cfn = fn.node.defaultChild as lambda.CfnFunction;
    cfn.addPropertyOverride('Environment.Variables', {
      DB_PASSWORD: { 'Fn::Join': ['', ['correct-horse', '-battery']] },
      API_KEY: { Ref: 'ApiKey' },
      UPSTREAM: { 'Fn::Join': ['', ['{{resolve:', 'secrets', 'manager:upstream:SecretString}}']] },
      CONNECTION: { 'Fn::Sub': '{{resolve:secretsmanager:${AWS::StackName}-db:SecretString:password}}' },
      TABLE: { 'Fn::Join': ['-', [{ Ref: 'AWS::StackName' }, 'orders']] },
    });

    const findings = securityFindings(stack, 'LambdaEnvironmentSecrets');

    expect(findings.sort()).toEqual(['API_KEY', 'CONNECTION', 'DB_PASSWORD', 'UPSTREAM']
      .map(name => `SecureServerless-LambdaEnvironmentSecrets[${name}] S/Fn/Resource`));
    expect(securityFindings(stack).join('\n')).not.toMatch(/correct-horse|battery/);
  });

  test('each finding can be acknowledged on its own', () => {
    const stack = newStack();
    const fn = plainFunction(stack, 'Fn', { environment: { DB_PASSWORD: 'correct-horse-battery', SESSION_SECRET: 'not-so-secret-either' } });
    Validations.of(fn).acknowledge({ id: 'SecureServerless-LambdaEnvironmentSecrets[DB_PASSWORD]', reason: 'a local test database' });

    expect(securityFindings(stack, 'LambdaEnvironmentSecrets')).toEqual(['SecureServerless-LambdaEnvironmentSecrets[SESSION_SECRET] S/Fn/Resource']);
  });
});

describe('LambdaFunctionUrlAuth', () => {
  test('reports a function URL without authentication', () => {
    const stack = newStack();
    plainFunction(stack).addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });

    expect(securityFindings(stack, 'LambdaFunctionUrlAuth')).toEqual(['SecureServerless-LambdaFunctionUrlAuth S/Fn/FunctionUrl/Resource']);
  });

  test('accepts a function URL with AWS IAM authentication', () => {
    const stack = newStack();
    plainFunction(stack).addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });

    expect(securityFindings(stack, 'LambdaFunctionUrlAuth')).toEqual([]);
  });

  test('reports an auth type chosen by a parameter: it may be NONE', () => {
    const stack = newStack();
    const authType = new CfnParameter(stack, 'AuthType');
    new lambda.CfnUrl(stack, 'Url', { authType: authType.valueAsString, targetFunctionArn: plainFunction(stack).functionArn });

    expect(securityFindings(stack, 'LambdaFunctionUrlAuth')).toEqual(['SecureServerless-LambdaFunctionUrlAuth S/Url']);
  });

  test('a public URL is one finding, not three: its permissions are left to this rule', () => {
    const stack = newStack();
    plainFunction(stack, 'Fn', { reservedConcurrentExecutions: 5 }).addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });

    expect([
      ...securityFindings(stack, 'LambdaFunctionUrlAuth'),
      ...securityFindings(stack, 'LambdaPublicPermission'),
      ...securityFindings(stack, 'LambdaServicePermissionWithoutSource'),
    ]).toEqual(['SecureServerless-LambdaFunctionUrlAuth S/Fn/FunctionUrl/Resource']);
  });
});

describe('LambdaLayerPublicPermission', () => {
  function newLayer(stack: Stack): lambda.LayerVersion {
    return new lambda.LayerVersion(stack, 'Layer', { code: lambda.Code.fromBucket(s3.Bucket.fromBucketName(stack, 'Artifacts', 'artifacts'), 'layer.zip') });
  }

  test('reports a layer shared with every account', () => {
    const stack = newStack();
    newLayer(stack).addPermission('Everyone', { accountId: '*' });

    expect(securityFindings(stack, 'LambdaLayerPublicPermission')).toEqual(['SecureServerless-LambdaLayerPublicPermission S/Layer/Everyone']);
  });

  test('reports an L1 permission for * whose organization id is *', () => {
    const stack = newStack();
    new lambda.CfnLayerVersionPermission(stack, 'Any', { action: 'lambda:GetLayerVersion', layerVersionArn: newLayer(stack).layerVersionArn, principal: '*', organizationId: '*' });

    expect(securityFindings(stack, 'LambdaLayerPublicPermission')).toEqual(['SecureServerless-LambdaLayerPublicPermission S/Any']);
  });

  test('accepts * narrowed to an organization', () => {
    const stack = newStack();
    newLayer(stack).addPermission('Org', { accountId: '*', organizationId: 'o-abc123def4' });

    expect(securityFindings(stack, 'LambdaLayerPublicPermission')).toEqual([]);
  });

  test('accepts a permission for one account', () => {
    const stack = newStack();
    newLayer(stack).addPermission('One', { accountId: '222222222222' });

    expect(securityFindings(stack, 'LambdaLayerPublicPermission')).toEqual([]);
  });
});

describe('LambdaPublicPermission', () => {
  test('reports a permission for any principal', () => {
    const stack = newStack();
    plainFunction(stack).addPermission('Anyone', { principal: new iam.AnyPrincipal() });

    expect(securityFindings(stack, 'LambdaPublicPermission')).toEqual(['SecureServerless-LambdaPublicPermission S/Fn/Anyone']);
  });

  test('reports an L1 permission for *', () => {
    const stack = newStack();
    new lambda.CfnPermission(stack, 'Anyone', { action: 'lambda:InvokeFunction', functionName: plainFunction(stack).functionName, principal: '*' });

    expect(securityFindings(stack, 'LambdaPublicPermission')).toEqual(['SecureServerless-LambdaPublicPermission S/Anyone']);
  });

  test('reports any principal on an IAM-authenticated URL: every AWS account could call it', () => {
    const stack = newStack();
    const fn = plainFunction(stack);
    fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    fn.grantInvokeUrl(new iam.AnyPrincipal());

    // Both grants: lambda:InvokeFunctionUrl, and the lambda:InvokeFunction (InvokedViaFunctionUrl)
    // that Lambda requires beside it; no LambdaFunctionUrlAuth finding covers an IAM URL.
    expect(securityFindings(stack, 'LambdaPublicPermission')).toEqual([
      'SecureServerless-LambdaPublicPermission S/Fn/InvokeFunctionUrlAnyPrincipal()',
      'SecureServerless-LambdaPublicPermission S/Fn/InvokeFunctionUrlAnyPrincipal()-DualAuth',
    ]);
  });

  test.each([
    ['sourceAccount', { sourceAccount: '111111111111' }],
    ['sourceArn', { sourceArn: 'arn:aws:execute-api:eu-west-1:111111111111:abc123/*' }],
    ['organizationId', { organizationId: 'o-abc123def4' }],
  ])('accepts any principal scoped by %s', (_name, scope) => {
    const stack = newStack();
    plainFunction(stack).addPermission('Scoped', { principal: new iam.AnyPrincipal(), ...scope });

    expect(securityFindings(stack, 'LambdaPublicPermission')).toEqual([]);
  });

  describe('a permission only for a function URL', () => {
    const ARN = 'arn:aws:lambda:eu-west-1:111111111111:function:imported';

    function urlPermission(stack: Stack, id: string, functionName: string, kind: 'auth-type' | 'invoked-via-url'): lambda.CfnPermission {
      return new lambda.CfnPermission(stack, id, kind === 'auth-type'
        ? { action: 'lambda:InvokeFunctionUrl', functionName, principal: '*', functionUrlAuthType: 'NONE' }
        : { action: 'lambda:InvokeFunction', functionName, principal: '*', invokedViaFunctionUrl: true });
    }

    test.each(['auth-type', 'invoked-via-url'] as const)('is reported (%s) when the stack has no URL for the function', kind => {
      const stack = newStack();
      urlPermission(stack, 'Anyone', plainFunction(stack).functionName, kind);

      expect(securityFindings(stack, 'LambdaPublicPermission')).toEqual(['SecureServerless-LambdaPublicPermission S/Anyone']);
    });

    test('is reported when InvokedViaFunctionUrl is the string "true" and no URL exists', () => {
      const stack = newStack();
      const permission = new lambda.CfnPermission(stack, 'Anyone', { action: 'lambda:InvokeFunction', functionName: plainFunction(stack).functionArn, principal: '*' });
      permission.addPropertyOverride('InvokedViaFunctionUrl', 'true');

      expect(securityFindings(stack, 'LambdaPublicPermission')).toEqual(['SecureServerless-LambdaPublicPermission S/Anyone']);
    });

    test('is reported when the public URL belongs to another function, or the function\'s URL requires IAM', () => {
      const stack = newStack();
      plainFunction(stack, 'Other').addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
      urlPermission(stack, 'ForFn', plainFunction(stack, 'Fn').functionArn, 'auth-type');
      const iamFn = plainFunction(stack, 'Iam');
      iamFn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
      urlPermission(stack, 'ForIam', iamFn.functionName, 'invoked-via-url');

      expect(securityFindings(stack, 'LambdaPublicPermission')).toEqual([
        'SecureServerless-LambdaPublicPermission S/ForFn',
        'SecureServerless-LambdaPublicPermission S/ForIam',
      ]);
    });

    test('is left to LambdaFunctionUrlAuth when the function has a public URL, by name, ARN, alias or the same imported ARN', () => {
      const stack = newStack();
      const fn = plainFunction(stack, 'Fn');
      const alias = new lambda.Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion });
      alias.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
      urlPermission(stack, 'ByName', fn.functionName, 'auth-type');
      urlPermission(stack, 'ByArn', fn.functionArn, 'invoked-via-url');
      new lambda.CfnUrl(stack, 'ImportedUrl', { authType: 'NONE', targetFunctionArn: ARN });
      urlPermission(stack, 'Imported', ARN, 'invoked-via-url');

      expect(securityFindings(stack, 'LambdaPublicPermission')).toEqual([]);
    });
  });

  test('accepts an account principal', () => {
    const stack = newStack();
    plainFunction(stack).grantInvoke(new iam.AccountPrincipal('222222222222'));

    expect(securityFindings(stack, 'LambdaPublicPermission')).toEqual([]);
  });
});

describe('LambdaServicePermissionWithoutSource', () => {
  test('reports a service principal without a source', () => {
    const stack = newStack();
    plainFunction(stack).addPermission('S3', { principal: new iam.ServicePrincipal('s3.amazonaws.com') });

    expect(securityFindings(stack, 'LambdaServicePermissionWithoutSource')).toEqual(['SecureServerless-LambdaServicePermissionWithoutSource S/Fn/S3']);
  });

  test('reads a service principal written as a Fn::Join', () => {
    const stack = newStack();
    new lambda.CfnPermission(stack, 'States', {
      action: 'lambda:InvokeFunction',
      functionName: plainFunction(stack).functionName,
      principal: Fn.join('', ['states.', stack.region, '.amazonaws.com']),
    });

    expect(securityFindings(stack, 'LambdaServicePermissionWithoutSource')).toEqual(['SecureServerless-LambdaServicePermissionWithoutSource S/States']);
  });

  test('accepts the permissions the CDK\'s integrations create, which carry a source', () => {
    const stack = newStack();
    const fn = plainFunction(stack);
    new s3.Bucket(stack, 'Uploads').addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn));
    new sns.Topic(stack, 'Topic').addSubscription(new subscriptions.LambdaSubscription(fn));
    new events.Rule(stack, 'Hourly', { schedule: events.Schedule.rate(Duration.hours(1)), targets: [new targets.LambdaFunction(fn)] });
    new apigateway.LambdaRestApi(stack, 'Api', { handler: fn });
    new cognito.UserPool(stack, 'Users', { lambdaTriggers: { preSignUp: fn } });

    expect(securityFindings(stack, 'LambdaServicePermissionWithoutSource')).toEqual([]);
  });

  test('accepts a service principal scoped by sourceAccount alone', () => {
    const stack = newStack();
    plainFunction(stack).addPermission('Config', { principal: new iam.ServicePrincipal('config.amazonaws.com'), sourceAccount: '111111111111' });

    expect(securityFindings(stack, 'LambdaServicePermissionWithoutSource')).toEqual([]);
  });

  test('leaves account and any-principal permissions to other rules', () => {
    const stack = newStack();
    const fn = plainFunction(stack);
    fn.grantInvoke(new iam.AccountPrincipal('222222222222'));
    fn.addPermission('Anyone', { principal: new iam.AnyPrincipal() });

    expect(securityFindings(stack, 'LambdaServicePermissionWithoutSource')).toEqual([]);
  });
});

describe('LambdaSharedRole', () => {
  test('reports every function that shares a role', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    plainFunction(stack, 'A', { role });
    plainFunction(stack, 'B', { role });
    plainFunction(stack, 'C');

    expect(securityFindings(stack, 'LambdaSharedRole')).toEqual([
      'SecureServerless-LambdaSharedRole S/A/Resource',
      'SecureServerless-LambdaSharedRole S/B/Resource',
    ]);
  });

  test('reports functions that share an imported role', () => {
    const stack = newStack();
    const arn = 'arn:aws:iam::111111111111:role/shared';
    plainFunction(stack, 'A', { role: iam.Role.fromRoleArn(stack, 'RoleA', arn) });
    plainFunction(stack, 'B', { role: iam.Role.fromRoleArn(stack, 'RoleB', arn) });

    expect(securityFindings(stack, 'LambdaSharedRole')).toEqual([
      'SecureServerless-LambdaSharedRole S/A/Resource',
      'SecureServerless-LambdaSharedRole S/B/Resource',
    ]);
  });

  test('accepts functions with their own roles, and one function with an imported role', () => {
    const stack = newStack();
    plainFunction(stack, 'A');
    plainFunction(stack, 'B');
    plainFunction(stack, 'C', { role: iam.Role.fromRoleArn(stack, 'Imported', 'arn:aws:iam::111111111111:role/mine') });

    expect(securityFindings(stack, 'LambdaSharedRole')).toEqual([]);
  });

  test('does not count the CDK\'s helper functions, nor functions of another stack', () => {
    const app = new App();
    const first = new Stack(app, 'First');
    const second = new Stack(app, 'Second');
    const arn = 'arn:aws:iam::111111111111:role/shared';
    new lambda.Function(first, 'Fn', { code, handler: 'index.handler', runtime: LATEST_NODE, role: iam.Role.fromRoleArn(first, 'R', arn) });
    new lambda.Function(second, 'Fn', { code, handler: 'index.handler', runtime: LATEST_NODE, role: iam.Role.fromRoleArn(second, 'R', arn) });
    new s3.Bucket(first, 'B', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });

    expect(securityFindings(app, 'LambdaSharedRole')).toEqual([]);
  });
});

describe('LambdaTracing', () => {
  test('reports a function without tracing', () => {
    const stack = newStack();
    plainFunction(stack);

    expect(securityFindings(stack, 'LambdaTracing')).toEqual(['SecureServerless-LambdaTracing S/Fn/Resource']);
  });

  test('reports PassThrough: it traces only requests that come sampled', () => {
    const stack = newStack();
    plainFunction(stack, 'Fn', { tracing: lambda.Tracing.PASS_THROUGH });

    expect(securityFindings(stack, 'LambdaTracing')).toEqual(['SecureServerless-LambdaTracing S/Fn/Resource']);
  });

  test('accepts active tracing', () => {
    const stack = newStack();
    plainFunction(stack, 'Fn', { tracing: lambda.Tracing.ACTIVE });

    expect(securityFindings(stack, 'LambdaTracing')).toEqual([]);
  });

  test('does not apply to the CDK\'s helper functions', () => {
    const stack = newStack();
    bucketWithCdkHelper(stack);
    new cr.AwsCustomResource(stack, 'Call', {
      onCreate: { service: 'S3', action: 'listBuckets', physicalResourceId: cr.PhysicalResourceId.of('buckets') },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
    });

    expect(securityFindings(stack, 'LambdaTracing')).toEqual([]);
  });
});

describe('LambdaLogGroup', () => {
  test('reports a function whose log group nobody manages', () => {
    const stack = newStack();
    plainFunction(stack);

    expect(securityFindings(stack, 'LambdaLogGroup')).toEqual(['SecureServerless-LambdaLogGroup S/Fn/Resource']);
  });

  test('accepts a function with its own log group', () => {
    const stack = newStack();
    plainFunction(stack, 'Fn', { logGroup: new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.ONE_MONTH }) });

    expect(securityFindings(stack, 'LambdaLogGroup')).toEqual([]);
  });

  test('accepts a log group of the stack named after the function', () => {
    const stack = newStack();
    const fn = plainFunction(stack);
    new logs.LogGroup(stack, 'Logs', { logGroupName: `/aws/lambda/${fn.functionName}` });

    expect(securityFindings(stack, 'LambdaLogGroup')).toEqual([]);
  });

  test('accepts a log group named after the function\'s literal name', () => {
    const stack = newStack();
    plainFunction(stack, 'Fn', { functionName: 'orders' });
    new logs.LogGroup(stack, 'Logs', { logGroupName: '/aws/lambda/orders' });

    expect(securityFindings(stack, 'LambdaLogGroup')).toEqual([]);
  });

  test('reports a function when the stack\'s log group is another function\'s', () => {
    const stack = newStack();
    plainFunction(stack, 'Fn', { functionName: 'orders' });
    const other = plainFunction(stack, 'Other');
    new logs.LogGroup(stack, 'Logs', { logGroupName: '/aws/lambda/orders-old' });
    new logs.LogGroup(stack, 'OtherLogs', { logGroupName: `/aws/lambda/${other.functionName}` });

    expect(securityFindings(stack, 'LambdaLogGroup')).toEqual(['SecureServerless-LambdaLogGroup S/Fn/Resource']);
  });

  test('accepts a LogRetention (what the deprecated logRetention prop creates) on the function\'s log group', () => {
    const stack = newStack();
    const fn = plainFunction(stack);
    new logs.LogRetention(stack, 'Retention', { logGroupName: `/aws/lambda/${fn.functionName}`, retention: logs.RetentionDays.ONE_MONTH });

    expect(securityFindings(stack, 'LambdaLogGroup')).toEqual([]);
  });

  test('does not apply to the CDK\'s helper functions', () => {
    const stack = newStack();
    bucketWithCdkHelper(stack);

    expect(securityFindings(stack, 'LambdaLogGroup')).toEqual([]);
  });
});

describe('LambdaAsyncFailureDestination', () => {
  test.each([
    ['an S3 notification', (stack: Stack, fn: lambda.IFunction) =>
      new s3.Bucket(stack, 'Uploads').addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn))],
    ['an SNS subscription', (stack: Stack, fn: lambda.IFunction) => new sns.Topic(stack, 'Topic').addSubscription(new subscriptions.LambdaSubscription(fn))],
    ['an EventBridge rule', (stack: Stack, fn: lambda.IFunction) =>
      new events.Rule(stack, 'Hourly', { schedule: events.Schedule.rate(Duration.hours(1)), targets: [new targets.LambdaFunction(fn)] })],
    ['an EventBridge Scheduler schedule', (stack: Stack, fn: lambda.IFunction) => new scheduler.Schedule(stack, 'Schedule', {
      schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)), target: new schedulerTargets.LambdaInvoke(fn, {}),
    })],
  ])('reports a function invoked by %s with nowhere for failed events', (_name, invoke) => {
    const stack = newStack();
    invoke(stack, plainFunction(stack));

    expect(securityFindings(stack, 'LambdaAsyncFailureDestination')).toEqual(['SecureServerless-LambdaAsyncFailureDestination S/Fn/Resource']);
  });

  test('reports a function invoked through an alias', () => {
    const stack = newStack();
    const alias = plainFunction(stack).addAlias('live');
    new sns.Topic(stack, 'Topic').addSubscription(new subscriptions.LambdaSubscription(alias));

    expect(securityFindings(stack, 'LambdaAsyncFailureDestination')).toEqual(['SecureServerless-LambdaAsyncFailureDestination S/Fn/Resource']);
  });

  test('reports an asynchronous-invocation configuration without an on-failure destination', () => {
    const stack = newStack();
    plainFunction(stack, 'Fn', { retryAttempts: 0 });

    expect(securityFindings(stack, 'LambdaAsyncFailureDestination')).toEqual(['SecureServerless-LambdaAsyncFailureDestination S/Fn/Resource']);
  });

  test('accepts a dead-letter queue', () => {
    const stack = newStack();
    const fn = plainFunction(stack, 'Fn', { deadLetterQueueEnabled: true });
    new sns.Topic(stack, 'Topic').addSubscription(new subscriptions.LambdaSubscription(fn));

    expect(securityFindings(stack, 'LambdaAsyncFailureDestination')).toEqual([]);
  });

  test('accepts an on-failure destination', () => {
    const stack = newStack();
    const fn = plainFunction(stack, 'Fn', { onFailure: new destinations.SqsDestination(new sqs.Queue(stack, 'Failed')) });
    new sns.Topic(stack, 'Topic').addSubscription(new subscriptions.LambdaSubscription(fn));

    expect(securityFindings(stack, 'LambdaAsyncFailureDestination')).toEqual([]);
  });

  test('does not apply to functions only invoked synchronously', () => {
    const stack = newStack();
    const fn = plainFunction(stack);
    new apigateway.LambdaRestApi(stack, 'Api', { handler: fn });
    new cognito.UserPool(stack, 'Users', { lambdaTriggers: { preSignUp: fn } });
    plainFunction(stack, 'Idle');

    expect(securityFindings(stack, 'LambdaAsyncFailureDestination')).toEqual([]);
  });

  test('does not take another function\'s permission as evidence', () => {
    const stack = newStack();
    plainFunction(stack, 'Fn', { deadLetterQueueEnabled: true, functionName: 'orders' });
    plainFunction(stack, 'Fn2', { functionName: 'orders-v2' });
    new lambda.CfnPermission(stack, 'S3', {
      action: 'lambda:InvokeFunction', functionName: 'orders', principal: 's3.amazonaws.com', sourceAccount: '111111111111',
    });

    expect(securityFindings(stack, 'LambdaAsyncFailureDestination')).toEqual([]);
  });

  test('recognises a permission that names the function by its literal ARN', () => {
    const stack = newStack();
    plainFunction(stack, 'Fn', { functionName: 'orders' });
    new lambda.CfnPermission(stack, 'S3', {
      action: 'lambda:InvokeFunction',
      functionName: 'arn:aws:lambda:eu-west-1:111111111111:function:orders',
      principal: 's3.amazonaws.com',
      sourceAccount: '111111111111',
    });

    expect(securityFindings(stack, 'LambdaAsyncFailureDestination')).toEqual(['SecureServerless-LambdaAsyncFailureDestination S/Fn/Resource']);
  });

  test('does not apply to the CDK\'s helper functions', () => {
    const stack = newStack();
    const bucket = bucketWithCdkHelper(stack);
    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(plainFunction(stack, 'Fn', { deadLetterQueueEnabled: true })));

    expect(securityFindings(stack, 'LambdaAsyncFailureDestination')).toEqual([]);
  });
});

describe('LambdaStreamFailureDestination', () => {
  test('reports a Kinesis source without an on-failure destination', () => {
    const stack = newStack();
    plainFunction(stack).addEventSource(new sources.KinesisEventSource(new kinesis.Stream(stack, 'Stream'), { startingPosition: lambda.StartingPosition.LATEST }));

    expect(securityFindings(stack, 'LambdaStreamFailureDestination')).toEqual([
      'SecureServerless-LambdaStreamFailureDestination S/Fn/KinesisEventSource:SStream9BB8A8B5/Resource',
    ]);
  });

  test('reports a DynamoDB stream source without an on-failure destination', () => {
    const stack = newStack();
    const table = new dynamodb.Table(stack, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, stream: dynamodb.StreamViewType.NEW_IMAGE,
    });
    plainFunction(stack).addEventSourceMapping('Changes', { eventSourceArn: table.tableStreamArn, startingPosition: lambda.StartingPosition.LATEST });

    expect(securityFindings(stack, 'LambdaStreamFailureDestination')).toEqual(['SecureServerless-LambdaStreamFailureDestination S/Fn/Changes/Resource']);
  });

  test('reports an MSK cluster and a self-managed Kafka source', () => {
    const stack = newStack();
    const fn = plainFunction(stack);
    const cluster = new msk.CfnServerlessCluster(stack, 'Kafka', {
      clusterName: 'events',
      clientAuthentication: { sasl: { iam: { enabled: true } } },
      vpcConfigs: [{ subnetIds: ['subnet-1', 'subnet-2'] }],
    });
    new lambda.CfnEventSourceMapping(stack, 'Msk', {
      functionName: fn.functionName, eventSourceArn: cluster.attrArn, topics: ['orders'], startingPosition: 'LATEST',
    });
    new lambda.CfnEventSourceMapping(stack, 'SelfManaged', {
      functionName: fn.functionName,
      selfManagedEventSource: { endpoints: { kafkaBootstrapServers: ['broker:9092'] } },
      topics: ['orders'],
      startingPosition: 'LATEST',
    });

    expect(securityFindings(stack, 'LambdaStreamFailureDestination')).toEqual([
      'SecureServerless-LambdaStreamFailureDestination S/Msk',
      'SecureServerless-LambdaStreamFailureDestination S/SelfManaged',
    ]);
  });

  test('reports a literal stream ARN and an imported one, known by its starting position', () => {
    const stack = newStack();
    const fn = plainFunction(stack);
    fn.addEventSourceMapping('Literal', {
      eventSourceArn: 'arn:aws:kinesis:eu-west-1:111111111111:stream/orders', startingPosition: lambda.StartingPosition.LATEST,
    });
    fn.addEventSourceMapping('Imported', { eventSourceArn: Fn.importValue('OrdersStreamArn'), startingPosition: lambda.StartingPosition.LATEST });

    expect(securityFindings(stack, 'LambdaStreamFailureDestination')).toEqual([
      'SecureServerless-LambdaStreamFailureDestination S/Fn/Literal/Resource',
      'SecureServerless-LambdaStreamFailureDestination S/Fn/Imported/Resource',
    ]);
  });

  test('accepts a stream source with an on-failure destination', () => {
    const stack = newStack();
    plainFunction(stack).addEventSource(new sources.KinesisEventSource(new kinesis.Stream(stack, 'Stream'), {
      startingPosition: lambda.StartingPosition.LATEST,
      onFailure: new sources.SqsDlq(new sqs.Queue(stack, 'Failed')),
    }));

    expect(securityFindings(stack, 'LambdaStreamFailureDestination')).toEqual([]);
  });

  test('does not apply to SQS sources: the queue\'s redrive policy handles failures', () => {
    const stack = newStack();
    const fn = plainFunction(stack);
    fn.addEventSource(new sources.SqsEventSource(new sqs.Queue(stack, 'Jobs')));
    fn.addEventSourceMapping('Literal', { eventSourceArn: 'arn:aws:sqs:eu-west-1:111111111111:jobs' });
    fn.addEventSourceMapping('Imported', { eventSourceArn: Fn.importValue('JobsQueueArn') });

    expect(securityFindings(stack, 'LambdaStreamFailureDestination')).toEqual([]);
  });
});

describe('runtime rules', () => {
  const RUNTIME_RULES = ['LambdaDeprecatedRuntime', 'LambdaRuntimeDeprecatingSoon', 'LambdaRuntimeNotLatest'];
  const runtimeFindings = (stack: Stack) => RUNTIME_RULES.flatMap(rule => securityFindings(stack, rule));

  beforeEach(() => {
    // nodejs22.x is deprecated on 2027-04-30: within 180 days on this date.
    jest.useFakeTimers({ now: new Date('2027-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  test('reports a deprecated runtime, only as deprecated', () => {
    const stack = newStack();
    plainFunction(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_16_X });

    expect(runtimeFindings(stack)).toEqual(['SecureServerless-LambdaDeprecatedRuntime S/Fn/Resource']);
  });

  /** The description of each violation of a rule, by the resources it names. */
  const descriptions = (stack: Stack, rule: string) => new ServerlessSecurityChecks().validateScope(stack).violations
    .filter(violation => violation.ruleName === `SecureServerless-${rule}`)
    .flatMap(violation => violation.violatingResources.map(resource => [resource.constructPath, violation.description]));

  test('names each deprecated runtime and its date in the finding\'s message, not in its id', () => {
    const stack = newStack();
    plainFunction(stack, 'Old', { runtime: lambda.Runtime.NODEJS_16_X });
    plainFunction(stack, 'Older', { runtime: lambda.Runtime.PYTHON_3_8, handler: 'index.handler' });
    plainFunction(stack, 'AlsoOld', { runtime: lambda.Runtime.NODEJS_16_X });

    expect(runtimeFindings(stack).sort()).toEqual(['S/AlsoOld/Resource', 'S/Old/Resource', 'S/Older/Resource']
      .map(path => `SecureServerless-LambdaDeprecatedRuntime ${path}`));
    const byPath = new Map(descriptions(stack, 'LambdaDeprecatedRuntime') as Array<[string, string]>);
    expect(byPath.get('S/Old/Resource')).toMatch(/^The Lambda function runs on a deprecated runtime\. Runtime nodejs16\.x was deprecated on 2024-06-12\. A deprecated runtime/);
    expect(byPath.get('S/AlsoOld/Resource')).toContain('Runtime nodejs16.x was deprecated on 2024-06-12.');
    expect(byPath.get('S/Older/Resource')).toContain('Runtime python3.8 was deprecated on 2024-10-14.');
    expect(byPath.get('S/Older/Resource')).not.toContain('nodejs16.x');
  });

  test('the deprecated-runtime finding keeps its id, so an acknowledgement by that id still holds', () => {
    const stack = newStack();
    const fn = plainFunction(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_16_X });
    Validations.of(fn).acknowledge({ id: 'SecureServerless-LambdaDeprecatedRuntime', reason: 'Retired next sprint.' });

    expect(runtimeFindings(stack)).toEqual([]);
  });

  test('names the runtime deprecated soon and its date, and the latest runtime of a family, in the message', () => {
    const stack = newStack();
    plainFunction(stack, 'Soon', { runtime: lambda.Runtime.NODEJS_22_X });
    plainFunction(stack, 'Older', { runtime: lambda.Runtime.PYTHON_3_13, handler: 'index.handler' });

    expect(descriptions(stack, 'LambdaRuntimeDeprecatingSoon')).toEqual([
      ['S/Soon/Resource', expect.stringContaining('within 180 days. Runtime nodejs22.x will be deprecated on 2027-04-30. After that date')],
    ]);
    expect(descriptions(stack, 'LambdaRuntimeNotLatest')).toEqual([
      ['S/Older/Resource', expect.stringContaining(`Runtime python3.13; the latest of its family is ${LATEST_PYTHON.name}.`)],
    ]);
  });

  test('reports a runtime deprecated within 180 days, only as deprecating soon', () => {
    const stack = newStack();
    plainFunction(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X });

    expect(runtimeFindings(stack)).toEqual(['SecureServerless-LambdaRuntimeDeprecatingSoon S/Fn/Resource']);
  });

  test('reports a supported runtime that is not the latest of its family', () => {
    const stack = newStack();
    plainFunction(stack, 'Fn', { runtime: lambda.Runtime.PYTHON_3_13, handler: 'index.handler' });

    expect(runtimeFindings(stack)).toEqual(['SecureServerless-LambdaRuntimeNotLatest S/Fn/Resource']);
  });

  test('accepts the latest runtime of each family', () => {
    const stack = newStack();
    plainFunction(stack, 'Node', { runtime: LATEST_NODE });
    plainFunction(stack, 'Python', { runtime: LATEST_PYTHON });
    const custom = plainFunction(stack, 'Custom');
    (custom.node.defaultChild as lambda.CfnFunction).addPropertyOverride('Runtime', lambda.Runtime.PROVIDED_AL2023.name);

    expect(runtimeFindings(stack)).toEqual([]);
  });

  test('accepts a runtime newer than this aws-cdk-lib knows, without changing other judgements', () => {
    const stack = newStack();
    const fn = plainFunction(stack);
    (fn.node.defaultChild as lambda.CfnFunction).addPropertyOverride('Runtime', 'nodejs26.x');

    expect(runtimeFindings(stack)).toEqual([]);
    expect(judgeRuntime(runtimeNamed('nodejs26.x'), new Date())).toBe(RuntimeVerdict.CURRENT);
    expect(judgeRuntime(LATEST_NODE, new Date('2027-01-01'))).toBe(RuntimeVerdict.CURRENT);
  });

  test('does not apply to container-image functions', () => {
    const stack = newStack();
    new lambda.CfnFunction(stack, 'Image', {
      packageType: 'Image',
      code: { imageUri: '111111111111.dkr.ecr.eu-west-1.amazonaws.com/app:1' },
      role: 'arn:aws:iam::111111111111:role/app',
    });

    expect(runtimeFindings(stack)).toEqual([]);
  });

  test('warns about no runtime of the CDK\'s helper functions, which aws-cdk-lib chooses', () => {
    const stack = newStack();
    bucketWithCdkHelper(stack);

    expect(runtimeFindings(stack)).toEqual([]);
  });

  test('still reports a CDK helper function on a deprecated runtime', () => {
    const stack = newStack();
    bucketWithCdkHelper(stack);
    // The day after the helper's runtime is deprecated: aws-cdk-lib moves its helpers to newer
    // runtimes from release to release, so the runtime is read from the helper itself.
    const [helper] = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'));
    const runtime = helper.Properties.Runtime as string;
    expect(RUNTIME_DEPRECATION_DATES[runtime]).toBeDefined();
    jest.setSystemTime(new Date(Date.parse(`${RUNTIME_DEPRECATION_DATES[runtime]}T00:00:00Z`) + 24 * 60 * 60 * 1000));

    expect(runtimeFindings(stack)).toEqual([`SecureServerless-LambdaDeprecatedRuntime ${CDK_HELPER}`]);
  });
});

describe('LambdaEnvironmentEncryption', () => {
  test('reports variables without a customer-managed key', () => {
    const stack = newStack();
    plainFunction(stack, 'Fn', { environment: { STAGE: 'prod' } });

    expect(securityFindings(stack, 'LambdaEnvironmentEncryption')).toEqual(['SecureServerless-LambdaEnvironmentEncryption S/Fn/Resource']);
  });

  test('accepts variables encrypted with a customer-managed key', () => {
    const stack = newStack();
    plainFunction(stack, 'Fn', { environment: { STAGE: 'prod' }, environmentEncryption: new kms.Key(stack, 'Key') });

    expect(securityFindings(stack, 'LambdaEnvironmentEncryption')).toEqual([]);
  });

  test('does not apply to a function without variables', () => {
    const stack = newStack();
    plainFunction(stack);

    expect(securityFindings(stack, 'LambdaEnvironmentEncryption')).toEqual([]);
  });
});

describe('LambdaCodeSigning', () => {
  test('reports a function without code signing', () => {
    const stack = newStack();
    plainFunction(stack);

    expect(securityFindings(stack, 'LambdaCodeSigning')).toEqual(['SecureServerless-LambdaCodeSigning S/Fn/Resource']);
  });

  test('accepts a function with a code-signing configuration', () => {
    const stack = newStack();
    const profile = new signer.SigningProfile(stack, 'Profile', { platform: signer.Platform.AWS_LAMBDA_SHA384_ECDSA });
    plainFunction(stack, 'Fn', { codeSigningConfig: new lambda.CodeSigningConfig(stack, 'Signing', { signingProfiles: [profile] }) });

    expect(securityFindings(stack, 'LambdaCodeSigning')).toEqual([]);
  });

  test('does not apply to the CDK\'s helper functions', () => {
    const stack = newStack();
    bucketWithCdkHelper(stack);

    expect(securityFindings(stack, 'LambdaCodeSigning')).toEqual([]);
  });
});

describe('a hand-hardened stack of plain CDK constructs', () => {
  test('trips no Lambda rule', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key');
    const profile = new signer.SigningProfile(stack, 'Profile', { platform: signer.Platform.AWS_LAMBDA_SHA384_ECDSA });
    const signing = new lambda.CodeSigningConfig(stack, 'Signing', { signingProfiles: [profile] });
    const hardened = (id: string) => plainFunction(stack, id, {
      reservedConcurrentExecutions: 5,
      tracing: lambda.Tracing.ACTIVE,
      logGroup: new logs.LogGroup(stack, `${id}Logs`, { encryptionKey: key, retention: logs.RetentionDays.ONE_YEAR }),
      environment: { STAGE: 'prod' },
      environmentEncryption: key,
      codeSigningConfig: signing,
      deadLetterQueue: new sqs.Queue(stack, `${id}Dlq`, { encryptionMasterKey: key }),
    });
    const api = hardened('Api');
    const worker = hardened('Worker');
    const streamer = hardened('Streamer');
    new apigateway.LambdaRestApi(stack, 'Rest', { handler: api });
    api.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    api.grantInvokeUrl(new iam.AccountPrincipal('222222222222'));
    new s3.Bucket(stack, 'Uploads').addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(worker));
    worker.addEventSource(new sources.SqsEventSource(new sqs.Queue(stack, 'Jobs')));
    streamer.addEventSource(new sources.KinesisEventSource(new kinesis.Stream(stack, 'Stream'), {
      startingPosition: lambda.StartingPosition.LATEST,
      onFailure: new sources.SqsDlq(new sqs.Queue(stack, 'StreamFailures')),
    }));

    expect(lambdaFindings(stack)).toEqual([]);
  });
});

describe('SecureFunction', () => {
  test('trips no Lambda rule; it acknowledges code signing, which it leaves to signingProfiles', () => {
    const stack = newStack();
    new SecureFunction(stack, 'Fn', { code, handler: 'index.handler', runtime: LATEST_NODE });

    expect(lambdaFindings(stack)).toEqual([]);
    expect(LambdaCodeSigning(stack.node.findChild('Fn').node.defaultChild as CfnResource)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  test('with variables, an S3 trigger and signing profiles, trips no Lambda rule at all', () => {
    const stack = newStack();
    const profile = new signer.SigningProfile(stack, 'Profile', { platform: signer.Platform.AWS_LAMBDA_SHA384_ECDSA });
    const fn = new SecureFunction(stack, 'Fn', {
      code, handler: 'index.handler', runtime: LATEST_NODE, environment: { STAGE: 'prod' }, signingProfiles: [profile],
    });
    new s3.Bucket(stack, 'Uploads').addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn));

    expect(lambdaFindings(stack)).toEqual([]);
  });
});
