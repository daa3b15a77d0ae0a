import { CfnResource, IAspect, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';
import { throttleHttpStage, throttleRestStage, ThrottlingLimits } from './api-throttling';
import { SECURE_DEFAULTS } from './defaults';
import { capConcurrency, enableTracing, retainFunctionLogs } from './function-hardening';
import { isInLibraryConstruct } from './library-constructs';
import { retainLogGroup } from './log-retention';
import { blockPublicAccess } from './public-access';
import { requireTls } from './tls-only';
import { secureUnscopedValidationError } from '../core/errors';

/**
 * Properties of `SecureDefaults`: each hardening can be turned off, and the values it sets chosen.
 */
export interface SecureDefaultsProps {
  /**
   * Whether to cap the reserved concurrency of Lambda functions that have no cap.
   *
   * Without a cap, anyone who can invoke a function can scale it to the account's whole
   * concurrency quota: a "billing denial of service" that also starves the account's other
   * functions. Every account must keep 100 executions unreserved, so the sum of all caps must
   * stay 100 below the account's concurrency quota, or the deployment fails.
   *
   * @default true
   */
  readonly concurrencyCaps?: boolean;

  /**
   * The reserved-concurrency cap given to functions that have none; a whole number of at least 1.
   *
   * @default 10
   */
  readonly reservedConcurrentExecutions?: number;

  /**
   * Whether to turn on active X-Ray tracing for Lambda functions that set no tracing, and let
   * their roles write traces.
   *
   * A function whose role this app cannot change (an imported role, a role made immutable, a
   * `CfnFunction` whose role is not in its stack) is left untraced, with a warning: Lambda
   * refuses active tracing when the role cannot write traces. A `lambda.Function` created with
   * `tracing: lambda.Tracing.DISABLED` renders no tracing at all, so it cannot be told apart
   * from one that sets none: it is traced too, unless this is false. Traces cost $5 per million
   * recorded beyond the free tier, and X-Ray samples 1 request a second and 5% of the rest.
   *
   * @default true
   */
  readonly tracing?: boolean;

  /**
   * Whether to set the retention of CloudWatch Logs log groups that have none, including the
   * log groups of Lambda functions.
   *
   * On a log group that already exists, CloudWatch Logs then deletes the events older than the
   * retention, including ones stored before. An L2 `logs.LogGroup` without a retention is left as
   * it is: the L2 defaults to two years, so it renders none only when its author chose
   * `RetentionDays.INFINITE`. A function with no log group in its stack is only warned about (see
   * `SecureDefaults`).
   *
   * @default true
   */
  readonly logRetention?: boolean;

  /**
   * The retention given to log groups that have none.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logGroupRetention?: logs.RetentionDays;

  /**
   * Whether to block all public access to S3 buckets: set each missing or `false` setting of
   * their `PublicAccessBlockConfiguration` to `true`.
   *
   * A bucket that is public on purpose (a public canned ACL, website hosting, or a bucket policy
   * that grants anyone) is left as it is, with a warning, because blocking it would fail its
   * deployment or cut off its readers.
   *
   * @default true
   */
  readonly blockPublicBuckets?: boolean;

  /**
   * Whether to add, to the resource policy of S3 buckets, SQS queues and SNS topics, the
   * statement that refuses requests without TLS, as the CDK's `enforceSSL: true` writes it
   * (`s3:*`, `sqs:*`, and `sns:Publish` for topics), unless their policy already has it.
   *
   * The statement is added through the L2 (`s3.Bucket`, `sqs.Queue`, `sns.Topic`), which creates
   * the resource policy if there is none; a resource with no L2, or whose policy is an L1 policy,
   * is left as it is, with a warning.
   *
   * @default true
   */
  readonly tlsOnlyPolicies?: boolean;

  /**
   * Whether to throttle API Gateway stages that have no stage-wide limits: REST API stages
   * (`AWS::ApiGateway::Stage`) get a method setting for every method (`HttpMethod` `*`,
   * `ResourcePath` `/*`), HTTP and WebSocket API stages (`AWS::ApiGatewayV2::Stage`) their
   * `DefaultRouteSettings`.
   *
   * Without them, one client can use up the account's 10,000 requests per second, shared by
   * every API of the account and region. A stage that sets one of the two limits keeps it and
   * gets only the other.
   *
   * @default true
   */
  readonly apiThrottling?: boolean;

  /**
   * The stage-wide steady-state rate limit, in requests per second, given to stages that have
   * none; a whole number of at least 1.
   *
   * @default 100
   */
  readonly throttlingRateLimit?: number;

  /**
   * The stage-wide burst limit, in requests, given to stages that have none; a whole number of
   * at least 1.
   *
   * @default 200
   */
  readonly throttlingBurstLimit?: number;
}

/**
 * An aspect that raises the security floor of stacks written with plain L1 and L2 constructs.
 *
 * `Aspects.of(stack).add(new SecureDefaults())` sets, where the stack sets nothing:
 * - a reserved-concurrency cap on Lambda functions (10);
 * - active X-Ray tracing on Lambda functions, with a managed policy that lets their role write
 *   traces (its `*` resource acknowledged for cdk-nag, as X-Ray's write actions take no other);
 * - a retention on CloudWatch Logs log groups (one year), including the log group a function
 *   names in `LoggingConfig.LogGroup` or that is named `/aws/lambda/<function name>`;
 * - a full public access block on S3 buckets;
 * - a statement that refuses requests without TLS in the resource policy of S3 buckets, SQS
 *   queues and SNS topics;
 * - stage-wide throttling on API Gateway REST, HTTP and WebSocket API stages (100 requests per
 *   second, bursts of 200).
 *
 * It never loosens anything: a value already set, even a weaker one, stays as it is, and so does
 * a property set with a raw override. Every change is reported as an info annotation on the
 * resource, starting with `SecureDefaults:`; what it could not do is reported as a warning
 * whose id starts with `cdk-secure-serverless:SecureDefaults` (acknowledge it with
 * `Annotations.of(scope).acknowledgeWarning(id, reason)`). Visiting a resource twice changes
 * nothing the second time. The constructs of this library (`SecureFunction`) are left as they
 * are: their weaker settings are choices their user named.
 *
 * What it does not do: it does not create a log group for a Lambda function that has none in
 * its stack. Its logs go to `/aws/lambda/<function name>`, which Lambda creates when the function
 * first runs; a CloudFormation log group of that name fails to deploy ("already exists") for
 * every function that has already run, and pointing the function at a new log group would move
 * its logs away from where dashboards and alarms look. Such a function gets a warning with the fix.
 *
 * Add it before other aspects read the stack: `Aspects.of(stack).add(new SecureDefaults(),
 * { priority: AspectPriority.MUTATING })`.
 */
export class SecureDefaults implements IAspect {
  private readonly concurrencyCaps: boolean;
  private readonly reservedConcurrentExecutions: number;
  private readonly tracing: boolean;
  private readonly logRetention: boolean;
  private readonly logGroupRetention: logs.RetentionDays;
  private readonly blockPublicBuckets: boolean;
  private readonly tlsOnlyPolicies: boolean;
  private readonly apiThrottling: boolean;
  private readonly throttlingLimits: ThrottlingLimits;

  constructor(props: SecureDefaultsProps = {}) {
    validateProps(props);
    this.concurrencyCaps = props.concurrencyCaps ?? true;
    this.reservedConcurrentExecutions = props.reservedConcurrentExecutions ?? SECURE_DEFAULTS.reservedConcurrentExecutions;
    this.tracing = props.tracing ?? true;
    this.logRetention = props.logRetention ?? true;
    this.logGroupRetention = props.logGroupRetention ?? SECURE_DEFAULTS.logGroupRetention;
    this.blockPublicBuckets = props.blockPublicBuckets ?? true;
    this.tlsOnlyPolicies = props.tlsOnlyPolicies ?? true;
    this.apiThrottling = props.apiThrottling ?? true;
    this.throttlingLimits = {
      rateLimit: props.throttlingRateLimit ?? SECURE_DEFAULTS.throttlingRateLimit,
      burstLimit: props.throttlingBurstLimit ?? SECURE_DEFAULTS.throttlingBurstLimit,
    };
  }

  /**
   * Hardens the node when it is a resource this aspect knows and nothing of this library.
   */
  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node) || isInLibraryConstruct(node)) {
      return;
    }
    if (node instanceof lambda.CfnFunction) {
      this.hardenFunction(node);
    } else if (node instanceof logs.CfnLogGroup) {
      if (this.logRetention) {
        retainLogGroup(node, this.logGroupRetention);
      }
    } else if (node instanceof s3.CfnBucket) {
      if (this.blockPublicBuckets) {
        blockPublicAccess(node);
      }
      if (this.tlsOnlyPolicies) {
        requireTls(node);
      }
    } else if (node instanceof sqs.CfnQueue || node instanceof sns.CfnTopic) {
      if (this.tlsOnlyPolicies) {
        requireTls(node);
      }
    } else if (node instanceof apigateway.CfnStage) {
      if (this.apiThrottling) {
        throttleRestStage(node, this.throttlingLimits);
      }
    } else if (node instanceof apigatewayv2.CfnStage) {
      if (this.apiThrottling) {
        throttleHttpStage(node, this.throttlingLimits);
      }
    }
  }

  private hardenFunction(fn: lambda.CfnFunction): void {
    if (this.concurrencyCaps) {
      capConcurrency(fn, this.reservedConcurrentExecutions);
    }
    if (this.tracing) {
      enableTracing(fn);
    }
    if (this.logRetention) {
      retainFunctionLogs(fn, this.logGroupRetention);
    }
  }
}

