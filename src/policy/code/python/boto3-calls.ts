import {
  CLIENT_HELPERS, COLLECTION_RESULTS, OBJECT_COLLECTION_METHODS, OBJECT_SUMMARY, RESOURCE_CONSTRUCTORS,
  clientOperation, operationName, packageOfService, resourceMethod, waiterOperation,
} from './boto3-model';
import { resolvePythonImport } from './python-imports';
import { IndentedLine, PythonSyntaxError, PythonToken, TokenKind, indentedLines, logicalLines } from './tokens';
import { CodeUsage, SdkCall, UnknownCall } from '../sdk-calls';
import { SourceReader } from '../source-reader';

/** Local files followed at most, so a huge asset folder cannot stall synth. */
const MAX_FILES = 200;
/** Rounds of reading a module's assignments before its calls are collected: a name may be bound below its use. */
const BINDING_ROUNDS = 3;
/** Values a name holds at most (a name bound in many places keeps the first ones). */
const MAX_VALUES_PER_NAME = 16;

/** Statements whose header ends with a colon that a body may follow on the same line. */
const COMPOUND = new Set(['if', 'elif', 'else', 'while', 'try', 'except', 'finally', 'def', 'class']);

const KEYWORDS = new Set(['and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
  'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try',
  'while', 'with', 'yield', 'True', 'False', 'None', 'match', 'case']);

/** What an expression can stand for, as far as the reader follows it. */
type Value =
  | { readonly kind: 'boto3' | 'boto3.session' | 'session' | 'os' | 'environ' | 'getattr' }
  | { readonly kind: 'client' | 'resource' | 'meta'; readonly service: string }
  | { readonly kind: 'object'; readonly service: string; readonly type: string; readonly env: readonly string[] }
  /** Something to iterate, whose items are resource objects of `type`. */
  | { readonly kind: 'collection'; readonly service: string; readonly type: string; readonly env: readonly string[] }
  | { readonly kind: 'pending'; readonly call: MutableCall }
  | { readonly kind: 'env'; readonly names: readonly string[] }
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'module'; readonly file: string }
  /** A function defined with `def`, whose calls return what its `return` statements return. */
  | { readonly kind: 'function'; readonly file: string; readonly name: string }
  | { readonly kind: 'method'; readonly of: Value; readonly name: string };

interface MutableCall {
  sdkPackage: string;
  operation: string;
  qualifiers: string[];
  environmentVariables: string[];
  file: string;
  line: number;
}

/** What an argument or an expression evaluates to: the values of its one primary, and the environment variables it reads. */
interface Evaluated {
  readonly values: Value[];
  readonly env: string[];
  /** The text of a plain string literal (adjacent literals joined), when the expression is one. */
  readonly literal?: string;
}

interface Argument extends Evaluated {
  readonly keyword?: string;
  readonly tokens: readonly PythonToken[];
}

/**
 * Finds the boto3 calls a Python handler's entry file and the local modules it imports can make:
 * clients (`boto3.client('s3').get_object(…)`, kept in variables, in attributes of `self`, made
 * from a `Session`, imported from another module), resources (`boto3.resource('dynamodb')
 * .Table(…).query(…)`, buckets, objects, queues, topics), paginators, waiters, presigned URLs and
 * S3's managed transfers. Reads tokens, never raw lines (see `tokens.ts`); a file is analysed as
 * a whole and without control flow: every call it holds counts once it is imported.
 */
