/**
 * Evaluates the CloudFormation intrinsic functions in a rendered template value into every
 * concrete value it may take, so a rule can judge `{ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::*' }`
 * or an `Fn::If` between two Resource lists instead of skipping whatever is not a literal string.
 * Neutral policy model: imports no construct.
 *
 * The evaluation over-approximates on purpose: `Fn::If` yields both branches without judging the
 * condition, a parameter yields each of its AllowedValues, and two references to one parameter
 * are not tied together. A rule that finds a problem in some alternative may thus report a
 * deployment that never happens, but it never misses one the template allows. What only the
 * deployment decides (the region, a resource attribute, an import) stays an `Unknown` piece, and
 * the number of alternatives is capped so a template full of conditions cannot blow up the check.
 */

/** A JSON value as a rendered template holds it. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** One entry of a template's `Parameters` section, as far as evaluation needs it. */
export interface TemplateParameter {
  readonly Default?: unknown;
  readonly AllowedValues?: readonly unknown[];
  readonly Type?: string;
}

/** What a template's Parameters and Conditions offer for evaluation. */
export interface TemplateContext {
  readonly parameters?: { readonly [name: string]: TemplateParameter };
}

/** Alternatives kept per expression when the caller names no cap. */
export const DEFAULT_LIMIT = 64;

/** Nesting levels evaluated; anything deeper is unknown, so hostile input cannot exhaust the stack. */
export const MAX_DEPTH = 32;

/**
 * The text that stands for an unknown piece in `PossibleString.text`. It holds neither `*` nor `?`,
 * so a rule looking for IAM wildcards in the text finds only the ones the template wrote.
 */
export const UNKNOWN_MARKER = '${UNKNOWN}';

/** A value, or a piece of a string, that only the deployment decides. */
export class Unknown {
  /** What the value comes from (`Ref AWS::Region`, `Fn::GetAtt Bucket.Arn`), for findings. */
  public readonly reason: string;

  constructor(reason: string) {
    this.reason = reason;
  }
}

/** A piece of a string: known text, or a piece that only the deployment decides. */
export type Segment = string | Unknown;

/** A string of known text around unknown pieces, e.g. `arn:aws:s3:::` followed by a bucket's name. */
export class PartialString {
  /** The pieces in order; adjacent texts are merged and at least one piece is unknown. */
  public readonly segments: readonly Segment[];

  constructor(segments: readonly Segment[]) {
    this.segments = segments;
  }

  /** The known text with each unknown piece replaced by `marker`. */
  public text(marker: string = UNKNOWN_MARKER): string {
    return this.segments.map(segment => (typeof segment === 'string' ? segment : marker)).join('');
  }
}

/** A value after evaluation: JSON in which some strings, or whole values, may be unknown. */
export type Evaluated =
  | null | boolean | number | string
  | Unknown | PartialString
  | readonly Evaluated[]
  | { readonly [key: string]: Evaluated };

/** An alternative without unknown parts; `value` is undefined when `AWS::NoValue` removes it. */
export interface KnownValue {
  readonly complete: true;
  readonly value: JsonValue | undefined;
}

/** An alternative of which some part is unknown (an `Unknown` or a `PartialString` inside `value`). */
export interface PartialValue {
  readonly complete: false;
  readonly value: Evaluated;
}

/** One value an expression may take. */
export type PossibleValue = KnownValue | PartialValue;

/** One string an expression may take. */
export interface PossibleString {
  /** The text, with `UNKNOWN_MARKER` for each unknown piece. */
  readonly text: string;
  /** False when some piece is unknown, so `text` is not the value itself. */
  readonly complete: boolean;
  /** The known texts and unknown pieces in order, for questions `text` cannot answer exactly. */
  readonly segments: readonly Segment[];
}

/** One variant of a whole value, e.g. one way a policy statement may be deployed. */
export interface Branch {
  /**
   * The variant as template JSON: every `Fn::If` picked, every `AWS::NoValue` removed and every
   * intrinsic that evaluates to known values replaced by them. An intrinsic with an unknown part
   * keeps its template form, so rules that already read `{ Ref: 'AWS::AccountId' }` still can.
   * Undefined when `AWS::NoValue` removes the whole value.
   */
  readonly value: unknown;
  /** True when `value` holds no intrinsic any more. */
  readonly complete: boolean;
  /** True when the cap left part of `value` unexpanded: it stands for variants not listed. */
  readonly truncated: boolean;
}

