import { parse as babelParse } from '@babel/parser';

/** A node of the syntax tree: babel's ESTree-like shape, read structurally. */
export interface SyntaxNode {
  readonly type: string;
  readonly loc?: { readonly start: { readonly line: number } };
  readonly [key: string]: any;
}

/** The language a handler file is written in, from its extension. */
export function isTypeScriptFile(fileName: string): boolean {
  return /\.(ts|mts|cts|tsx)$/i.test(fileName);
}

/** Parsed modules kept at most: a run reads the same handler source for every function that ships it. */
const MAX_PARSED_MODULES = 128;

/** Trees by parser options and source text; a tree is only read, never changed, so it can be shared. */
const parsedModules = new Map<string, SyntaxNode | null>();

/**
 * Parses a JavaScript or TypeScript module (ES module or CommonJS) into a syntax tree, or
 * `undefined` when it is not valid source. A real parser, never regular expressions: a
 * command name in a comment or a string is not a call.
 *
 * The same text is parsed once: apps ship one handler file (or one inline snippet) in many
 * functions, and parsing is most of what reading a handler costs. The cache is keyed by the
 * text itself, so it cannot be stale; it holds the last `MAX_PARSED_MODULES` texts, and the rule
 * pack empties it at the start of each run (`forgetParsedModules`), so one run costs what one
 * `cdk synth` costs.
 */
export function parseModule(source: string, fileName: string): SyntaxNode | undefined {
  const plugins: string[] = isTypeScriptFile(fileName) ? ['typescript'] : [];
  if (/\.(tsx|jsx)$/i.test(fileName)) {
    plugins.push('jsx');
  }
  const key = `${plugins.join(',')}\u0000${source}`;
  let program = parsedModules.get(key);
  if (program === undefined) {
    program = parse(source, plugins) ?? null;
    if (parsedModules.size >= MAX_PARSED_MODULES) {
      parsedModules.delete(parsedModules.keys().next().value!);
    }
    parsedModules.set(key, program);
  }
  return program ?? undefined;
}

/** Empties the cache of parsed modules. */
export function forgetParsedModules(): void {
  parsedModules.clear();
}

function parse(source: string, plugins: readonly string[]): SyntaxNode | undefined {
  try {
    return babelParse(source, {
      sourceType: 'unambiguous',
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      errorRecovery: false,
      plugins: plugins as any[],
    }).program as unknown as SyntaxNode;
  } catch {
    return undefined;
  }
}

/**
 * Visits every node of a tree, depth first, with its parent and the key it hangs under, so a
 * visitor can tell a reference (`GetCommand` in `new GetCommand()`) from a declaration or a
 * property name.
 */
export function walk(root: SyntaxNode, visit: (node: SyntaxNode, parent: SyntaxNode | undefined, key: string) => void): void {
  const stack: Array<[SyntaxNode, SyntaxNode | undefined, string]> = [[root, undefined, '']];
  while (stack.length > 0) {
    const [node, parent, key] = stack.pop()!;
    visit(node, parent, key);
    for (const [childKey, value] of Object.entries(node)) {
      if (childKey === 'loc' || childKey === 'leadingComments' || childKey === 'trailingComments' || childKey === 'innerComments') {
        continue;
      }
      if (Array.isArray(value)) {
        for (let index = value.length - 1; index >= 0; index--) {
          if (isNode(value[index])) {
            stack.push([value[index], node, childKey]);
          }
        }
      } else if (isNode(value)) {
        stack.push([value, node, childKey]);
      }
    }
  }
}

function isNode(value: unknown): value is SyntaxNode {
  return value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string';
}

/** The line a node starts on (1-based), 0 when the parser gave none. */
export function lineOf(node: SyntaxNode): number {
  return node.loc?.start.line ?? 0;
}

/** The text of a string literal or a template literal without expressions. */
export function literalText(node: SyntaxNode | undefined): string | undefined {
  if (node?.type === 'StringLiteral') {
    return node.value as string;
  }
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) {
    return node.quasis[0]?.value?.cooked as string | undefined;
  }
  return undefined;
}

/** The name of an identifier, or of a non-computed property key (`a` in `x.a` or `{ a: 1 }`). */
export function nameOf(node: SyntaxNode | undefined): string | undefined {
  if (node?.type === 'Identifier') {
    return node.name as string;
  }
  return literalText(node);
}
