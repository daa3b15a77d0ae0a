import { Token } from 'aws-cdk-lib';
import { possibleStrings, PossibleString, TemplateContext, TemplateParameter } from './intrinsics';

/**
 * Judges whether an environment variable holds a plaintext secret, by its name and its value.
 * Neutral policy model: imports no construct, so both `SecureFunction` and the rules read it.
 *
 * A name is split into words (`dbPassword`, `DB_PASSWORD` and `db-password` are all `DB PASSWORD`)
 * and judged by its last credential word and the words after it:
 * - nothing after it (`DB_PASSWORD`, `apiKey`, `MYSQL_PWD`, `PGPASSWORD`): a secret, unless the
 *   value is a reference (an ARN, an SSM parameter path, a plain SSM dynamic reference);
 * - a word that describes the credential (`TOKEN_ISSUER`, `PASSWORD_MIN_LENGTH`, `SECRET_KEY_PREFIX`):
 *   not judged by its name;
 * - a word that says where the credential lives (`_ARN`, `_NAME`, `_ID`, `_PARAM`, `_PATH`, `_REF`):
 *   excused only when the value also looks like a reference or a resource name, i.e. is made of
 *   letters, digits and `_.-/` only. `DB_PASSWORD_PATH: 'hunter2-Secr3t!'` is a password.
 * A value that starts with `/` or `arn:` is a reference only when it is a whole path or ARN:
 * `/p@ss w0rd!` and `arn:not-really` are not. Whatever the name, a value in a known credential
 * format, or long and of high entropy, is a secret.
 */

/** Why an environment variable was judged to hold a secret. Never contains the value itself. */
export interface SecretSuspicion {
  /** A short description of what matched, safe to print. */
  readonly reason: string;
}

/** Words that say "this is a credential", matched on the words of the name (see `nameWords`). */
const SECRET_WORDS: ReadonlySet<string> = new Set([
  'PASSWORD', 'PASSWORDS', 'PASSWD', 'PASSPHRASE', 'SECRET', 'SECRETS', 'TOKEN', 'TOKENS', 'APIKEY', 'PRIVATEKEY',
  'CREDENTIAL', 'CREDENTIALS', 'ACCESSKEY', 'AUTHKEY', 'SIGNINGKEY', 'ENCRYPTIONKEY',
]);

/**
 * Words that are a password only as the last word of a longer name (`DB_PASS`, `MYSQL_PWD`), or
 * `PASS` alone: `PASS_THROUGH` is no password, and `PWD` alone is the shell's working directory.
 */
const LAST_WORD_PASSWORDS: ReadonlySet<string> = new Set(['PASS', 'PWD']);

/** The first word of a two-word credential name whose second word is `KEY` (`API_KEY`, `apiKey`). */
const KEY_QUALIFIERS: ReadonlySet<string> = new Set(['API', 'PRIVATE', 'ACCESS', 'AUTH', 'SIGNING', 'ENCRYPTION']);

/** A word that glues a prefix to a password (`PGPASSWORD`, `MYSQLPASSWORD`). */
const GLUED_PASSWORD = /^[A-Z0-9]+(PASSWORD|PASSWD)$/;

/**
 * Words after the credential word that make the name describe the credential rather than hold
 * it: `TOKEN_ISSUER`, `PASSWORD_MIN_LENGTH`, `PASSWORD_RESET_URL`, `SECRET_KEY_PREFIX`.
 */
const DESCRIPTION_WORDS: ReadonlySet<string> = new Set([
  'URL', 'URLS', 'URI', 'ENDPOINT', 'HOST', 'PORT', 'HEADER', 'FIELD', 'TTL', 'SECONDS', 'MINUTES', 'HOURS', 'DAYS',
  'EXPIRY', 'EXPIRES', 'EXPIRATION', 'LENGTH', 'SIZE', 'TIMEOUT', 'ENABLED', 'DISABLED', 'LEVEL', 'TABLE', 'BUCKET',
  'QUEUE', 'TOPIC', 'REGION', 'VERSION', 'TYPE', 'ISSUER', 'AUDIENCE', 'POLICY', 'PREFIX', 'SUFFIX', 'FORMAT',
  'ALGORITHM', 'ROTATION', 'COUNT', 'LIMIT', 'CACHE',
]);

/** Words after the credential word that make the name say where the credential lives. */
const REFERENCE_WORDS: ReadonlySet<string> = new Set(['ARN', 'ARNS', 'NAME', 'ID', 'PARAM', 'PARAMETER', 'PATH', 'REF']);

/** Literal values that are never secrets, whatever the variable is called. */
const HARMLESS_VALUE = /^(true|false|yes|no|on|off|enabled|disabled|none|null|undefined|\d+(\.\d+)?|)$/i;

/** An ARN: partition, service, region, account (12 digits, `aws` or none) and a resource without spaces. */
const ARN = /^arn:aws(-[a-z]+)*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}|aws)?:\S+$/;

/** An SSM parameter path: segments of letters, digits and `_.-`, each after a `/`. */
const SSM_PATH = /^(\/[A-Za-z0-9_.-]+)+\/?$/;

/** A dynamic reference to a plain (not SecureString) SSM parameter, which resolves to no secret. */
const SSM_DYNAMIC_REFERENCE = /^\{\{resolve:ssm:[^{}\s]+\}\}$/;

/**
 * The name of a parameter or secret: letters, digits and `_.-/` only, starting with a letter or
 * digit. No spaces and none of the punctuation passwords are made of (`!@#$%^&*+=:?…`).
 */
const RESOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9_./-]*$/;

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

/** Shortest value the entropy test looks at: shorter random strings are rarely credentials. */
const HIGH_ENTROPY_MIN_LENGTH = 24;
/** Bits per character above which a long, mixed string is taken for random key material. */
const HIGH_ENTROPY_BITS_PER_CHAR = 4.0;

/** Stands for a piece only the deployment decides, in the text of a partly known value. */
const UNKNOWN_PIECE = '\u0000';

/**
 * Known text that assembles a dynamic reference to a secret: the service is `secretsmanager` or
 * `ssm-secure`, or only the deployment decides it.
 */
const ASSEMBLED_SECRET_REFERENCE = /\{\{resolve:(secretsmanager:|ssm-secure:|[a-z-]*\u0000)/;

/**
 * Judges whether an environment variable holds a plaintext secret (see the rules at the top of
 * this file). A value that is a token (an ARN, a `Ref`, a secret's ARN) is a reference, not a
 * secret, and is never flagged.
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
  if (HARMLESS_VALUE.test(trimmed) || isReference(trimmed)) {
    return undefined;
  }
  const credential = credentialInName(name);
  if (credential !== undefined && (credential.after === 'nothing' || (credential.after === 'reference' && !RESOURCE_NAME.test(trimmed)))) {
    return { reason: `its name contains ${credential.word}` };
  }
  if (looksRandom(trimmed)) {
    return { reason: `its value is a long, high-entropy string (${trimmed.length} characters), the shape of key material` };
  }
  return undefined;
}

/**
 * Judges an environment variable as a rendered template holds it: a literal, or a CloudFormation
 * value object (`Fn::Join`, `Fn::Sub`, `Fn::If`, a `Ref` to a parameter…). Each string the value
 * may take (`possibleStrings`) is judged: a password split across a `Fn::Join` of literals is a
 * password, and so is a parameter's Default. Of a string with pieces only the deployment decides,
 * only known text that assembles a dynamic reference to a secret (`{{resolve:secretsmanager:…`)
 * is a secret: the unknown pieces are references, not secrets written in the template.
 */
export function suspectSecretInTemplate(name: string, value: unknown, context?: TemplateContext): SecretSuspicion | undefined {
  for (const candidate of possibleStrings(value, withoutSsmParameters(context))) {
    const suspicion = candidate.complete ? suspectSecret(name, candidate.text) : suspectPartial(candidate);
    if (suspicion) {
      return suspicion;
    }
  }
  return undefined;
}

function suspectPartial(candidate: PossibleString): SecretSuspicion | undefined {
  const text = candidate.segments.map(segment => (typeof segment === 'string' ? segment : UNKNOWN_PIECE)).join('');
  return ASSEMBLED_SECRET_REFERENCE.test(text)
    ? { reason: 'its value assembles a dynamic reference to a secret, which CloudFormation resolves into the plaintext value' }
    : undefined;
}

/**
 * The context without the parameters of an `AWS::SSM::Parameter::Value<…>` type: their Default
 * names an SSM parameter, while their value is the parameter's value, known only at deployment.
 */
function withoutSsmParameters(context: TemplateContext | undefined): TemplateContext | undefined {
  const parameters = context?.parameters;
  if (parameters === undefined) {
    return context;
  }
  const kept: { [name: string]: TemplateParameter } = {};
  for (const [parameterName, parameter] of Object.entries(parameters)) {
    if (!(typeof parameter?.Type === 'string' && parameter.Type.startsWith('AWS::SSM::Parameter::Value'))) {
      kept[parameterName] = parameter;
    }
  }
  return { ...context, parameters: kept };
}

/** Whether a value says where a secret lives: a whole ARN, SSM parameter path or plain SSM dynamic reference. */
function isReference(value: string): boolean {
  return ARN.test(value) || SSM_PATH.test(value) || SSM_DYNAMIC_REFERENCE.test(value);
}

/** The last credential word of a name, and what kind of word follows it. */
interface CredentialInName {
  /** The credential word, as the reason names it (`PASSWORD`, `API_KEY`). */
  readonly word: string;
  /** What follows it: nothing, a word saying where it lives, or a word describing it. */
  readonly after: 'nothing' | 'reference' | 'description';
}

function credentialInName(name: string): CredentialInName | undefined {
  const words = nameWords(name);
  for (let index = words.length - 1; index >= 0; index--) {
    const word = credentialWord(words, index);
    if (word === undefined) {
      continue;
    }
    const following = words.slice(index + 1);
    const after = following.some(w => DESCRIPTION_WORDS.has(w)) ? 'description'
      : following.some(w => REFERENCE_WORDS.has(w)) ? 'reference' : 'nothing';
    return { word, after };
  }
  return undefined;
}

/** The credential word at `index` of the name's words, if that word is one. */
function credentialWord(words: readonly string[], index: number): string | undefined {
  const word = words[index];
  if (SECRET_WORDS.has(word) || GLUED_PASSWORD.test(word)) {
    return word;
  }
  if (word === 'KEY' && index > 0 && KEY_QUALIFIERS.has(words[index - 1])) {
    return `${words[index - 1]}_KEY`;
  }
  const last = index === words.length - 1;
  if (last && LAST_WORD_PASSWORDS.has(word) && (word === 'PASS' || words.length > 1)) {
    return word;
  }
  return undefined;
}

/**
 * The upper-cased words of a name: camelCase is split (`dbPassword` is `DB PASSWORD`,
 * `APIKey` is `API KEY`) and anything but letters and digits separates words.
 */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(word => word.length > 0);
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