/** Stands for `AWS::NoValue` until the enclosing list or object drops it. */
const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** An evaluation result before `AWS::NoValue` is removed by its container. */
type Result = Evaluated | typeof NO_VALUE;

/** What every step of one evaluation shares. */
interface Env {
  readonly parameters: { readonly [name: string]: unknown };
  readonly limit: number;
}

/** The shared state of one `branches` call: which subtrees stand for variants the cap cut. */
interface BranchEnv extends Env {
  readonly placeholders: Set<object>;
}

/** Ref targets that never name a parameter; all but `AWS::NoValue` are unknown before deployment. */
const PSEUDO_PREFIX = 'AWS::';

/**
 * How many combinations a product may try per kept alternative. Different combinations can give
 * the same value (`a`+`bc`, `ab`+`c`); the bound stops a search through many such duplicates.
 */
const ATTEMPTS_PER_ALTERNATIVE = 8;

/**
 * Every value `value` may take, with unknown pieces marked. Never throws: malformed intrinsics,
 * non-JSON values and nesting deeper than `MAX_DEPTH` evaluate to `Unknown`. When more than `limit`
 * alternatives exist, the first `limit` are followed by one unknown alternative for the rest.
 */
export function possibleValues(value: unknown, context?: TemplateContext, limit?: number): PossibleValue[] {
  const env = makeEnv(context, limit);
  return evaluate(value, env, 0).map(toPossibleValue);
}

/**
 * Every string `value` may take. A list yields the strings of its items, since policy fields such
 * as `Action` and `Resource` take a string or a list of them; numbers and booleans yield their text
 * as CloudFormation would; objects, null and removed values yield nothing.
 */
export function possibleStrings(value: unknown, context?: TemplateContext, limit?: number): PossibleString[] {
  const seen = new Map<string, PossibleString>();
  for (const result of evaluate(value, makeEnv(context, limit), 0)) {
    for (const candidate of stringsOf(result)) {
      seen.set(`${candidate.complete}:${candidate.text}`, candidate);
    }
  }
  return [...seen.values()];
}

/**
 * Every variant of a whole value, e.g. a policy document or one statement: each `Fn::If` in it
 * picks either branch, `AWS::NoValue` removes its key or list item, and intrinsics with known
 * values are replaced by them. When more than `limit` variants exist, the first `limit` are
 * followed by the value as written, marked `truncated`.
 */
export function branches(value: unknown, context?: TemplateContext, limit?: number): Branch[] {
  const env: BranchEnv = { ...makeEnv(context, limit), placeholders: new Set() };
  return expand(value, env, 0).map(variant => toBranch(variant, env));
}

/**
 * Whether `branches` could give more than the value as written, apart from evaluating intrinsics:
 * an `Fn::If`, an `AWS::NoValue`, or a `Ref` to (or `Fn::Sub` naming) a parameter. Most policy
 * documents have none, and a caller that evaluates values where it reads them can then skip the
 * costly expansion. Nesting deeper than `MAX_DEPTH` counts as having variants (let `branches`
 * judge it), so depth cannot hide a condition.
 */
export function hasVariants(value: unknown, context?: TemplateContext, depth = 0): boolean {
  if (value === null || typeof value !== 'object') {
    return false;
  }
  if (depth > MAX_DEPTH) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.some(item => hasVariants(item, context, depth + 1));
  }
  const record = value as { [key: string]: unknown };
  if ('Fn::If' in record || record.Ref === `${PSEUDO_PREFIX}NoValue` || refersToParameter(record, context)) {
    return true;
  }
  return Object.values(record).some(item => hasVariants(item, context, depth + 1));
}

/** A `Ref` to a parameter, or a `Fn::Sub` whose text names one. */
function refersToParameter(record: { readonly [key: string]: unknown }, context?: TemplateContext): boolean {
  const parameters = context?.parameters ?? {};
  if (typeof record.Ref === 'string') {
    return Object.prototype.hasOwnProperty.call(parameters, record.Ref);
  }
  const sub = record['Fn::Sub'];
  const text = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
  return text !== undefined && Object.keys(parameters).some(name => text.includes(`\${${name}}`));
}

/**
 * Whether the string may equal `literal`: always when it is known and the same text, otherwise
 * when the known texts can sit in order inside `literal`, each unknown piece taking what is
 * between them. E.g. `arn:aws:s3:::` + unknown could be `arn:aws:s3:::*`.
 */
