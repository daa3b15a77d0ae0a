/**
 * The AWS account quotas that decide whether a cap caps anything. The rules, the constructs'
 * validation and the spend model share these numbers. Neutral policy model: imports no construct.
 */

/**
 * API Gateway's default account-level throttle per Region: 10,000 requests per second in steady
 * state, bursts of 5,000, shared by every API of the account. A stage, route or usage-plan limit
 * at or above it never binds before the account's own limit does, so it caps nothing.
 */
export const API_GATEWAY_ACCOUNT_THROTTLE = { rateLimit: 10_000, burstLimit: 5_000 } as const;

/** Lambda's default concurrent-executions quota per account and Region: a cap above it caps nothing. */
export const LAMBDA_DEFAULT_ACCOUNT_CONCURRENCY = 1000;

/**
 * Lambda's invocation-rate quota is 10 × the concurrency quota requests per second: the rate one
 * unit of concurrency can be invoked at, which bounds a capped function's invocations.
 */
export const LAMBDA_INVOCATIONS_PER_SECOND_PER_CONCURRENCY = 10;
