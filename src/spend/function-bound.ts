/**
 * The limits of one function as the worst-case model reads them: the concurrency that caps it,
 * its memory, architecture and timeout. The bill walks a path through these limits; the
 * report's inventory shows each function's own bound from the same numbers, so there is one
 * model of what a function can cost.
 */
import { SpendPrices } from './prices';
import { numberOf } from './template';
import { asList } from '../policy/template-json';

/** Lambda's defaults for what a function leaves out. */
export const LAMBDA_DEFAULT_MEMORY_MB = 128;
export const LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;

/** A number as the report prints it: grouped thousands, at most four decimals. */
export function fmt(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 4 });
}

/** The cap that binds a function's concurrency, with the words and the prop that set it. */
export interface ConcurrencyCap {
  readonly value: number;
  readonly limit: string;
  readonly fix: string;
}

/** What limits one function. */
export interface FunctionLimits {
  /** The executions that can run at once: the tightest cap, else the account's quota. */
  readonly concurrency: number;
  /** The tightest useful cap; undefined when only the account's quota bounds it. */
  readonly cap?: ConcurrencyCap;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly arm: boolean;
  /** Caps that bound nothing useful (above the account's quota). */
  readonly notes: readonly string[];
}

/**
 * The limits of a function from its properties. Reserved concurrency, and an event source's
 * `MaximumConcurrency` (`maxConcurrency`), cap it; a cap above the account's quota caps nothing.
 */
export function functionLimits(logicalId: string, properties: { readonly [key: string]: any }, parameterDefaults: ReadonlyMap<string, unknown>,
  prices: SpendPrices, maxConcurrency?: number): FunctionLimits {
  const notes: string[] = [];
  let reserved = numberOf(properties.ReservedConcurrentExecutions, parameterDefaults);
  if (reserved !== undefined && reserved > prices.accountConcurrency) {
    notes.push(`reserved concurrency ${fmt(reserved)} on ${logicalId} is above the account quota of ${fmt(prices.accountConcurrency)}: it bounds nothing useful`);
    reserved = undefined;
  }
  const eventSource = maxConcurrency !== undefined && maxConcurrency <= prices.accountConcurrency ? maxConcurrency : undefined;
  const caps: ConcurrencyCap[] = [];
  if (reserved !== undefined) {
    caps.push({ value: reserved, limit: `reserved concurrency ${fmt(reserved)} of ${logicalId}`, fix: `lower reservedConcurrentExecutions of ${logicalId}` });
  }
  if (eventSource !== undefined) {
    caps.push({ value: eventSource, limit: `event source MaximumConcurrency ${fmt(eventSource)} into ${logicalId}`, fix: `lower the event source's maxConcurrency into ${logicalId}` });
  }
  const cap = caps.sort((a, b) => a.value - b.value)[0];
  return {
    concurrency: cap?.value ?? prices.accountConcurrency,
    cap,
    memoryMb: numberOf(properties.MemorySize, parameterDefaults) ?? LAMBDA_DEFAULT_MEMORY_MB,
    timeoutSeconds: numberOf(properties.Timeout, parameterDefaults) ?? LAMBDA_DEFAULT_TIMEOUT_SECONDS,
    arm: asList(properties.Architectures as unknown[])[0] === 'arm64',
    notes,
  };
}

/** The invocations per second the concurrency allows: Lambda's 10 per second per unit of concurrency. */
export function invocationCeiling(limits: FunctionLimits, prices: SpendPrices): number {
  return limits.concurrency * prices.invocationsPerSecondPerConcurrency;
}

/**
 * Executions busy at once at an invocation rate: each runs at most its timeout, and no more
 * than the concurrency run together (null: no rate bound, so the concurrency).
 */
export function busyExecutions(limits: FunctionLimits, invocationsPerSecond: number | null): number {
  return invocationsPerSecond === null ? limits.concurrency : Math.min(invocationsPerSecond * limits.timeoutSeconds, limits.concurrency);
}

/** The price of one GB-second of the function's architecture. */
export function gbSecondPrice(limits: FunctionLimits, prices: SpendPrices): number {
  return limits.arm ? prices.lambdaGbSecondArm : prices.lambdaGbSecondX86;
}

/** What bounds a function's own spend. */
export enum SpendBound {
  /** Its own reserved-concurrency cap. */
  CAPPED = 'capped',
  /** Only the account's concurrency quota, and nothing public reaches it. */
  ACCOUNT_QUOTA = 'account-quota',
  /** No cap, and a public entry point reaches it. */
  UNBOUNDED = 'unbounded',
}

/** A function's own worst case per hour: Lambda compute and requests driven at its limits. */
export interface FunctionBound {
  readonly bound: SpendBound;
  /** The concurrency used: the cap, or the account quota. */
  readonly concurrency: number;
  readonly requestsPerSecond: number;
  readonly computePerHour: number;
  readonly requestsPerHour: number;
  /** Compute and requests, per hour (for an unbounded function: at the account quota). */
  readonly perHour: number;
}

/**
 * A function's own bound, whatever path reaches it: invocations at its concurrency ceiling (or
 * `apiRateLimit`, the summed rate limits of its entry points when every way in is a rate-limited
 * API, if lower), compute at the executions that keeps busy. The bill prices the whole path.
 */
export function functionBound(limits: FunctionLimits, prices: SpendPrices, isPublic: boolean, apiRateLimit?: number): FunctionBound {
  const ceiling = invocationCeiling(limits, prices);
  const requestsPerSecond = apiRateLimit !== undefined ? Math.min(ceiling, apiRateLimit) : ceiling;
  const computePerHour = busyExecutions(limits, requestsPerSecond) * 3600 * (limits.memoryMb / 1024) * gbSecondPrice(limits, prices);
  const requestsPerHour = requestsPerSecond * 3600 * prices.lambdaRequest;
  const bound = limits.cap !== undefined ? SpendBound.CAPPED : isPublic ? SpendBound.UNBOUNDED : SpendBound.ACCOUNT_QUOTA;
  return { bound, concurrency: limits.concurrency, requestsPerSecond, computePerHour, requestsPerHour, perHour: computePerHour + requestsPerHour };
}