export function couldEqual(candidate: { readonly segments: readonly Segment[] }, literal: string): boolean {
  const texts = knownRuns(candidate.segments);
  if (texts.length === 1) {
    return texts[0] === literal;
  }
  const first = texts[0];
  const last = texts[texts.length - 1];
  if (first.length + last.length > literal.length || !literal.startsWith(first) || !literal.endsWith(last)) {
    return false;
  }
  return middleFits(texts.slice(1, -1), literal, first.length, literal.length - last.length);
}

/** Whether the known text of the string holds an IAM wildcard (`*` or `?`); unknown pieces do not count. */
export function hasKnownWildcard(candidate: { readonly segments: readonly Segment[] }): boolean {
  return candidate.segments.some(segment => typeof segment === 'string' && /[*?]/.test(segment));
}

/* ------------------------------------------------------------------ evaluation */

/** The shared state of one call, with the caller's cap made a positive whole number. */
function makeEnv(context: TemplateContext | undefined, limit: number | undefined): Env {
  const parameters = isPlainObject(context) && isPlainObject(context.parameters) ? context.parameters : {};
  const cap = typeof limit === 'number' && Number.isFinite(limit) && limit >= 1 ? Math.floor(limit) : DEFAULT_LIMIT;
  return { parameters, limit: cap };
}

/** The alternatives of any value: literals as they are, containers and intrinsics evaluated. */
function evaluate(value: unknown, env: Env, depth: number): Result[] {
  if (depth > MAX_DEPTH) {
    return [new Unknown(`nested deeper than ${MAX_DEPTH} levels`)];
  }
  if (value === undefined) {
    return [NO_VALUE];
  }
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return [value];
  }
  if (value instanceof Unknown || value instanceof PartialString) {
    return [value];
  }
  if (Array.isArray(value)) {
    return evaluateList(value, env, depth);
  }
  if (!isPlainObject(value)) {
    return [new Unknown('not a JSON value')];
  }
  const fn = intrinsicName(value);
  return fn === undefined ? evaluateObject(value, env, depth) : evaluateIntrinsic(fn, value[fn], env, depth);
}

/** Every combination of the items' alternatives; removed items leave the list. */
function evaluateList(items: readonly unknown[], env: Env, depth: number): Result[] {
  const slots = items.map(item => evaluate(item, env, depth + 1));
  const build = (picks: readonly Result[]): Result[] => [picks.filter(isEvaluated)];
  return finishEvaluation(combine(slots, build, newResults(env)));
}

/** Every combination of the properties' alternatives; removed properties leave the object. */
function evaluateObject(object: { readonly [key: string]: unknown }, env: Env, depth: number): Result[] {
  const keys = Object.keys(object);
  const slots = keys.map(key => evaluate(object[key], env, depth + 1));
  const build = (picks: readonly Result[]): Result[] => [buildObject(keys, picks)];
  return finishEvaluation(combine(slots, build, newResults(env)));
}

/** An object of the picked values, without the removed ones; safe for a `__proto__` key. */
function buildObject<T>(keys: readonly string[], picks: readonly T[]): { [key: string]: Exclude<T, typeof NO_VALUE> } {
  const entries = keys.map((key, index) => [key, picks[index]] as const).filter(([, pick]) => pick !== NO_VALUE);
  return Object.fromEntries(entries) as { [key: string]: Exclude<T, typeof NO_VALUE> };
}

/** Evaluators of the intrinsics whose value a template can decide. */
const EVALUATORS: { readonly [fn: string]: (arg: unknown, env: Env, depth: number) => Result[] } = {
  'Ref': evaluateRef,
  'Fn::If': evaluateIf,
  'Fn::Join': evaluateJoin,
  'Fn::Sub': evaluateSub,
  'Fn::Select': evaluateSelect,
  'Fn::Split': evaluateSplit,
};

/** One intrinsic; the ones only the deployment decides (`Fn::GetAtt`, `Fn::ImportValue` …) are unknown. */
function evaluateIntrinsic(fn: string, arg: unknown, env: Env, depth: number): Result[] {
  const evaluator = Object.prototype.hasOwnProperty.call(EVALUATORS, fn) ? EVALUATORS[fn] : undefined;
  return evaluator ? evaluator(arg, env, depth + 1) : [new Unknown(describeIntrinsic(fn, arg))];
}