export function findBoto3Calls(reader: SourceReader, entryFile: string): CodeUsage {
  const calls: MutableCall[] = [];
  const unknown: UnknownCall[] = [];
  const files: string[] = [];
  const bindingsByFile = new Map<string, Map<string, Value[]>>();
  const visiting = new Set<string>();
  let truncated = false;

  const visit = (file: string): Map<string, Value[]> => {
    const known = bindingsByFile.get(file);
    if (known !== undefined || visiting.has(file)) {
      return known ?? new Map();
    }
    if (files.length >= MAX_FILES) {
      truncated = true;
      return new Map();
    }
    visiting.add(file);
    files.push(file);
    const source = reader.read(file);
    let lines: IndentedLine[] | undefined;
    try {
      lines = source === undefined ? undefined : indentedLines(source);
    } catch (error) {
      if (!(error instanceof PythonSyntaxError)) {
        throw error;
      }
    }
    const bindings = new Map<string, Value[]>();
    if (lines === undefined) {
      unknown.push({ file, line: 0, reason: source === undefined ? 'the file is not in the function\'s code' : 'the file is not valid Python' });
    } else {
      const module = new ModuleReader(file, lines, bindings, (specifier, level, line) => {
        const resolved = resolvePythonImport(reader, file, specifier, level);
        if (resolved === undefined) {
          if (level > 0) {
            unknown.push({ file, line, reason: `imports '${'.'.repeat(level)}${specifier}', which is not in the function's code` });
          }
          return undefined;
        }
        visit(resolved);
        return resolved;
      }, file2 => bindingsByFile.get(file2) ?? new Map());
      try {
        const found = module.read();
        calls.push(...found.calls);
        unknown.push(...found.unknown);
      } catch (error) {
        // A file the reader cannot follow must not fail the user's synth: it is unknown, never guessed.
        unknown.push({ file, line: 0, reason: `the reader could not follow this file (${(error as Error).message})` });
      }
    }
    bindingsByFile.set(file, bindings);
    visiting.delete(file);
    return bindings;
  };
  visit(entryFile);
  if (truncated) {
    unknown.push({ file: entryFile, line: 0, reason: `imports more than ${MAX_FILES} local files; the rest were not read` });
  }
  const frozen: SdkCall[] = calls.map(call => ({ ...call, environmentVariables: [...new Set(call.environmentVariables)] }));
  return { calls: frozen, unknown, files };
}

/** Reads one module: its imports and assignments first (several rounds), then its calls. */
class ModuleReader {
  private recording = false;
  /** The module-level function whose body is being read, for its `return` statements. */
  private currentFunction?: string;
  private readonly calls: MutableCall[] = [];
  private readonly unknown: UnknownCall[] = [];
  private readonly importedFiles = new Map<string, string | undefined>();

  constructor(
    private readonly file: string,
    private readonly lines: readonly IndentedLine[],
    private readonly bindings: Map<string, Value[]>,
    private readonly importModule: (specifier: string, level: number, line: number) => string | undefined,
    private readonly bindingsOf: (file: string) => Map<string, Value[]>,
  ) {}

  public read(): { calls: MutableCall[]; unknown: UnknownCall[] } {
    for (let round = 0; round < BINDING_ROUNDS; round++) {
      this.readLines();
    }
    this.recording = true;
    this.readLines();
    return { calls: this.calls, unknown: this.unknown };
  }

  /** Reads every statement, knowing by indentation which `def` each belongs to (for its `return`s). */
  private readLines(): void {
    const blocks: Array<{ readonly indent: number; readonly name?: string }> = [];
    for (const { tokens, indent } of this.lines) {
      while (blocks.length > 0 && indent <= blocks[blocks.length - 1].indent) {
        blocks.pop();
      }
      const start = tokens[0]?.text === 'async' ? 1 : 0;
      const defined = tokens[start]?.text === 'def' || tokens[start]?.text === 'class' ? tokens[start + 1]?.text : undefined;
      const enclosing = [...blocks].reverse().find(block => block.name !== undefined)?.name;
      if (tokens[start]?.text === 'def' && defined !== undefined && blocks.length === 0) {
        // A module-level function: `get_table()` elsewhere returns what it returns.
        this.bind(defined, [{ kind: 'function', file: this.file, name: defined }]);
      }
      this.currentFunction = tokens[start]?.text === 'def' ? defined : enclosing;
      this.statement(tokens);
      if (defined !== undefined) {
        blocks.push({ indent, name: tokens[start]?.text === 'def' ? defined : undefined });
      }
    }
    this.currentFunction = undefined;
  }

