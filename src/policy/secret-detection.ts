import { Token } from 'aws-cdk-lib';

/** Why an environment variable was judged to hold a secret. Never contains the value itself. */
export interface SecretSuspicion {
  /** A short description of what matched, safe to print. */
  readonly reason: string;
}

/** Names that say "this is a credential". Matched on the upper-cased name, word by word. */
const SECRET_NAME = /(^|_)(PASSWORD|PASSWD|PASSPHRASE|SECRET|SECRETS|TOKEN|API_?KEY|APIKEY|PRIVATE_?KEY|CREDENTIALS?|ACCESS_?KEY|AUTH_?KEY|CLIENT_SECRET|SIGNING_?KEY|ENCRYPTION_?KEY)(_|$)/;

/** Suffixes that make a secret-sounding name a reference to a secret rather than the secret. */
const REFERENCE_SUFFIX = /_(ARN|ARNS|NAME|ID|ARN_PARAM|PARAM|PARAMETER|PARAMETER_NAME|PATH|REF|URL|HEADER|TTL|TTL_SECONDS|EXPIRY|EXPIRES|EXPIRATION|LENGTH|TIMEOUT|ENABLED|DISABLED|LEVEL|LOG_LEVEL|TABLE|TABLE_NAME|BUCKET|QUEUE|TOPIC|REGION|VERSION|TYPE)$/;

/** Literal values that are never secrets, whatever the variable is called. */
const HARMLESS_VALUE = /^(true|false|yes|no|on|off|enabled|disabled|none|null|undefined|\d+(\.\d+)?|)$/i;

/** Values that are references to where a secret lives (ARNs, SSM parameter paths, plain SSM dynamic references). */
const REFERENCE_VALUE = /^(arn:aws[a-z-]*:|\{\{resolve:ssm:|\/[A-Za-z0-9_.\-/]+$)/;

/** Well-known credential formats, by their fixed prefixes. */
const KNOWN_CREDENTIAL_FORMATS: ReadonlyArray<{ readonly pattern: RegExp; readonly what: string }> = [
  {
    pattern: /\{\{resolve:(secretsmanager|ssm-secure):/,
    what: 'a dynamic reference to a secret, which CloudFormation resolves into the plaintext value (SecretValue.unsafeUnwrap())',
  },
  { pattern: /\b(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/, what: 'an AWS access key id' },
  { pattern: /-----BEGIN ([A-Z]+ )*PRIVATE KEY( BLOCK)?-----/, what: 'a private key block' },
  { pattern: /\b[sr]k_live_[0-9A-Za-z]{16,}/, what: 'a Stripe live key' },
  { pattern: /\b(ghp|gho|ghu|ghs|ghr)_[0-9A-Za-z]{36}\b|\bgithub_pat_[0-9A-Za-z_]{22,}/, what: 'a GitHub token' },
  { pattern: /\bglpat-[0-9A-Za-z_-]{20}\b/, what: 'a GitLab token' },
  { pattern: /\bxox[abposr]-[0-9A-Za-z-]{10,}/, what: 'a Slack token' },
  { pattern: /\bAIza[0-9A-Za-z_-]{35}\b/, what: 'a Google API key' },
  { pattern: /\bSG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43}\b/, what: 'a SendGrid API key' },
  { pattern: /\bnpm_[0-9A-Za-z]{36}\b/, what: 'an npm token' },
  { pattern: /\bsk-(proj-|ant-)?[0-9A-Za-z_-]{20,}/, what: 'an OpenAI or Anthropic API key' },
  { pattern: /\beyJ[0-9A-Za-z_-]{8,}\.eyJ[0-9A-Za-z_-]{8,}\.[0-9A-Za-z_-]{8,}/, what: 'a JSON Web Token' },
  { pattern: /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, what: 'a URL with a password in it' },
];

/** Shortest value the entropy test looks at: shorter random strings are rarely credentials. */
const HIGH_ENTROPY_MIN_LENGTH = 24;
/** Bits per character above which a long, mixed string is taken for random key material. */
const HIGH_ENTROPY_BITS_PER_CHAR = 4.0;

/**
 * Judges whether an environment variable holds a plaintext secret.
 *
 * Values that are tokens (an ARN, a `Ref`, a secret's ARN) are references, not secrets, and are
 * never flagged; neither are names that end in a reference suffix (`_ARN`, `_NAME`, `_PARAM`…)
 * unless the value itself has the shape of a credential.
 *
 * @returns why it looks like a secret, or `undefined` when it does not
 */
export function suspectSecret(name: string, value: string): SecretSuspicion | undefined {
  if (Token.isUnresolved(value)) {
    return undefined;
  }
  const known = KNOWN_CREDENTIAL_FORMATS.find(format => format.pattern.test(value));
  if (known) {
    return { reason: `its value has the format of ${known.what}` };
  }
  const trimmed = value.trim();
  if (HARMLESS_VALUE.test(trimmed) || REFERENCE_VALUE.test(trimmed)) {
    return undefined;
  }
  const upperName = name.toUpperCase();
  const nameMatch = SECRET_NAME.exec(upperName);
  if (nameMatch && !REFERENCE_SUFFIX.test(upperName)) {
    return { reason: `its name contains ${nameMatch[2]}` };
  }
  if (looksRandom(trimmed)) {
    return { reason: `its value is a long, high-entropy string (${trimmed.length} characters), the shape of key material` };
  }
  return undefined;
}

/** A long string without spaces, of mixed character classes, whose characters are close to random. */
function looksRandom(value: string): boolean {
  if (value.length < HIGH_ENTROPY_MIN_LENGTH || /\s/.test(value) || value.includes('://')) {
    return false;
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter(c => c.test(value)).length;
  return classes >= 3 && shannonEntropy(value) >= HIGH_ENTROPY_BITS_PER_CHAR;
}

/** Shannon entropy of the string's characters, in bits per character. */
function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) {
    counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}
