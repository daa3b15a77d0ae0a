import { Annotations, CfnResource, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as signer from 'aws-cdk-lib/aws-signer';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SECURE_FUNCTION_DEFAULTS } from './defaults';
import { hardenExecutionRole, grantTracing, grantNetworkInterfaces, findSharedRoleUsers, awsManagedPolicyArns } from './execution-role';
import { validateSecureFunctionProps } from './props-validation';
import { checkRuntime } from './runtime-check';
import { suspectSecret } from '../policy/secret-detection';
import { acknowledgeFindings } from '../core/acknowledgements';
import { AlarmTopic } from '../core/alarm-topic';
import { secureValidationError } from '../core/errors';
import { StackKey } from '../core/stack-key';
import { SecretReference } from '../secrets/secret-reference';
import { secretVariableProblem } from '../secrets/secret-variables';

/**
 * Properties of a `SecureFunction`: every `lambda.FunctionProps` prop, plus what security needs.
 *
 * Inherited props keep their meaning but some get secure defaults (see `SecureFunction`).
 */
export interface SecureFunctionProps extends lambda.FunctionProps {
  /**
   * Why this function may run without a reserved-concurrency cap.
   *
   * Without a cap, anyone who can invoke the function can scale it to the account's whole
   * concurrency quota: a "billing denial of service" that also starves every other function
   * of the account. Give a reason only when a cap cannot be set, for example in an account
   * whose concurrency quota is below 110 (every account must keep 100 executions unreserved).
   * Cannot be combined with `reservedConcurrentExecutions`.
   *
   * @default - the function is capped at `reservedConcurrentExecutions`, 10 unless set
   */
  readonly allowUncappedConcurrency?: string;

  /**
   * The KMS key that encrypts the function's environment variables, log group and
   * dead-letter queue.
   *
   * A key you pass must let CloudWatch Logs use it (see `StackKey` for the key policy).
   *
   * @default - the stack's shared key, `StackKey.of(this)`
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * How long the function's log group keeps its logs.
   *
   * Cannot be combined with `logGroup` (set the retention on that log group) nor with the
   * deprecated `logRetention`.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logGroupRetention?: logs.RetentionDays;

  /**
   * Whether to create the errors and throttles alarms.
   *
   * Two CloudWatch standard-resolution alarms cost about $0.20 a month per function.
   * A throttle means the concurrency cap was hit: the signal of a billing denial-of-service
   * attempt, or of a cap set too low.
   *
   * @default true
   */
  readonly alarms?: boolean;

  /**
   * The SNS topic the alarms notify when they fire and when they recover.
   *
   * @default - the stack's alarm topic, `AlarmTopic.of(this)`: subscribe to it once for every construct of the stack
   */
  readonly alarmTopic?: sns.ITopic;

  /**
   * Why this function's URL may be called by anyone, without AWS IAM authentication.
   *
   * Required to add a function URL with `FunctionUrlAuthType.NONE`: such a URL is a public
   * entry point with no throttling but the concurrency cap, and no authentication at all.
   *
   * @default - function URLs must use `FunctionUrlAuthType.AWS_IAM`
   */
  readonly allowPublicUrl?: string;

  /**
   * Names of environment variables that look like secrets but are not.
   *
   * An environment variable whose name or value looks like a secret is a synth error, because
   * environment variables are plaintext to anyone who can read the function's configuration.
   * List a variable here to declare a false positive; each name must be in `environment`.
   *
   * @default - every variable is checked
   */
  readonly nonSecretEnvironmentVariables?: string[];

  /**
   * Signing profiles whose signatures the function's code must carry.
   *
   * Creates a code-signing configuration that enforces: Lambda refuses to deploy code that is
   * not signed by one of these profiles. Cannot be combined with `codeSigningConfig`.
   *
   * @default - no code signing
   */
  readonly signingProfiles?: signer.ISigningProfile[];