  private statement(tokens: readonly PythonToken[]): void {
    const start = tokens[0]?.text === 'async' ? 1 : 0;
    const first = tokens[start]?.text;
    if (first === 'return' && this.currentFunction !== undefined) {
      const returned = this.evaluate(tokens.slice(start + 1));
      this.bind(`${this.currentFunction}()`, valueOfAssignment(returned));
      return;
    }
    if (first !== undefined && COMPOUND.has(first)) {
      // `if table.get_item(...):`, `def f(): return x`, `else: y = z`: the header, then what follows its colon.
      const colon = tokens.findIndex((token, index) => token.text === ':' && depthAt(tokens, index) === 0 && !isLambdaColon(tokens, index));
      if (colon >= 0 && colon < tokens.length - 1) {
        this.evaluate(tokens.slice(0, colon));
        this.statement(tokens.slice(colon + 1));
        return;
      }
    }
    if (first === 'import' || (first === 'from' && tokens.some(token => token.text === 'import'))) {
      this.importStatement(tokens);
      return;
    }
    if (first === 'with') {
      this.withStatement(tokens.slice(start + 1));
      return;
    }
    if (first === 'for') {
      this.forStatement(tokens.slice(start + 1));
      return;
    }
    const parts = splitTopLevel(tokens, '=');
    if (parts.length > 1) {
      const value = this.evaluate(parts[parts.length - 1]);
      for (const target of parts.slice(0, -1)) {
        const name = targetName(target);
        if (name !== undefined) {
          this.bind(name, valueOfAssignment(value));
        }
      }
      return;
    }
    this.evaluate(tokens);
  }

  /** `with boto3.client('s3') as s3, table.batch_writer() as batch:` binds each name to its expression. */
  private withStatement(tokens: readonly PythonToken[]): void {
    const body = tokens[tokens.length - 1]?.text === ':' ? tokens.slice(0, -1) : tokens;
    const colon = splitTopLevel(body, ':');
    for (const item of splitTopLevel(colon[0], ',')) {
      const as = item.findIndex((token, index) => token.text === 'as' && depthAt(item, index) === 0);
      const value = this.evaluate(as < 0 ? item : item.slice(0, as));
      const name = as < 0 ? undefined : targetName(item.slice(as + 1));
      if (name !== undefined) {
        this.bind(name, valueOfAssignment(value));
      }
    }
    colon.slice(1).forEach(rest => this.statement(rest));
  }

  /** `for message in queue.receive_messages():` binds the name to the collection's items. */
  private forStatement(tokens: readonly PythonToken[]): void {
    const inAt = tokens.findIndex((token, index) => token.text === 'in' && depthAt(tokens, index) === 0);
    if (inAt < 0) {
      this.evaluate(tokens);
      return;
    }
    const [iterated, ...body] = splitTopLevel(tokens.slice(inAt + 1), ':');
    const items = this.evaluate(iterated).values.flatMap((value): Value[] => value.kind === 'collection'
      ? [{ kind: 'object', service: value.service, type: value.type, env: value.env }] : []);
    const name = targetName(tokens.slice(0, inAt));
    if (name !== undefined) {
      this.bind(name, items);
    }
    body.filter(rest => rest.length > 0).forEach(rest => this.statement(rest));
  }

  private importStatement(tokens: readonly PythonToken[]): void {
    if (tokens[0].text === 'import') {
      for (const item of splitTopLevel(tokens.slice(1), ',')) {
        const names = item.filter(token => token.kind === TokenKind.NAME).map(token => token.text);
        const as = names.indexOf('as');
        const dotted = (as < 0 ? names : names.slice(0, as)).join('.');
        const alias = as < 0 ? dotted.split('.')[0] : names[as + 1];
        const value = this.moduleValue(as < 0 ? dotted.split('.')[0] : dotted, 0, item[0].line);
        if (value !== undefined && alias !== undefined) {
          this.bind(alias, [value]);
        }
      }
      return;
    }
    const importAt = tokens.findIndex(token => token.text === 'import');
    let level = 0;
    const fromNames: string[] = [];
    for (const token of tokens.slice(1, importAt)) {
      if ((token.text === '.' || token.text === '...') && fromNames.length === 0) {
        // Only the leading dots count levels; the others join the dotted name.
        level += token.text.length;
      } else if (token.kind === TokenKind.NAME) {
        fromNames.push(token.text);
      }
    }
    const from = fromNames.join('.');
    for (const item of splitTopLevel(tokens.slice(importAt + 1).filter(token => token.text !== '(' && token.text !== ')'), ',')) {
      const names = item.filter(token => token.kind === TokenKind.NAME).map(token => token.text);
      const [name] = names;
      const alias = names[names.indexOf('as') + 1] ?? name;
      if (name === undefined || name === '*') {
        continue;
      }
      const values = this.importedName(from, level, name, item[0].line);
      if (values.length > 0) {
        this.bind(alias, values);
      }
    }
  }

