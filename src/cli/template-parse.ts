import { dirname } from 'path';
import { inputError, oneLine } from './cli-error';

/**
 * How deep a template may nest, counting the template itself as level 1 (a resource's
 * properties are level 4). The CDK's resolver gives up at a depth of about 200 with a
 * misleading "circular reference", and real templates stay far below 100.
 */
export const MAX_NESTING_DEPTH = 100;

/** How many YAML aliases (`*name`) a template may use: real CloudFormation templates use few or none. */
export const MAX_YAML_ALIASES = 100;

/**
 * How many values the aliases of a template may expand to, in total: a guard against
 * "billion laughs" documents, where a few aliases of aliases expand to billions of values.
 */
export const MAX_ALIAS_EXPANSION = 10_000;

/**
 * CloudFormation's short-form tags and the intrinsic each stands for (`!Ref X` is `{ Ref: X }`,
 * `!GetAtt A.B` is `{ 'Fn::GetAtt': 'A.B' }`). Any other `!tag` is an input error: the YAML
 * parser would turn it into a plain string, and a typo such as `!GetAttr` would be checked as
 * literal text.
 */
const SHORT_FORMS: ReadonlyMap<string, string> = new Map([
  ...['Base64', 'Cidr', 'FindInMap', 'GetAZs', 'GetAtt', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform',
    'And', 'Equals', 'If', 'Not', 'Or', 'Length', 'ToJsonString']
    .map(name => [`!${name}`, `Fn::${name}`] as [string, string]),
  ['!Ref', 'Ref'],
  ['!Condition', 'Condition'],
]);

/** The prefix of the YAML core schema's own tags (`!!str`, `!!int`…), which the parser resolves. */
const YAML_CORE_TAG = 'tag:yaml.org,2002:';

/**
 * Parses a template's text, JSON or YAML, into plain values: objects, arrays, strings,
 * numbers, booleans and null, with the YAML short forms turned into their long forms.
 * Objects are plain objects with own properties only; a key named `__proto__` (which a plain
 * object cannot hold as data) is refused rather than silently dropped.
 */
export function parseTemplate(text: string, display: string): unknown {
  const source = text.replace(/^\uFEFF/, '');
  const json = /^\s*[{[]/.test(source);
  const depth = json ? jsonNestingDepth(source) : yamlNestingEstimate(source);
  if (depth > MAX_NESTING_DEPTH) {
    throw depthError(display);
  }
  if (json) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(source);
    } catch (error) {
      throw inputError(`${display}: not valid JSON (${jsonErrorPlace((error as Error).message, source)})`);
    }
    return copyPlain(parsed, display, 1, '');
  }
  return parseYaml(source, display);
}

function depthError(display: string): Error {
  return inputError(`${display}: nesting deeper than ${MAX_NESTING_DEPTH} levels: no CloudFormation template needs that; refused so that the check cannot be exhausted`);
}

/** Where JSON is broken, without quoting the text the parser choked on (never print file contents). */
function jsonErrorPlace(message: string, text: string): string {
  const position = /at position (\d+)/.exec(message);
  const line = position && !/line \d+/.test(message) ? `, line ${text.slice(0, Number(position[1])).split('\n').length}` : '';
  const where = position ? `at position ${position[1]}` : (/line \d+(, column \d+)?/.exec(message)?.[0] ?? 'syntax error');
  return `${where}${line}`;
}

/** The deepest nesting of JSON text: its brackets, outside strings. */
function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === '\\') {
        index++;
      } else if (char === '"') {
        inString = false;
      }
    } else if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      deepest = Math.max(deepest, ++depth);
    } else if (char === '}' || char === ']') {
      depth--;
    }
  }
  return deepest;
}

/**
 * A lower bound of a YAML document's nesting, read before parsing: the YAML parser recurses
 * per level and, thousands of levels down, fails with messages about columns or the call
 * stack instead of saying what is wrong. Counts the indentation levels open on each line plus
 * the flow brackets (`[`, `{`) open outside quotes and comments; block scalars are skipped.
 */