  /**
   * Secrets the function reads at run time, by environment variable name.
   *
   * Each variable holds where the secret lives (a secret's ARN, a parameter's name), never its
   * value, and the function may read exactly that secret (and decrypt it with its key). Read the
   * value at run time with the SDK or the Parameters and Secrets Lambda extension
   * (`paramsAndSecrets`). A name must be a valid environment variable name, not one the Lambda
   * runtime reserves, and not in `environment`.
   *
   * @example { DB_SECRET_ARN: SecretReference.fromSecret(dbSecret) }
   * @default - no secrets
   */
  readonly secrets?: { [name: string]: SecretReference };
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
 * - an encrypted, TLS-only dead-letter queue for asynchronous invocations
 *   (`deadLetterQueueEnabled: false` turns it off for purely synchronous functions);
 * - function URLs only with AWS IAM auth, and no permission that lets any principal invoke it;
 * - errors and throttles alarms; recursive loops terminated;
 * - in a VPC, a security group that allows no outbound traffic unless `allowAllOutbound`.
 */
export class SecureFunction extends lambda.Function {
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

  private readonly secureLogGroup?: logs.ILogGroup;
  private readonly publicUrlReason?: string;
  private readonly declaredNonSecrets: ReadonlySet<string>;
  private readonly secretVariables = new Set<string>();

  constructor(scope: Construct, id: string, props: SecureFunctionProps) {
    validateSecureFunctionProps(scope, id, props);
    const encryptionKey = props.encryptionKey ?? StackKey.of(scope);
    const ownsDeadLetterQueue = props.deadLetterQueueEnabled !== false
      && !props.deadLetterQueue && !props.deadLetterTopic && !props.onFailure;
    const loggingFormat = props.logFormat ? undefined : props.loggingFormat ?? SECURE_FUNCTION_DEFAULTS.loggingFormat;
    const usesJsonLogs = loggingFormat === lambda.LoggingFormat.JSON;
    super(scope, id, {
      ...props,
      reservedConcurrentExecutions: props.allowUncappedConcurrency !== undefined
        ? props.reservedConcurrentExecutions
        : props.reservedConcurrentExecutions ?? SECURE_FUNCTION_DEFAULTS.reservedConcurrentExecutions,
      timeout: props.timeout ?? SECURE_FUNCTION_DEFAULTS.timeout,
      memorySize: props.memorySize ?? SECURE_FUNCTION_DEFAULTS.memorySize,
      architecture: props.architecture ?? SECURE_FUNCTION_DEFAULTS.architecture,
      loggingFormat,
      applicationLogLevelV2: props.applicationLogLevelV2
        ?? (usesJsonLogs && !props.applicationLogLevel ? SECURE_FUNCTION_DEFAULTS.applicationLogLevelV2 : undefined),
      environmentEncryption: props.environmentEncryption ?? encryptionKey,
      recursiveLoop: props.recursiveLoop ?? SECURE_FUNCTION_DEFAULTS.recursiveLoop,
      allowAllOutbound: props.vpc && !props.securityGroups ? props.allowAllOutbound ?? false : props.allowAllOutbound,
      // Set up below, once the function exists, so that they use our role policies and key:
      tracing: undefined,
      initialPolicy: undefined,
      deadLetterQueueEnabled: ownsDeadLetterQueue ? undefined : props.deadLetterQueueEnabled,
    });

    this.encryptionKey = encryptionKey;
    this.publicUrlReason = props.allowPublicUrl;
    this.declaredNonSecrets = new Set(props.nonSecretEnvironmentVariables ?? []);
    this.checkEnvironment(props.environment ?? {});
    checkRuntime(this, props.runtime);

    const ownsRole = props.role === undefined;
    if (ownsRole) {
      this.executionPolicy = hardenExecutionRole(this, this.role as iam.Role);
    }
    for (const statement of props.initialPolicy ?? []) {
      this.addToRolePolicy(statement);
    }
    // After the role is hardened, so that the read grants land in the function's own policy.
    for (const [name, reference] of Object.entries(props.secrets ?? {})) {
      this.wireSecret(name, reference, `secrets.${name}`);
    }

    this.secureLogGroup = props.logGroup ? undefined : this.createLogGroup(props, encryptionKey);
    this.logGroup.grantWrite(this);

    const tracing = props.tracing ?? SECURE_FUNCTION_DEFAULTS.tracing;
    if (tracing !== lambda.Tracing.DISABLED) {
      this.cfnFunction.tracingConfig = { mode: tracing };
      grantTracing(this, ownsRole);
    }
    if (props.vpc && ownsRole) {
      grantNetworkInterfaces(this);
    }
    if (ownsDeadLetterQueue) {
      this.attachDeadLetterQueue(encryptionKey);
    }
    if (props.signingProfiles) {
      this.signingConfig = new lambda.CodeSigningConfig(this, 'CodeSigningConfig', {
        signingProfiles: props.signingProfiles,
        untrustedArtifactOnDeployment: lambda.UntrustedArtifactOnDeployment.ENFORCE,
        description: `Enforces signed code for ${this.node.path}`,
      });
      this.cfnFunction.codeSigningConfigArn = this.signingConfig.codeSigningConfigArn;
    }
    this.acknowledgeDeclaredChoices(props);
    if (props.alarms !== false) {
      const alarmTopic = props.alarmTopic ?? AlarmTopic.of(this);
      this.errorsAlarm = this.createAlarm('ErrorsAlarm', this.metricErrors({ period: SECURE_FUNCTION_DEFAULTS.alarmPeriod, statistic: 'Sum' }),
        'The function returned errors. Look at its logs and X-Ray traces.', alarmTopic);
      this.throttlesAlarm = this.createAlarm('ThrottlesAlarm', this.metricThrottles({ period: SECURE_FUNCTION_DEFAULTS.alarmPeriod, statistic: 'Sum' }),
        'The function hit its reserved-concurrency cap: a billing denial-of-service attempt, or a cap set too low.', alarmTopic);
    }

    this.node.addValidation({ validate: () => [...this.validateRoleUse(ownsRole), ...this.findDynamicSecretReferences()] });
  }