  /** The value `import x.y` or `from . import x` binds: boto3, os, or a local module. */
  private moduleValue(dotted: string, level: number, line: number): Value | undefined {
    if (level === 0 && dotted === 'boto3') {
      return { kind: 'boto3' };
    }
    if (level === 0 && dotted === 'boto3.session') {
      return { kind: 'boto3.session' };
    }
    if (level === 0 && dotted === 'os') {
      return { kind: 'os' };
    }
    const file = this.resolve(dotted, level, line);
    return file === undefined ? undefined : { kind: 'module', file };
  }

  /** What `from <from> import <name>` binds. */
  private importedName(from: string, level: number, name: string, line: number): Value[] {
    if (level === 0 && (from === 'boto3' || from === 'boto3.session' || from === 'os')) {
      const base: Value = from === 'boto3' ? { kind: 'boto3' } : from === 'os' ? { kind: 'os' } : { kind: 'boto3.session' };
      return this.attribute([base], name);
    }
    const moduleFile = from === '' ? undefined : this.resolve(from, level, line);
    const bound = moduleFile === undefined ? undefined : this.bindingsOf(moduleFile).get(name);
    if (bound !== undefined) {
      return bound;
    }
    if (from !== '' && (moduleFile === undefined || !moduleFile.endsWith('__init__.py'))) {
      return [];
    }
    // A name a package does not bind is its submodule (`from lib import store` → lib/store.py).
    const submodule = this.moduleValue(from === '' ? name : `${from}.${name}`, level, line);
    return submodule === undefined ? [] : [submodule];
  }

  private resolve(dotted: string, level: number, line: number): string | undefined {
    const key = `${level}:${dotted}`;
    if (!this.importedFiles.has(key)) {
      this.importedFiles.set(key, this.importModule(dotted, level, line));
    }
    return this.importedFiles.get(key);
  }

  private bind(name: string, values: readonly Value[]): void {
    if (values.length === 0) {
      return;
    }
    const known = this.bindings.get(name) ?? [];
    for (const value of values) {
      const id = valueId(value);
      // A name rebound in a loop of string building could otherwise gather values without end.
      if (known.length < MAX_VALUES_PER_NAME && !known.some(candidate => valueId(candidate) === id)) {
        known.push(value);
      }
    }
    this.bindings.set(name, known);
  }

  /** Evaluates a sequence of tokens (an expression, or a statement read as one): each primary in it, in order. */
  private evaluate(tokens: readonly PythonToken[]): Evaluated {
    const results: Evaluated[] = [];
    let index = 0;
    while (index < tokens.length) {
      const token = tokens[index];
      if ((token.kind === TokenKind.NAME && !KEYWORDS.has(token.text)) || token.kind === TokenKind.STRING || token.kind === TokenKind.NUMBER
        || token.text === '(' || token.text === '[' || token.text === '{') {
        const [result, next] = this.primary(tokens, index);
        results.push(result);
        index = next;
      } else {
        index++;
      }
    }
    const env = unique(results.flatMap(result => result.env));
    if (results.length === 1) {
      return results[0];
    }
    const strings = tokens.every(token => token.kind === TokenKind.STRING && !token.formatted) && tokens.length > 0;
    return { values: [], env, literal: strings ? tokens.map(token => token.text).join('') : undefined };
  }

