/**
 * The prices, sizes and quotas the worst-case model uses, as data: every number with its unit,
 * what it means and where it comes from. Override any of them with `report --prices FILE` or
 * the `prices` prop of `SpendBudget`. The account quotas are the policy model's (`src/policy/quotas.ts`),
 * shared with the rules and the constructs' validation.
 */
import { API_GATEWAY_ACCOUNT_THROTTLE, LAMBDA_DEFAULT_ACCOUNT_CONCURRENCY, LAMBDA_INVOCATIONS_PER_SECOND_PER_CONCURRENCY } from '../policy/quotas';

/** Every number of the model: on-demand prices (USD), sizes assumed per request, and account quotas. */
export interface SpendPrices {
  readonly lambdaGbSecondX86: number;
  readonly lambdaGbSecondArm: number;
  readonly lambdaRequest: number;
  readonly apiGatewayRestRequest: number;
  readonly apiGatewayHttpRequest: number;
  readonly wafRequest: number;
  readonly logsIngestionGb: number;
  readonly xrayTrace: number;
  readonly kmsRequest: number;
  readonly dynamoDbReadRequestUnit: number;
  readonly dynamoDbWriteRequestUnit: number;
  readonly sqsRequest: number;
  readonly snsRequest: number;
  readonly s3PutRequest: number;
  readonly s3GetRequest: number;
  readonly eventBridgeEvent: number;
  readonly dataTransferOutGb: number;
  readonly functionLogBytesPerInvocation: number;
  readonly accessLogBytesPerRequest: number;
  readonly executionLogBytesPerRequest: number;
  readonly responseBytesPerRequest: number;
  readonly tableReadUnitsPerInvocation: number;
  readonly tableWriteUnitsPerInvocation: number;
  readonly s3RequestsPerInvocation: number;
  readonly kmsRequestsPerInvocation: number;
  readonly messagesPerInvocation: number;
  readonly invocationsPerSecondPerConcurrency: number;
  readonly accountConcurrency: number;
  readonly accountApiRequestsPerSecond: number;
}

/** What one number is. */
export interface PriceInfo {
  /** `price` (USD per unit), `size` (assumed per request or invocation) or `quota` (an account limit). */
  readonly kind: string;
  readonly unit: string;
  readonly description: string;
  /** The AWS page the number comes from, for prices and quotas. */
  readonly source?: string;
  /**
   * How the number was checked on PRICES_DATE: `AWS:` and the AWS page whose text shows it, or
   * `not verified on the AWS page` with why, and the secondary page that agrees.
   */
  readonly checked?: string;
}

/** The Region the default prices are for. */
export const DEFAULT_REGION = 'us-east-1';

/** The date the default prices were read and checked (each key's `checked` says against what). */
export const PRICES_DATE = '2026-12-03';

const LAMBDA = 'https://aws.amazon.com/lambda/pricing/';
const API_GATEWAY = 'https://aws.amazon.com/api-gateway/pricing/';
const DYNAMODB = 'https://aws.amazon.com/dynamodb/pricing/on-demand/';
const S3 = 'https://aws.amazon.com/s3/pricing/';

