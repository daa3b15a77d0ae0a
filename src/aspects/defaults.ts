import { SECURE_FUNCTION_DEFAULTS } from '../function/defaults';

/**
 * The values `SecureDefaults` sets where a stack sets none, in one place. Each is quoted in the
 * `@default` of the prop that overrides it. The function values are `SecureFunction`'s own, so
 * that a stack hardened by the aspect and one built with this library's constructs agree.
 */
export const SECURE_DEFAULTS = Object.freeze({
  /** The reserved-concurrency cap of functions that have none: 10, as `SecureFunction`. */
  reservedConcurrentExecutions: SECURE_FUNCTION_DEFAULTS.reservedConcurrentExecutions,
  /** The retention of log groups that have none: one year, as `SecureFunction`'s log group. */
  logGroupRetention: SECURE_FUNCTION_DEFAULTS.logGroupRetention,
  /**
   * Stage-wide steady-state rate of API stages that have none, in requests per second: far
   * below the account's 10,000, which every API of the account and region shares.
   */
  throttlingRateLimit: 100,
  /** Stage-wide burst of API stages that have none, in requests: twice the rate. */
  throttlingBurstLimit: 200,
});

/** The prefix of every annotation `SecureDefaults` writes, so that users can find them all. */
export const ANNOTATION_PREFIX = 'SecureDefaults:';

/** The prefix of the ids of the warnings `SecureDefaults` writes (acknowledge them with this id). */
export const WARNING_ID_PREFIX = 'cdk-secure-serverless:SecureDefaults';