  /** A primary (an atom and its trailers: `.name`, `(args)`, `[index]`) that starts at `index`. */
  private primary(tokens: readonly PythonToken[], start: number): [Evaluated, number] {
    const token = tokens[start];
    let values: Value[] = [];
    let env: string[] = [];
    let literal: string | undefined;
    let index = start + 1;
    const dotted = token.kind === TokenKind.NAME && tokens[index]?.text === '.' && tokens[index + 1]?.kind === TokenKind.NAME
      ? `${token.text}.${tokens[index + 1].text}` : undefined;
    if (dotted !== undefined && this.bindings.has(dotted)) {
      // An attribute bound by an assignment (`self.client = boto3.client('s3')`).
      values = [...this.bindings.get(dotted)!];
      index += 2;
    } else if (token.kind === TokenKind.NAME) {
      values = token.text === 'getattr' && !this.bindings.has('getattr') ? [{ kind: 'getattr' }] : [...(this.bindings.get(token.text) ?? [])];
      env = values.flatMap(value => value.kind === 'env' ? value.names : []);
    } else if (token.kind === TokenKind.STRING) {
      if (!token.formatted) {
        literal = token.text;
        while (tokens[index]?.kind === TokenKind.STRING && !tokens[index].formatted) {
          literal += tokens[index].text;
          index++;
        }
        values = [{ kind: 'string', text: literal }];
      } else {
        env = this.formattedEnv(token);
      }
    } else if (token.kind === TokenKind.OPERATOR) {
      const close = matchingBracket(tokens, start);
      const inner = this.evaluate(tokens.slice(start + 1, close));
      index = close + 1;
      if (token.text === '(') {
        values = inner.values;
        literal = inner.literal;
      }
      env = inner.env;
    }
    while (index < tokens.length) {
      const next = tokens[index];
      if (next.text === '.' && tokens[index + 1]?.kind === TokenKind.NAME) {
        values = this.attribute(values, tokens[index + 1].text);
        literal = undefined;
        index += 2;
      } else if (next.text === '(') {
        const close = matchingBracket(tokens, index);
        const args = this.arguments(tokens.slice(index + 1, close));
        env = [...env, ...args.flatMap(arg => arg.env)];
        values = this.call(values, args, next.line);
        literal = undefined;
        index = close + 1;
      } else if (next.text === '[') {
        const close = matchingBracket(tokens, index);
        const subscript = this.evaluate(tokens.slice(index + 1, close));
        const isEnviron = values.some(value => value.kind === 'environ');
        values = isEnviron && subscript.literal !== undefined ? [{ kind: 'env', names: [subscript.literal] }] : [];
        env = [...env, ...subscript.env, ...(isEnviron && subscript.literal !== undefined ? [subscript.literal] : [])];
        literal = undefined;
        index = close + 1;
      } else {
        break;
      }
    }
    return [{ values, env: unique([...env, ...values.flatMap(value => value.kind === 'env' ? value.names : [])]), literal }, index];
  }

  /** The environment variables an f-string reads in its `{…}` parts. */
  private formattedEnv(token: PythonToken): string[] {
    const env: string[] = [];
    for (const part of token.text.match(/\{[^{}]*\}/g) ?? []) {
      try {
        for (const line of logicalLines(part.slice(1, -1))) {
          env.push(...this.evaluate(line.map(inner => ({ ...inner, line: token.line }))).env);
        }
      } catch {
        // Not an expression the tokenizer reads: nothing to follow.
      }
    }
    return env;
  }

  private arguments(tokens: readonly PythonToken[]): Argument[] {
    return splitTopLevel(tokens, ',').filter(part => part.length > 0).map(part => {
      const keyword = part[0]?.kind === TokenKind.NAME && part[1]?.text === '=' ? part[0].text : undefined;
      const valueTokens = keyword !== undefined ? part.slice(2) : part[0]?.text === '*' || part[0]?.text === '**' ? part.slice(1) : part;
      return { ...this.evaluate(valueTokens), keyword, tokens: valueTokens };
    });
  }

