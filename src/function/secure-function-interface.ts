import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SecretReference } from '../secrets/secret-reference';

/**
 * What every secure function variant (`SecureFunction`, `SecureNodejsFunction`,
 * `SecureDockerImageFunction`) has besides a `lambda.Function`'s members: the parts of its secure
 * posture, and secrets wired by reference.
 *
 * Each variant extends a different CDK class (`lambda.Function`, `NodejsFunction`,
 * `DockerImageFunction`) and jsii has no mixins, so each declares these members itself; this
 * interface is their one contract, and lets code take any of the three.
 */
export interface ISecureFunction extends lambda.IFunction {
  /** The KMS key that encrypts the environment, log group and dead-letter queue. */
  readonly encryptionKey: kms.IKey;

  /**
   * The customer-managed policy that holds the function's permissions, when the function owns its role.
   *
   * Grants (`table.grantReadData(fn)`) and `addToRolePolicy` land here.
   *
   * @default - undefined when you passed `role`
   */
  readonly executionPolicy?: iam.ManagedPolicy;

  /**
   * The alarm on errors.
   *
   * @default - undefined when `alarms` is false
   */
  readonly errorsAlarm?: cloudwatch.Alarm;

  /**
   * The alarm on throttles (the concurrency cap being hit).
   *
   * @default - undefined when `alarms` is false
   */
  readonly throttlesAlarm?: cloudwatch.Alarm;

  /**
   * The enforcing code-signing configuration created from `signingProfiles`.
   *
   * @default - undefined without `signingProfiles`
   */
  readonly signingConfig?: lambda.CodeSigningConfig;

  /**
   * Wires a secret into the function: the environment variable `name` holds where the secret
   * lives (a secret's ARN, a parameter's name), never its value, and the function may read
   * exactly that secret and decrypt it with its key.
   *
   * @param name the environment variable, e.g. `DB_SECRET_ARN`
   * @param reference the secret, e.g. `SecretReference.fromSecret(dbSecret)`
   */
  addSecret(name: string, reference: SecretReference): void;
}
