import { Lazy, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { FUNCTION_VARIANTS, SecureFunctionVariant } from './variants';
import { SecureFunctionProps } from '../../src';
import { SecretReference, SecureSecret } from '../../src/secrets';
import { securityFindings } from '../checks/helpers';
import { errorOf, expectValidationError, nagFindings, newStack } from '../helpers';
import { logicalIdOf, privateVpc, readRestriction, roleStatements, rotationFunction } from '../secrets/fixtures';

// Every test runs for each variant: the posture is one module, and this proves it is applied the same.
describe.each(FUNCTION_VARIANTS)('%s', (_variant, makeFunction) => {
  /** A rotated SecureSecret and a function reading it through the `secrets` prop. */
  function wiredFunction(stack: Stack, props: Partial<SecureFunctionProps> = {}): { fn: SecureFunctionVariant; secret: SecureSecret } {
    const secret = new SecureSecret(stack, 'DbSecret', { rotationFunction: rotationFunction(stack, props.vpc) });
    const fn = makeFunction(stack, 'Fn', { ...props, secrets: { DB_SECRET_ARN: SecretReference.fromSecret(secret) } });
    return { fn, secret };
  }

  describe('SecureFunction secrets: Secrets Manager', () => {
    test('the variable holds the secret\'s ARN, never its value', () => {
      const stack = newStack();
      const { secret } = wiredFunction(stack);

      Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: { DB_SECRET_ARN: { Ref: logicalIdOf(secret) } } },
      });
      expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toContain('{{resolve:secretsmanager');
    });

    test('the function may read that secret only: GetSecretValue and DescribeSecret on its ARN', () => {
      const stack = newStack();
      const { fn, secret } = wiredFunction(stack);

      const secretStatements = roleStatements(stack, logicalIdOf(fn.role!))
        .filter(statement => JSON.stringify(statement.Action).includes('secretsmanager:'));
      expect(secretStatements).toEqual([{
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        Resource: { Ref: logicalIdOf(secret) },
      }]);
    });

    test('the function may decrypt with the stack key only through Secrets Manager', () => {
      const stack = newStack();
      const { fn } = wiredFunction(stack);

      const key = Template.fromStack(stack).findResources('AWS::KMS::Key');
      const forFunction = (Object.values(key)[0] as any).Properties.KeyPolicy.Statement
        .filter((statement: any) => JSON.stringify(statement.Principal).includes(logicalIdOf(fn.role!)));
      expect(forFunction).toEqual([{
        Effect: 'Allow',
        Principal: { AWS: { 'Fn::GetAtt': [logicalIdOf(fn.role!), 'Arn'] } },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } },
      }]);
    });

    test('the function becomes a reader of the SecureSecret\'s read restriction', () => {
      const stack = newStack();
      const { fn } = wiredFunction(stack);

      expect(readRestriction(stack).Condition.ArnNotEquals['aws:PrincipalArn'])
        .toContainEqual({ 'Fn::GetAtt': [logicalIdOf(fn.role!), 'Arn'] });
    });

    test('addSecret wires a secret after construction the same way', () => {
      const stack = newStack();
      const secret = new SecureSecret(stack, 'DbSecret', { allowNoRotation: 'test' });
      const fn = makeFunction(stack, 'Fn');
      fn.addSecret('DB_SECRET_ARN', SecretReference.fromSecret(secret));

      Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: { DB_SECRET_ARN: { Ref: logicalIdOf(secret) } } },
      });
      expect(roleStatements(stack, logicalIdOf(fn.role!))).toContainEqual({
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        Resource: { Ref: logicalIdOf(secret) },
      });
    });

    test('a secret imported by name: the variable holds its name, and a name that reads like a secret is acknowledged', () => {
      const stack = newStack();
      const secret = secretsmanager.Secret.fromSecretNameV2(stack, 'Imported', 'prod-db-password');
      const fn = makeFunction(stack, 'Fn', { secrets: { DB_PASSWORD: SecretReference.fromSecret(secret) } });

      Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: { DB_PASSWORD: 'prod-db-password' } },
      });
      expect(securityFindings(stack.node.root, 'LambdaEnvironmentSecrets')).toEqual([]);
      expect(JSON.stringify(fn.node.defaultChild!.node.metadata)).toContain('SecureServerless-LambdaEnvironmentSecrets[DB_PASSWORD]');
    });

    test('a wired SecureFunction and SecureSecret in a VPC: zero findings from all six packs and ours', () => {
      const stack = newStack();
      wiredFunction(stack, { vpc: privateVpc(stack) });

      expect(nagFindings(stack.node.root)).toEqual([]);
      expect(securityFindings(stack.node.root)).toEqual([]);
    });

    test('with the Parameters and Secrets extension: only the warning that the layer is AWS\'s, and the extension\'s variables beside the secret\'s', () => {
      const stack = newStack();
      const { fn } = wiredFunction(stack, {
        vpc: privateVpc(stack),
        paramsAndSecrets: lambda.ParamsAndSecretsLayerVersion.fromVersion(lambda.ParamsAndSecretsVersions.V1_0_103, { cacheSize: 100 }),
      });

      expect(nagFindings(stack.node.root)).toEqual([]);
      // The extension is a layer of an AWS account: third-party code, to acknowledge once reviewed.
      expect(securityFindings(stack.node.root)).toEqual([
        expect.stringMatching(/^SecureServerless-LambdaLayerFromOtherAccount\[arn:aws:lambda:eu-west-1:\d{12}:layer:AWS-Parameters-and-Secrets-Lambda-Extension[^\]]*\] TestStack\/Fn\/Resource$/),
      ]);
      const variables = (Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'))
        .find((resource: any) => resource.Properties.Role['Fn::GetAtt'][0] === logicalIdOf(fn.role!)) as any).Properties.Environment.Variables;
      expect(Object.keys(variables)).toEqual(expect.arrayContaining(['DB_SECRET_ARN', 'PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE']));
    });

    test('wiring a secret does not freeze a lazy environment value', () => {
      const stack = newStack();
      let endpoint = 'early';
      // Declared not a secret, so that only the wiring could resolve it early.
      const fn = makeFunction(stack, 'Fn', {
        environment: { ENDPOINT: Lazy.string({ produce: () => endpoint }) }, nonSecretEnvironmentVariables: ['ENDPOINT'],
      });
      fn.addSecret('DB_SECRET_ARN', SecretReference.fromSecret(secretsmanager.Secret.fromSecretNameV2(stack, 'Imported', 'prod/db')));
      endpoint = 'final';

      Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: { ENDPOINT: 'final', DB_SECRET_ARN: 'prod/db' } },
      });
    });

    test('no acknowledgement is added for a variable holding an ARN token', () => {
      const stack = newStack();
      const { fn } = wiredFunction(stack);

      const acknowledged = fn.node.defaultChild!.node.metadata
        .filter(entry => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap(entry => Object.keys(entry.data));
      expect(acknowledged.join()).not.toContain('LambdaEnvironmentSecrets');
    });
  });

  describe('SecureFunction secrets: SSM SecureString parameters', () => {
    test('the variable holds the parameter\'s name, and the function may ssm:GetParameter on that parameter only', () => {
      const stack = newStack();
      const parameter = ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'ApiKey', { parameterName: '/prod/api-key' });
      const fn = makeFunction(stack, 'Fn', { secrets: { API_KEY_PARAMETER: SecretReference.fromSecureStringParameter(parameter) } });

      Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: { API_KEY_PARAMETER: '/prod/api-key' } },
      });
      const ssmStatements = roleStatements(stack, logicalIdOf(fn.role!)).filter(statement => JSON.stringify(statement.Action).includes('ssm:'));
      expect(ssmStatements).toEqual([{
        Effect: 'Allow',
        Action: 'ssm:GetParameter',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ssm:eu-west-1:111111111111:parameter/prod/api-key']] },
      }]);
      expect(securityFindings(stack.node.root)).toEqual([]);
    });

    test('with its customer-managed key, the function may decrypt with that key only through SSM', () => {
      const stack = newStack();
      const key = new kms.Key(stack, 'ParameterKey', { enableKeyRotation: true });
      const parameter = ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'ApiKey', { parameterName: '/prod/api-key', encryptionKey: key });
      const fn = makeFunction(stack, 'Fn', { secrets: { API_KEY_PARAMETER: SecretReference.fromSecureStringParameter(parameter, key) } });

      const keyPolicy = (Template.fromStack(stack).findResources('AWS::KMS::Key')[logicalIdOf(key)] as any).Properties.KeyPolicy.Statement;
      expect(keyPolicy).toContainEqual({
        Effect: 'Allow',
        Principal: { AWS: { 'Fn::GetAtt': [logicalIdOf(fn.role!), 'Arn'] } },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': 'ssm.eu-west-1.amazonaws.com' } },
      });
    });

    test.each<[string, (stack: Stack) => ssm.IParameter, RegExp]>([
      ['an imported String parameter', stack => ssm.StringParameter.fromStringParameterName(stack, 'Plain', 'plain'), /is a String parameter/],
      ['a String parameter this app creates', stack => new ssm.StringParameter(stack, 'Plain', { stringValue: 'x' }), /is a String parameter/],
    ])('fails on %s, which is stored unencrypted', (_name, parameterOf, message) => {
      const stack = newStack();
      const parameter = parameterOf(stack);

      const error = errorOf(() => makeFunction(stack, 'Fn', {
        secrets: { API_KEY_PARAMETER: SecretReference.fromSecureStringParameter(parameter) },
      }));
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(/^TestStack\/Fn: .* Fix: store the secret as a SecureString parameter/);
    });
  });

  describe('SecureFunction secrets: bad names and collisions', () => {
    const secretOf = (stack: Stack) => secretsmanager.Secret.fromSecretNameV2(stack, 'Imported', 'prod/db');

    test.each<[string, string, RegExp]>([
      ['a name with a dash', 'DB-SECRET', /secrets.DB-SECRET: 'DB-SECRET' is not a valid environment variable name; .* Fix: rename the variable, for example 'DB_SECRET'/],
      ['a name starting with a digit', '1SECRET', /'1SECRET' is not a valid environment variable name/],
      ['a one-letter name', 'S', /'S' is not a valid environment variable name/],
      ['a name the Lambda runtime reserves', 'AWS_REGION', /secrets.AWS_REGION: 'AWS_REGION' is an environment variable the Lambda runtime sets itself/],
    ])('fails on %s', (_name, variable, message) => {
      const stack = newStack();
      const error = errorOf(() => makeFunction(stack, 'Fn', { secrets: { [variable]: SecretReference.fromSecret(secretOf(stack)) } }));

      expectValidationError(error, 'TestStack/Fn', message);
    });

    test('fails on a name that is also in environment, before the function is created', () => {
      const stack = newStack();
      const error = errorOf(() => makeFunction(stack, 'Fn', {
        environment: { DB_SECRET_ARN: 'x' }, secrets: { DB_SECRET_ARN: SecretReference.fromSecret(secretOf(stack)) },
      }));

      expect(error.message).toMatch(/^TestStack\/Fn: secrets.DB_SECRET_ARN: 'DB_SECRET_ARN' is already an environment variable of the function; .* Fix: /);
      expect(stack.node.tryFindChild('Fn')).toBeUndefined();
    });

    test('fails on a name the Parameters and Secrets extension already uses', () => {
      const stack = newStack();
      const error = errorOf(() => makeFunction(stack, 'Fn', {
        paramsAndSecrets: lambda.ParamsAndSecretsLayerVersion.fromVersion(lambda.ParamsAndSecretsVersions.V1_0_103),
        secrets: { PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE: SecretReference.fromSecret(secretOf(stack)) },
      }));

      expect(error.message).toMatch(/TestStack\/Fn: secrets.PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE: .* is already an environment variable/);
    });

    test('fails on addSecret with a name already in environment', () => {
      const stack = newStack();
      const fn = makeFunction(stack, 'Fn', { environment: { TABLE_NAME: 'orders' } });

      expect(() => fn.addSecret('TABLE_NAME', SecretReference.fromSecret(secretOf(stack))))
        .toThrow(/^TestStack\/Fn: addSecret\('TABLE_NAME'\): 'TABLE_NAME' is already an environment variable of the function; .* Fix: /);
    });

    test('fails on addSecret with a name that already carries a secret', () => {
      const stack = newStack();
      const fn = makeFunction(stack, 'Fn', { secrets: { DB_SECRET_ARN: SecretReference.fromSecret(secretOf(stack)) } });

      expect(() => fn.addSecret('DB_SECRET_ARN', SecretReference.fromSecret(secretsmanager.Secret.fromSecretNameV2(stack, 'Other', 'other'))))
        .toThrow(/^TestStack\/Fn: addSecret\('DB_SECRET_ARN'\): 'DB_SECRET_ARN' already carries a secret\. Fix: /);
    });

    test('fails on addEnvironment over a secret\'s variable', () => {
      const stack = newStack();
      const fn = makeFunction(stack, 'Fn', { secrets: { DB_SECRET_ARN: SecretReference.fromSecret(secretOf(stack)) } });

      expect(() => fn.addEnvironment('DB_SECRET_ARN', 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:other'))
        .toThrow(/^TestStack\/Fn: addEnvironment\('DB_SECRET_ARN'\): 'DB_SECRET_ARN' carries a secret .* Fix: /);
    });

    test('the plaintext-secret error points to the secrets prop and addSecret', () => {
      const stack = newStack();
      const error = errorOf(() => makeFunction(stack, 'Fn', { environment: { DB_PASSWORD: 'hunter2-but-longer' } }));

      expect(error.message).toMatch(/Fix: store the value in AWS Secrets Manager \(SecureSecret\) and wire it with the secrets prop or fn\.addSecret\('DB_PASSWORD_SECRET_ARN', SecretReference\.fromSecret\(secret\)\)/);
    });

    test('a grant to a role outside the function does not reach the function: grants stay on the function\'s own role', () => {
      const stack = newStack();
      const other = new iam.Role(stack, 'Other', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      const { fn } = wiredFunction(stack);

      expect(roleStatements(stack, logicalIdOf(other))).toEqual([]);
      expect(roleStatements(stack, logicalIdOf(fn.role!)).length).toBeGreaterThan(0);
    });
  });
});