function yamlNestingEstimate(text: string): number {
  const indents: number[] = [];
  let flow = 0;
  let deepest = 0;
  let blockScalarIndent: number | undefined;
  for (const line of text.split(/\r?\n/)) {
    const indent = /^ */.exec(line)![0].length;
    const content = line.slice(indent);
    if (blockScalarIndent !== undefined) {
      if (content.length === 0 || indent > blockScalarIndent) {
        continue;
      }
      blockScalarIndent = undefined;
    }
    if (content.length === 0 || content.startsWith('#')) {
      continue;
    }
    if (flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1] >= indent) {
        indents.pop();
      }
      indents.push(indent);
    }
    let quote: string | undefined;
    for (let index = 0; index < content.length; index++) {
      const char = content[index];
      if (quote !== undefined) {
        if (char === quote) {
          quote = undefined;
        }
      } else if ((char === '"' || char === "'") && (index === 0 || /[\s[{,:]/.test(content[index - 1]))) {
        quote = char;
      } else if (char === '#' && (index === 0 || /\s/.test(content[index - 1]))) {
        break;
      } else if (char === '[' || char === '{') {
        deepest = Math.max(deepest, indents.length + ++flow);
      } else if (char === ']' || char === '}') {
        flow = Math.max(0, flow - 1);
      }
    }
    deepest = Math.max(deepest, indents.length + flow);
    if (flow === 0 && /(^|[\s:-])[|>][0-9+-]*\s*(#.*)?$/.test(content)) {
      blockScalarIndent = indent;
    }
  }
  return deepest;
}

/** A copy of parsed JSON as plain values, checking the depth and refusing `__proto__` keys. */
function copyPlain(value: unknown, display: string, depth: number, path: string): unknown {
  if (depth > MAX_NESTING_DEPTH) {
    throw depthError(display);
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => copyPlain(item, display, depth + 1, `${path}[${index}]`));
  }
  if (value !== null && typeof value === 'object') {
    const copy: { [key: string]: unknown } = {};
    for (const key of Object.keys(value)) {
      refuseProtoKey(key, display, path);
      copy[key] = copyPlain((value as { [key: string]: unknown })[key], display, depth + 1, path === '' ? key : `${path}.${key}`);
    }
    return copy;
  }
  return value;
}

/**
 * Refuses a `__proto__` key: a plain object cannot hold it as data. As a logical id it is
 * refused as CloudFormation refuses it (logical ids are alphanumeric).
 */
function refuseProtoKey(key: string, display: string, path: string, line?: number): void {
  if (key !== '__proto__') {
    return;
  }
  if (path === 'Resources') {
    throw inputError(`${display}: resource '${key}': a logical id must be alphanumeric (A-Za-z0-9), as CloudFormation requires`);
  }
  const where = [path !== '' ? ` in ${path}` : '', line !== undefined ? ` on line ${line}` : ''].join('');
  throw inputError(`${display}: a key named '__proto__'${where} is not accepted (no CloudFormation property has that name, and JavaScript objects cannot hold it as data)`);
}

/** The parts of the `yaml` 1.x document model that the loader reads. */
interface YamlNode {
  readonly type?: string;
  readonly tag?: string;
  readonly range?: [number, number];
  readonly items?: YamlNode[];
  readonly key?: YamlNode | null;
  readonly value?: unknown;
  readonly source?: YamlNode;
  toJSON?(): unknown;
}

interface YamlError {
  readonly name: string;
  readonly message: string;
  readonly source?: { readonly rangeAsLinePos?: { readonly start?: { readonly line?: number } } };
}

interface YamlModule {
  parseDocument(text: string, options: object): { contents: YamlNode | null; errors: YamlError[] };
}

let yamlModule: YamlModule | undefined;

/**
 * The `yaml` parser (1.x) that aws-cdk-lib bundles for its own `CfnInclude`: aws-cdk-lib is a
 * peer dependency, so every user has it, and this package needs no YAML parser of its own.
 * It is resolved from aws-cdk-lib's folder, as aws-cdk-lib itself would require it.
 */
