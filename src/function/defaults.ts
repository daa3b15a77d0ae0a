import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * The secure defaults of `SecureFunction`, in one place. Each is quoted in the `@default` of
 * the prop that overrides it.
 */
export const SECURE_FUNCTION_DEFAULTS = Object.freeze({
  /**
   * A cap of 10 concurrent executions: enough for most APIs behind throttling, small enough
   * that an attacker driving the function at full speed costs little. Every account keeps at
   * least 100 executions unreserved, so the sum of all caps must stay 100 below the account's
   * concurrency quota.
   */
  reservedConcurrentExecutions: 10,
  /** Short enough that a stuck call is cheap; long enough for an API behind API Gateway's 29 s limit. */
  timeout: Duration.seconds(10),
  memorySize: 256,
  architecture: lambda.Architecture.ARM_64,
  tracing: lambda.Tracing.ACTIVE,
  loggingFormat: lambda.LoggingFormat.JSON,
  /** DEBUG and TRACE logs are where events, headers and secrets get dumped. */
  applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
  logGroupRetention: logs.RetentionDays.ONE_YEAR,
  /** The longest SQS keeps a message: time to notice, fix and redrive. */
  deadLetterQueueRetention: Duration.days(14),
  /** Alarm evaluation window for errors and throttles. */
  alarmPeriod: Duration.minutes(5),
  recursiveLoop: lambda.RecursiveLoop.TERMINATE,
});

/** Lambda's own bounds for memory, in MB. */
export const LAMBDA_MEMORY_RANGE = Object.freeze({ min: 128, max: 10240 });
