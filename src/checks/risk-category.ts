/**
 * The risk a rule guards against. Every rule of `ServerlessSecurityChecks` has exactly one;
 * the CLI reports it as `risk` and SARIF carries it as a tag.
 */
export enum RiskCategory {
  /** Permissions broader than the function or user needs. */
  LEAST_PRIVILEGE = 'least-privilege',
  /** Unbounded scaling that an attacker can turn into a bill ("billing denial of service"). */
  BILLING_DOS = 'billing-dos',
  /** Missing request-rate limits on an entry point. */
  THROTTLING = 'throttling',
  /** An entry point or resource reachable without authentication. */
  AUTHENTICATION = 'authentication',
  /** Secrets in plaintext, or secrets that never rotate. */
  SECRETS = 'secrets',
  /** Data stored without (customer-managed) encryption. */
  ENCRYPTION_AT_REST = 'encryption-at-rest',
  /** Data that may travel without TLS, or with old TLS. */
  ENCRYPTION_IN_TRANSIT = 'encryption-in-transit',
  /** A resource open to the internet or to any AWS account. */
  PUBLIC_ACCESS = 'public-access',
  /** Event or request input accepted without validation. */
  INPUT_VALIDATION = 'input-validation',
  /** Missing logs, traces, metrics or retention. */
  OBSERVABILITY = 'observability',
  /** Secrets or personal data written to logs. */
  SENSITIVE_LOGGING = 'sensitive-logging',
  /** Unsigned code or unpatched runtimes and dependencies. */
  SUPPLY_CHAIN = 'supply-chain',
  /** Data that a deletion, an overwrite or a failure can lose for good. */
  DATA_LOSS = 'data-loss',
}
