/**
 * THE one judgement of whether a policy statement's `Condition` narrows who may use it, or from
 * where: every rule, the aspect and the CLI report ask this function, so a condition that only
 * looks like a scope (`StringLike aws:SourceAccount "*"`, `StringNotEquals aws:PrincipalOrgID`)
 * is judged the same everywhere. Neutral policy model: imports no construct.
 *
 * A condition narrows only when a positive operator pins values that are not wildcards for a key
 * that identifies the caller or the source of the request. It does not narrow with negated
 * operators (they grant everyone outside the named set), `…IfExists` (true when the key is absent),
 * `Null`, `ForAllValues:` (vacuously true when the key is absent), wildcard values, the whole
 * internet (`0.0.0.0/0`, `::/0`), keys the caller controls (`aws:Referer`, `aws:UserAgent`) or keys
 * unrelated to who calls (`aws:SecureTransport`).
 */

/** Keys that identify the caller or the source of a request (lower case). */
const IDENTIFYING_KEYS = new Set([
  'aws:sourceaccount', 'aws:sourcearn', 'aws:sourceowner', 'aws:sourceorgid', 'aws:sourceorgpaths',
  'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount', 'aws:principalarn',
  'aws:principalservicename', 'aws:userid', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourceip',
  'kms:calleraccount', 'lambda:eventsourcetoken',
]);

/** Keys whose value is an account ID: any wildcard in one pins no account. */
const ACCOUNT_KEYS = new Set(['aws:sourceaccount', 'aws:sourceowner', 'aws:principalaccount', 'kms:calleraccount']);

/** Operators that hold only when the key is present and equal to (or matching) a listed value. */
const POSITIVE_OPERATORS = new Set([
  'stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike', 'ipaddress',
]);

/** The verdict on one condition, with the reason to quote in a finding. */
export interface ConditionVerdict {
  readonly narrows: boolean;
  /** Why it narrows (the operator and key that do), or why nothing in it does. */
  readonly reason: string;
}

/** Whether the statement's `Condition` narrows who may use it, or from where. */
export function conditionNarrows(condition: unknown): boolean {
  return judgeCondition(condition).narrows;
}

/**
 * The verdict on a statement's `Condition`. Operators and keys are ANDed, so one block that
 * narrows is enough; the reason otherwise names the first block that looked like a scope.
 */
export function judgeCondition(condition: unknown): ConditionVerdict {
  if (!isRecord(condition) || Object.keys(condition).length === 0) {
    return { narrows: false, reason: 'the statement has no Condition' };
  }
  const misses: string[] = [];
  for (const [operator, block] of Object.entries(condition)) {
    if (!isRecord(block)) {
      continue;
    }
    for (const [key, values] of Object.entries(block)) {
      const miss = whyBlockDoesNotNarrow(operator, key, values);
      if (miss === undefined) {
        return { narrows: true, reason: `${operator} ${key} pins ${describeValues(values)}` };
      }
      misses.push(miss);
    }
  }
  const reason = misses.find(miss => !miss.endsWith('identify the caller or source')) ?? misses[0];
  return { narrows: false, reason: reason ?? 'the Condition is empty' };
}

/** Why `operator key values` does not narrow, or undefined when it does. */
function whyBlockDoesNotNarrow(operator: string, key: string, values: unknown): string | undefined {
  const lowerKey = key.toLowerCase();
  const clause = `${operator} ${key}`;
  if (!IDENTIFYING_KEYS.has(lowerKey)) {
    return `${clause} does not identify the caller or source`;
  }
  const { set, base, ifExists } = parseOperator(operator);
  if (ifExists) {
    return `${clause} also holds when the key is absent (IfExists)`;
  }
  if (set === 'forallvalues') {
    return `${clause} holds vacuously when the key is absent (ForAllValues)`;
  }
  if (!POSITIVE_OPERATORS.has(base)) {
    return base.includes('not')
      ? `${clause} is negated: it grants everyone outside the values it names`
      : `${clause} does not pin the key to values`;
  }
  const list = Array.isArray(values) ? values : [values];
  if (list.length === 0) {
    return `${clause} lists no value`;
  }
  // By index: `find` would return an `undefined` value, which matches everything, as "not found".
  const broad = list.findIndex(value => matchesEverything(lowerKey, value));
  if (broad >= 0) {
    return `${clause} "${String(list[broad])}" matches every caller`;
  }
  return undefined;
}

