/**
 * Precision and recall of the handler-code analysis on the labelled corpora
 * (test/fixtures/code-usage/corpus.ts for SDK v3 JavaScript/TypeScript,
 * test/fixtures/code-usage/python-corpus.ts for boto3), each measured on its own, and its time
 * per handler, and the example app's unused grants and synth time (example-apps.ts); writes
 * bench/code-usage/results.md, which `npm run bench` includes in
 * bench/results.md.
 */
import { writeFileSync } from 'fs';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { exampleAppSections } from './example-apps';
import { actionsOfHandler } from '../../src/policy/code/handler-actions';
import { inMemorySources } from '../../src/policy/code/source-reader';
import { CORPUS, LabelledHandler } from '../../test/fixtures/code-usage/corpus';
import { PYTHON_CORPUS } from '../../test/fixtures/code-usage/python-corpus';

const REPEAT = 20;

interface Measure {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly unknownAgreed: number;
  readonly handlers: number;
  readonly perHandlerMs: number;
  readonly misses: readonly string[];
}

function measure(corpus: readonly LabelledHandler[]): Measure {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let unknownAgreed = 0;
  const misses: string[] = [];
  for (const handler of corpus) {
    const result = actionsOfHandler(inMemorySources(handler.files), handler.entry);
    const found = new Set(result.used.map(used => used.action));
    const expected = new Set(handler.actions);
    for (const action of found) {
      if (expected.has(action)) {
        truePositives++;
      } else {
        falsePositives++;
        misses.push(`- ${handler.name}: extracted ${action}, which the code does not need`);
      }
    }
    for (const action of expected) {
      if (!found.has(action)) {
        falseNegatives++;
        misses.push(`- ${handler.name}: missed ${action}`);
      }
    }
    if ((result.unknown.length > 0) === handler.unknown) {
      unknownAgreed++;
    } else {
      misses.push(`- ${handler.name}: ${handler.unknown ? 'did not report' : 'wrongly reported'} code it cannot resolve`);
    }
  }
  const start = performance.now();
  for (let round = 0; round < REPEAT; round++) {
    for (const handler of corpus) {
      actionsOfHandler(inMemorySources(handler.files), handler.entry);
    }
  }
  const perHandlerMs = (performance.now() - start) / (REPEAT * corpus.length);
  return { truePositives, falsePositives, falseNegatives, unknownAgreed, handlers: corpus.length, perHandlerMs, misses };
}

function table(title: string, result: Measure): string[] {
  const precision = result.truePositives / (result.truePositives + result.falsePositives);
  const recall = result.truePositives / (result.truePositives + result.falseNegatives);
  return [
    `## ${title}`,
    '',
    '| measure | value |',
    '|---|---|',
    `| handlers | ${result.handlers} |`,
    `| actions extracted correctly (true positives) | ${result.truePositives} |`,
    `| actions extracted that the code does not need (false positives) | ${result.falsePositives} |`,
    `| actions the code needs that were missed (false negatives) | ${result.falseNegatives} |`,
    `| precision | ${precision.toFixed(3)} |`,
    `| recall | ${recall.toFixed(3)} |`,
    `| handlers whose "unknown" verdict matches the label | ${result.unknownAgreed} of ${result.handlers} |`,
    `| analysis time per handler (mean of ${REPEAT} rounds) | ${result.perHandlerMs.toFixed(2)} ms |`,
    '',
    result.misses.length === 0 ? 'Every label matched.' : ['Where it differs:', '', ...result.misses].join('\n'),
    '',
  ];
}

const lines = [
  '# Handler-code analysis: what the code calls',
  '',
  '<!-- Written by bench/code-usage/bench.ts; `npm run bench` refreshes it. -->',
  '',
  'On labelled handlers (the labels are the actions each truly needs, written by hand from the Service',
  'Authorization Reference), measured separately per language:',
  '',
  ...table('SDK v3 JavaScript/TypeScript (test/fixtures/code-usage/corpus.ts)', measure(CORPUS)),
  ...table('Python with boto3 (test/fixtures/code-usage/python-corpus.ts)', measure(PYTHON_CORPUS)),
  ...exampleAppSections(),
];
writeFileSync(join(__dirname, 'results.md'), lines.join('\n'));
process.stdout.write(lines.join('\n'));
