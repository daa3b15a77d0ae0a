import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { IConstruct } from 'constructs';
import { secureValidationError } from '../core/errors';

/** What a `SecretReference` gives the function it is bound to. */
export interface SecretReferenceConfig {
  /**
   * The value of the environment variable: where the secret lives (a secret's ARN, a
   * parameter's name), never the secret itself.
   */
  readonly value: string;
}

/**
 * A secret a Lambda function reads at run time, for `SecureFunction`'s `secrets` prop and
 * `addSecret`: the function gets where the secret lives in an environment variable, and
 * permission to read that one secret.
 *
 * @example
 * new SecureFunction(this, 'Fn', {
 *   // ...
 *   secrets: {
 *     DB_SECRET_ARN: SecretReference.fromSecret(dbSecret),
 *     API_KEY_PARAMETER: SecretReference.fromSecureStringParameter(apiKeyParameter),
 *   },
 * });
 */
export abstract class SecretReference {
  /**
   * A Secrets Manager secret. The variable holds the secret's ARN (its name, for a secret
   * imported by name or partial ARN); the function may `secretsmanager:GetSecretValue` and
   * `secretsmanager:DescribeSecret` on that secret only, and `kms:Decrypt` on its key (the stack
   * key for a `SecureSecret`) only through Secrets Manager.
   *
   * @param secret the secret; import one encrypted with a customer-managed key with
   *   `Secret.fromSecretAttributes` and its `encryptionKey`, so that the key is granted too
   */
  public static fromSecret(secret: secretsmanager.ISecret): SecretReference {
    return new SecretsManagerReference(secret);
  }

  /**
   * An SSM Parameter Store `SecureString` parameter. The variable holds the parameter's name;
   * the function may `ssm:GetParameter` on that parameter only, and `kms:Decrypt` on its key
   * only through SSM.
   *
   * @param parameter the parameter, as `ssm.StringParameter.fromSecureStringParameterAttributes` imports it
   * @param encryptionKey the customer-managed key that encrypts the parameter
   * @default - the parameter is encrypted with the AWS managed key `aws/ssm`, which needs no grant
   */
  public static fromSecureStringParameter(parameter: ssm.IParameter, encryptionKey?: kms.IKey): SecretReference {
    return new SecureStringParameterReference(parameter, encryptionKey);
  }

  /**
   * Grants the grantee read access to the secret and returns what its variable holds.
   *
   * @param scope the construct the secret is wired into, for error messages
   * @param grantee who reads the secret at run time
   */
  public abstract bind(scope: IConstruct, grantee: iam.IGrantable): SecretReferenceConfig;
}

class SecretsManagerReference extends SecretReference {
  constructor(private readonly secret: secretsmanager.ISecret) {
    super();
  }

  public bind(_scope: IConstruct, grantee: iam.IGrantable): SecretReferenceConfig {
    // Grants GetSecretValue and DescribeSecret on this secret, and kms:Decrypt on its key with
    // a kms:ViaService condition; a SecureSecret also exempts the grantee from its read restriction.
    this.secret.grantRead(grantee);
    // A partial ARN can make GetSecretValue fail; the name never does.
    return { value: this.secret.secretFullArn ?? this.secret.secretName };
  }
}

class SecureStringParameterReference extends SecretReference {
  constructor(private readonly parameter: ssm.IParameter, private readonly encryptionKey?: kms.IKey) {
    super();
  }

  public bind(scope: IConstruct, grantee: iam.IGrantable): SecretReferenceConfig {
    const stack = Stack.of(scope);
    const type = parameterTypeOf(this.parameter);
    if (type !== undefined && type !== SECURE_STRING) {
      throw secureValidationError(scope, 'NotASecureStringParameter',
        `the parameter ${this.parameter.node.path} passed to SecretReference.fromSecureStringParameter is a ${type} parameter: ` +
        'it is stored unencrypted, and anyone allowed ssm:GetParameter reads it.',
        'store the secret as a SecureString parameter and import it with ssm.StringParameter.fromSecureStringParameterAttributes, ' +
        'or store it in a SecureSecret and use SecretReference.fromSecret.');
    }
    // Exactly the call the SDK and the Parameters and Secrets extension make.
    iam.Grant.addToPrincipal({ grantee, actions: ['ssm:GetParameter'], resourceArns: [this.parameter.parameterArn] });
    this.encryptionKey?.grantDecrypt(new kms.ViaServicePrincipal(`ssm.${stack.region}.amazonaws.com`, grantee.grantPrincipal));
    return { value: this.parameter.parameterName };
  }
}

/** The type CloudFormation and SSM give a `SecureString` parameter. */
const SECURE_STRING = 'SecureString';

/**
 * The parameter's type when it is known at synth: an imported parameter's declared type, or the
 * type of a parameter this app creates (CloudFormation cannot create a `SecureString` one).
 */
function parameterTypeOf(parameter: ssm.IParameter): string | undefined {
  const stack = Stack.of(parameter);
  const created = parameter.node.defaultChild;
  const type = stack.resolve(created instanceof ssm.CfnParameter ? created.type : parameter.parameterType);
  return typeof type === 'string' ? type : undefined;
}
