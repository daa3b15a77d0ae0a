import { PythonSyntaxError, TokenKind, indentedLines, logicalLines } from '../../../../src/policy/code/python/tokens';

const texts = (source: string) => logicalLines(source).map(line => line.map(token => token.text));

describe('logicalLines', () => {
  test('splits statements at newlines and semicolons, and drops comments', () => {
    expect(texts('a = 1  # b = 2\nc(d); e\n')).toEqual([['a', '=', '1'], ['c', '(', 'd', ')'], ['e']]);
  });

  test('joins lines inside brackets and after a backslash', () => {
    expect(texts('f(a,\n  b)\nx = 1 + \\\n  2\n')).toEqual([['f', '(', 'a', ',', 'b', ')'], ['x', '=', '1', '+', '2']]);
  });

  test('reads a string as one token, whatever it holds: quotes of the other kind, a hash, a call', () => {
    const [line] = logicalLines('s = "it\'s # not a comment: s3.get_object()"');
    expect(line.map(token => token.kind)).toEqual([TokenKind.NAME, TokenKind.OPERATOR, TokenKind.STRING]);
    expect(line[2].text).toBe('it\'s # not a comment: s3.get_object()');
  });

  test('reads triple-quoted strings across lines and keeps the line numbers after them right', () => {
    const lines = logicalLines('doc = """\nclient.delete_bucket()\n"""\ncall()\n');
    expect(lines).toHaveLength(2);
    expect(lines[1][0]).toEqual({ kind: TokenKind.NAME, text: 'call', line: 4 });
  });

  test('tells prefixed strings from names: r, b, f, rb; an f-string is marked', () => {
    const [line] = logicalLines("x = rb'a' + f\"{y}\" + fr'z' + bar");
    const kinds = line.filter(token => token.kind === TokenKind.STRING).map(token => [token.text, token.formatted]);
    expect(kinds).toEqual([['a', false], ['{y}', true], ['z', true]]);
    expect(line[line.length - 1]).toMatchObject({ kind: TokenKind.NAME, text: 'bar' });
  });

  test('keeps escaped quotes inside a string', () => {
    expect(logicalLines("s = 'a\\'b'")[0][2].text).toBe("a\\'b");
  });

  test('reads two-character operators as one token', () => {
    expect(texts('a == b != c ** d // e -> f := g')).toEqual([['a', '==', 'b', '!=', 'c', '**', 'd', '//', 'e', '->', 'f', ':=', 'g']]);
  });

  test.each([
    ['an unterminated string', "s = 'abc\n"],
    ['an unterminated triple-quoted string', 's = """abc\n'],
    ['a bracket never closed', 'f(a,\n'],
    ['a bracket closed by the wrong one', 'f(a]'],
  ])('refuses %s', (_name, source) => {
    expect(() => logicalLines(source)).toThrow(PythonSyntaxError);
  });

  test('gives each logical line the column of its first token; a statement after ; keeps its line\'s', () => {
    const lines = indentedLines('def f():\n    a = (1,\n 2)\n    b; c\nd\n');
    expect(lines.map(line => [line.tokens[0].text, line.indent])).toEqual([['def', 0], ['a', 4], ['b', 4], ['c', 4], ['d', 0]]);
  });
});