/** `Fn::GetAtt Bucket.Arn`, `Fn::ImportValue Shared` …: enough of the call to recognise it in a finding. */
function describeIntrinsic(fn: string, arg: unknown): string {
  if (typeof arg === 'string' && arg !== '') {
    return `${fn} ${arg}`;
  }
  if (Array.isArray(arg) && arg.every(part => typeof part === 'string')) {
    return `${fn} ${arg.join('.')}`;
  }
  return fn;
}

/** `Ref`: a parameter's values, `AWS::NoValue` removal, anything else unknown. */
function evaluateRef(arg: unknown, env: Env): Result[] {
  if (typeof arg !== 'string') {
    return [new Unknown('malformed Ref')];
  }
  if (arg === `${PSEUDO_PREFIX}NoValue`) {
    return [NO_VALUE];
  }
  if (!arg.startsWith(PSEUDO_PREFIX) && Object.prototype.hasOwnProperty.call(env.parameters, arg)) {
    return parameterValues(arg, env.parameters[arg], env);
  }
  return [new Unknown(`Ref ${arg}`)];
}

/**
 * A parameter's possible values. AllowedValues come first because the deployer may pick any of
 * them, the Default being just one; with neither, the value is unknown. A list parameter is its
 * Default split on commas (members space trimmed, as CloudFormation does): its AllowedValues
 * limit the members, not how many there are, so they cannot list the possible lists.
 */
function parameterValues(name: string, parameter: unknown, env: Env): Result[] {
  const unknown = new Unknown(`Ref ${name}`);
  if (!isPlainObject(parameter)) {
    return [unknown];
  }
  if (isListType(parameter.Type)) {
    return [listDefault(parameter.Default) ?? unknown];
  }
  const allowed = Array.isArray(parameter.AllowedValues) ? parameter.AllowedValues.map(scalarText).filter(isString) : [];
  if (allowed.length > 0) {
    const results = newResults(env);
    allowed.every(value => results.add(value));
    return finishEvaluation(results);
  }
  return [scalarText(parameter.Default) ?? unknown];
}

/** Whether a parameter's Type makes its value a list of strings. */
function isListType(type: unknown): boolean {
  return typeof type === 'string' && (type === 'CommaDelimitedList' || type.startsWith('List<'));
}

/** A list parameter's Default as the list a Ref gives, or undefined when it has no usable one. */
function listDefault(value: unknown): string[] | undefined {
  if (typeof value === 'string') {
    return value.split(',').map(member => member.trim());
  }
  if (Array.isArray(value)) {
    const members = value.map(scalarText);
    return members.every(isString) ? members : undefined;
  }
  return undefined;
}

