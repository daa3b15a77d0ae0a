/**
 * `npm run bench`: measures the constructs, the rule pack and the CLI, and writes every number
 * with what it means to bench/results.md. Numbers live here, never in unit tests.
 */
import { execFileSync } from 'child_process';
import { readFileSync, writeFileSync } from 'fs';
import { cpus } from 'os';
import { join } from 'path';
import { buildApp, PACKS, packTimes, PLAIN_SERVICE, resourceCounts, SECURE_SERVICE, ServiceBuilder, SERVICES_PER_STACK, SINGLE_CONSTRUCTS, synthTime } from './constructs';
import { MONTHLY_FIXED_COST } from './costs';

const SIZES = [50, 200, 400];
const REPEAT = 3;
/** Pack runs are short, so the machine's noise weighs more: the fastest of more runs. */
const PACK_REPEAT = 7;
const STACK_RESOURCE_LIMIT = 500;
/**
 * `--constructs-only` counts only the resources per construct, which no other process on the
 * machine can disturb, and keeps the other sections of the last full run as they are, with their
 * own date: the timings need a quiet machine, and the CLI sections the compiled `lib/`.
 */
const CONSTRUCTS_ONLY = process.argv.includes('--constructs-only');
const RESULTS_FILE = join(__dirname, 'results.md');

/** The section of the last results that starts with this heading, up to the next `## ` heading (or the end, `toEnd`). */
function previousSection(heading: string, toEnd = false): string[] {
  const previous = readFileSync(RESULTS_FILE, 'utf8').split('\n');
  const start = previous.findIndex(line => line.startsWith(heading));
  if (start < 0) {
    throw new Error(`bench/results.md has no section '${heading}': run the whole bench once, without --constructs-only.`);
  }
  const next = previous.findIndex((line, index) => index > start && line.startsWith('## '));
  return previous.slice(start, toEnd || next < 0 ? undefined : next);
}

/** The date line of the last full run, for the sections `--constructs-only` keeps. */
function previousMeasuredLine(): string {
  return readFileSync(RESULTS_FILE, 'utf8').split('\n').find(line => line.startsWith('Measured ')) ?? 'Measured at an unknown date.';
}

/** Synth times per size, and the sentence that says whether the target (at most 1.5x plain CDK) was met. */
function synthRows(secure: ServiceBuilder, plain: ServiceBuilder): { rows: string[]; verdict: string } {
  // Warm up: the first synthesis pays for loading aws-cdk-lib's modules.
  synthTime(secure, 5, 1);
  synthTime(plain, 5, 1);
  const measured = SIZES.map(size => ({ size, secureMs: synthTime(secure, size, REPEAT), plainMs: synthTime(plain, size, REPEAT) }));
  const worst = Math.max(...measured.map(m => m.secureMs / m.plainMs));
  const verdict = worst <= SYNTH_TARGET
    ? `Result: synth takes at most ${worst.toFixed(2)}× plain CDK's time: the target of ≤ ${SYNTH_TARGET}× is met.`
    : `Result: synth takes at most ${worst.toFixed(2)}× plain CDK's time: the target of ≤ ${SYNTH_TARGET}× is NOT met, `
      + `missed by ${(worst - SYNTH_TARGET).toFixed(2)}× (why: below).`;
  const rows = measured.map(({ size, secureMs, plainMs }) =>
    `| ${size} | ${plainMs.toFixed(0)} | ${secureMs.toFixed(0)} | ${(secureMs / plainMs).toFixed(1)}× | ${(secureMs / size).toFixed(1)} |`);
  return { rows, verdict };
}

/** Issue 16's target: synth of the benchmark app at most this many times plain CDK's. */
const SYNTH_TARGET = 1.5;

