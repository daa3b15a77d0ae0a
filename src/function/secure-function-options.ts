import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as signer from 'aws-cdk-lib/aws-signer';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SecretReference } from '../secrets/secret-reference';

/**
 * What every secure function variant takes besides its code: every `lambda.FunctionOptions`
 * prop, plus what security needs. `SecureFunctionProps` and `SecureNodejsFunctionProps` add
 * the code (`code` and `handler`, or `entry` and `bundling`).
 *
 * Inherited props keep their meaning but some get secure defaults (see `SecureFunction`).
 */
export interface SecureFunctionOptions extends lambda.FunctionOptions {
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