  /** The attribute `name` of each value; a method kept without calling it (`read = s3.get_object`) is called later. */
  private attribute(values: readonly Value[], name: string): Value[] {
    const result: Value[] = [];
    for (const value of values) {
      switch (value.kind) {
        case 'boto3':
          if (name === 'session') {
            result.push({ kind: 'boto3.session' });
          } else if (['client', 'resource', 'Session'].includes(name)) {
            result.push({ kind: 'method', of: value, name });
          }
          break;
        case 'boto3.session':
        case 'session':
          if (['client', 'resource', 'Session'].includes(name)) {
            result.push({ kind: 'method', of: value, name });
          }
          break;
        case 'os':
          if (name === 'environ') {
            result.push({ kind: 'environ' });
          } else if (name === 'getenv') {
            result.push({ kind: 'method', of: value, name });
          }
          break;
        case 'environ':
          if (name === 'get') {
            result.push({ kind: 'method', of: value, name });
          }
          break;
        case 'resource':
          result.push(name === 'meta' ? { kind: 'meta', service: value.service } : { kind: 'method', of: value, name });
          break;
        case 'meta':
          if (name === 'client') {
            result.push({ kind: 'client', service: value.service });
          }
          break;
        case 'client':
          if (name === 'meta') {
            result.push({ kind: 'meta', service: value.service });
          } else if (name !== 'exceptions') {
            result.push({ kind: 'method', of: value, name });
          }
          break;
        case 'object':
          if (value.type === 'Bucket' && name === 'objects') {
            result.push({ kind: 'collection', service: value.service, type: OBJECT_SUMMARY, env: value.env });
          } else {
            result.push({ kind: 'method', of: value, name });
          }
          break;
        case 'collection':
        case 'pending':
          result.push({ kind: 'method', of: value, name });
          break;
        case 'module':
          result.push(...(this.bindingsOf(value.file).get(name) ?? []));
          break;
        default:
          break;
      }
    }
    return result;
  }

  private call(values: readonly Value[], args: readonly Argument[], line: number): Value[] {
    const result: Value[] = [];
    const argEnv = args.flatMap(arg => arg.env);
    for (const value of values) {
      if (value.kind === 'getattr') {
        result.push(...this.getattr(args, line));
        continue;
      }
      if (value.kind === 'function') {
        const bindings = value.file === this.file ? this.bindings : this.bindingsOf(value.file);
        result.push(...(bindings.get(`${value.name}()`) ?? []));
        continue;
      }
      if (value.kind !== 'method') {
        continue;
      }
      const target = value.of;
      switch (target.kind) {
        case 'boto3':
        case 'boto3.session':
        case 'session':
          if (value.name === 'Session') {
            result.push({ kind: 'session' });
          } else {
            const service = literalArgument(args, 0, 'service_name');
            if (service === undefined) {
              this.addUnknown(line, `boto3.${value.name} is given a service name built at run time`);
            } else {
              result.push({ kind: value.name === 'client' ? 'client' : 'resource', service });
            }
          }
          break;
        case 'os':
        case 'environ': {
          const name = literalArgument(args, 0, 'key');
          if (name !== undefined) {
            result.push({ kind: 'env', names: [name] });
          }
          break;
        }
        case 'client':
          result.push(...this.clientCall(target.service, value.name, args, line));
          break;
        case 'resource': {
          const type = RESOURCE_CONSTRUCTORS[target.service]?.[value.name];
          if (type !== undefined) {
            if (value.name === 'get_queue_by_name') {
              this.record(target.service, 'GetQueueUrl', argEnv, line);
            }
            result.push({ kind: 'object', service: target.service, type, env: argEnv });
          } else {
            // The service resource's own actions are the client's operations (`dynamodb.batch_get_item`, `s3.create_bucket`).
            this.record(target.service, operationName(target.service, value.name), argEnv, line);
          }
          break;
        }
        case 'object': {
          const operation = resourceMethod(target.type, value.name);
          if (operation === undefined) {
            this.addUnknown(line, `${target.type}.${value.name} is a boto3 ${target.service} resource method the analysis does not model`);
          } else if (operation.startsWith('>')) {
            result.push({ kind: 'object', service: target.service, type: operation.slice(1), env: [...target.env, ...argEnv] });
          } else {
            this.record(target.service, operation, [...target.env, ...argEnv], line);
            const items = COLLECTION_RESULTS[`${target.type}.${value.name}`];
            if (items !== undefined) {
              result.push({ kind: 'collection', service: target.service, type: items, env: [...target.env, ...argEnv] });
            }
          }
          break;
        }
        case 'collection': {
          if (target.type !== OBJECT_SUMMARY) {
            break;
          }
          const operations = OBJECT_COLLECTION_METHODS[value.name];
          if (operations === undefined) {
            this.addUnknown(line, `${value.name} is a boto3 collection method the analysis does not model`);
          } else {
            operations.forEach(operation => this.record(target.service, operation, target.env, line));
            result.push(target);
          }
          break;
        }
        case 'pending':
          if (value.name === 'paginate' || value.name === 'wait') {
            target.call.environmentVariables.push(...argEnv);
          }
          break;
        default:
          break;
      }
    }
    return result;
  }

