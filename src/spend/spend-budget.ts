import { readFileSync } from 'fs';
import { IPolicyValidationContextBeta1, IPolicyValidationPluginBeta1, PolicyValidationPluginReportBeta1, PolicyViolationBeta1 } from 'aws-cdk-lib';
import { worstCaseBill } from './model';
import { DEFAULT_SPEND_PRICES, withPriceOverrides } from './prices';
import { spendTemplateOf } from './template';

/**
 * Prices, sizes and quotas of the worst-case model to override; every one is optional, and must
 * be above zero. Defaults: on-demand prices of us-east-1 (see the README for sources and date).
 */
export interface SpendPriceOverrides {
  /** USD per GB-second of Lambda on x86_64. @default 0.0000166667 */
  readonly lambdaGbSecondX86?: number;
  /** USD per GB-second of Lambda on arm64. @default 0.0000133334 */
  readonly lambdaGbSecondArm?: number;
  /** USD per Lambda request. @default 0.0000002 */
  readonly lambdaRequest?: number;
  /** USD per API Gateway REST request. @default 0.0000035 */
  readonly apiGatewayRestRequest?: number;
  /** USD per API Gateway HTTP request. @default 0.000001 */
  readonly apiGatewayHttpRequest?: number;
  /** USD per AWS WAF request. @default 0.0000006 */
  readonly wafRequest?: number;
  /** USD per GB of CloudWatch Logs ingested. @default 0.5 */
  readonly logsIngestionGb?: number;
  /** USD per X-Ray trace. @default 0.000005 */
  readonly xrayTrace?: number;
  /** USD per KMS request. @default 0.000003 */
  readonly kmsRequest?: number;
  /** USD per DynamoDB on-demand read request unit. @default 0.000000125 */
  readonly dynamoDbReadRequestUnit?: number;
  /** USD per DynamoDB on-demand write request unit. @default 0.000000625 */
  readonly dynamoDbWriteRequestUnit?: number;
  /** USD per SQS request. @default 0.0000004 */
  readonly sqsRequest?: number;
  /** USD per SNS publish. @default 0.0000005 */
  readonly snsRequest?: number;
  /** USD per S3 PUT request. @default 0.000005 */
  readonly s3PutRequest?: number;
  /** USD per S3 GET request. @default 0.0000004 */
  readonly s3GetRequest?: number;
  /** USD per EventBridge custom event. @default 0.000001 */
  readonly eventBridgeEvent?: number;
  /** USD per GB transferred out to the internet. @default 0.09 */
  readonly dataTransferOutGb?: number;
  /** Bytes a function logs per invocation. @default 2048 */
  readonly functionLogBytesPerInvocation?: number;
  /** Bytes of access log per API request. @default 1024 */
  readonly accessLogBytesPerRequest?: number;
  /** Bytes of REST execution log per request. @default 8192 */
  readonly executionLogBytesPerRequest?: number;
  /** Bytes of response per request. @default 10240 */
  readonly responseBytesPerRequest?: number;
  /** Read units per invocation on each table a function may read. @default 1 */
  readonly tableReadUnitsPerInvocation?: number;
  /** Write units per invocation on each table a function may write. @default 1 */
  readonly tableWriteUnitsPerInvocation?: number;
  /** S3 requests per invocation on each bucket a function may use. @default 1 */
  readonly s3RequestsPerInvocation?: number;
  /** KMS requests per invocation on each key a function may use. @default 1 */
  readonly kmsRequestsPerInvocation?: number;
  /** Messages per invocation to each queue, topic or bus a function may send to. @default 1 */
  readonly messagesPerInvocation?: number;
  /** Lambda invocations per second per unit of concurrency. @default 10 */
  readonly invocationsPerSecondPerConcurrency?: number;
  /** The account's Lambda concurrency quota. @default 1000 */
  readonly accountConcurrency?: number;
  /** API Gateway's account throttle, requests per second. @default 10000 */
  readonly accountApiRequestsPerSecond?: number;
}

