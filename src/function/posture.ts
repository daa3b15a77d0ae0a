import { Annotations, AspectPriority, Aspects, CfnResource, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { needsDeadLetterQueue } from './async-invocation';
import { SECURE_FUNCTION_DEFAULTS } from './defaults';
import { hardenExecutionRole, grantTracing, grantNetworkInterfaces, findSharedRoleUsers, awsManagedPolicyArns } from './execution-role';
import { validateSecureFunctionProps } from './props-validation';
import { checkRuntime } from './runtime-check';
import { SecureFunctionOptions } from './secure-function-options';
import { acknowledgeFindings, FindingAcknowledgement } from '../core/acknowledgements';
import { AlarmTopic } from '../core/alarm-topic';
import { secureValidationError } from '../core/errors';
import { StackKey } from '../core/stack-key';
import { suspectSecret } from '../policy/secret-detection';
import { SecretReference } from '../secrets/secret-reference';
import { secretVariableProblem } from '../secrets/secret-variables';

/**
 * The secure posture of a Lambda function, in one place for every variant (`SecureFunction`,
 * `SecureNodejsFunction`, `SecureDockerImageFunction`): each validates its props and creates its
 * base class with `securedFunctionOptions`, then applies a `FunctionPosture` to itself, takes its
 * public members (`ISecureFunction`) from it, and routes its `addEnvironment`, `addSecret` and
 * `addPermission` through it (a public function URL asks for its permission there too). What is left in each variant is what jsii
 * needs declared on the class itself: it has no mixins, and the variants extend three different
 * CDK classes.
 *
 * Not exported from the package: the variants are the public API.
 */

/**
 * Validates the props and returns the `lambda.FunctionOptions` to create the base class with:
 * spread them over the props (`{ ...props, ...securedFunctionOptions(scope, id, props) }`).
 * Tracing, the initial policy and the dead-letter queue are left out here: `FunctionPosture`
 * sets them up once the function exists, with its own role policies and key.
 */
export function securedFunctionOptions(scope: Construct, id: string, props: SecureFunctionOptions): lambda.FunctionOptions {
  validateSecureFunctionProps(scope, id, props);
  const encryptionKey = props.encryptionKey ?? StackKey.of(scope);
  const loggingFormat = props.logFormat ? undefined : props.loggingFormat ?? SECURE_FUNCTION_DEFAULTS.loggingFormat;
  const usesJsonLogs = loggingFormat === lambda.LoggingFormat.JSON;
  return {
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
    tracing: undefined,
    initialPolicy: undefined,
    deadLetterQueueEnabled: ownsDeadLetterQueue(props) ? undefined : props.deadLetterQueueEnabled,
  };
}

/** Whether the function gets the dead-letter queue this construct creates. */
function ownsDeadLetterQueue(props: SecureFunctionOptions): boolean {
  return props.deadLetterQueueEnabled !== false && !props.deadLetterQueue && !props.deadLetterTopic && !props.onFailure;
}

/**
 * Applies the secure posture to a function created with `securedFunctionOptions`: its role,
 * log group, tracing, dead-letter queue, code signing, alarms, secrets and runtime check, and
 * the synth-time checks of its role and environment. Keeps what the function's overridden
 * methods need to refuse what the posture forbids.
 */
export class FunctionPosture {
  /** The KMS key that encrypts the environment, log group and dead-letter queue. */
  public readonly encryptionKey: kms.IKey;
  /** The customer-managed policy that holds the function's permissions, when the function owns its role. */
  public readonly executionPolicy?: iam.ManagedPolicy;
  /** The alarm on errors, unless `alarms` is false. */
  public readonly errorsAlarm?: cloudwatch.Alarm;
  /** The alarm on throttles, unless `alarms` is false. */
  public readonly throttlesAlarm?: cloudwatch.Alarm;
  /** The enforcing code-signing configuration created from `signingProfiles`. */
  public readonly signingConfig?: lambda.CodeSigningConfig;
  /** The log group this posture created; undefined when the user passed `logGroup`. */
  public readonly logGroup?: logs.ILogGroup;

  private readonly publicUrlReason?: string;
  private readonly declaredNonSecrets: ReadonlySet<string>;
  private readonly secretVariables = new Set<string>();
  private readonly acknowledgedUrls = new Set<lambda.CfnUrl>();

  constructor(private readonly fn: lambda.Function, props: SecureFunctionOptions) {
    const encryptionKey = props.encryptionKey ?? StackKey.of(fn);
    this.encryptionKey = encryptionKey;
    this.publicUrlReason = props.allowPublicUrl;
    this.declaredNonSecrets = new Set(props.nonSecretEnvironmentVariables ?? []);
    // The base constructor added `environment` before the posture existed: check it now.
    this.checkEnvironment(props.environment ?? {});
    checkRuntime(fn, fn.runtime);

    const ownsRole = props.role === undefined;
    if (ownsRole) {
      this.executionPolicy = hardenExecutionRole(fn, fn.role as iam.Role);
    }
    for (const statement of props.initialPolicy ?? []) {
      fn.addToRolePolicy(statement);
    }
    // After the role is hardened, so that the read grants land in the function's own policy.
    for (const [name, reference] of Object.entries(props.secrets ?? {})) {
      this.wireSecret(name, reference, `secrets.${name}`);
    }

    this.logGroup = props.logGroup ? undefined : this.createLogGroup(props, encryptionKey);
    (this.logGroup ?? fn.logGroup).grantWrite(fn);

    const tracing = props.tracing ?? SECURE_FUNCTION_DEFAULTS.tracing;
    if (tracing !== lambda.Tracing.DISABLED) {
      this.cfnFunction.tracingConfig = { mode: tracing };
      grantTracing(fn, ownsRole);
    }
    if (props.vpc && ownsRole) {
      grantNetworkInterfaces(fn);
    }
    if (ownsDeadLetterQueue(props)) {
      this.planDeadLetterQueue(props, encryptionKey);
    }
    if (props.signingProfiles) {
      this.signingConfig = new lambda.CodeSigningConfig(fn, 'CodeSigningConfig', {
        signingProfiles: props.signingProfiles,
        untrustedArtifactOnDeployment: lambda.UntrustedArtifactOnDeployment.ENFORCE,
        description: `Enforces signed code for ${fn.node.path}`,
      });
      this.cfnFunction.codeSigningConfigArn = this.signingConfig.codeSigningConfigArn;
    }
    this.acknowledgeDeclaredChoices(props);
    if (props.alarms !== false) {
      const alarmTopic = props.alarmTopic ?? AlarmTopic.of(fn);
      this.errorsAlarm = this.createAlarm('ErrorsAlarm', fn.metricErrors({ period: SECURE_FUNCTION_DEFAULTS.alarmPeriod, statistic: 'Sum' }),
        'The function returned errors. Look at its logs and X-Ray traces.', alarmTopic);
      this.throttlesAlarm = this.createAlarm('ThrottlesAlarm', fn.metricThrottles({ period: SECURE_FUNCTION_DEFAULTS.alarmPeriod, statistic: 'Sum' }),
        'The function hit its reserved-concurrency cap: a billing denial-of-service attempt, or a cap set too low.', alarmTopic);
    }

    fn.node.addValidation({ validate: () => [...this.validateRoleUse(ownsRole), ...this.findDynamicSecretReferences()] });
  }

  /** Refuses a variable `addEnvironment` would add that replaces a secret's reference or looks like a plaintext secret. */
  public checkAddedEnvironment(key: string, value: string): void {
    if (this.secretVariables.has(key)) {
      throw secureValidationError(this.fn, 'SecretVariableCollision',
        `addEnvironment('${key}'): '${key}' carries a secret (secrets or addSecret); this value would replace the secret's reference.`,
        'give the variable another name.');
    }
    this.checkEnvironment({ [key]: value });
  }

  private get cfnFunction(): lambda.CfnFunction {
    return this.fn.node.defaultChild as lambda.CfnFunction;
  }

  /** Wires a secret: the variable holds its reference, and the function may read it. `prop` names the caller in errors. */
  public wireSecret(name: string, reference: SecretReference, prop: string): void {
    const problem = secretVariableProblem(name, prop, Object.keys(this.renderedEnvironment()), [...this.secretVariables]);
    if (problem) {
      throw secureValidationError(this.fn, problem.name, problem.problem, problem.fix);
    }
    const { value } = reference.bind(this.fn, this.fn);
    this.secretVariables.add(name);
    // A reference, not a secret: it skips the plaintext check of addEnvironment. A literal one
    // (the name of a secret imported by name) may still read like a secret to the pack.
    lambda.Function.prototype.addEnvironment.call(this.fn, name, value);
    if (!Token.isUnresolved(value) && suspectSecret(name, value)) {
      acknowledgeFindings(this.cfnFunction, {
        id: `SecureServerless-LambdaEnvironmentSecrets[${name}]`,
        reason: 'Holds where a secret lives (wired with secrets or addSecret), not the secret.',
      });
    }
  }

  /** The function's environment variables so far (the wired secrets' included), as strings with their tokens. */
  public environmentVariables(): { [name: string]: string } {
    return Object.fromEntries(Object.entries(this.renderedEnvironment())
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
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
  private acknowledgeDeclaredChoices(props: SecureFunctionOptions): void {
    const acknowledgements: FindingAcknowledgement[] = [...this.declaredNonSecrets].map(name => ({
      id: `SecureServerless-LambdaEnvironmentSecrets[${name}]`,
      reason: 'Declared not a secret with nonSecretEnvironmentVariables.',
    }));
    if (!props.signingProfiles && !props.codeSigningConfig) {
      const image = this.fn.runtime.runtimeEquals(lambda.Runtime.FROM_IMAGE);
      acknowledgements.push({ id: 'SecureServerless-LambdaCodeSigning', reason: image ? IMAGE_CODE_SIGNING_REASON : CODE_SIGNING_REASON });
    }
    // In one call: one acknowledgement entry (and one stack trace) for all of them.
    if (acknowledgements.length > 0) {
      acknowledgeFindings(this.cfnFunction, ...acknowledgements);
    }
  }


  /** Refuses variables that look like plaintext secrets, unless declared in `nonSecretEnvironmentVariables`. */
  public checkEnvironment(environment: { [key: string]: string }): void {
    for (const [name, value] of Object.entries(environment)) {
      if (this.declaredNonSecrets.has(name)) {
        continue;
      }
      // A token is a reference; what it renders is checked at synth (findDynamicSecretReferences),
      // because resolving it now would freeze a Lazy value before the app is complete.
      const suspicion = Token.isUnresolved(value) ? undefined : suspectSecret(name, value);
      if (suspicion) {
        throw secureValidationError(this.fn, 'PlaintextSecretInEnvironment', plaintextSecretProblem(name, suspicion.reason), plaintextSecretFix(name));
      }
    }
  }

  /**
   * Environment variables whose token renders a dynamic reference that CloudFormation resolves
   * into the secret's plaintext (`SecretValue.secretsManager(...).unsafeUnwrap()`), as errors.
   */
  private findDynamicSecretReferences(): string[] {
    const rendered = Stack.of(this.fn).resolve(this.cfnFunction.environment) as { variables?: { [name: string]: unknown } } | undefined;
    return Object.entries(rendered?.variables ?? {})
      .filter(([name, value]) => !this.declaredNonSecrets.has(name) && DYNAMIC_SECRET_REFERENCE.test(JSON.stringify(value)))
      .map(([name]) => `${this.fn.node.path}: ${plaintextSecretProblem(name, 'its value is a dynamic reference to a secret, which '
        + 'CloudFormation resolves into the plaintext value (SecretValue.unsafeUnwrap())')} Fix: ${plaintextSecretFix(name)}`);
  }

  /** Refuses a permission that lets any principal invoke the function; warns on a service principal without a source. */
  public checkPermission(id: string, permission: lambda.Permission): void {
    const principal = describePrincipal(permission.principal);
    const scoped = permission.sourceArn !== undefined || permission.sourceAccount !== undefined || permission.organizationId !== undefined;
    const forPublicUrl = permission.functionUrlAuthType === lambda.FunctionUrlAuthType.NONE || permission.invokedViaFunctionUrl === true;
    if (principal === 'any' && !scoped) {
      if (forPublicUrl && this.publicUrlReason !== undefined) {
        this.acknowledgePublicUrls();
        return;
      }
      throw forPublicUrl
        ? secureValidationError(this.fn, 'PublicFunctionUrl',
          'a function URL with FunctionUrlAuthType.NONE lets anyone on the internet invoke the function, unauthenticated.',
          'use authType: FunctionUrlAuthType.AWS_IAM and sign requests (or put the function behind SecureApi); if the URL must be public, ' +
          'set allowPublicUrl to the reason.')
        : secureValidationError(this.fn, 'PermissionForAnyPrincipal',
          `permission '${id}' lets any principal invoke the function.`,
          'grant a specific principal (fn.grantInvoke(principal)), or add sourceArn, sourceAccount or organizationId to the permission.');
    }
    if (principal === 'service' && permission.sourceArn === undefined && permission.sourceAccount === undefined) {
      Annotations.of(this.fn).addWarningV2('cdk-secure-serverless:ServicePermissionWithoutSource',
        `${this.fn.node.path}: permission '${id}' lets a service principal invoke the function without sourceArn or sourceAccount, ` +
        'so any resource of that service, in any account, could. Fix: add sourceArn (or sourceAccount) to the permission.');
    }
  }

  /**
   * Acknowledges the pack's finding on the public URLs of the function, which `allowPublicUrl`
   * has already answered. A URL asks for its permission once its own resource exists, whether
   * made with `addFunctionUrl` or with `new lambda.FunctionUrl(scope, id, { function })`.
   */
  private acknowledgePublicUrls(): void {
    const stack = Stack.of(this.fn);
    const publicUrls = stack.node.findAll().filter((construct): construct is lambda.CfnUrl => CfnResource.isCfnResource(construct)
      && construct.cfnResourceType === lambda.CfnUrl.CFN_RESOURCE_TYPE_NAME
      && (construct as lambda.CfnUrl).targetFunctionArn === this.fn.functionArn
      && (construct as lambda.CfnUrl).authType === lambda.FunctionUrlAuthType.NONE);
    for (const url of publicUrls.filter(candidate => !this.acknowledgedUrls.has(candidate))) {
      this.acknowledgedUrls.add(url);
      acknowledgeFindings(url, { id: 'SecureServerless-LambdaFunctionUrlAuth', reason: `Public by design (allowPublicUrl): ${this.publicUrlReason}` });
    }
  }

  private createLogGroup(props: SecureFunctionOptions, encryptionKey: kms.IKey): logs.LogGroup {
    const retention = props.logGroupRetention ?? SECURE_FUNCTION_DEFAULTS.logGroupRetention;
    // With `@aws-cdk/aws-lambda:useCdkManagedLogGroup` (in every `cdk init` app's cdk.json) the
    // CDK has already made the function's log group, under the same id and so the same logical id.
    const managed = this.fn.node.tryFindChild('LogGroup');
    const logGroup = managed instanceof logs.LogGroup
      ? hardenManagedLogGroup(managed, retention, encryptionKey)
      : new logs.LogGroup(this.fn, 'LogGroup', {
        retention,
        encryptionKey,
        // Logs are audit evidence: they outlive the stack.
        removalPolicy: RemovalPolicy.RETAIN,
      });
    const existing = this.cfnFunction.loggingConfig as lambda.CfnFunction.LoggingConfigProperty | undefined;
    this.cfnFunction.loggingConfig = { ...existing, logGroup: logGroup.logGroupName };
    return logGroup;
  }

  /**
   * Gives the function its dead-letter queue where it can be invoked asynchronously: at once when
   * `deadLetterQueueEnabled` is true (a declared asynchronous use: an SDK caller with
   * `InvocationType: Event`, which the app cannot show), otherwise at synth, when the app shows
   * an asynchronous invoker (`needsDeadLetterQueue`). A function only ever invoked synchronously
   * would never send anything to it: its queue and queue policy were two resources for nothing.
   * Either way the queue is the same construct, `DeadLetterQueue`, so its logical id is the one
   * it always had.
   */
  private planDeadLetterQueue(props: SecureFunctionOptions, encryptionKey: kms.IKey): void {
    if (props.deadLetterQueueEnabled === true) {
      this.attachDeadLetterQueue(encryptionKey);
      return;
    }
    const fn = this.fn;
    Aspects.of(fn).add({
      visit: node => {
        if (node !== fn || this.cfnFunction.deadLetterConfig !== undefined) {
          return;
        }
        if (needsDeadLetterQueue(fn)) {
          this.attachDeadLetterQueue(encryptionKey);
        } else {
          // Those packs ask every function for a queue; a synchronous caller gets the error itself.
          // Acknowledged only here, where the function stays without one: on a function that gets
          // its queue the acknowledgement would be stale.
          acknowledgeFindings(this.cfnFunction, ...DEAD_LETTER_QUEUE_RULES.map(id => ({ id, reason: DEAD_LETTER_QUEUE_WHERE_ASYNC })));
        }
      },
    }, { priority: AspectPriority.MUTATING });
  }

  private attachDeadLetterQueue(encryptionKey: kms.IKey): void {
    const queue = new sqs.Queue(this.fn, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: encryptionKey,
      enforceSSL: true,
      retentionPeriod: SECURE_FUNCTION_DEFAULTS.deadLetterQueueRetention,
    });
    // AwsSolutions-SQS3 sees that the queue is the function's dead-letter queue and passes it;
    // Serverless-SQSRedrivePolicy asks every queue for a redrive policy, this one too.
    acknowledgeFindings(queue.node.defaultChild as CfnResource,
      { id: 'Serverless-SQSRedrivePolicy', reason: DEAD_LETTER_QUEUE_HAS_NO_DEAD_LETTER_QUEUE });
    this.cfnFunction.deadLetterConfig = { targetArn: queue.queueArn };
    (this.fn as { deadLetterQueue?: sqs.IQueue }).deadLetterQueue = queue;
    // Exactly what Lambda needs to send to a KMS-encrypted queue; no wildcard actions.
    queue.grant(this.fn, 'sqs:SendMessage');
    encryptionKey.grant(this.fn, 'kms:GenerateDataKey', 'kms:Decrypt');
  }

  private createAlarm(id: string, metric: cloudwatch.Metric, description: string, topic: sns.ITopic): cloudwatch.Alarm {
    const alarm = metric.createAlarm(this.fn, id, {
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `${this.fn.node.path}: ${description}`,
    });
    alarm.addAlarmAction(new cloudwatchActions.SnsAction(topic));
    alarm.addOkAction(new cloudwatchActions.SnsAction(topic));
    return alarm;
  }

  private validateRoleUse(ownsRole: boolean): string[] {
    const errors: string[] = [];
    if (!ownsRole) {
      const others = findSharedRoleUsers(this.fn);
      if (others.length > 0) {
        errors.push(`${this.fn.node.path}: its role is also the role of ${others.join(', ')}. A shared role gives every function ` +
          'the permissions of all of them. Fix: leave out the role prop so that each function gets its own role.');
      }
    } else {
      const managed = awsManagedPolicyArns(this.fn.role as iam.Role);
      if (managed.length > 0) {
        errors.push(`${this.fn.node.path}: its role has the AWS managed policies ${managed.join(', ')}, which grant far more than ` +
          'one function needs. Fix: grant exactly what the function uses with a resource\'s grant method or fn.addToRolePolicy.');
      }
    }
    return errors;
  }
}

/** The variables that configure the AWS Parameters and Secrets Lambda extension. */

const CODE_SIGNING_REASON = 'Code signing needs artifacts that your pipeline signs with AWS Signer; a construct cannot ' +
  'sign them. Pass signingProfiles to make Lambda refuse unsigned code.';

/** A container image cannot take a code-signing configuration: its signature lives in the registry. */
const IMAGE_CODE_SIGNING_REASON = 'Lambda code signing applies to .zip archives only, not to container images: Lambda ' +
  'does not support a code-signing configuration on an image function (SecureDockerImageFunction refuses signingProfiles and ' +
  'codeSigningConfig). Sign the image where it is stored, for example with AWS Signer and Notation for Amazon ECR, and ' +
  'deploy it by digest from the pipeline that verifies the signature.';

const DEAD_LETTER_QUEUE_HAS_NO_DEAD_LETTER_QUEUE = 'This queue is the dead-letter queue of a Lambda function: the end of the line ' +
  'for failed asynchronous events. Giving it a dead-letter queue of its own would only move the same messages one queue further.';

/** The cdk-nag rules that ask every function for a dead-letter queue, invoked asynchronously or not. */
const DEAD_LETTER_QUEUE_RULES = ['Serverless-LambdaDLQ', 'HIPAA.Security-LambdaDLQ', 'NIST.800.53.R5-LambdaDLQ'];

const DEAD_LETTER_QUEUE_WHERE_ASYNC = 'The function gets its encrypted dead-letter queue exactly where it can be invoked '
  + 'asynchronously: when the app gives it an asynchronous invoker (a permission for S3, SNS, EventBridge, CloudWatch Logs, '
  + 'SES, IoT, CodeCommit, Config or alarm actions, a Scheduler schedule, configureAsyncInvoke), or deadLetterQueueEnabled is '
  + 'true. A synchronous caller (API Gateway, a function URL, an event-source mapping) gets the error itself, and a queue would '
  + 'never receive a message. SecureServerless-LambdaAsyncFailureDestination checks the same evidence.';

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