  /**
   * The function's log group: the one this construct created, or the `logGroup` you passed.
   */
  public get logGroup(): logs.ILogGroup {
    return this.secureLogGroup ?? super.logGroup;
  }

  /**
   * Adds a function URL; one without authentication needs `allowPublicUrl`.
   */
  public addFunctionUrl(options?: lambda.FunctionUrlOptions): lambda.FunctionUrl {
    const url = super.addFunctionUrl(options);
    if (options?.authType === lambda.FunctionUrlAuthType.NONE) {
      acknowledgeFindings(url.node.defaultChild as CfnResource,
        { id: 'SecureServerless-LambdaFunctionUrlAuth', reason: `Public by design (allowPublicUrl): ${this.publicUrlReason}` });
    }
    return url;
  }

  /**
   * Adds an environment variable, refusing values that look like plaintext secrets.
   */
  public addEnvironment(key: string, value: string, options?: lambda.EnvironmentOptions): this {
    // The base constructor adds `environment` before this class has its settings; the
    // constructor checks those variables itself once it does.
    if (this.declaredNonSecrets) {
      if (this.secretVariables.has(key)) {
        throw secureValidationError(this, 'SecretVariableCollision',
          `addEnvironment('${key}'): '${key}' carries a secret (secrets or addSecret); this value would replace the secret's reference.`,
          'give the variable another name.');
      }
      this.checkEnvironment({ [key]: value });
    }
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
    this.wireSecret(name, reference, `addSecret('${name}')`);
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
    this.checkPermission(id, permission);
    super.addPermission(id, permission);
  }

