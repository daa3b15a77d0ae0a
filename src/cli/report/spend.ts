/**
 * Worst-case spend: the most a function can cost per hour when an attacker drives it as hard
 * as its limits allow.
 *
 * - Compute: with a concurrency cap C, at most C executions run at once, each billed for the
 *   time it runs at its memory size. Kept busy for an hour, that is C × 3,600 s × memory (GB)
 *   × the price per GB-second. The timeout does not lower this bound (an attacker invokes again
 *   as soon as an execution ends); it only bounds one invocation.
 * - Requests: Lambda accepts at most 10 requests per second per unit of concurrency (its
 *   documented requests-per-second quota is 10 × the account's concurrency; the CLI applies the
 *   same ratio to the function's cap). When every way in is an API stage with a rate limit,
 *   the sum of those limits bounds it instead, if lower.
 * - A function without a cap is bounded only by the account's concurrency quota (1,000 by
 *   default), shared with every other function; reachable from a public entry point, it is
 *   reported as unbounded.
 *
 * Duration and request prices are AWS Lambda's on-demand prices; API Gateway, data transfer,
 * provisioned concurrency and ephemeral storage above 512 MB are not counted.
 */
export interface Prices {
  /** Price per GB-second on x86_64. */
  readonly gbSecondX86: number;
  /** Price per GB-second on arm64 (Graviton). */
  readonly gbSecondArm: number;
  /** Price per request. */
  readonly request: number;
  /** The account's concurrency quota, the only cap of a function without its own. */
  readonly accountConcurrency: number;
}

/**
 * AWS Lambda's on-demand prices in US East (N. Virginia), first pricing tier: $0.0000166667
 * per GB-second on x86_64, $0.0000133334 on arm64, $0.20 per million requests; and the default
 * account concurrency quota of 1,000.
 */
export const DEFAULT_PRICES: Prices = Object.freeze({
  gbSecondX86: 0.0000166667,
  gbSecondArm: 0.0000133334,
  request: 0.0000002,
  accountConcurrency: 1000,
});

/** Requests per second that Lambda accepts per unit of concurrency. */
export const REQUESTS_PER_SECOND_PER_CONCURRENCY = 10;

/** What bounds a function's spend. */
export enum SpendBound {
  /** Its own reserved-concurrency cap. */
  CAPPED = 'capped',
  /** Only the account's concurrency quota, and nothing public reaches it. */
  ACCOUNT_QUOTA = 'account-quota',
  /** No cap, and a public entry point reaches it. */
  UNBOUNDED = 'unbounded',
}

/** The worst case of one function. */
export interface WorstCase {
  readonly bound: SpendBound;
  /** The concurrency used: the cap, or the account quota. */
  readonly concurrency: number;
  readonly requestsPerSecond: number;
  readonly computePerHour: number;
  readonly requestsPerHour: number;
  /** Compute and requests, per hour (for an unbounded function: at the account quota). */
  readonly perHour: number;
}

/** The inputs of one function's worst case. */
export interface SpendInput {
  readonly reservedConcurrency?: number;
  readonly memoryMb: number;
  readonly architecture: string;
  readonly public: boolean;
  /** The summed rate limits of its entry points, when every way in is a rate-limited API stage. */
  readonly apiRateLimit?: number;
}

/** The worst-case hourly spend of a function. */
export function worstCase(input: SpendInput, prices: Prices): WorstCase {
  const capped = input.reservedConcurrency !== undefined;
  const concurrency = capped ? input.reservedConcurrency! : prices.accountConcurrency;
  const gbSecond = input.architecture === 'arm64' ? prices.gbSecondArm : prices.gbSecondX86;
  const computePerHour = concurrency * 3600 * (input.memoryMb / 1024) * gbSecond;
  const lambdaRate = concurrency * REQUESTS_PER_SECOND_PER_CONCURRENCY;
  const requestsPerSecond = input.apiRateLimit !== undefined ? Math.min(lambdaRate, input.apiRateLimit) : lambdaRate;
  const requestsPerHour = requestsPerSecond * 3600 * prices.request;
  const bound = capped ? SpendBound.CAPPED : input.public ? SpendBound.UNBOUNDED : SpendBound.ACCOUNT_QUOTA;
  return { bound, concurrency, requestsPerSecond, computePerHour, requestsPerHour, perHour: computePerHour + requestsPerHour };
}
