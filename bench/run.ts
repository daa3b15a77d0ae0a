/**
 * `npm run bench`: measures the constructs, the rule pack and the CLI, and writes every number
 * with what it means to bench/results.md. Numbers live here, never in unit tests.
 */
import { execFileSync } from 'child_process';
import { readFileSync, writeFileSync } from 'fs';
import { cpus } from 'os';
import { join } from 'path';
import { buildApp, PACKS, packTime, PLAIN_SERVICE, resourceCounts, SECURE_SERVICE, ServiceBuilder, SERVICES_PER_STACK, SINGLE_CONSTRUCTS, synthTime } from './constructs';
import { MONTHLY_FIXED_COST } from './costs';

const SIZES = [50, 200, 400];
const REPEAT = 3;
const STACK_RESOURCE_LIMIT = 500;

function synthRows(secure: ServiceBuilder, plain: ServiceBuilder): string[] {
  // Warm up: the first synthesis pays for loading aws-cdk-lib's modules.
  synthTime(secure, 5, 1);
  synthTime(plain, 5, 1);
  return SIZES.map(size => {
    const secureMs = synthTime(secure, size, REPEAT);
    const plainMs = synthTime(plain, size, REPEAT);
    return `| ${size} | ${plainMs.toFixed(0)} | ${secureMs.toFixed(0)} | ${(secureMs / plainMs).toFixed(1)}× | ${(secureMs / size).toFixed(1)} |`;
  });
}

/** Pack times per size, and the sentence that says whether the targets were met. */
function packRows(): { rows: string[]; verdict: string } {
  // Each pack on an app of its own: a pack's first run resolves (and caches) the app's lazy
  // values, which would hand the pack measured second a warm app.
  const measured = SIZES.map(size => {
    const [ours, theirs] = PACKS.map(pack => {
      const app = buildApp(SECURE_SERVICE, size);
      app.synth();
      return packTime(app, pack.create, REPEAT);
    });
    return { size, ours, theirs };
  });
  const worstRatio = Math.max(...measured.map(m => m.ours / m.theirs));
  const perService = measured.map(m => m.ours / m.size);
  const growth = Math.max(...perService) / Math.min(...perService);
  const verdict = `Result: ours takes at most ${worstRatio.toFixed(2)}× AwsSolutions' time `
    + `(${worstRatio <= 1 ? 'the target of ≤ 1 is met' : 'the target of ≤ 1 is NOT met'}), and its time per service varies by `
    + `${((growth - 1) * 100).toFixed(0)}% from ${SIZES[0]} to ${SIZES[SIZES.length - 1]} services `
    + `(${growth <= 1.3 ? 'linear' : 'NOT linear'}).`;
  const rows = measured.map(m => `| ${m.size} | ${m.ours.toFixed(0)} | ${m.theirs.toFixed(0)} | ${(m.ours / m.theirs).toFixed(2)} | ${(m.ours / m.size).toFixed(2)} |`);
  return { rows, verdict };
}

function resourceRows(): string[] {
  return SINGLE_CONSTRUCTS.map(builder => {
    const { perInstance, perStack } = resourceCounts(builder);
    const fit = Math.floor((STACK_RESOURCE_LIMIT - perStack) / perInstance);
    const cost = MONTHLY_FIXED_COST[builder.name];
    return `| ${builder.name} | ${perInstance} | ${perStack} | ${fit} | $${cost.perInstance.toFixed(2)} each + $${cost.perStack.toFixed(2)} once per stack |`;
  });
}

function cliResults(): string {
  execFileSync('npx', ['ts-node', '--project', 'tsconfig.dev.json', join('bench', 'cli', 'bench.ts')], { stdio: 'ignore' });
  return readFileSync(join(__dirname, 'cli', 'results.md'), 'utf8').replace(/^# CLI benchmark\n/, '');
}

const packs = packRows();
const lines = [
  '# Benchmarks',
  '',
  '<!-- Written by `npm run bench` (bench/run.ts). Do not edit by hand. -->',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}.`,
  `Times are the fastest of ${REPEAT} runs after a warm-up, in milliseconds. Apps spread their services over stacks of ${SERVICES_PER_STACK}.`,
  '',
  `## Synth time: ${SECURE_SERVICE.name} vs ${PLAIN_SERVICE.name}`,
  '',
  'Each service is a function with its own table and a POST route on its stack\'s API; each stack also has a bucket.',
  '',
  '| services | plain (ms) | secure (ms) | ratio | secure ms per service |',
  '|---|---|---|---|---|',
  ...synthRows(SECURE_SERVICE, PLAIN_SERVICE),
  '',
  'What it means: the secure app synthesizes several times as many resources per service (role policies, log group,',
  'dead-letter queue and its policy, two alarms, a request model and validator; WAF, logs and CloudWatch role per API),',
  'and its time per service should stay flat as N grows: a rising ms-per-service column would mean something scans the',
  'whole app per construct. What would make it better: fewer resources per function (one shared tracing policy per',
  'stack instead of one per function).',
  '',
  '## Rule pack time: ServerlessSecurityChecks vs AwsSolutionsChecks, on the same secure app',
  '',
  '| services | ours (ms) | AwsSolutions (ms) | ours / theirs | ours ms per service |',
  '|---|---|---|---|---|',
  ...packs.rows,
  '',
  packs.verdict,
  '',
  'What it means: ours should not be slower than AwsSolutions (ratio ≤ 1) and must scale linearly (flat ms per service).',
  'Each resource is rendered once per run (every token resolved, as synthesis does) and the rules that look at other',
  'resources of the stack read a per-run index by type, so the cost is linear in the number of resources. What would',
  'make it faster: rendering only the properties the rules read instead of the whole resource (policy documents are',
  'the costliest to resolve), which AwsSolutions\' rules get by reading single L1 fields.',
  '',
  '## Resources and fixed monthly cost per construct, at defaults',
  '',
  '| construct | resources per instance | resources once per stack | instances per stack (500-resource limit) | fixed monthly cost |',
  '|---|---|---|---|---|',
  ...resourceRows(),
  '',
  'Fixed cost is what exists before any traffic (alarms, KMS keys, WAF); usage (invocations, log storage, traces,',
  'requests) is extra and the same as for the plain construct. See bench/costs.ts for the prices used.',
  '',
  '## CLI: check and report on a 500-resource template',
  cliResults(),
];
writeFileSync(join(__dirname, 'results.md'), lines.join('\n'));
process.stdout.write(`${lines.join('\n')}\n`);