  private get cfnFunction(): lambda.CfnFunction {
    return this.node.defaultChild as lambda.CfnFunction;
  }

  private wireSecret(name: string, reference: SecretReference, prop: string): void {
    const problem = secretVariableProblem(name, prop, Object.keys(this.renderedEnvironment()), [...this.secretVariables]);
    if (problem) {
      throw secureValidationError(this, problem.name, problem.problem, problem.fix);
    }
    const { value } = reference.bind(this, this);
    this.secretVariables.add(name);
    // A reference, not a secret: it skips the plaintext check of addEnvironment. A literal one
    // (the name of a secret imported by name) may still read like a secret to the pack.
    super.addEnvironment(name, value);
    if (!Token.isUnresolved(value) && suspectSecret(name, value)) {
      acknowledgeFindings(this.cfnFunction, {
        id: `SecureServerless-LambdaEnvironmentSecrets[${name}]`,
        reason: 'Holds where a secret lives (wired with secrets or addSecret), not the secret.',
      });
    }
  }

  /**
   * The function's environment variables so far, including those `paramsAndSecrets` added, with
   * their values unresolved. The base class renders them through a box whose `get()` does not
   * resolve tokens: resolving here would freeze a `Lazy` value before it is complete.
   */
  private renderedEnvironment(): { [name: string]: unknown } {
    const environment = this.cfnFunction.environment as unknown as { get?: () => unknown; variables?: unknown } | undefined;
    const rendered = (typeof environment?.get === 'function' ? environment.get() : environment) as { variables?: unknown } | undefined;
    const variables = rendered?.variables;
    return typeof variables === 'object' && variables !== null ? variables as { [name: string]: unknown } : {};
  }

  /**
   * Acknowledges the pack findings that the user has already answered through a prop, so that
   * the same decision is not asked for twice.
   */
  private acknowledgeDeclaredChoices(props: SecureFunctionProps): void {
    for (const name of this.declaredNonSecrets) {
      acknowledgeFindings(this.cfnFunction, {
        id: `SecureServerless-LambdaEnvironmentSecrets[${name}]`,
        reason: 'Declared not a secret with nonSecretEnvironmentVariables.',
      });
    }
    if (!props.signingProfiles && !props.codeSigningConfig) {
      acknowledgeFindings(this.cfnFunction, { id: 'SecureServerless-LambdaCodeSigning', reason: CODE_SIGNING_REASON });
    }
  }


  private checkEnvironment(environment: { [key: string]: string }): void {
    for (const [name, value] of Object.entries(environment)) {
      if (this.declaredNonSecrets.has(name)) {
        continue;
      }
      // A token is a reference; what it renders is checked at synth (findDynamicSecretReferences),
      // because resolving it now would freeze a Lazy value before the app is complete.
      const suspicion = Token.isUnresolved(value) ? undefined : suspectSecret(name, value);
      if (suspicion) {
        throw secureValidationError(this, 'PlaintextSecretInEnvironment', plaintextSecretProblem(name, suspicion.reason), plaintextSecretFix(name));
      }
    }
  }

  /**
   * Environment variables whose token renders a dynamic reference that CloudFormation resolves
   * into the secret's plaintext (`SecretValue.secretsManager(...).unsafeUnwrap()`), as errors.
   */
  private findDynamicSecretReferences(): string[] {
    const rendered = Stack.of(this).resolve(this.cfnFunction.environment) as { variables?: { [name: string]: unknown } } | undefined;
    return Object.entries(rendered?.variables ?? {})
      .filter(([name, value]) => !this.declaredNonSecrets.has(name) && DYNAMIC_SECRET_REFERENCE.test(JSON.stringify(value)))
      .map(([name]) => `${this.node.path}: ${plaintextSecretProblem(name, 'its value is a dynamic reference to a secret, which '
        + 'CloudFormation resolves into the plaintext value (SecretValue.unsafeUnwrap())')} Fix: ${plaintextSecretFix(name)}`);
  }