/** Options of `SpendBudget`. */
export interface SpendBudgetProps {
  /** The most the app may cost per hour, in USD, when every entry point is driven at its limits. */
  readonly maxHourlySpend: number;
  /**
   * Prices, sizes and quotas to use instead of the defaults.
   *
   * @default - on-demand prices of us-east-1
   */
  readonly prices?: SpendPriceOverrides;
  /**
   * How many of the costliest entry points the violation names.
   *
   * @default 5
   */
  readonly topEntryPoints?: number;
}

/**
 * A CDK validation plugin that fails synth when the app's worst-case bill per hour is above a
 * budget, or a public path is unbounded:
 * `Validations.of(app).addPlugins(new SpendBudget({ maxHourlySpend: 50 }))`.
 *
 * It runs the same worst-case model as `cdk-secure-serverless report` on the templates synthesis
 * has just written, and names the entry points that cost most and the prop that would lower each.
 */
export class SpendBudget implements IPolicyValidationPluginBeta1 {
  /** The plugin's name. */
  public readonly name = 'SecureServerless-SpendBudget';
  /** The rules it reports. */
  public readonly ruleIds?: string[] = ['SpendBudget-OverBudget', 'SpendBudget-Unbounded'];
  private readonly props: SpendBudgetProps;

  constructor(props: SpendBudgetProps) {
    if (!Number.isFinite(props.maxHourlySpend) || props.maxHourlySpend < 0) {
      throw new Error(`SpendBudget: maxHourlySpend is ${props.maxHourlySpend}; expected a number of zero or more`);
    }
    withPriceOverrides(DEFAULT_SPEND_PRICES, props.prices ?? {}, 'SpendBudget prices');
    this.props = props;
  }

  /** Called by the CDK during synthesis, with the paths of the templates it has written. */
  public validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
    const prices = withPriceOverrides(DEFAULT_SPEND_PRICES, this.props.prices ?? {}, 'SpendBudget prices');
    const models = context.templatePaths.map(path => spendTemplateOf(path, JSON.parse(readFileSync(path, 'utf8'))));
    const spend = worstCaseBill(models, prices);
    const top = this.props.topEntryPoints ?? 5;
    const violations: PolicyViolationBeta1[] = [];
    const resourceOf = (entry: { template: string; logicalId: string }) => ({ resourceLogicalId: entry.logicalId, templatePath: entry.template, locations: ['Properties'] });
    const describe = (entry: typeof spend.entryPoints[number]) =>
      `${entry.name} (${entry.path}): ${entry.unbounded ? `UNBOUNDED (${entry.unboundedBecause.join('; ')})` : `$${entry.perHour.toFixed(2)} per hour`}`
      + `${entry.fixes.length > 0 ? `; to lower it: ${entry.fixes.join('; ')}` : ''}`;
    const unbounded = spend.entryPoints.filter(entry => entry.public && entry.unbounded);
    if (unbounded.length > 0) {
      violations.push({
        ruleName: 'SpendBudget-Unbounded',
        description: `Public paths with no bound on what they can cost: ${unbounded.map(describe).join(' | ')}`,
        fix: unbounded.flatMap(entry => entry.fixes).filter((fix, index, all) => all.indexOf(fix) === index).join('; '),
        violatingResources: unbounded.map(resourceOf),
        severity: 'error',
      });
    }
    if (spend.perHour > this.props.maxHourlySpend) {
      const costliest = spend.entryPoints.filter(entry => entry.counted).sort((a, b) => b.perHour - a.perHour).slice(0, top);
      violations.push({
        ruleName: 'SpendBudget-OverBudget',
        description: `The worst case is $${spend.perHour.toFixed(2)} per hour, above the budget of $${this.props.maxHourlySpend} (prices of ${spend.region}, ${spend.pricesDate}). `
          + `Costliest entry points: ${costliest.map(describe).join(' | ')}`,
        fix: costliest.flatMap(entry => entry.fixes).filter((fix, index, all) => all.indexOf(fix) === index).join('; '),
        violatingResources: costliest.map(resourceOf),
        severity: 'error',
      });
    }
    return {
      success: violations.length === 0,
      violations,
      metadata: {
        worstCasePerHour: spend.perHour.toFixed(4),
        maxHourlySpend: String(this.props.maxHourlySpend),
        unboundedPublicPaths: String(unbounded.length),
      },
    };
  }
}
