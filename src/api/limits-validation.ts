import { Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { API_GATEWAY_ACCOUNT_THROTTLE } from '../policy/quotas';

/** Throws the construct's validation error: a stable name, the problem naming the prop, and the fix. */
export type Fail = (name: string, problem: string, fix: string) => never;

/**
 * Refuses a rate limit (requests per second) that is not a positive number. Zero would reject
 * every request; API Gateway treats a negative limit as "no limit".
 */
export function checkRateLimit(fail: Fail, prop: string, value: number | undefined): void {
  if (value === undefined || Token.isUnresolved(value)) {
    return;
  }
  if (!Number.isFinite(value) || value <= 0) {
    fail('InvalidRateLimit', `${prop} is ${value}; 0 rejects every request and a negative rate means no limit at all.`,
      `set ${prop} to a number of requests per second above 0.`);
  }
  if (value >= API_GATEWAY_ACCOUNT_THROTTLE.rateLimit) {
    fail('ThrottleCapsNothing', `${prop} is ${value}; at or above API Gateway's account-wide ${API_GATEWAY_ACCOUNT_THROTTLE.rateLimit} requests per second it never binds, so it caps nothing.`,
      `set ${prop} below ${API_GATEWAY_ACCOUNT_THROTTLE.rateLimit}, to the rate the backend and the budget can take.`);
  }
}

/** Refuses a burst limit (requests) that is not a whole number of at least 1. */
export function checkBurstLimit(fail: Fail, prop: string, value: number | undefined): void {
  if (value === undefined || Token.isUnresolved(value)) {
    return;
  }
  if (!Number.isInteger(value) || value <= 0) {
    fail('InvalidBurstLimit', `${prop} is ${value}; 0 rejects every request, a negative burst means no limit, and a burst is a whole number of requests.`,
      `set ${prop} to a whole number of requests of at least 1.`);
  }
  if (value >= API_GATEWAY_ACCOUNT_THROTTLE.burstLimit) {
    fail('ThrottleCapsNothing', `${prop} is ${value}; at or above API Gateway's account-wide burst of ${API_GATEWAY_ACCOUNT_THROTTLE.burstLimit} requests it never binds, so it caps nothing.`,
      `set ${prop} below ${API_GATEWAY_ACCOUNT_THROTTLE.burstLimit}.`);
  }
}

/**
 * Refuses a route or method throttle above the stage's: it would lift, for that route, the cap
 * the stage sets (the pack's ApiMethodThrottleOverride).
 */
export function checkOverrideWithinStage(
  fail: Fail, prop: string, override: apigateway.ThrottleSettings, stage: apigateway.ThrottleSettings | undefined,
): void {
  for (const limit of ['rateLimit', 'burstLimit'] as const) {
    const mine = override[limit];
    const stages = stage?.[limit];
    if (mine === undefined || stages === undefined || Token.isUnresolved(mine) || Token.isUnresolved(stages)) {
      continue;
    }
    if (mine > stages) {
      fail('ThrottleAboveStage', `${prop}.${limit} is ${mine}, above the stage's ${stages}: it lifts the stage's cap for this route.`,
        `set ${prop}.${limit} to at most ${stages}, or raise the stage's throttle instead.`);
    }
  }
}

/** Refuses a throttle whose rate or burst is invalid, or that sets one without the other. */
export function checkThrottle(fail: Fail, prop: string, throttle: apigateway.ThrottleSettings | undefined, requireBoth: boolean): void {
  if (throttle === undefined) {
    return;
  }
  checkRateLimit(fail, `${prop}.rateLimit`, throttle.rateLimit);
  checkBurstLimit(fail, `${prop}.burstLimit`, throttle.burstLimit);
  if (requireBoth && (throttle.rateLimit === undefined || throttle.burstLimit === undefined)) {
    fail('IncompleteThrottle', `${prop} sets ${throttle.rateLimit === undefined ? 'no rateLimit' : 'no burstLimit'}; without it the limit is the stage's or the account's.`,
      `set both ${prop}.rateLimit and ${prop}.burstLimit.`);
  }
}

/** Refuses a quota without a period or with a limit or offset that is not a whole number in range. */
export function checkQuota(fail: Fail, prop: string, quota: apigateway.QuotaSettings): void {
  const limit = quota.limit;
  if (limit === undefined) {
    fail('IncompleteQuota', `${prop} has no limit, so it caps nothing.`, `set ${prop}.limit to the number of requests allowed per period.`);
  }
  if (!Token.isUnresolved(limit) && (!Number.isInteger(limit) || limit! <= 0)) {
    fail('InvalidQuotaLimit', `${prop}.limit is ${limit}; a quota of 0 rejects every request and a quota is a whole number of requests.`,
      `set ${prop}.limit to a whole number of at least 1.`);
  }
  if (quota.period === undefined) {
    fail('QuotaWithoutPeriod', `${prop} has a limit but no period, and API Gateway needs the period the limit applies to.`,
      `set ${prop}.period to apigateway.Period.DAY, WEEK or MONTH.`);
  }
  const offset = quota.offset;
  if (offset !== undefined && !Token.isUnresolved(offset) && (!Number.isInteger(offset) || offset < 0)) {
    fail('InvalidQuotaOffset', `${prop}.offset is ${offset}; the offset is a whole number of days (or hours) from the start of the period.`,
      `set ${prop}.offset to a whole number of at least 0, or leave it out.`);
  }
}

/** Refuses an empty or blank reason: an empty reason is no reason. */
export function checkReason(fail: Fail, prop: string, reason: string | undefined): void {
  if (reason !== undefined && reason.trim().length === 0) {
    fail('EmptyReason', `${prop} is empty.`, `write in ${prop} why this exception is acceptable; reviewers read it.`);
  }
}
