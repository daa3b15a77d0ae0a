/**
 * A tokenizer for Python source, enough to read a handler's structure without a Python parser
 * (none is installed, and the library adds no dependency for it): names, numbers, strings
 * (single, double and triple quoted, with any prefix), operators and brackets, grouped into
 * logical lines the way Python's own tokenizer does — a line continues inside brackets and after
 * a backslash, `;` separates statements, comments are dropped. So a call written in a comment or a
 * string is never taken for a call.
 *
 * Indentation is not tokenized: the reader that uses this looks at each statement on its own.
 */

/** A token of a logical line. */
export interface PythonToken {
  readonly kind: TokenKind;
  /** A name or operator as written; a string's text without prefix and quotes, escapes left as written. */
  readonly text: string;
  readonly line: number;
  /** For a string: whether it is an f-string (its text holds expressions, it is not a literal). */
  readonly formatted?: boolean;
}

/** The kinds of token the reader tells apart. */
export enum TokenKind {
  NAME = 'name',
  NUMBER = 'number',
  STRING = 'string',
  OPERATOR = 'operator',
}

/** Source that is not valid Python as far as tokens go: an unterminated string or bracket. */
export class PythonSyntaxError extends Error {}

const THREE_CHARACTER_OPERATORS = new Set(['**=', '//=', '>>=', '<<=', '...']);
const TWO_CHARACTER_OPERATORS = new Set(['==', '!=', '<=', '>=', '**', '//', '<<', '>>', '->', ':=', '+=', '-=', '*=', '/=',
  '%=', '&=', '|=', '^=', '@=']);
const OPENING = new Set(['(', '[', '{']);
const CLOSING: { readonly [bracket: string]: string } = { ')': '(', ']': '[', '}': '{' };
const STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])?$/;

/**
 * The logical lines of a Python module, each a list of tokens. Throws `PythonSyntaxError` for an
 * unterminated string or mismatched brackets.
 */
export function logicalLines(source: string): PythonToken[][] {
  return indentedLines(source).map(line => line.tokens);
}

/** A logical line with the column its first token starts at: the depth of the block it belongs to. */
export interface IndentedLine {
  readonly tokens: PythonToken[];
  readonly indent: number;
}

/** The logical lines of a Python module with their indentation (a line after `;` shares its line's). */
export function indentedLines(source: string): IndentedLine[] {
  const lines: IndentedLine[] = [];
  let current: PythonToken[] = [];
  const brackets: string[] = [];
  let line = 1;
  let index = 0;
  let firstIndex = 0;
  let indent = 0;
  const endStatement = () => {
    if (current.length > 0) {
      lines.push({ tokens: current, indent });
      current = [];
    }
  };
  while (index < source.length) {
    const character = source[index];
    if (character === '\n') {
      line++;
      index++;
      if (brackets.length === 0) {
        endStatement();
      }
      continue;
    }
    if (character === ' ' || character === '\t' || character === '\r' || character === '\f') {
      index++;
      continue;
    }
    if (character === '#') {
      while (index < source.length && source[index] !== '\n') {
        index++;
      }
      continue;
    }
    if (character === '\\' && (source[index + 1] === '\n' || (source[index + 1] === '\r' && source[index + 2] === '\n'))) {
      index += source[index + 1] === '\n' ? 2 : 3;
      line++;
      continue;
    }
    if (current.length === 0 && index !== firstIndex) {
      firstIndex = index;
      // A statement after `;` keeps the indentation of the physical line it is on.
      const lineStart = source.lastIndexOf('\n', index - 1) + 1;
      const onSameLine = lines.length > 0 && source.slice(lineStart, index).includes(';');
      indent = onSameLine ? indent : index - lineStart;
    }
    const word = /^[A-Za-z_\u00c0-\uffff][A-Za-z0-9_\u00c0-\uffff]*/.exec(source.slice(index, index + 256));
    if (word !== null) {
      const quote = source[index + word[0].length];
      if ((quote === '"' || quote === '\'') && STRING_PREFIX.test(word[0])) {
        const string = readString(source, index + word[0].length, line, /[fF]/.test(word[0]));
        current.push(string.token);
        index = string.end;
        line = string.line;
        continue;
      }
      current.push({ kind: TokenKind.NAME, text: word[0], line });
      index += word[0].length;
      continue;
    }
    if (character === '"' || character === '\'') {
      const string = readString(source, index, line, false);
      current.push(string.token);
      index = string.end;
      line = string.line;
      continue;
    }
    const number = /^(?:0[xXoObB][0-9a-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?[jJ]?)/.exec(source.slice(index, index + 128));
    if (number !== null && number[0] !== '.') {
      current.push({ kind: TokenKind.NUMBER, text: number[0], line });
      index += number[0].length;
      continue;
    }
    const operator = [source.slice(index, index + 3), source.slice(index, index + 2)]
      .find(candidate => THREE_CHARACTER_OPERATORS.has(candidate) || TWO_CHARACTER_OPERATORS.has(candidate)) ?? character;
    if (OPENING.has(operator)) {
      brackets.push(operator);
    } else if (CLOSING[operator] !== undefined) {
      if (brackets.pop() !== CLOSING[operator]) {
        throw new PythonSyntaxError(`unmatched '${operator}' on line ${line}`);
      }
    }
    if (operator === ';' && brackets.length === 0) {
      endStatement();
    } else {
      current.push({ kind: TokenKind.OPERATOR, text: operator, line });
    }
    index += operator.length;
  }
  if (brackets.length > 0) {
    throw new PythonSyntaxError(`'${brackets[brackets.length - 1]}' is never closed`);
  }
  endStatement();
  return lines;
}

/** Reads a string literal that opens at `start` (its first quote). */
function readString(source: string, start: number, line: number, formatted: boolean): { token: PythonToken; end: number; line: number } {
  const quote = source[start];
  const triple = source.slice(start, start + 3) === quote.repeat(3);
  const delimiter = triple ? quote.repeat(3) : quote;
  let index = start + delimiter.length;
  let currentLine = line;
  while (index < source.length) {
    if (source[index] === '\\') {
      if (source[index + 1] === '\n') {
        currentLine++;
      }
      index += 2;
      continue;
    }
    if (source.startsWith(delimiter, index)) {
      const text = source.slice(start + delimiter.length, index);
      return { token: { kind: TokenKind.STRING, text, line, formatted }, end: index + delimiter.length, line: currentLine };
    }
    if (source[index] === '\n') {
      if (!triple) {
        break;
      }
      currentLine++;
    }
    index++;
  }
  throw new PythonSyntaxError(`a string opened on line ${line} is never closed`);
}