/** The text CloudFormation makes of a scalar parameter value (a Number parameter's Ref is a string). */
function scalarText(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/** `Fn::If [condition, a, b]`: both branches, since the condition is decided at deployment. */
function evaluateIf(arg: unknown, env: Env, depth: number): Result[] {
  if (!Array.isArray(arg) || arg.length !== 3) {
    return [new Unknown('malformed Fn::If')];
  }
  const results = newResults(env);
  [...evaluate(arg[1], env, depth), ...evaluate(arg[2], env, depth)].every(value => results.add(value));
  return finishEvaluation(results);
}

/** `Fn::Join [separator, list]`; the list may itself be an intrinsic such as `Fn::Split`. */
function evaluateJoin(arg: unknown, env: Env, depth: number): Result[] {
  if (!Array.isArray(arg) || arg.length !== 2) {
    return [new Unknown('malformed Fn::Join')];
  }
  const slots = [evaluate(arg[0], env, depth), evaluate(arg[1], env, depth)];
  return finishEvaluation(combine(slots, ([separator, list]) => [joinValue(separator, list)], newResults(env)));
}

/** One joined string; a separator that is not known text or a list that is not a list is unknown. */
function joinValue(separator: Result, list: Result): Result {
  const unknown = firstUnknown(separator, list);
  if (unknown) {
    return unknown;
  }
  if (typeof separator !== 'string') {
    return new Unknown('Fn::Join with a separator that is not a string');
  }
  if (!isList(list)) {
    return new Unknown('Fn::Join of an unknown list');
  }
  const segments = list.flatMap((item, index) => (index === 0 ? toSegments(item) : [separator, ...toSegments(item)]));
  return makeString(segments);
}

/** A part of `Fn::Sub`'s template: literal text or the name inside `${…}`. */
type SubPart = string | { readonly name: string };

/**
 * `Fn::Sub template` or `Fn::Sub [template, variables]`. Each distinct name is evaluated once and
 * the alternatives combined, so `${Stage}-${Stage}` does not mix two stages. A name is looked up
 * in the variables, then the parameters; pseudo parameters, `Resource.Attribute` and anything
 * else are unknown pieces.
 */
function evaluateSub(arg: unknown, env: Env, depth: number): Result[] {
  const [template, variables] = Array.isArray(arg) ? [arg[0], arg.length === 2 ? arg[1] : null] : [arg, undefined];
  if (typeof template !== 'string' || !(variables === undefined || isPlainObject(variables))) {
    return [new Unknown('malformed Fn::Sub')];
  }
  const parts = parseSub(template);
  const names = [...new Set(parts.filter(isSubName).map(part => part.name))];
  const slots = names.map(name => subVariable(name, variables ?? {}, env, depth));
  const build = (picks: readonly Result[]): Result[] => [substitute(parts, names, picks)];
  return finishEvaluation(combine(slots, build, newResults(env)));
}

/** The template's literal texts and `${…}` names; `${!Literal}` is the literal `${Literal}`. */
function parseSub(template: string): SubPart[] {
  const parts: SubPart[] = [];
  let position = 0;
  while (position < template.length) {
    const open = template.indexOf('${', position);
    const close = open < 0 ? -1 : template.indexOf('}', open + 2);
    if (open < 0 || close < 0) {
      parts.push(template.slice(position));
      break;
    }
    parts.push(template.slice(position, open));
    if (template[open + 2] === '!') {
      parts.push('${');
      position = open + 3;
    } else {
      parts.push({ name: template.slice(open + 2, close) });
      position = close + 1;
    }
  }
  return parts;
}

/** Whether a template part is a `${…}` name. */
function isSubName(part: SubPart): part is { readonly name: string } {
  return typeof part !== 'string';
}

/** The alternatives of one `${name}`. */
function subVariable(name: string, variables: { readonly [name: string]: unknown }, env: Env, depth: number): Result[] {
  if (Object.prototype.hasOwnProperty.call(variables, name)) {
    return evaluate(variables[name], env, depth + 1);
  }
  if (!name.startsWith(PSEUDO_PREFIX) && Object.prototype.hasOwnProperty.call(env.parameters, name)) {
    return parameterValues(name, env.parameters[name], env);
  }
  return [new Unknown(`\${${name}}`)];
}

/** The template with each name replaced by its picked value. */
function substitute(parts: readonly SubPart[], names: readonly string[], picks: readonly Result[]): Result {
  return makeString(parts.flatMap(part => (isSubName(part) ? toSegments(picks[names.indexOf(part.name)]) : [part])));
}

/** `Fn::Select [index, list]`; an unknown index may pick any item of a known list. */
function evaluateSelect(arg: unknown, env: Env, depth: number): Result[] {
  if (!Array.isArray(arg) || arg.length !== 2) {
    return [new Unknown('malformed Fn::Select')];
  }
  const slots = [evaluate(arg[0], env, depth), evaluate(arg[1], env, depth)];
  return finishEvaluation(combine(slots, ([index, list]) => selectValues(index, list), newResults(env)));
}

/** The items one index picks from one list. */
function selectValues(index: Result, list: Result): Result[] {
  if (list instanceof Unknown) {
    return [list];
  }
  if (!isList(list)) {
    return [new Unknown('Fn::Select from an unknown list')];
  }
  if (index instanceof Unknown || index instanceof PartialString) {
    return list.length > 0 ? [...list] : [new Unknown('Fn::Select from an empty list')];
  }
  const position = toIndex(index);
  return position !== undefined && position < list.length ? [list[position]] : [new Unknown('Fn::Select out of range')];
}

/** A list index written as a number or a string of digits, as CloudFormation accepts both. */
function toIndex(value: Result): number | undefined {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 ? value : undefined;
  }
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
}

/**
 * `Fn::Split [separator, string]`. A string with unknown pieces splits into an unknown list: a
 * piece may hold the separator, so even the number of items is unknown.
 */