/** Splits `ForAnyValue:StringLikeIfExists` into its set qualifier, base operator and IfExists. */
function parseOperator(operator: string): { set?: string; base: string; ifExists: boolean } {
  const lower = operator.toLowerCase();
  const colon = lower.indexOf(':');
  const set = colon >= 0 ? lower.slice(0, colon) : undefined;
  const rest = colon >= 0 ? lower.slice(colon + 1) : lower;
  const ifExists = rest.endsWith('ifexists');
  return { set, base: ifExists ? rest.slice(0, -'ifexists'.length) : rest, ifExists };
}

/**
 * Whether a value pins nothing. A value that is not a string (a `Ref` to the account, a
 * `Fn::GetAtt` of an ARN) is a token for one concrete value, so it pins.
 */
function matchesEverything(lowerKey: string, value: unknown): boolean {
  if (typeof value !== 'string') {
    return value === null || value === undefined || typeof value === 'boolean';
  }
  const trimmed = value.trim();
  if (trimmed === '' || isWildcardOnly(trimmed)) {
    return true;
  }
  if (lowerKey === 'aws:sourceip') {
    return /\/0+$/.test(trimmed);
  }
  if (ACCOUNT_KEYS.has(lowerKey)) {
    return /[*?]/.test(trimmed);
  }
  if (trimmed.toLowerCase().startsWith('arn:')) {
    return arnMatchesEveryCaller(trimmed);
  }
  return false;
}

/**
 * An ARN pattern matches every caller unless it pins the account or the resource: `arn:*`,
 * `arn:aws:*`, `arn:aws:sns:*:*:*` and `arn:aws:sns:eu-west-1:*:*` match any account's resources;
 * `arn:aws:s3:::my-bucket` (S3 ARNs carry no account) and `arn:aws:sns:*:111111111111:*` pin.
 */
function arnMatchesEveryCaller(arn: string): boolean {
  const segments = arn.split(':');
  if (segments.length < 6) {
    return segments.slice(1).some(isWildcardOnly);
  }
  const account = segments[4];
  const resource = segments.slice(5).join(':');
  const pins = (part: string) => part !== '' && !isWildcardOnly(part);
  return !pins(account) && !pins(resource);
}

function isWildcardOnly(text: string): boolean {
  return /^[*?]+$/.test(text);
}

function describeValues(values: unknown): string {
  const list = Array.isArray(values) ? values : [values];
  return list.map(value => (typeof value === 'string' ? `"${value}"` : 'a resolved value')).join(', ');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Global keys that name the resource a request touches (lower case; tag keys by prefix). */
const RESOURCE_KEYS = ['aws:resourceaccount', 'aws:resourceorgid', 'aws:resourceorgpaths'];

/** Words of service keys that describe how a request is sent, not what it touches. */
const TRANSPORT_KEY_WORDS = ['tls', 'signature', 'authtype', 'content-sha256', 'securetransport', 'encryptionalgorithm', 'requestedregion', 'useragent', 'referer'];

/**
 * Whether a statement's `Condition` scopes a `Resource: '*'` grant: it narrows who or where
 * (`judgeCondition`), or a positive operator pins, to values that are not wildcards, a key that
 * names what the request touches: a resource tag (`aws:ResourceTag/team`, `ssm:resourceTag/…`),
 * the resource's account or organization, or a service's own key (`kms:ViaService`,
 * `dynamodb:LeadingKeys`, `cloudwatch:namespace`, `s3:prefix`). Keys about how the request is sent
 * (`aws:SecureTransport`, `s3:TlsVersion`, `s3:signatureversion`) or where it goes
 * (`aws:RequestedRegion`) scope nothing, whatever their value.
 */
export function conditionScopesResources(condition: unknown): boolean {
  if (conditionNarrows(condition) || !isRecord(condition)) {
    return conditionNarrows(condition);
  }
  return Object.entries(condition).some(([operator, block]) => isRecord(block) && Object.entries(block).some(([key, values]) => {
    const lowerKey = key.toLowerCase();
    const { set, base, ifExists } = parseOperator(operator);
    if (ifExists || set === 'forallvalues' || !POSITIVE_OPERATORS.has(base) || !namesTouchedResource(lowerKey)) {
      return false;
    }
    const list = Array.isArray(values) ? values : [values];
    return list.length > 0 && !list.some(value => matchesEverything(lowerKey, value));
  }));
}

function namesTouchedResource(lowerKey: string): boolean {
  if (lowerKey.startsWith('aws:')) {
    return RESOURCE_KEYS.includes(lowerKey) || lowerKey.startsWith('aws:resourcetag/');
  }
  return lowerKey.includes(':') && !TRANSPORT_KEY_WORDS.some(word => lowerKey.includes(word));
}