  private checkPermission(id: string, permission: lambda.Permission): void {
    const principal = describePrincipal(permission.principal);
    const scoped = permission.sourceArn !== undefined || permission.sourceAccount !== undefined || permission.organizationId !== undefined;
    const forPublicUrl = permission.functionUrlAuthType === lambda.FunctionUrlAuthType.NONE || permission.invokedViaFunctionUrl === true;
    if (principal === 'any' && !scoped) {
      if (forPublicUrl && this.publicUrlReason !== undefined) {
        return;
      }
      throw forPublicUrl
        ? secureValidationError(this, 'PublicFunctionUrl',
          'a function URL with FunctionUrlAuthType.NONE lets anyone on the internet invoke the function, unauthenticated.',
          'use authType: FunctionUrlAuthType.AWS_IAM and sign requests (or put the function behind SecureApi); if the URL must be public, ' +
          'set allowPublicUrl to the reason.')
        : secureValidationError(this, 'PermissionForAnyPrincipal',
          `permission '${id}' lets any principal invoke the function.`,
          'grant a specific principal (fn.grantInvoke(principal)), or add sourceArn, sourceAccount or organizationId to the permission.');
    }
    if (principal === 'service' && permission.sourceArn === undefined && permission.sourceAccount === undefined) {
      Annotations.of(this).addWarningV2('cdk-secure-serverless:ServicePermissionWithoutSource',
        `${this.node.path}: permission '${id}' lets a service principal invoke the function without sourceArn or sourceAccount, ` +
        'so any resource of that service, in any account, could. Fix: add sourceArn (or sourceAccount) to the permission.');
    }
  }

  private createLogGroup(props: SecureFunctionProps, encryptionKey: kms.IKey): logs.LogGroup {
    const retention = props.logGroupRetention ?? SECURE_FUNCTION_DEFAULTS.logGroupRetention;
    // With `@aws-cdk/aws-lambda:useCdkManagedLogGroup` (in every `cdk init` app's cdk.json) the
    // CDK has already made the function's log group, under the same id and so the same logical id.
    const managed = this.node.tryFindChild('LogGroup');
    const logGroup = managed instanceof logs.LogGroup
      ? hardenManagedLogGroup(managed, retention, encryptionKey)
      : new logs.LogGroup(this, 'LogGroup', {
        retention,
        encryptionKey,
        // Logs are audit evidence: they outlive the stack.
        removalPolicy: RemovalPolicy.RETAIN,
      });
    const existing = this.cfnFunction.loggingConfig as lambda.CfnFunction.LoggingConfigProperty | undefined;
    this.cfnFunction.loggingConfig = { ...existing, logGroup: logGroup.logGroupName };
    return logGroup;
  }

  private attachDeadLetterQueue(encryptionKey: kms.IKey): void {
    const queue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: encryptionKey,
      enforceSSL: true,
      retentionPeriod: SECURE_FUNCTION_DEFAULTS.deadLetterQueueRetention,
    });
    acknowledgeFindings(queue.node.defaultChild as CfnResource,
      { id: 'AwsSolutions-SQS3', reason: DEAD_LETTER_QUEUE_HAS_NO_DEAD_LETTER_QUEUE },
      { id: 'Serverless-SQSRedrivePolicy', reason: DEAD_LETTER_QUEUE_HAS_NO_DEAD_LETTER_QUEUE });
    this.cfnFunction.deadLetterConfig = { targetArn: queue.queueArn };
    (this as { deadLetterQueue?: sqs.IQueue }).deadLetterQueue = queue;
    // Exactly what Lambda needs to send to a KMS-encrypted queue; no wildcard actions.
    queue.grant(this, 'sqs:SendMessage');
    encryptionKey.grant(this, 'kms:GenerateDataKey', 'kms:Decrypt');
  }

  private createAlarm(id: string, metric: cloudwatch.Metric, description: string, topic: sns.ITopic): cloudwatch.Alarm {
    const alarm = metric.createAlarm(this, id, {
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `${this.node.path}: ${description}`,
    });
    alarm.addAlarmAction(new cloudwatchActions.SnsAction(topic));
    alarm.addOkAction(new cloudwatchActions.SnsAction(topic));
    return alarm;
  }

  private validateRoleUse(ownsRole: boolean): string[] {
    const errors: string[] = [];
    if (!ownsRole) {
      const others = findSharedRoleUsers(this);
      if (others.length > 0) {
        errors.push(`${this.node.path}: its role is also the role of ${others.join(', ')}. A shared role gives every function ` +
          'the permissions of all of them. Fix: leave out the role prop so that each function gets its own role.');
      }
    } else {
      const managed = awsManagedPolicyArns(this.role as iam.Role);
      if (managed.length > 0) {
        errors.push(`${this.node.path}: its role has the AWS managed policies ${managed.join(', ')}, which grant far more than ` +
          'one function needs. Fix: grant exactly what the function uses with a resource\'s grant method or fn.addToRolePolicy.');
      }
    }
    return errors;
  }
}