  private clientCall(service: string, method: string, args: readonly Argument[], line: number): Value[] {
    const argEnv = args.flatMap(arg => arg.env);
    if (method === 'get_paginator' || method === 'get_waiter') {
      const name = literalArgument(args, 0, method === 'get_paginator' ? 'operation_name' : 'waiter_name');
      if (name === undefined) {
        this.addUnknown(line, `${method} is given a name built at run time`);
        return [];
      }
      const call = this.record(service, method === 'get_paginator' ? clientOperation(service, name) : waiterOperation(name), [], line);
      return call === undefined ? [] : [{ kind: 'pending', call }];
    }
    if (method === 'generate_presigned_url') {
      const operation = literalArgument(args, 0, 'ClientMethod');
      if (operation === undefined) {
        this.addUnknown(line, 'generate_presigned_url is given an operation built at run time');
      } else {
        this.record(service, clientOperation(service, operation), argEnv, line);
      }
      return [];
    }
    if (method === 'generate_presigned_post') {
      this.record(service, 'PresignedPost', argEnv, line);
      return [];
    }
    if (CLIENT_HELPERS.has(method)) {
      return [];
    }
    const call = this.record(service, clientOperation(service, method), argEnv, line);
    if (call !== undefined) {
      call.qualifiers.push(...qualifiersOf(service, method, args));
    }
    return [];
  }

  /** `getattr(client, 'get_object')` is the method; with a name built at run time, unknown. */
  private getattr(args: readonly Argument[], line: number): Value[] {
    const [target, name] = args;
    const followed = target?.values.filter(value => ['client', 'resource', 'object', 'boto3', 'session'].includes(value.kind)) ?? [];
    if (followed.length === 0) {
      return [];
    }
    const literal = name?.literal ?? onlyString(name?.values);
    if (literal === undefined) {
      this.addUnknown(line, 'getattr names a boto3 method built at run time');
      return [];
    }
    return this.attribute(followed, literal);
  }

  private record(service: string, operation: string, env: readonly string[], line: number): MutableCall | undefined {
    if (!this.recording) {
      return undefined;
    }
    const call: MutableCall = {
      sdkPackage: packageOfService(service), operation, qualifiers: [], environmentVariables: [...env], file: this.file, line,
    };
    this.calls.push(call);
    return call;
  }

  private addUnknown(line: number, reason: string): void {
    if (this.recording) {
      this.unknown.push({ file: this.file, line, reason });
    }
  }
}

