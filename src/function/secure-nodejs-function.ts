import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FunctionPosture, securedFunctionOptions } from './posture';
import { SecureFunction } from './secure-function';
import { ISecureFunction } from './secure-function-interface';
import { SecureFunctionOptions } from './secure-function-options';
import { futurePath, secureValidationError } from '../core/errors';
import { SecretReference } from '../secrets/secret-reference';

/**
 * Properties of a `SecureNodejsFunction`: every `nodejs.NodejsFunctionProps` prop (`entry`,
 * `handler`, `bundling`, ...), plus what security needs (`SecureFunctionOptions`).
 *
 * `code` is refused: code that is already built goes in a `SecureFunction`.
 */
export interface SecureNodejsFunctionProps extends nodejs.NodejsFunctionProps, SecureFunctionOptions {}

/**
 * A Node.js Lambda function bundled with esbuild (`aws-lambda-nodejs`' `NodejsFunction`), with
 * the secure setup of `SecureFunction` as its default: the same role, log group, concurrency
 * cap, dead-letter queue, alarms, secrets wiring, refusals of public URLs and permissions, and
 * runtime checks, applied by the same code.
 *
 * Besides:
 * - the runtime is the newest Node.js runtime the installed aws-cdk-lib knows
 *   (`SecureFunction.latestRuntime`: nodejs24.x with aws-cdk-lib 2.258, nodejs26.x with 2.278)
 *   unless `runtime` says otherwise, as `LambdaRuntimeNotLatest` and cdk-nag's AwsSolutions-L1
 *   ask; an upgrade of aws-cdk-lib that knows a newer one moves the function to it (an update,
 *   which `cdk diff` shows; pass `runtime` to pin one). `NodejsFunction`'s own default depends
 *   on a feature flag;
 * - bundling is local, with the esbuild of your project (`npm install --save-dev esbuild`),
 *   never in Docker, unless `bundling.forceDockerBundling` is true.
 */
export class SecureNodejsFunction extends nodejs.NodejsFunction implements ISecureFunction {
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

  constructor(scope: Construct, id: string, props: SecureNodejsFunctionProps) {
    if (props.code !== undefined) {
      throw secureValidationError(scope, 'CodeWithNodejsFunction',
        'code is set; SecureNodejsFunction bundles entry with esbuild, and code would skip that.',
        'pass entry (and handler) to bundle TypeScript or JavaScript sources, or use SecureFunction with code for code that is already built.',
        futurePath(scope, id));
    }
    super(scope, id, {
      ...props,
      ...securedFunctionOptions(scope, id, props),
      runtime: props.runtime ?? SecureFunction.latestRuntime(lambda.RuntimeFamily.NODEJS),
      bundling: { ...props.bundling, forceDockerBundling: props.bundling?.forceDockerBundling ?? false },
    });
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