/** Refuses invalid and conflicting props, naming the prop and the fix. */
function validateProps(props: SecureDefaultsProps): void {
  requireWholeNumber(props.reservedConcurrentExecutions, 'reservedConcurrentExecutions', 'InvalidReservedConcurrency',
    '0 would stop every capped function from ever running', SECURE_DEFAULTS.reservedConcurrentExecutions);
  requireWholeNumber(props.throttlingRateLimit, 'throttlingRateLimit', 'InvalidThrottlingRateLimit',
    '0 would refuse every request', SECURE_DEFAULTS.throttlingRateLimit);
  requireWholeNumber(props.throttlingBurstLimit, 'throttlingBurstLimit', 'InvalidThrottlingBurstLimit',
    '0 would refuse every request', SECURE_DEFAULTS.throttlingBurstLimit);

  const retention = props.logGroupRetention;
  if (retention !== undefined && !Token.isUnresolved(retention)) {
    if (retention === logs.RetentionDays.INFINITE) {
      throw secureUnscopedValidationError('InvalidLogGroupRetention',
        'SecureDefaults: logGroupRetention is RetentionDays.INFINITE, which would keep logs forever, as having no retention does.',
        'choose a finite logs.RetentionDays (the default is ONE_YEAR), or set logRetention: false to leave log groups as they are.');
    }
    if (!Object.values(logs.RetentionDays).includes(retention)) {
      throw secureUnscopedValidationError('InvalidLogGroupRetention',
        `SecureDefaults: logGroupRetention is ${retention}, which is not a retention CloudWatch Logs accepts.`,
        'use a value of logs.RetentionDays, such as logs.RetentionDays.ONE_YEAR (the default).');
    }
  }

  const conflicts: Array<[boolean | undefined, string, unknown, string]> = [
    [props.concurrencyCaps, 'concurrencyCaps', props.reservedConcurrentExecutions, 'reservedConcurrentExecutions'],
    [props.logRetention, 'logRetention', props.logGroupRetention, 'logGroupRetention'],
    [props.apiThrottling, 'apiThrottling', props.throttlingRateLimit, 'throttlingRateLimit'],
    [props.apiThrottling, 'apiThrottling', props.throttlingBurstLimit, 'throttlingBurstLimit'],
  ];
  for (const [enabled, switchName, value, valueName] of conflicts) {
    if (enabled === false && value !== undefined) {
      throw secureUnscopedValidationError('ConflictingSecureDefaultsProps',
        `SecureDefaults: ${valueName} is set but ${switchName} is false, so it would never be used.`,
        `leave out ${valueName}, or leave ${switchName} at its default (true).`);
    }
  }
}

function requireWholeNumber(value: number | undefined, prop: string, errorName: string, whyNotZero: string, defaultValue: number): void {
  if (value !== undefined && !Token.isUnresolved(value) && (!Number.isInteger(value) || value < 1)) {
    throw secureUnscopedValidationError(errorName,
      `SecureDefaults: ${prop} is ${value}; it must be a whole number of at least 1 (${whyNotZero}).`,
      `set ${prop} to a whole number of at least 1 (the default is ${defaultValue}).`);
  }
}
