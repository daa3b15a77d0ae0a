import { forgetParsedModules, parseModule } from '../../../src/policy/code/parse-module';

describe('parseModule', () => {
  beforeEach(() => forgetParsedModules());

  test('parses the same text once: the second call returns the same tree', () => {
    const source = 'exports.handler = async () => ({ statusCode: 200 });';

    const first = parseModule(source, 'index.js');

    expect(first?.type).toBe('Program');
    expect(parseModule(`${source}`, 'other.js')).toBe(first);
  });

  test('parses a text again after forgetParsedModules', () => {
    const source = 'export const handler = async () => 1;';
    const first = parseModule(source, 'index.mjs');

    forgetParsedModules();

    const second = parseModule(source, 'index.mjs');
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
  });

  test('keeps TypeScript and JavaScript parses apart', () => {
    const source = 'export const handler = async (event: unknown) => event;';

    expect(parseModule(source, 'index.js')).toBeUndefined();
    expect(parseModule(source, 'index.ts')?.type).toBe('Program');
  });

  test('remembers invalid source as invalid', () => {
    expect(parseModule('exports.handler = (', 'index.js')).toBeUndefined();
    expect(parseModule('exports.handler = (', 'index.js')).toBeUndefined();
  });

  test('keeps at most 128 texts: the oldest is parsed again', () => {
    const oldest = parseModule('exports.n = 0;', 'index.js');
    for (let n = 1; n <= 128; n++) {
      parseModule(`exports.n = ${n};`, 'index.js');
    }

    const again = parseModule('exports.n = 0;', 'index.js');
    expect(again).not.toBe(oldest);
    expect(again).toEqual(oldest);
  });
});