/** Every number, its unit, meaning and source. */
export const PRICE_INFO: { readonly [key in keyof SpendPrices]: PriceInfo } = {
  lambdaGbSecondX86: { kind: 'price', unit: 'GB-second', description: 'Lambda compute, x86_64, first tier', source: LAMBDA, checked: 'not verified on the AWS page: its rate table is rendered client-side, so the number is not in the page text; agrees with https://cloudchipr.com/blog/aws-lambda-pricing (US East, first tier)' },
  lambdaGbSecondArm: { kind: 'price', unit: 'GB-second', description: 'Lambda compute, arm64, first tier', source: LAMBDA, checked: 'not verified on the AWS page: its rate table is rendered client-side, so the number is not in the page text; agrees with https://cloudchipr.com/blog/aws-lambda-pricing (US East, first tier)' },
  lambdaRequest: { kind: 'price', unit: 'request', description: 'Lambda requests ($0.20 per million)', source: LAMBDA, checked: 'not verified on the AWS page (rate table rendered client-side); the page text states $0.20 per million for Lambda Managed Instances requests, and https://cloudchipr.com/blog/aws-lambda-pricing agrees' },
  apiGatewayRestRequest: { kind: 'price', unit: 'request', description: 'API Gateway REST API requests, first 333 million ($3.50 per million)', source: API_GATEWAY, checked: 'AWS: https://docs.aws.amazon.com/whitepapers/latest/best-practices-api-gateway-private-apis-integration/cost-optimization.html (Table 4: first 333 million $3.50 per million)' },
  apiGatewayHttpRequest: { kind: 'price', unit: 'request', description: 'API Gateway HTTP API requests of up to 512 KB, first 300 million ($1.00 per million)', source: API_GATEWAY, checked: 'AWS: https://docs.aws.amazon.com/whitepapers/latest/best-practices-api-gateway-private-apis-integration/cost-optimization.html (Table 4: first 300 million $1.00 per million, us-east-1)' },
  wafRequest: { kind: 'price', unit: 'request', description: 'AWS WAF requests inspected ($0.60 per million)', source: 'https://aws.amazon.com/waf/pricing/', checked: 'not verified on the AWS page (not found in the stored pages); agrees with https://awsnegotiations.com/waf-pricing-strategy.html' },
  logsIngestionGb: { kind: 'price', unit: 'GB', description: 'CloudWatch Logs ingestion, standard class', source: 'https://aws.amazon.com/cloudwatch/pricing/', checked: 'not verified on the AWS page (not found in the stored pages); agrees with https://c3x.dev/blog/cloudwatch-logs-cost-optimization (us-east-1, standard class)' },
  xrayTrace: { kind: 'price', unit: 'trace', description: 'X-Ray traces recorded ($5.00 per million)', source: 'https://aws.amazon.com/xray/pricing/', checked: 'AWS: https://aws.amazon.com/de/xray/pricing/ (the German edition of the page: 5 USD per million, 0.000005 USD per trace)' },
  kmsRequest: { kind: 'price', unit: 'request', description: 'KMS requests ($0.03 per 10,000)', source: 'https://aws.amazon.com/kms/pricing/', checked: 'not verified on the AWS page (its text read shows the 20,000 free requests, not the rate); agrees with https://www.wring.co/blog/aws-kms-pricing-guide' },
  dynamoDbReadRequestUnit: { kind: 'price', unit: 'read request unit', description: 'DynamoDB on-demand reads ($0.125 per million)', source: DYNAMODB, checked: 'not verified on the AWS page (not found in the stored pages); agrees with https://airbyte.com/data-engineering-resources/dynamodb-pricing (older pages quote $0.25, the price before AWS halved on-demand prices in November 2024)' },
  dynamoDbWriteRequestUnit: { kind: 'price', unit: 'write request unit', description: 'DynamoDB on-demand writes ($0.625 per million)', source: DYNAMODB, checked: 'not verified on the AWS page (not found in the stored pages); agrees with https://airbyte.com/data-engineering-resources/dynamodb-pricing (older pages quote $1.25, before the November 2024 cut)' },
  sqsRequest: { kind: 'price', unit: 'request', description: 'SQS standard queue requests ($0.40 per million)', source: 'https://aws.amazon.com/sqs/pricing/', checked: 'not verified on the AWS page (not found in the stored pages); agrees with https://cloudburn.io/blog/amazon-sqs-pricing (first 100 billion requests)' },
  snsRequest: { kind: 'price', unit: 'request', description: 'SNS standard topic publishes ($0.50 per million; deliveries to SQS and Lambda are free)', source: 'https://aws.amazon.com/sns/pricing/', checked: 'not verified on the AWS page (not found in the stored pages); the publish price agrees with https://awsnegotiations.com/sqs-sns-cost-optimization.html; that deliveries to SQS and Lambda are free is not verified' },
  s3PutRequest: { kind: 'price', unit: 'request', description: 'S3 Standard PUT, COPY, POST, LIST ($0.005 per 1,000)', source: S3, checked: 'not verified on the AWS page (the stored copy\'s text has no request table); agrees with https://c3x.dev/blog/s3-request-fees-explained' },
  s3GetRequest: { kind: 'price', unit: 'request', description: 'S3 Standard GET, SELECT ($0.0004 per 1,000)', source: S3, checked: 'not verified on the AWS page (the stored copy\'s text has no request table); agrees with https://c3x.dev/blog/s3-request-fees-explained' },
  eventBridgeEvent: { kind: 'price', unit: 'event', description: 'EventBridge custom events published ($1.00 per million)', source: 'https://aws.amazon.com/eventbridge/pricing/', checked: 'not verified on the AWS page (not found in the stored pages); agrees with https://cloudburn.io/blog/amazon-eventbridge-pricing' },
  dataTransferOutGb: { kind: 'price', unit: 'GB', description: 'Data transfer out to the internet, first 10 TB per month', source: 'https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer', checked: 'not verified on the AWS page (not found in the stored pages); agrees with https://finopsforge.com/reduce-aws-data-transfer-costs (the first 100 GB a month are free account-wide; the worst case prices the marginal GB)' },
  functionLogBytesPerInvocation: { kind: 'size', unit: 'bytes', description: "a function's own log lines per invocation (START, END, REPORT and the handler's output)" },
  accessLogBytesPerRequest: { kind: 'size', unit: 'bytes', description: 'one access log line per API request' },
  executionLogBytesPerRequest: { kind: 'size', unit: 'bytes', description: 'REST execution logs per request (logging level INFO or ERROR)' },
  responseBytesPerRequest: { kind: 'size', unit: 'bytes', description: 'the response sent to the internet per request' },
  tableReadUnitsPerInvocation: { kind: 'size', unit: 'read request units', description: 'reads a function makes per invocation on each table its role may read' },
  tableWriteUnitsPerInvocation: { kind: 'size', unit: 'write request units', description: 'writes a function makes per invocation on each table its role may write' },
  s3RequestsPerInvocation: { kind: 'size', unit: 'requests', description: 'S3 requests a function makes per invocation on each bucket its role may use, per kind (PUT, GET)' },
  kmsRequestsPerInvocation: { kind: 'size', unit: 'requests', description: 'KMS requests a function makes per invocation on each key its role may use' },
  messagesPerInvocation: { kind: 'size', unit: 'messages', description: 'messages (SQS, SNS, EventBridge) a function sends per invocation to each target its role may send to' },
  invocationsPerSecondPerConcurrency: { kind: 'quota', unit: 'invocations per second', description: "Lambda's requests-per-second quota per unit of concurrency (10 × concurrency)", source: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html', checked: 'not verified on the AWS page (the limits page excerpt read shows the concurrency quota only); https://zenn.dev/dehio3/scraps/aa66ec8a202007 quotes the lambda-concurrency page: 10 × the account\'s concurrency requests per second' },
  accountConcurrency: { kind: 'quota', unit: 'concurrent executions', description: "the account's Lambda concurrency quota per Region", source: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html', checked: 'AWS: https://docs.aws.amazon.com/lambda/latest/dg/limits.html (concurrent executions, default quota 1,000)' },
  accountApiRequestsPerSecond: { kind: 'quota', unit: 'requests per second', description: "API Gateway's account throttle per Region", source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html', checked: 'AWS: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html (10,000 requests per second per account per Region; 2,500 in some newer Regions)' },
};

/** On-demand prices in US East (N. Virginia), read on PRICES_DATE, and the sizes and quotas assumed. */
export const DEFAULT_SPEND_PRICES: SpendPrices = Object.freeze({
  lambdaGbSecondX86: 0.0000166667,
  lambdaGbSecondArm: 0.0000133334,
  lambdaRequest: 0.0000002,
  apiGatewayRestRequest: 0.0000035,
  apiGatewayHttpRequest: 0.000001,
  wafRequest: 0.0000006,
  logsIngestionGb: 0.5,
  xrayTrace: 0.000005,
  kmsRequest: 0.000003,
  dynamoDbReadRequestUnit: 0.000000125,
  dynamoDbWriteRequestUnit: 0.000000625,
  sqsRequest: 0.0000004,
  snsRequest: 0.0000005,
  s3PutRequest: 0.000005,
  s3GetRequest: 0.0000004,
  eventBridgeEvent: 0.000001,
  dataTransferOutGb: 0.09,
  functionLogBytesPerInvocation: 2048,
  accessLogBytesPerRequest: 1024,
  executionLogBytesPerRequest: 8192,
  responseBytesPerRequest: 10240,
  tableReadUnitsPerInvocation: 1,
  tableWriteUnitsPerInvocation: 1,
  s3RequestsPerInvocation: 1,
  kmsRequestsPerInvocation: 1,
  messagesPerInvocation: 1,
  invocationsPerSecondPerConcurrency: LAMBDA_INVOCATIONS_PER_SECOND_PER_CONCURRENCY,
  accountConcurrency: LAMBDA_DEFAULT_ACCOUNT_CONCURRENCY,
  accountApiRequestsPerSecond: API_GATEWAY_ACCOUNT_THROTTLE.rateLimit,
});

/**
 * The prices with overrides applied. Strict: a key the model does not know, or a value that is
 * not a finite number above zero, throws an Error naming it (`where` says where it came from).
 */
export function withPriceOverrides(base: SpendPrices, overrides: unknown, where: string): SpendPrices {
  if (overrides === undefined) {
    return base;
  }
  if (overrides === null || typeof overrides !== 'object' || Array.isArray(overrides)) {
    throw new Error(`${where}: expected an object of prices, like { "lambdaRequest": 0.0000002 }`);
  }
  const result: { [key: string]: number } = { ...base };
  for (const [key, value] of Object.entries(overrides as object)) {
    if (value === undefined) {
      continue;
    }
    if (!(key in PRICE_INFO)) {
      throw new Error(`${where}: unknown price '${key}'; the keys are ${Object.keys(PRICE_INFO).join(', ')}`);
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new Error(`${where}: '${key}' is ${JSON.stringify(value)}; expected a number above zero`);
    }
    result[key] = value;
  }
  return result as unknown as SpendPrices;
}
