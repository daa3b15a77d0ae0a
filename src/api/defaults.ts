import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * The secure defaults of `SecureApi` and `SecureHttpApi`, in one place. Each is quoted in the
 * `@default` of the prop that overrides it.
 */
export const SECURE_API_DEFAULTS = Object.freeze({
  /**
   * Stage-wide steady-state rate, in requests per second: far below the account's 10,000, which
   * every API of the account and region shares. The same value `SecureDefaults` sets.
   */
  throttlingRateLimit: 100,
  /** Stage-wide burst, in requests: twice the rate. The same value `SecureDefaults` sets. */
  throttlingBurstLimit: 200,
  /** Execution logs carry errors only; INFO logs every request's flow and fills the log group. */
  loggingLevel: apigateway.MethodLoggingLevel.ERROR,
  /** Access logs are audit evidence, kept as long as the functions' own logs. */
  accessLogRetention: logs.RetentionDays.ONE_YEAR,
  /**
   * Requests from one client IP address in any 5 minutes before the web ACL's rate-based rule
   * blocks that address: about 3 a second, sustained. A browser session or a mobile app stays
   * well below; a scraper or credential-stuffing script does not.
   */
  wafRateLimit: 1000,
  /** The stage name of the REST API's deployment stage. */
  stageName: 'prod',
});

/** The AWS managed rule groups the web ACL evaluates, in priority order. None has a subscription fee. */
export const WAF_MANAGED_RULE_GROUPS: ReadonlyArray<string> = Object.freeze([
  // The OWASP-style core: cross-site scripting, path traversal, oversized bodies, bad user agents.
  'AWSManagedRulesCommonRuleSet',
  // Request patterns known to exploit vulnerabilities (Log4j JNDI lookups, Java deserialization…).
  'AWSManagedRulesKnownBadInputsRuleSet',
  // Addresses that Amazon threat intelligence saw in bot traffic, reconnaissance and attacks.
  'AWSManagedRulesAmazonIpReputationList',
]);

/** AWS WAF's own bounds of a rate-based rule's limit, in requests per evaluation window. */
export const WAF_RATE_LIMIT_RANGE = Object.freeze({ min: 10, max: 2_000_000_000 });

/**
 * The security headers of every error response that API Gateway itself sends (DEFAULT_4XX,
 * DEFAULT_5XX): the browser must reach the API over HTTPS only, must not guess content types,
 * frame the response or cache it.
 */
export const SECURITY_HEADERS: Readonly<{ [name: string]: string }> = Object.freeze({
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
});
