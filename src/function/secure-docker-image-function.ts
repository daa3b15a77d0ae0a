import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FunctionPosture, securedFunctionOptions } from './posture';
import { ISecureFunction } from './secure-function-interface';
import { SecureFunctionOptions } from './secure-function-options';
import { futurePath, secureValidationError } from '../core/errors';
import { SecretReference } from '../secrets/secret-reference';

/**
 * Properties of a `SecureDockerImageFunction`: every `lambda.DockerImageFunctionProps` prop
 * (`code`, a `DockerImageCode`), plus what security needs (`SecureFunctionOptions`).
 *
 * `signingProfiles` and `codeSigningConfig` are refused: Lambda does not sign container images.
 */
export interface SecureDockerImageFunctionProps extends lambda.DockerImageFunctionProps, SecureFunctionOptions {}

/**
 * A Lambda function from a container image (`lambda.DockerImageFunction`), with the secure setup
 * of `SecureFunction` as its default, applied by the same code.
 *
 * The runtime checks do not apply: the runtime is inside the image, and so are its patches.
 * The default architecture is ARM64, as for `SecureFunction`: build the image for it
 * (`DockerImageCode.fromImageAsset(dir, { platform: Platform.LINUX_ARM64 })`) or set `architecture`.
 */
export class SecureDockerImageFunction extends lambda.DockerImageFunction implements ISecureFunction {
  /** The KMS key that encrypts the environment, log group and dead-letter queue. */
  public readonly encryptionKey: kms.IKey;

  /**
   * The customer-managed policy that holds the function's permissions, when the function owns its role.
   *
   * Grants (`table.grantReadData(fn)`) and `addToRolePolicy` land here.
   */
  public readonly executionPolicy?: iam.ManagedPolicy;

  /** The alarm on errors, unless `alarms` is false. */
  public readonly errorsAlarm?: cloudwatch.Alarm;

  /** The alarm on throttles (the concurrency cap being hit), unless `alarms` is false. */
  public readonly throttlesAlarm?: cloudwatch.Alarm;

  /** The enforcing code-signing configuration created from `signingProfiles`. */
  public readonly signingConfig?: lambda.CodeSigningConfig;

  /** Undefined while the base constructor runs. */
  private readonly posture?: FunctionPosture;

  constructor(scope: Construct, id: string, props: SecureDockerImageFunctionProps) {
    const signing = props.signingProfiles !== undefined ? 'signingProfiles' : props.codeSigningConfig !== undefined ? 'codeSigningConfig' : undefined;
    if (signing !== undefined) {
      throw secureValidationError(scope, 'CodeSigningOfImage',
        `${signing} is set; Lambda supports code signing for .zip archives only, not for container images.`,
        `leave out ${signing}, and sign and verify the image in your registry instead (for example with AWS Signer and Notation for Amazon ECR).`,
        futurePath(scope, id));
    }
    super(scope, id, { ...props, ...securedFunctionOptions(scope, id, props) });
    this.posture = new FunctionPosture(this, props);
    ({
      encryptionKey: this.encryptionKey, executionPolicy: this.executionPolicy, errorsAlarm: this.errorsAlarm,
      throttlesAlarm: this.throttlesAlarm, signingConfig: this.signingConfig,
    } = this.posture);
  }

  /**
   * The function's log group: the one this construct created, or the `logGroup` you passed.
   */
  public get logGroup(): logs.ILogGroup {
    return this.posture?.logGroup ?? super.logGroup;
  }

  /**
   * Adds an environment variable, refusing values that look like plaintext secrets.
   */
  public addEnvironment(key: string, value: string, options?: lambda.EnvironmentOptions): this {
    this.posture?.checkAddedEnvironment(key, value);
    return super.addEnvironment(key, value, options);
  }

  /**
   * Wires a secret into the function, as `SecureFunction.addSecret` does.
   *
   * @param name the environment variable, e.g. `DB_SECRET_ARN`
   * @param reference the secret, e.g. `SecretReference.fromSecret(dbSecret)`
   */
  public addSecret(name: string, reference: SecretReference): void {
    this.posture!.wireSecret(name, reference, `addSecret('${name}')`);
  }

  /**
   * Adds a resource-policy permission, refusing any that lets anyone invoke the function
   * (see `SecureFunction.addPermission`).
   */
  public addPermission(id: string, permission: lambda.Permission): void {
    this.posture?.checkPermission(id, permission);
    super.addPermission(id, permission);
  }
}