/** What a name is bound to by an assignment: the value of a single primary, or the environment variables it reads. */
function valueOfAssignment(value: Evaluated): Value[] {
  if (value.values.length > 0) {
    return value.values;
  }
  return value.env.length > 0 ? [{ kind: 'env', names: unique(value.env) }] : [];
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

/**
 * What the input says about the actions of a DynamoDB operation that depend on it: the item
 * kinds of `transact_write_items` (the keys `'Put'`, `'Update'`… of its literal items), the verb
 * of a literal PartiQL statement.
 */
function qualifiersOf(service: string, method: string, args: readonly Argument[]): string[] {
  if (service !== 'dynamodb') {
    return [];
  }
  if (method === 'transact_write_items') {
    const items = args.find(arg => arg.keyword === 'TransactItems')?.tokens ?? [];
    return [...new Set(items.filter((token, index) => token.kind === TokenKind.STRING && items[index + 1]?.text === ':'
      && ['Put', 'Update', 'Delete', 'ConditionCheck'].includes(token.text)).map(token => token.text))];
  }
  if (method === 'execute_statement') {
    const statement = args.find(arg => arg.keyword === 'Statement')?.literal;
    const verb = statement?.trim().split(/\s+/)[0]?.toUpperCase();
    return verb === undefined ? [] : [verb];
  }
  return [];
}

/** A literal string argument, by position or keyword. */
function literalArgument(args: readonly Argument[], position: number, keyword: string): string | undefined {
  const arg = args.find(candidate => candidate.keyword === keyword) ?? (args[position]?.keyword === undefined ? args[position] : undefined);
  return arg?.literal ?? onlyString(arg?.values);
}

/** The text of a name bound only to string literals, when it is bound to exactly one. */
function onlyString(values: readonly Value[] | undefined): string | undefined {
  const texts = [...new Set((values ?? []).map(value => value.kind === 'string' ? value.text : undefined))];
  return texts.length === 1 ? texts[0] : undefined;
}

/** The name an assignment target binds: `x`, `self.client`, `x: T`; `undefined` for tuples and subscripts. */
function targetName(tokens: readonly PythonToken[]): string | undefined {
  const annotated = splitTopLevel(tokens, ':')[0];
  const text = annotated.map(token => token.text).join('');
  return /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(text) && !KEYWORDS.has(text) ? text : undefined;
}

/** A key that tells two values apart, so bindings hold each once. */
function valueId(value: Value): string {
  return JSON.stringify(value, (key, item) => key === 'call' ? `${(item as MutableCall).operation}@${(item as MutableCall).line}` : item);
}

/** Splits tokens at a separator outside brackets (`=` in `a = f(x=1)` splits once). */
function splitTopLevel(tokens: readonly PythonToken[], separator: string): PythonToken[][] {
  const parts: PythonToken[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === TokenKind.OPERATOR && (token.text === '(' || token.text === '[' || token.text === '{')) {
      depth++;
    } else if (token.kind === TokenKind.OPERATOR && (token.text === ')' || token.text === ']' || token.text === '}')) {
      depth--;
    }
    if (depth === 0 && token.kind === TokenKind.OPERATOR && token.text === separator) {
      parts.push([]);
    } else {
      parts[parts.length - 1].push(token);
    }
  }
  return parts;
}

/** Whether the colon at `at` ends a `lambda`'s parameters (`key=lambda item: item[0]`) rather than a header. */
function isLambdaColon(tokens: readonly PythonToken[], at: number): boolean {
  for (let index = at - 1; index >= 0; index--) {
    if (tokens[index].text === 'lambda') {
      return true;
    }
    if (tokens[index].text === ':' || tokens[index].text === ')' || tokens[index].text === '(') {
      return false;
    }
  }
  return false;
}

function depthAt(tokens: readonly PythonToken[], at: number): number {
  let depth = 0;
  for (let index = 0; index < at; index++) {
    const text = tokens[index].kind === TokenKind.OPERATOR ? tokens[index].text : '';
    depth += text === '(' || text === '[' || text === '{' ? 1 : text === ')' || text === ']' || text === '}' ? -1 : 0;
  }
  return depth;
}

/** The index of the bracket that closes the one at `open` (the tokenizer has checked that brackets match). */
function matchingBracket(tokens: readonly PythonToken[], open: number): number {
  let depth = 0;
  for (let index = open; index < tokens.length; index++) {
    const text = tokens[index].kind === TokenKind.OPERATOR ? tokens[index].text : '';
    if (text === '(' || text === '[' || text === '{') {
      depth++;
    } else if (text === ')' || text === ']' || text === '}') {
      depth--;
      if (depth === 0) {
        return index;
      }
    }
  }
  return tokens.length - 1;
}