function evaluateSplit(arg: unknown, env: Env, depth: number): Result[] {
  if (!Array.isArray(arg) || arg.length !== 2) {
    return [new Unknown('malformed Fn::Split')];
  }
  const slots = [evaluate(arg[0], env, depth), evaluate(arg[1], env, depth)];
  return finishEvaluation(combine(slots, ([separator, source]) => [splitValue(separator, source)], newResults(env)));
}

/** One split list; an unknown separator or string keeps its own reason. */
function splitValue(separator: Result, source: Result): Result {
  if (typeof separator === 'string' && separator !== '' && typeof source === 'string') {
    return source.split(separator);
  }
  return firstUnknown(separator, source) ?? new Unknown('Fn::Split of an unknown string');
}

/** The first argument that is wholly unknown, whose reason says more than the call's own. */
function firstUnknown(...values: readonly Result[]): Unknown | undefined {
  return values.find((value): value is Unknown => value instanceof Unknown);
}

/** The pieces a value adds to a string; only strings, numbers and booleans have known text. */
function toSegments(value: Result): Segment[] {
  if (typeof value === 'string') {
    return [value];
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return [String(value)];
  }
  if (value instanceof PartialString) {
    return [...value.segments];
  }
  return [value instanceof Unknown ? value : new Unknown('not a string')];
}

/**
 * A string from pieces: adjacent texts merged, adjacent unknowns merged (two unknowns match no
 * more than one), a plain string when nothing is unknown and the `Unknown` itself when nothing is known.
 */
function makeString(segments: readonly Segment[]): string | Unknown | PartialString {
  const merged: Segment[] = [];
  for (const segment of segments) {
    const previous = merged[merged.length - 1];
    if (typeof segment === 'string' && typeof previous === 'string') {
      merged[merged.length - 1] = previous + segment;
    } else if (segment !== '' && !(segment instanceof Unknown && previous instanceof Unknown)) {
      merged.push(segment);
    }
  }
  if (merged.every(isString)) {
    return merged.join('');
  }
  return merged.length === 1 ? merged[0] : new PartialString(merged);
}

/** A public alternative: `AWS::NoValue` becomes undefined, and completeness is worked out once. */
function toPossibleValue(result: Result): PossibleValue {
  if (result === NO_VALUE) {
    return { complete: true, value: undefined };
  }
  // A complete Evaluated holds only JSON, which is what JsonValue describes.
  return isComplete(result) ? { complete: true, value: result as JsonValue } : { complete: false, value: result };
}

/** Whether an evaluated value holds no unknown part. */
function isComplete(value: Evaluated): boolean {
  if (value instanceof Unknown || value instanceof PartialString) {
    return false;
  }
  if (isList(value)) {
    return value.every(isComplete);
  }
  return value === null || typeof value !== 'object' || Object.values(value).every(isComplete);
}

/** The strings of one alternative: a list's items each, scalars as text, nothing for objects. */
function stringsOf(value: Result): PossibleString[] {
  if (typeof value === 'string') {
    return [{ text: value, complete: true, segments: [value] }];
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return stringsOf(String(value));
  }
  if (value instanceof Unknown) {
    return [{ text: UNKNOWN_MARKER, complete: false, segments: [value] }];
  }
  if (value instanceof PartialString) {
    return [{ text: value.text(), complete: false, segments: value.segments }];
  }
  return isList(value) ? value.flatMap(stringsOf) : [];
}

/* ------------------------------------------------------------------ capped products */

/**
 * A deduplicated set of alternatives that refuses more than `limit`. It records that it refused,
 * so the caller adds the one alternative that stands for the rest.
 */
class Alternatives<T> {
  private readonly kept = new Map<string, T>();
  private readonly limit: number;
  private readonly keyOf: (value: T) => string;
  private attempts = 0;
  private full = false;

  constructor(limit: number, keyOf: (value: T) => string) {
    this.limit = limit;
    this.keyOf = keyOf;
  }

  /** Whether some alternative was refused. */
  public get overflowed(): boolean {
    return this.full;
  }

  /** Adds an alternative; false once the cap is reached, so the caller stops enumerating. */
  public add(value: T): boolean {
    this.attempts += 1;
    const key = this.keyOf(value);
    if (this.kept.has(key)) {
      this.full = this.attempts > this.limit * ATTEMPTS_PER_ALTERNATIVE;
      return !this.full;
    }
    if (this.kept.size >= this.limit) {
      this.full = true;
      return false;
    }
    this.kept.set(key, value);
    return true;
  }