function yaml(): YamlModule {
  if (yamlModule === undefined) {
    const cdkRoot = dirname(require.resolve('aws-cdk-lib/package.json'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    yamlModule = require(require.resolve('yaml', { paths: [cdkRoot] })) as YamlModule;
  }
  return yamlModule;
}

function parseYaml(text: string, display: string): unknown {
  let document: { contents: YamlNode | null; errors: YamlError[] };
  try {
    // The core schema, as CfnInclude reads templates; without custom tags, every tag stays on
    // its node (and is checked below) and nothing is written to stderr as a Node warning.
    document = yaml().parseDocument(text, { schema: 'core', prettyErrors: false });
  } catch (error) {
    throw yamlError(error as YamlError, display);
  }
  if (document.errors.length > 0) {
    throw yamlError(document.errors[0], display);
  }
  const lines = new LineIndex(text);
  const state: ConversionState = { display, lines, aliases: 0, expanded: 0 };
  return toPlain(document.contents, state, 1, false, '');
}

function yamlError(error: YamlError, display: string): Error {
  if (/call stack/i.test(error.message ?? '')) {
    return depthError(display);
  }
  const line = error.source?.rangeAsLinePos?.start?.line;
  return inputError(`${display}: not valid YAML (${oneLine(error.message ?? String(error))}${line ? `, line ${line}` : ''})`);
}

interface ConversionState {
  readonly display: string;
  readonly lines: LineIndex;
  aliases: number;
  expanded: number;
}

/** Converts a YAML node to a plain value, expanding aliases within the limits. */
function toPlain(node: YamlNode | null | undefined, state: ConversionState, depth: number, viaAlias: boolean, path: string): unknown {
  if (depth > MAX_NESTING_DEPTH) {
    throw depthError(state.display);
  }
  if (node === null || node === undefined) {
    return null;
  }
  if (viaAlias && ++state.expanded > MAX_ALIAS_EXPANSION) {
    throw inputError(`${state.display}: its YAML aliases expand to more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} values; refused as a guard against exponential expansion ("billion laughs")`);
  }
  if (node.type === 'ALIAS') {
    // Each alias of the document counts once; those met again inside an expansion count as values.
    if (!viaAlias && ++state.aliases > MAX_YAML_ALIASES) {
      throw inputError(`${state.display}: more than ${MAX_YAML_ALIASES} YAML aliases (*name, line ${state.lines.lineOf(node)}); CloudFormation templates need few or none`);
    }
    return toPlain(node.source, state, depth, true, path);
  }
  const intrinsic = tagged(node, state);
  const value = plainValue(node, state, intrinsic === undefined ? depth : depth + 1, viaAlias, path);
  if (intrinsic === undefined) {
    return value;
  }
  const wrapper: { [key: string]: unknown } = {};
  wrapper[intrinsic] = value;
  return wrapper;
}

/** The intrinsic a node's short-form tag stands for; undefined for an untagged node. */
function tagged(node: YamlNode, state: ConversionState): string | undefined {
  const tag = node.tag;
  if (tag === undefined || tag.startsWith(YAML_CORE_TAG)) {
    return undefined;
  }
  const intrinsic = SHORT_FORMS.get(tag);
  if (intrinsic === undefined) {
    const similar = [...SHORT_FORMS.keys()].find(known => known.toLowerCase() === tag.toLowerCase().replace(/r$/, ''));
    throw inputError(`${state.display}: unknown YAML tag ${tag} on line ${state.lines.lineOf(node)}${similar ? ` (did you mean ${similar}?)` : ''}: CloudFormation's short forms are ${[...SHORT_FORMS.keys()].join(' ')}`);
  }
  return intrinsic;
}

function plainValue(node: YamlNode, state: ConversionState, depth: number, viaAlias: boolean, path: string): unknown {
  switch (node.type) {
    case 'MAP':
    case 'FLOW_MAP': {
      const result: { [key: string]: unknown } = {};
      for (const pair of node.items ?? []) {
        if (pair.type === 'MERGE_PAIR') {
          throw inputError(`${state.display}: a YAML merge key (<<) on line ${state.lines.lineOf(pair)} is not part of CloudFormation's YAML`);
        }
        const key = pair.key ? toPlain(pair.key, state, depth + 1, viaAlias, path) : null;
        if (key !== null && typeof key === 'object') {
          throw inputError(`${state.display}: a YAML key on line ${state.lines.lineOf(pair)} is a list or a mapping; CloudFormation keys are strings`);
        }
        const name = String(key ?? '');
        refuseProtoKey(name, state.display, path, state.lines.lineOf(pair));
        result[name] = toPlain(pair.value as YamlNode | null, state, depth + 1, viaAlias, path === '' ? name : `${path}.${name}`);
      }
      return result;
    }
    case 'SEQ':
    case 'FLOW_SEQ':
      return (node.items ?? []).map((item, index) => toPlain(item, state, depth + 1, viaAlias, `${path}[${index}]`));
    default: {
      const value = node.value;
      if (value === null || value === undefined || ['string', 'number', 'boolean'].includes(typeof value)) {
        return value ?? null;
      }
      throw inputError(`${state.display}: the YAML value on line ${state.lines.lineOf(node)} is of a type CloudFormation has no use for (${node.tag ?? typeof value})`);
    }
  }
}

/** Line numbers of offsets in a text, by binary search over the line starts. */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let index = 0; index < text.length; index++) {
      if (text[index] === '\n') {
        this.starts.push(index + 1);
      }
    }
  }

  public lineOf(node: YamlNode): number {
    const offset = node.range?.[0] ?? (node.key ?? undefined)?.range?.[0] ?? 0;
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.starts[middle] <= offset) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low + 1;
  }
}
