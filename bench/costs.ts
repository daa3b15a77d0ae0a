/**
 * Fixed monthly cost, in US dollars, of what each construct creates at its defaults, before any
 * traffic; us-east-1 list prices as of 2026-11: CloudWatch standard-resolution alarm $0.10 per
 * month, KMS customer-managed key $1 per month, SNS topic and SQS queue nothing while idle,
 * log groups nothing until they store data.
 */
export const MONTHLY_FIXED_COST: { readonly [construct: string]: { readonly perInstance: number; readonly perStack: number } } = {
  // Two alarms per function; the stack key once per stack.
  'SecureFunction': { perInstance: 0.2, perStack: 1.0 },
  // The same, and an idle dead-letter queue, which costs nothing.
  'SecureFunction, asynchronous': { perInstance: 0.2, perStack: 1.0 },
  // A WAF web ACL ($5) with four rules ($1 each); the stack key and the backend's alarms once.
  'SecureApi': { perInstance: 9.0, perStack: 1.2 },
  // Nothing fixed but the stack key (bucket, log bucket and storage are usage).
  'SecureBucket': { perInstance: 0, perStack: 1.0 },
  'SecureTable': { perInstance: 0, perStack: 1.0 },
};
