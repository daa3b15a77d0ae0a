/**
 * Precision and recall of the handler-code analysis on the labelled corpus
 * (test/fixtures/code-usage/corpus.ts), and its time per handler; writes
 * bench/code-usage/results.md, which `npm run bench` includes in bench/results.md.
 */
import { writeFileSync } from 'fs';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { actionsOfHandler } from '../../src/policy/code/handler-actions';
import { inMemorySources } from '../../src/policy/code/source-reader';
import { CORPUS } from '../../test/fixtures/code-usage/corpus';

const REPEAT = 20;

let truePositives = 0;
let falsePositives = 0;
let falseNegatives = 0;
let unknownAgreed = 0;
const misses: string[] = [];
for (const handler of CORPUS) {
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
  for (const handler of CORPUS) {
    actionsOfHandler(inMemorySources(handler.files), handler.entry);
  }
}
const perHandler = (performance.now() - start) / (REPEAT * CORPUS.length);

const precision = truePositives / (truePositives + falsePositives);
const recall = truePositives / (truePositives + falseNegatives);
const lines = [
  '# Handler-code analysis: what the code calls',
  '',
  '<!-- Written by bench/code-usage/bench.ts; `npm run bench` refreshes it. -->',
  '',
  `On ${CORPUS.length} labelled SDK v3 JavaScript/TypeScript handlers (test/fixtures/code-usage/corpus.ts; the labels are the`,
  'actions each truly needs, written by hand from the Service Authorization Reference):',
  '',
  '| measure | value |',
  '|---|---|',
  `| actions extracted correctly (true positives) | ${truePositives} |`,
  `| actions extracted that the code does not need (false positives) | ${falsePositives} |`,
  `| actions the code needs that were missed (false negatives) | ${falseNegatives} |`,
  `| precision | ${precision.toFixed(3)} |`,
  `| recall | ${recall.toFixed(3)} |`,
  `| handlers whose "unknown" verdict matches the label | ${unknownAgreed} of ${CORPUS.length} |`,
  `| analysis time per handler (mean of ${REPEAT} rounds) | ${perHandler.toFixed(2)} ms |`,
  '',
  misses.length === 0 ? 'Every label matched.' : ['Where it differs:', '', ...misses].join('\n'),
  '',
];
writeFileSync(join(__dirname, 'results.md'), lines.join('\n'));
process.stdout.write(lines.join('\n'));
