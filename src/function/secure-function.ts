import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { grantFromCode } from './code-grants';
import { FunctionPosture, securedFunctionOptions } from './posture';
import { ISecureFunction } from './secure-function-interface';
import { SecureFunctionOptions } from './secure-function-options';
import { newestRuntimeOf } from '../policy/runtimes';
import { SecretReference } from '../secrets/secret-reference';

/**
 * Properties of a `SecureFunction`: every `lambda.FunctionProps` prop, plus what security needs
 * (`SecureFunctionOptions`).
 *
 * Inherited props keep their meaning but some get secure defaults (see `SecureFunction`).
 */
export interface SecureFunctionProps extends lambda.FunctionProps, SecureFunctionOptions {
  /**
   * Whether to derive the function's grants from its handler code.
   *
   * When the function is constructed, the handler (inline code or an asset folder, Node.js with the AWS SDK for
   * JavaScript v3 or Python with boto3, and the local files it imports) is read for the AWS
   * calls it makes, and the role is granted exactly those actions, each on the resource that the
   * environment variable the call reads names (`TableName: process.env.TABLE_NAME` with
   * `environment: { TABLE_NAME: table.tableName }` → that table's ARN), with the KMS actions the
   * call needs on that resource's customer managed key. Refused (a ValidationError naming the
   * call, its file and line) when the code calls AWS in a way the analysis cannot resolve, or a
   * call names no resource of the stack through an environment variable. Variables added later
   * with `addEnvironment` are not read; grants added by hand (`table.grantReadData(fn)`) still
   * apply on top.
   *
   * @default false - the function is granted only what you grant it
   */
  readonly grantsFromCode?: boolean;
}

/**
 * A Lambda function with the secure setup as its default.
 *
 * Differences from `lambda.Function`, each a default you can override:
 * - its own execution role with no AWS managed policy: log permissions on its own log group,
 *   X-Ray's write actions (acknowledged: they have no resource-level permission) and, in a VPC,
 *   the network-interface actions Lambda needs; all in customer-managed policies;
 * - its own log group: JSON logs at INFO, kept one year, encrypted with the stack key, retained;
 * - a reserved-concurrency cap of 10 (`reservedConcurrentExecutions`);
 * - a 10 second timeout, 256 MB of memory, ARM64, active X-Ray tracing;
 * - environment variables encrypted with the stack key, and refused when they look like secrets;
 *   secrets wired by reference instead (`secrets`, `addSecret`): the variable holds where the
 *   secret lives and the function may read that one secret;
 * - an encrypted, TLS-only dead-letter queue wherever it can be invoked asynchronously, decided
 *   at synth: a permission for a service that invokes asynchronously (S3, SNS, EventBridge, ...),
 *   a Scheduler schedule, `configureAsyncInvoke` without `onFailure`, or
 *   `deadLetterQueueEnabled: true` for a use the app cannot show (an SDK call with
 *   `InvocationType: Event`); `deadLetterQueueEnabled: false` turns it off;
 * - function URLs only with AWS IAM auth, and no permission that lets any principal invoke it;
 * - errors and throttles alarms; recursive loops terminated;
 * - in a VPC, a security group that allows no outbound traffic unless `allowAllOutbound`.
 */
export class SecureFunction extends lambda.Function implements ISecureFunction {
  /**
   * The newest runtime of a family that the installed aws-cdk-lib knows (`nodejs24.x` with
   * aws-cdk-lib 2.258, `nodejs26.x` with 2.278): the one that gets security patches the longest,
   * and what `SecureServerless-LambdaRuntimeNotLatest` and cdk-nag's AwsSolutions-L1 ask for.
   * A function given it moves to a newer runtime when aws-cdk-lib is upgraded; pass a fixed
   * runtime (`lambda.Runtime.NODEJS_24_X`) to move by hand instead.
   *
   * @param family the runtime family, such as `lambda.RuntimeFamily.NODEJS`
   */
  public static latestRuntime(family: lambda.RuntimeFamily): lambda.Runtime {
    const runtime = newestRuntimeOf(family);
    if (runtime === undefined) {
      throw new Error(`SecureFunction.latestRuntime: aws-cdk-lib knows no runtime of the family ${lambda.RuntimeFamily[family] ?? family}. Fix: pass a lambda.Runtime of your own (new lambda.Runtime('name', family)).`);
    }
    return runtime;
  }

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

  constructor(scope: Construct, id: string, props: SecureFunctionProps) {
    super(scope, id, { ...props, ...securedFunctionOptions(scope, id, props) });
    const posture = new FunctionPosture(this, props);
    this.posture = posture;
    ({
      encryptionKey: this.encryptionKey, executionPolicy: this.executionPolicy, errorsAlarm: this.errorsAlarm,
      throttlesAlarm: this.throttlesAlarm, signingConfig: this.signingConfig,
    } = posture);
    if (props.grantsFromCode === true) {
      grantFromCode(this, { code: props.code, runtime: props.runtime, handler: props.handler, environment: posture.environmentVariables() });
    }
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
    // The base constructor adds `environment` before the posture exists; the posture checks
    // those variables itself.
    this.posture?.checkAddedEnvironment(key, value);
    return super.addEnvironment(key, value, options);
  }

  /**
   * Wires a secret into the function: the environment variable `name` holds where the secret
   * lives (a secret's ARN, a parameter's name), never its value, and the function may read
   * exactly that secret and decrypt it with its key.
   *
   * @param name the environment variable, e.g. `DB_SECRET_ARN`
   * @param reference the secret, e.g. `SecretReference.fromSecret(dbSecret)`
   */
  public addSecret(name: string, reference: SecretReference): void {
    this.posture!.wireSecret(name, reference, `addSecret('${name}')`);
  }

  /**
   * Adds a resource-policy permission, refusing any that lets anyone invoke the function.
   *
   * A permission for any principal (`*`) needs a source ARN, source account or organization
   * condition; the only exception is the permission of a public function URL, which needs
   * `allowPublicUrl`. A service principal without a source ARN or account gets a warning:
   * any resource of that service, in any account, could invoke the function (confused deputy).
   */
  public addPermission(id: string, permission: lambda.Permission): void {
    this.posture?.checkPermission(id, permission);
    super.addPermission(id, permission);
  }
}
