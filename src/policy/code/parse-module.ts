import { parse } from '@babel/parser';

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

/**
 * Parses a JavaScript or TypeScript module (ES module or CommonJS) into a syntax tree, or
 * `undefined` when it is not valid source. A real parser, never regular expressions: a
 * command name in a comment or a string is not a call.
 */
export function parseModule(source: string, fileName: string): SyntaxNode | undefined {
  const plugins: any[] = isTypeScriptFile(fileName) ? ['typescript'] : [];
  if (/\.(tsx|jsx)$/i.test(fileName)) {
    plugins.push('jsx');
  }
  try {
    return parse(source, {
      sourceType: 'unambiguous',
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      errorRecovery: false,
      plugins,
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
