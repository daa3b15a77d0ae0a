import { actionsOfHandler } from '../../../src/policy/code/handler-actions';
import { inMemorySources } from '../../../src/policy/code/source-reader';
import { CORPUS } from '../../fixtures/code-usage/corpus';
import { PYTHON_CORPUS } from '../../fixtures/code-usage/python-corpus';

describe('the actions a handler needs, on the labelled corpus', () => {
  test.each([...CORPUS, ...PYTHON_CORPUS].map(handler => [handler.name, handler]))('%s', (_name, handler) => {
    // WHEN
    const result = actionsOfHandler(inMemorySources(handler.files), handler.entry);

    // THEN
    const found = handler.actions.filter(action => !(handler.knownMisses ?? []).includes(action));
    expect(result.used.map(used => used.action)).toEqual([...found].sort());
    expect(result.unknown.length > 0).toBe(handler.unknown);
  });
});

describe('actionsOfHandler', () => {
  test('follows only imports that stay inside the code', () => {
    const result = actionsOfHandler(inMemorySources({
      'index.js': "import { x } from '../outside';\nexport const handler = () => x;",
    }), 'index.js');
    expect(result.used).toEqual([]);
    expect(result.unknown).toEqual([expect.objectContaining({ reason: expect.stringContaining("'../outside'") })]);
  });

  test('reports a file that is not valid source as unknown, never as calling nothing', () => {
    const result = actionsOfHandler(inMemorySources({ 'index.js': 'export const = ;' }), 'index.js');
    expect(result.unknown).toEqual([expect.objectContaining({ reason: 'the file is not valid JavaScript or TypeScript' })]);
  });

  test('names the environment variables that name the resources', () => {
    const result = actionsOfHandler(inMemorySources(CORPUS[0].files), CORPUS[0].entry);
    expect(result.used[0].calls[0].environmentVariables).toEqual(['TABLE_NAME']);
  });

  test('reads each file once, however often it is imported', () => {
    const result = actionsOfHandler(inMemorySources({
      'index.ts': "import './a';\nimport './b';",
      'a.ts': "import './b';\nimport { SNSClient, PublishCommand } from '@aws-sdk/client-sns';\nnew SNSClient({}).send(new PublishCommand({}));",
      'b.ts': "import './a';",
    }), 'index.ts');
    expect(result.files).toEqual(['index.ts', 'a.ts', 'b.ts']);
    expect(result.used.map(used => [used.action, used.calls.length])).toEqual([['sns:Publish', 1]]);
  });
});
