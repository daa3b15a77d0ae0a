import { Duration, RemovalPolicy } from 'aws-cdk-lib';

/**
 * The secure defaults of `SecureSecret`, in one place. Each is quoted in the `@default` of the
 * prop that overrides it.
 */
export const SECURE_SECRET_DEFAULTS = Object.freeze({
  /**
   * Rotate monthly: the interval the CDK, Secrets Manager's console and the compliance packs
   * (PCI DSS 8.2.4 asks for 90 days at most) all accept.
   */
  automaticallyAfter: Duration.days(30),
  /** A deleted secret is gone after its 7 to 30 day recovery window: whatever used it breaks for good. */
  removalPolicy: RemovalPolicy.RETAIN,
  /** Only the principals granted through the secret may read its value (see `ReadRestriction`). */
  restrictReadsToGrantees: true,
});

/**
 * Secrets Manager's bounds for a rotation interval. A `rate()` expression counts whole hours or
 * whole days; the service rotates at most every four hours and `AutomaticallyAfterDays` stops
 * at 1000 days. An interval of a day or more must be whole days, because an hourly rate longer
 * than a day is not a schedule the service documents.
 */
export const ROTATION_INTERVAL_BOUNDS = Object.freeze({
  minHours: 4,
  maxDays: 1000,
});
