import { Lazy, SecretValue } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { SecureFunction } from '../../src';
import { suspectSecret, suspectSecretInTemplate } from '../../src/policy/secret-detection';
import { errorOf, expectValidationError, minimalFunctionProps, newStack } from '../helpers';

describe('suspectSecret', () => {
  test.each([
    ['DB_PASSWORD', 'hunter2'],
    ['JWT_SECRET', 'my-signing-secret'],
    ['GITHUB_TOKEN', 'abc123'],
    ['STRIPE_API_KEY', 'whatever'],
    ['APIKEY', 'whatever'],
    ['SERVICE_PRIVATE_KEY', 'key material'],
    ['AWS_CREDENTIALS', 'x:y'],
    ['client_secret', 'lower-case names count too'],
  ])('flags %s by its name', (name, value) => {
    expect(suspectSecret(name, value)?.reason).toMatch(/its name contains/);
  });

  test.each([
    ['PASS', 'PASS'],
    ['DB_PASS', 'PASS'],
    ['DB_PWD', 'PWD'],
    ['MYSQL_PWD', 'PWD'],
    ['PGPASSWORD', 'PGPASSWORD'],
    ['dbPassword', 'PASSWORD'],
    ['apiKey', 'API_KEY'],
    ['APIKey', 'API_KEY'],
    ['clientSecret', 'SECRET'],
    ['db-password', 'PASSWORD'],
  ])('flags %s by its name, split into words', (name, word) => {
    expect(suspectSecret(name, 'hunter2')?.reason).toBe(`its name contains ${word}`);
  });

  test.each([
    ['PWD', '/var/task', 'the shell\'s working directory'],
    ['PWD', 'work', 'the shell\'s working directory, whatever its value'],
    ['PASS_THROUGH', 'headers', 'PASS not as the last word'],
    ['BYPASS', 'cache', 'PASS inside a word'],
  ])('does not take %s for a password (%s: %s)', (name, value) => {
    expect(suspectSecret(name, value)).toBeUndefined();
  });

  test.each([
    ['DB_PASSWORD_PATH', 'hunter2-Secr3t!'],
    ['DB_PASSWORD_NAME', 'correct horse battery staple'],
    ['API_KEY_PARAM', 'p@ss:w0rd'],
    ['DB_SECRET_ARN', 'arn:not-really'],
    ['DB_PASSWORD_PATH', '/p@ss w0rd!'],
  ])('flags %s holding a password rather than a reference: a reference suffix excuses only references', (name, value) => {
    expect(suspectSecret(name, value)?.reason).toMatch(/its name contains/);
  });

  test.each([
    ['DB_PASSWORD_PATH', '/prod/db/password'],
    ['DB_PASSWORD_NAME', 'prod-db-password'],
    ['API_KEY_PARAM', 'prod.payments.api_key'],
    ['DB_SECRET_ARN', 'arn:aws-us-gov:secretsmanager:us-gov-west-1:111111111111:secret:db-AbCdEf'],
    ['DB_SECRET_ID', 'prod/db'],
  ])('accepts %s holding a reference', (name, value) => {
    expect(suspectSecret(name, value)).toBeUndefined();
  });

  test.each([
    ['/p@ss w0rd!'],
    ['arn:not-really'],
    ['arn:aws:secretsmanager:eu-west-1:111111111111:secret:my secret'],
    ['/'],
  ])('does not take %s for a reference: it starts like one but is no path or ARN', value => {
    expect(suspectSecret('DB_PASSWORD', value)?.reason).toBe('its name contains PASSWORD');
  });

  test.each([
    ['TOKEN_ISSUER', 'https://auth.example.com/'],
    ['TOKEN_AUDIENCE', 'orders-api'],
    ['TOKEN_URL', 'https://auth.example.com/oauth2/token'],
    ['PASSWORD_POLICY', 'strict'],
    ['PASSWORD_MIN_LENGTH', '12'],
    ['SECRET_PREFIX', 'orders/'],
    ['SECRET_NAME_PREFIX', 'orders-prod-'],
    ['SECRET_KEY_PREFIX', 'uploads/secret/'],
    ['KEY_PREFIX', 'uploads/'],
    ['PASSWORD_RESET_URL', 'https://example.com/reset-password'],
  ])('does not flag %s, which describes a credential rather than holding it', (name, value) => {
    expect(suspectSecret(name, value)).toBeUndefined();
  });

  test('a credential word after a describing one still counts: PASSWORD_RESET_TOKEN is a token', () => {
    expect(suspectSecret('PASSWORD_RESET_TOKEN', 'abc')?.reason).toBe('its name contains TOKEN');
  });

  test.each([
    ['an AWS access key id', 'SOME_ID', 'AKIAIOSFODNN7EXAMPLE'],
    ['a private key block', 'CERT', '-----BEGIN RSA PRIVATE KEY-----\nMIIE...'],
    ['a Stripe live key', 'PAYMENTS', 'sk_live_51Hh3kL2eZvKYlo2C0abcdefgh'],
    ['a GitHub token', 'CI', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['a Slack token', 'CHAT', 'xoxb-1234567890-abcdefghij'],
    ['a Google API key', 'MAPS', 'AIzaSyA1234567890abcdefghijklmnopqrstuv'],
    ['a JSON Web Token', 'SESSION', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.abcdefghijklmnop'],
    ['a URL with a password in it', 'DATABASE_URL', 'postgres://app:s3cr3t@db.internal:5432/orders'],
  ])('flags %s by its value, whatever the name', (what, name, value) => {
    expect(suspectSecret(name, value)?.reason).toBe(`its value has the format of ${what}`);
  });

  test.each([
    ['{{resolve:secretsmanager:db:SecretString:password}}'],
    ['{{resolve:ssm-secure:/prod/db/password:1}}'],
  ])('flags the dynamic secret reference %s, which CloudFormation resolves into plaintext', value => {
    expect(suspectSecret('CONNECTION', value)?.reason).toMatch(/dynamic reference to a secret/);
  });

  test('flags a long, high-entropy string as key material', () => {
    expect(suspectSecret('SIGNATURE_SALT', 'q8Z+3vLr0T9w/KxY2mNpA7sD1fGhJ4kE')?.reason).toMatch(/high-entropy/);
  });

  test('never puts the value in the reason', () => {
    expect(suspectSecret('DB_PASSWORD', 'hunter2')?.reason).not.toContain('hunter2');
    expect(suspectSecret('X', 'AKIAIOSFODNN7EXAMPLE')?.reason).not.toContain('AKIA');
  });

  test.each([
    ['a token, such as a reference to a secret', 'DB_PASSWORD', Lazy.string({ produce: () => 'resolved at synth' })],
    ['a name ending in _ARN', 'DB_SECRET_ARN', 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:db-AbCdEf'],
    ['a name ending in _NAME', 'TOKEN_TABLE_NAME', 'tokens'],
    ['a name ending in _PARAM', 'API_KEY_PARAM', '/prod/payments/api-key'],
    ['an SSM parameter path', 'DB_PASSWORD', '/prod/db/password'],
    ['a dynamic reference to a plain SSM parameter', 'TABLE_NAME', '{{resolve:ssm:/prod/table-name}}'],
    ['a boolean', 'TOKEN_CACHE', 'true'],
    ['a number', 'TOKEN_TTL_MINUTES', '300'],
    ['an empty value', 'SECRET', ''],
    ['an ordinary setting', 'TABLE_NAME', 'orders'],
    ['a UUID', 'TENANT', '3f2b8c1e-9d4a-4e6f-b7a2-1c5d8e9f0a3b'],
    ['a git commit hash', 'BUILD_SHA', '9fceb02d0ae598e95dc970b74767f19372d61af8'],
    ['a URL without credentials', 'SERVICE_URL', 'https://api.example.com/v1/orders?region=eu-west-1'],
    ['a sentence', 'GREETING', 'Welcome to the orders service, have a nice day'],
    ['a log level setting of the Parameters and Secrets extension', 'PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL', 'info'],
  ])('does not flag %s', (_what, name, value) => {
    expect(suspectSecret(name, value)).toBeUndefined();
  });
});

describe('suspectSecretInTemplate', () => {
  test('judges a literal as suspectSecret does', () => {
    expect(suspectSecretInTemplate('DB_PASSWORD', 'hunter2')?.reason).toBe('its name contains PASSWORD');
    expect(suspectSecretInTemplate('TABLE_NAME', 'orders')).toBeUndefined();
  });

  test('finds a password split across a Fn::Join of literals', () => {
    expect(suspectSecretInTemplate('DB_PASSWORD', { 'Fn::Join': ['', ['hun', 'ter2']] })?.reason).toBe('its name contains PASSWORD');
  });

  test('finds a credential format assembled from pieces', () => {
    const value = { 'Fn::Join': ['', ['AKIA', 'IOSFODNN7', 'EXAMPLE']] };
    expect(suspectSecretInTemplate('SOME_ID', value)?.reason).toBe('its value has the format of an AWS access key id');
  });

  test('finds a dynamic reference to a secret assembled with Fn::Join around a Ref', () => {
    const value = { 'Fn::Join': ['', ['{{resolve:', 'secretsmanager:', { Ref: 'SecretName' }, ':SecretString:password}}']] };
    expect(suspectSecretInTemplate('CONNECTION', value)?.reason).toMatch(/assembles a dynamic reference to a secret/);
  });

  test('finds a dynamic reference whose service Fn::Sub takes from a parameter', () => {
    const value = { 'Fn::Sub': '{{resolve:${Service}:db:SecretString:password}}' };
    const context = { parameters: { Service: { Type: 'String', AllowedValues: ['ssm', 'secretsmanager'] } } };
    expect(suspectSecretInTemplate('CONNECTION', value, context)?.reason).toMatch(/dynamic reference to a secret/);
    expect(suspectSecretInTemplate('CONNECTION', { 'Fn::Sub': '{{resolve:${Service}:db}}' })?.reason).toMatch(/assembles a dynamic reference/);
  });

  test('does not flag a plain SSM dynamic reference assembled with Fn::Sub', () => {
    expect(suspectSecretInTemplate('TABLE_NAME', { 'Fn::Sub': '{{resolve:ssm:/${AWS::StackName}/table}}' })).toBeUndefined();
  });

  test('finds a password in a parameter\'s Default, which the template holds', () => {
    const context = { parameters: { Key: { Type: 'String', Default: 'hunter2' } } };
    expect(suspectSecretInTemplate('API_KEY', { Ref: 'Key' }, context)?.reason).toBe('its name contains API_KEY');
  });

  test('does not flag what only the deployment decides', () => {
    expect(suspectSecretInTemplate('API_KEY', { Ref: 'Key' })).toBeUndefined();
    expect(suspectSecretInTemplate('DB_PASSWORD', { 'Fn::Join': ['', ['pre-', { 'Fn::GetAtt': ['Db', 'Password'] }]] })).toBeUndefined();
    const ssm = { parameters: { Key: { Type: 'AWS::SSM::Parameter::Value<String>', Default: 'payments-api-key' } } };
    expect(suspectSecretInTemplate('API_KEY', { Ref: 'Key' }, ssm)).toBeUndefined();
  });

  test('never puts the value in the reason', () => {
    const reason = suspectSecretInTemplate('DB_PASSWORD', { 'Fn::Join': ['', ['hun', 'ter2']] })?.reason;
    expect(reason).toBeDefined();
    expect(reason).not.toMatch(/hun|ter2/);
  });
});

describe('SecureFunction and secrets in the environment', () => {
  test('fails on a secret-looking variable, pointing to Secrets Manager and naming the variable, not the value', () => {
    const stack = newStack();

    const error = errorOf(() => new SecureFunction(stack, 'Fn', { ...minimalFunctionProps, environment: { DB_PASSWORD: 'hunter2' } }));

    expectValidationError(error, 'TestStack/Fn', /^TestStack\/Fn: environment variable 'DB_PASSWORD' looks like a secret/);
    expect(error.message).toMatch(/Fix: store the value in AWS Secrets Manager/);
    expect(error.message).toMatch(/wire it with the secrets prop or fn\.addSecret\(/);
    expect(error.message).toMatch(/nonSecretEnvironmentVariables/);
    expect(error.message).not.toContain('hunter2');
  });

  test('fails on a secret added later with addEnvironment', () => {
    const fn = new SecureFunction(newStack(), 'Fn', minimalFunctionProps);

    expect(() => fn.addEnvironment('API_TOKEN', 'abc')).toThrow(/environment variable 'API_TOKEN' looks like a secret/);
  });

  test('accepts a secret\'s ARN, which is a token', () => {
    const stack = newStack();
    const secret = new secretsmanager.Secret(stack, 'Db');

    new SecureFunction(stack, 'Fn', { ...minimalFunctionProps, environment: { DB_SECRET: secret.secretArn } });

    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { DB_SECRET: { Ref: 'Db5D02A0A9' } } },
    });
  });

  test('fails on a resolved secret value, which is plaintext in the template', () => {
    const stack = newStack();

    expect(() => new SecureFunction(stack, 'Fn', {
      ...minimalFunctionProps,
      environment: { API_KEY: SecretValue.unsafePlainText('sk_live_51Hh3kL2eZvKYlo2C0abcdefgh').unsafeUnwrap() },
    })).toThrow(/looks like a secret/);
  });

  test('fails on an unwrapped secret value, which CloudFormation writes into the configuration in plaintext', () => {
    const stack = newStack();
    const secret = new secretsmanager.Secret(stack, 'Db');

    new SecureFunction(stack, 'Fn', {
      ...minimalFunctionProps,
      environment: { CONNECTION: secret.secretValueFromJson('password').unsafeUnwrap() },
    });

    expect(() => Template.fromStack(stack)).toThrow(/TestStack\/Fn: environment variable 'CONNECTION' looks like a secret \(its value is a dynamic reference to a secret.* Fix: store the value/);
  });

  test('does not resolve a Lazy variable early, so a value set later is the one checked and deployed', () => {
    const stack = newStack();
    let value = 'orders';
    new SecureFunction(stack, 'Fn', { ...minimalFunctionProps, environment: { TABLE_NAME: Lazy.string({ produce: () => value }) } });
    value = 'orders-v2';

    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { TABLE_NAME: 'orders-v2' } } });
  });

  test('keeps a declared false positive in plaintext', () => {
    const stack = newStack();

    new SecureFunction(stack, 'Fn', {
      ...minimalFunctionProps,
      environment: { AUTH_TOKEN_HEADER_FIELD: 'X-Auth' },
      nonSecretEnvironmentVariables: ['AUTH_TOKEN_HEADER_FIELD'],
    });

    Template.fromStack(stack).hasResource('AWS::Lambda::Function', {
      Properties: Match.objectLike({ Environment: { Variables: { AUTH_TOKEN_HEADER_FIELD: 'X-Auth' } } }),
      Metadata: {
        cdk_nag: {
          rules_to_suppress: Match.arrayWith([{
            id: 'SecureServerless-LambdaEnvironmentSecrets[AUTH_TOKEN_HEADER_FIELD]',
            reason: 'Declared not a secret with nonSecretEnvironmentVariables.',
          }]),
        },
      },
    });
  });

  test('a declared false positive does not cover other variables', () => {
    expect(() => new SecureFunction(newStack(), 'Fn', {
      ...minimalFunctionProps,
      environment: { AUTH_TOKEN_HEADER_FIELD: 'X-Auth', DB_PASSWORD: 'hunter2' },
      nonSecretEnvironmentVariables: ['AUTH_TOKEN_HEADER_FIELD'],
    })).toThrow(/'DB_PASSWORD'/);
  });
});