  /** The alternatives kept, in the order they were added. */
  public values(): T[] {
    return [...this.kept.values()];
  }
}

/** An empty set of evaluation alternatives under the call's cap. */
function newResults(env: Env): Alternatives<Result> {
  return new Alternatives<Result>(env.limit, resultKey);
}

/** The alternatives, plus one unknown standing for those the cap refused. */
function finishEvaluation(results: Alternatives<Result>): Result[] {
  const kept = results.values();
  return results.overflowed ? [...kept, new Unknown('more alternatives than the cap')] : kept;
}

/**
 * Adds what `build` makes of each combination of one alternative per slot, stopping at the cap:
 * the combinations are walked one by one, never all built, so many slots cost no more than `limit`.
 */
function combine<T>(slots: readonly (readonly T[])[], build: (picks: readonly T[]) => T[], into: Alternatives<T>): Alternatives<T> {
  for (const picks of combinations(slots)) {
    if (!build(picks).every(value => into.add(value))) {
      break;
    }
  }
  return into;
}

/** Each combination of one item per slot, in odometer order, without recursion. */
function* combinations<T>(slots: readonly (readonly T[])[]): Generator<T[]> {
  if (slots.some(slot => slot.length === 0)) {
    return;
  }
  const indexes = slots.map(() => 0);
  for (;;) {
    yield slots.map((slot, index) => slot[indexes[index]]);
    let position = slots.length - 1;
    while (position >= 0 && indexes[position] === slots[position].length - 1) {
      indexes[position] = 0;
      position -= 1;
    }
    if (position < 0) {
      return;
    }
    indexes[position] += 1;
  }
}

/** A key equal for equal evaluation results, whatever the order of object keys. */
function resultKey(value: Result): string {
  if (value === NO_VALUE) {
    return 'novalue';
  }
  if (value instanceof Unknown) {
    return `unknown:${JSON.stringify(value.reason)}`;
  }
  if (value instanceof PartialString) {
    return `partial:[${value.segments.map(resultKey).join(',')}]`;
  }
  if (isList(value)) {
    return `[${value.map(resultKey).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map(key => `${JSON.stringify(key)}:${resultKey(value[key])}`).join(',')}}`;
  }
  return `${typeof value}:${JSON.stringify(value)}`;
}

/* ------------------------------------------------------------------ branches */

/** The variants of a template value, in template form; `NO_VALUE` where it is removed. */
function expand(value: unknown, env: BranchEnv, depth: number): unknown[] {
  if (value === undefined) {
    return [NO_VALUE];
  }
  if (depth > MAX_DEPTH || !(Array.isArray(value) || isPlainObject(value))) {
    return [value];
  }
  if (Array.isArray(value)) {
    const slots = value.map(item => expand(item, env, depth + 1));
    return finishBranches(combine(slots, picks => [picks.filter(pick => pick !== NO_VALUE)], newVariants(env)), value, env);
  }
  const fn = intrinsicName(value);
  if (fn === 'Fn::If') {
    return expandIf(value, env, depth);
  }
  return fn === undefined ? expandObject(value, env, depth) : expandIntrinsic(fn, value, env, depth);
}

/** The variants of a plain object: each property's variants combined, removed ones dropped. */
function expandObject(object: { readonly [key: string]: unknown }, env: BranchEnv, depth: number): unknown[] {
  const keys = Object.keys(object);
  const slots = keys.map(key => expand(object[key], env, depth + 1));
  return finishBranches(combine(slots, picks => [buildObject(keys, picks)], newVariants(env)), object, env);
}

/** Both branches of an `Fn::If`; a malformed one stays as written. */
function expandIf(node: { readonly [key: string]: unknown }, env: BranchEnv, depth: number): unknown[] {
  const arg = node['Fn::If'];
  if (!Array.isArray(arg) || arg.length !== 3) {
    return [node];
  }
  const variants = newVariants(env);
  [...expand(arg[1], env, depth + 1), ...expand(arg[2], env, depth + 1)].every(variant => variants.add(variant));
  return finishBranches(variants, node, env);
}

/**
 * Another intrinsic: its argument expanded first (an `Fn::If` inside a `Fn::Join` yields two
 * joins), then each variant replaced by its values when all of them are known.
 */