/** Pack times per size, and the sentence that says whether the targets were met. */
function packRows(): { rows: string[]; verdict: string } {
  const measured = SIZES.map(size => {
    const [ours, theirs] = packTimes(buildApp(SECURE_SERVICE, size), PACKS.map(pack => pack.create), PACK_REPEAT);
    return { size, ours, theirs };
  });
  const met = (ratio: number) => ratio <= 1 ? 'met' : 'NOT met';
  const worst = (path: 'duringSynth' | 'onTree') => Math.max(...measured.map(m => m.ours[path] / m.theirs[path]));
  const perService = measured.map(m => m.ours.duringSynth / m.size);
  const growth = Math.max(...perService) / Math.min(...perService);
  const verdict = `Result: during synth, the way \`cdk synth\` runs every pack, ours takes at most ${worst('duringSynth').toFixed(2)}× `
    + `AwsSolutions' time (the target of ≤ 1 is ${met(worst('duringSynth'))}), and its time per service varies by `
    + `${((growth - 1) * 100).toFixed(0)}% from ${SIZES[0]} to ${SIZES[SIZES.length - 1]} services `
    + `(${growth <= 1.3 ? 'linear' : 'NOT linear'}). On the construct tree alone, ours takes at most `
    + `${worst('onTree').toFixed(2)}× AwsSolutions' time.`;
  const rows = measured.map(m => [
    m.size,
    m.ours.duringSynth.toFixed(0), m.theirs.duringSynth.toFixed(0), (m.ours.duringSynth / m.theirs.duringSynth).toFixed(2),
    m.ours.onTree.toFixed(0), m.theirs.onTree.toFixed(0), (m.ours.onTree / m.theirs.onTree).toFixed(2),
    (m.ours.duringSynth / m.size).toFixed(2),
  ].join(' | ')).map(row => `| ${row} |`);
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

function codeUsageResults(): string {
  execFileSync('npx', ['ts-node', '--project', 'tsconfig.dev.json', join('bench', 'code-usage', 'bench.ts')], { stdio: 'ignore' });
  // One level down, every heading: the file's title becomes a section of bench/results.md.
  return readFileSync(join(__dirname, 'code-usage', 'results.md'), 'utf8').replace(/^(#+) /gm, '#$1 ');
}

/**
 * The test command's time is measured by hand (a full `npm run verify` takes minutes and the machine
 * is often shared), so its section is kept in bench/test-command/results.md and copied here.
 */
function testCommandResults(): string {
  return readFileSync(join(__dirname, 'test-command', 'results.md'), 'utf8').replace(/^# /, '## ');
}

const SYNTH_HEADING = '## Synth time:';
const PACK_HEADING = '## Rule pack time:';
const CLI_HEADING = '## CLI:';
const previousRun = CONSTRUCTS_ONLY ? previousMeasuredLine().replace(/^Measured /, '').replace(/\.$/, '') : '';
const keptTimingSections = CONSTRUCTS_ONLY ? [...previousSection(SYNTH_HEADING), ...previousSection(PACK_HEADING)] : undefined;
const keptCliSections = CONSTRUCTS_ONLY ? previousSection(CLI_HEADING, true) : undefined;
const synth = CONSTRUCTS_ONLY ? undefined : synthRows(SECURE_SERVICE, PLAIN_SERVICE);
const packs = CONSTRUCTS_ONLY ? undefined : packRows();
const lines = [
  '# Benchmarks',
  '',
  '<!-- Written by `npm run bench` (bench/run.ts). Do not edit by hand. -->',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}.`,
  `Times are the fastest of ${REPEAT} runs after a warm-up (${PACK_REPEAT} for the rule packs, whose runs are shorter), in milliseconds. `
    + `Apps spread their services over stacks of ${SERVICES_PER_STACK}.`,
  ...(CONSTRUCTS_ONLY ? ['Only the resources per construct were counted then (`bench/run.ts --constructs-only`); '
    + `the timing and CLI sections are those of the full run of ${previousRun}.`] : []),
  '',
  ...(keptTimingSections ?? [
    `## Synth time: ${SECURE_SERVICE.name} vs ${PLAIN_SERVICE.name}`,
    '',
    'Each service is a function with its own table and a POST route on its stack\'s API; each stack also has a bucket.',
    '',
    '| services | plain (ms) | secure (ms) | ratio | secure ms per service |',
    '|---|---|---|---|---|',
    ...synth!.rows,
    '',
    synth!.verdict,
    '',
    'What it means: the secure app synthesizes more resources per service (the execution policy, log group, two alarms,',
    'a request model; a validator, WAF, logs and CloudWatch role per API; its functions are invoked only through the API,',
    'so they get no dead-letter queue): a stack of 20 services has 242 resources in 468 constructs against 166 in 298,',
    '1.46× the resources and 1.57× the constructs, and its time per service should stay flat as N grows: a rising',
    'ms-per-service column would mean something scans the whole app per construct. The target is at most 1.5× plain CDK.',
    'Where the time goes (a CPU profile of the 200-service app): in both apps, mostly aws-cdk-lib\'s own work per',
    'construct: a creation stack trace per CloudFormation element, resolving every resource for references and again for',
    'the tree metadata and the template, and the API deployment\'s logical id, a hash of the whole API computed each time',
    'it renders (a bigger API costs more each time). The library\'s own work (prop validation, the validations, the',
    'dead-letter-queue decision, the acknowledgements) is about a tenth: an acknowledgement records one entry with one',
    'stack trace per call, no longer one per finding id, which cost 10–20% of the secure app\'s time. What would make it',
    'faster: fewer constructs (the per-API WAF, logs and CloudWatch role; two alarms per function).',
    '',
    '## Rule pack time: ServerlessSecurityChecks vs AwsSolutionsChecks, on the same secure app',
    '',
    '"During synth" is how `cdk synth` runs a pack: `validate`, handed the templates synthesis has just written and the',
    'construct tree. "On the tree" is `validateScope`, the construct tree alone, as tests and tools call it.',
    '',
    '| services | ours during synth (ms) | AwsSolutions during synth (ms) | ratio | ours on the tree (ms) | AwsSolutions on the tree (ms) | ratio | ours ms per service during synth |',
    '|---|---|---|---|---|---|---|---|',
    ...packs!.rows,
    '',
    packs!.verdict,
    '',
    'What it means: ours should not be slower than AwsSolutions (ratio ≤ 1) and must scale linearly (flat ms per service).',
    'During synth, ours reads each resource from the template synthesis has just written (what will be deployed, already',
    'rendered), while AwsSolutions resolves the L1 fields its rules read. Reading and parsing those templates is the one',
    'cost AwsSolutions does not pay (about a sixth of our run). Each rule declares the resource types it reads, and a',
    'resource is handed only to those rules: every other one would return "not applicable", and applying all 62 rules to',
    'every resource through cdk-nag\'s wrapper was a third of a run; a compliant result no longer goes through that wrapper',
    'at all, and a finding\'s detail (the action or runtime its message names) is worked out only for findings. A stack\'s',
    'resources are paired with its template\'s entries by position, since synthesis writes them in the construct tree\'s',
    'depth-first order; the pairing must agree in count, in every type, in the `aws:cdk:path` metadata `cdk synth` writes,',
    'in literal logical-id overrides and in the ids of a sample of one resource in 16, or each resource is named the old way',
    '(its id worked out from its path, and a stack\'s one token-named resource, an API\'s latest deployment, found by',
    'elimination). What depends on a whole stack (which functions share a role, its parameters) is worked out once per',
    'stack and run. Each distinct handler source is parsed once per run (a cache keyed by the source text, bounded to 128',
    'texts and emptied at the start of every run, so the fastest of 7 runs is one synth\'s cost) and a self-contained module',
    'analysed once per syntax tree; each policy statement is expanded once, and each action pattern matched against the',
    'escalation actions once.',
    'On the tree alone (`validateScope`, which unit',
    'tests and tools call before any synthesis), ours renders each resource of the types its rules read the way synthesis',
    'does, overrides applied, all those of one type and stack in one resolve; that rendering is most of its time there, and',
    'what makes it see property overrides that reading L1 fields misses. The rules that look at other resources of the',
    'stack read a per-run index by type, so the cost is linear in the number of resources. What would make the tree path',
    'faster: rendering only the properties the rules read (the CDK renders a resource\'s properties as a whole, so this',
    'needs the CDK to expose per-property rendering); an API stage, for one, costs a hash of its whole API to render.',
    '',
  ]),
  '## Resources and fixed monthly cost per construct, at defaults',
  '',
  '| construct | resources per instance | resources once per stack | instances per stack (500-resource limit) | fixed monthly cost |',
  '|---|---|---|---|---|',
  ...resourceRows(),
  '',
  'Fixed cost is what exists before any traffic (alarms, KMS keys, WAF); usage (invocations, log storage, traces,',
  'requests) is extra and the same as for the plain construct. See bench/costs.ts for the prices used.',
  '',
  'A SecureFunction at defaults: the function, its role, its execution policy, its log group and the errors and throttles',
  'alarms (6; the target of at most 6, alarms included, is met). It was 9: one X-Ray policy per function became one per',
  'stack (`SecureServerlessTracingPolicy`, attached to every function role), and the dead-letter queue and its TLS-only',
  'queue policy now exist only where the function can be invoked asynchronously (a permission for S3, SNS, EventBridge…,',
  'a Scheduler schedule, `configureAsyncInvoke`, or `deadLetterQueueEnabled: true`), decided at synth; a synchronous',
  'caller gets the error itself, and the queue would never receive a message. Nothing is weaker: an asynchronously invoked',
  'function still gets the same queue, under the same logical id (the "asynchronous" row), and the pack\'s',
  'LambdaAsyncFailureDestination flags one without it. Per stack: the key, the alarm topic and its policy, and the X-Ray',
  'policy. SecureApi\'s "once per stack" includes its backend SecureFunction, which the API invokes synchronously: it',
  'lost its queue and queue policy too.',
  '',
  ...(keptCliSections ?? [
    '## CLI: check and report on a 500-resource template',
    cliResults(),
    '',
    codeUsageResults(),
  ]),
  '',
  testCommandResults(),
];
writeFileSync(RESULTS_FILE, lines.join('\n'));
process.stdout.write(`${lines.join('\n')}\n`);