/** The variables that configure the AWS Parameters and Secrets Lambda extension. */

const CODE_SIGNING_REASON = 'Code signing needs artifacts that your pipeline signs with AWS Signer; a construct cannot ' +
  'sign them. Pass signingProfiles to make Lambda refuse unsigned code.';

const DEAD_LETTER_QUEUE_HAS_NO_DEAD_LETTER_QUEUE = 'This queue is the dead-letter queue of a Lambda function: the end of the line ' +
  'for failed asynchronous events. Giving it a dead-letter queue of its own would only move the same messages one queue further.';


/** A dynamic reference that CloudFormation resolves into a secret's plaintext. */
const DYNAMIC_SECRET_REFERENCE = /\{\{resolve:(secretsmanager|ssm-secure):/;

function plaintextSecretProblem(name: string, reason: string): string {
  return `environment variable '${name}' looks like a secret (${reason}). Environment variables are plaintext `
    + 'to anyone who can read the function\'s configuration, the template or cdk.out.';
}

function plaintextSecretFix(name: string): string {
  return 'store the value in AWS Secrets Manager (SecureSecret) and wire it with the secrets prop or '
    + `fn.addSecret('${name}_SECRET_ARN', SecretReference.fromSecret(secret)): the variable then holds the secret's ARN and the `
    + 'function may read that secret, at run time, with the SDK or the Parameters and Secrets Lambda extension; '
    + `if it is not a secret, list '${name}' in nonSecretEnvironmentVariables.`;
}

/** Classifies a principal as any principal (`*`), a service principal, or something specific. */
function describePrincipal(principal: iam.IPrincipal): 'any' | 'service' | 'specific' {
  const json = principal.policyFragment.principalJson;
  const values = Object.values(json).flat();
  if (values.some(value => value === '*')) {
    return 'any';
  }
  if (json.Service !== undefined && !Token.isUnresolved(json.Service)) {
    return 'service';
  }
  return 'specific';
}

/**
 * Gives the log group the CDK made under `useCdkManagedLogGroup` the posture of ours: the key,
 * the retention, retained on delete, and a generated name. The CDK names it after the function,
 * which makes the function's own policy (that grants writing to it) a dependency cycle.
 */
function hardenManagedLogGroup(logGroup: logs.LogGroup, retention: logs.RetentionDays, encryptionKey: kms.IKey): logs.LogGroup {
  const cfnLogGroup = logGroup.node.defaultChild as logs.CfnLogGroup;
  cfnLogGroup.logGroupName = undefined;
  cfnLogGroup.retentionInDays = retention;
  cfnLogGroup.kmsKeyId = encryptionKey.keyArn;
  logGroup.applyRemovalPolicy(RemovalPolicy.RETAIN);
  return logGroup;
}