function expandIntrinsic(fn: string, node: { readonly [key: string]: unknown }, env: BranchEnv, depth: number): unknown[] {
  const variants = newVariants(env);
  for (const arg of expand(node[fn], env, depth + 1)) {
    const candidate = arg === NO_VALUE ? node : { [fn]: arg };
    if (!resolve(candidate, env, depth).every(variant => variants.add(variant))) {
      break;
    }
  }
  return finishBranches(variants, node, env);
}

/** The known values of an intrinsic, or the intrinsic itself when some value is not known. */
function resolve(node: { readonly [key: string]: unknown }, env: BranchEnv, depth: number): unknown[] {
  const results = evaluate(node, env, depth);
  return results.every(result => result === NO_VALUE || isComplete(result)) ? results : [node];
}

/** An empty set of variants under the call's cap. */
function newVariants(env: BranchEnv): Alternatives<unknown> {
  return new Alternatives<unknown>(env.limit, variantKey);
}

/** The variants, plus the value as written standing for those the cap refused. */
function finishBranches(variants: Alternatives<unknown>, original: object, env: BranchEnv): unknown[] {
  if (!variants.overflowed) {
    return variants.values();
  }
  env.placeholders.add(original);
  return [...variants.values(), original];
}

/** Numbers the variants JSON cannot write (a BigInt inside), so each keeps a key of its own. */
let unmergeable = 0;

/** A key equal for variants that JSON writes the same; such a variant is never merged with another. */
function variantKey(value: unknown): string {
  if (value === NO_VALUE) {
    return 'novalue';
  }
  try {
    return `json:${JSON.stringify(value)}`;
  } catch {
    unmergeable += 1;
    return `unmergeable:${unmergeable}`;
  }
}

/** A public variant with its completeness. */
function toBranch(variant: unknown, env: BranchEnv): Branch {
  const value = variant === NO_VALUE ? undefined : variant;
  const found = scanVariant(value, env, 0);
  return { value, complete: !found.intrinsic && !found.truncated, truncated: found.truncated };
}

/** Whether a variant still holds an intrinsic, or a subtree the cap left unexpanded. */
function scanVariant(value: unknown, env: BranchEnv, depth: number): { intrinsic: boolean; truncated: boolean } {
  if (value === null || typeof value !== 'object') {
    return { intrinsic: false, truncated: false };
  }
  if (env.placeholders.has(value)) {
    return { intrinsic: true, truncated: true };
  }
  if (depth > MAX_DEPTH + 1 || (!Array.isArray(value) && intrinsicName(value) !== undefined)) {
    return { intrinsic: true, truncated: false };
  }
  const found = { intrinsic: false, truncated: false };
  for (const child of Object.values(value)) {
    const inner = scanVariant(child, env, depth + 1);
    found.intrinsic ||= inner.intrinsic;
    found.truncated ||= inner.truncated;
  }
  return found;
}

/* ------------------------------------------------------------------ shapes */

/** The function an object calls: its only key when that is `Ref` or `Fn::…`. */
function intrinsicName(value: object): string | undefined {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')) ? keys[0] : undefined;
}

/** Whether a value is an object as JSON makes them (not a list, class instance or null). */
function isPlainObject(value: unknown): value is { readonly [key: string]: unknown } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return false;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Whether an evaluated value is a list (`Array.isArray` does not narrow readonly arrays). */
function isList(value: Result): value is readonly Evaluated[] {
  return Array.isArray(value);
}

/** Whether a result is a value rather than a removal. */
function isEvaluated(value: Result): value is Evaluated {
  return value !== NO_VALUE;
}

/** Whether a value is a string (a type guard usable in `filter` and `every`). */
function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/** The known texts between unknown pieces, with empty texts where a string starts or ends unknown. */
function knownRuns(segments: readonly Segment[]): string[] {
  const runs = [''];
  for (const segment of segments) {
    if (typeof segment === 'string') {
      runs[runs.length - 1] += segment;
    } else {
      runs.push('');
    }
  }
  return runs;
}

/** Whether the texts occur in order, without overlapping, within `literal[start, end)`. */
function middleFits(texts: readonly string[], literal: string, start: number, end: number): boolean {
  let position = start;
  for (const text of texts) {
    const found = literal.indexOf(text, position);
    if (found < 0 || found + text.length > end) {
      return false;
    }
    position = found + text.length;
  }
  return true;
}
