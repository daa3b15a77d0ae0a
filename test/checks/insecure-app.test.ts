import { App, Aspects, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { synthesizeWithValidation } from './helpers';
import { SecureDefaults, ServerlessSecurityChecks } from '../../src';
import { LATEST_NODE } from '../helpers';

/**
 * An orders app written with plain CDK constructs, the way many are: a function with a password
 * in its environment and a public URL, an API without authentication, validation or throttling,
 * a bucket, a queue and a topic without TLS-only policies, an unencrypted topic and an admin role.
 * With `hardened`, it gets `SecureDefaults` plus the manual fixes the README lists.
 */
function ordersApp(hardened: boolean): App {
  const app = new App();
  Validations.of(app).addPlugins(new ServerlessSecurityChecks(app));
  const stack = new Stack(app, 'Orders', { env: { account: '111111111111', region: 'eu-west-1' } });

  const dbSecret = new secretsmanager.Secret(stack, 'DbSecret');
  const fn = new lambda.Function(stack, 'CreateOrder', {
    runtime: LATEST_NODE,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 201 });'),
    // Manual fix: the secret's ARN, read at run time, instead of the password.
    environment: hardened ? { DB_SECRET_ARN: dbSecret.secretArn } : { DB_PASSWORD: 'hunter2' },
  });
  dbSecret.grantRead(fn);
  // Manual fix: rotate the secret, here with a rotation function that Secrets Manager hosts.
  if (hardened) {
    dbSecret.addRotationSchedule('Rotation', { hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser() });
  }
  // Manual fix: IAM authentication on the function URL.
  fn.addFunctionUrl({ authType: hardened ? lambda.FunctionUrlAuthType.AWS_IAM : lambda.FunctionUrlAuthType.NONE });

  const api = new apigateway.RestApi(stack, 'Api');
  const validator = new apigateway.RequestValidator(stack, 'BodyValidator', { restApi: api, validateRequestBody: true });
  api.root.addMethod('POST', new apigateway.LambdaIntegration(fn), hardened
    // Manual fixes: authentication on every method, and a body validated against a model that constrains it.
    ? {
      authorizationType: apigateway.AuthorizationType.IAM,
      requestValidator: validator,
      requestModels: {
        'application/json': api.addModel('Order', {
          schema: { type: apigateway.JsonSchemaType.OBJECT, properties: { id: { type: apigateway.JsonSchemaType.STRING } }, required: ['id'], additionalProperties: false },
        }),
      },
    }
    : {});

  new s3.Bucket(stack, 'Receipts');
  new sqs.Queue(stack, 'Jobs');
  // Manual fix: encrypt the topic with a customer-managed key.
  new sns.Topic(stack, 'Events', hardened ? { masterKey: new kms.Key(stack, 'TopicKey', { enableKeyRotation: true }) } : {});

  // Manual fix: no AdministratorAccess on a role.
  new iam.Role(stack, 'Deployer', {
    assumedBy: new iam.AccountRootPrincipal(),
    managedPolicies: hardened ? [] : [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
  });

  if (hardened) {
    Aspects.of(stack).add(new SecureDefaults());
  }
  return app;
}

describe('an insecure app of plain CDK constructs', () => {
  test('fails synth with the pack\'s findings', () => {
    const synth = synthesizeWithValidation(ordersApp(false));

    expect(synth.failed).toBe(true);
    for (const ruleId of [
      'SecureServerless-LambdaEnvironmentSecrets[DB_PASSWORD]',
      'SecureServerless-LambdaFunctionUrlAuth',
      'SecureServerless-LambdaReservedConcurrency',
      'SecureServerless-RestApiMethodAuthorization',
      'SecureServerless-RestApiRequestValidation',
      'SecureServerless-RestApiStageThrottling',
      'SecureServerless-S3TlsOnly',
      'SecureServerless-SQSTlsOnly',
      'SecureServerless-SNSEncrypted',
      'SecureServerless-SNSTlsOnly',
      'SecureServerless-IAMAwsManagedAdminPolicy[Policy::AdministratorAccess]',
      'SecureServerless-SecretRotation',
    ]) {
      expect(synth.report).toContain(ruleId);
    }
  });

  test('passes after SecureDefaults plus the manual fixes', () => {
    const synth = synthesizeWithValidation(ordersApp(true));

    expect(synth.report).not.toMatch(/"severity": "error"/);
    expect(synth.failed).toBe(false);
  });
});
