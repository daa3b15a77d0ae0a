/**
 * The handler-code analysis on the example app (examples/orders-app.ts): how many granted actions
 * the code never uses, before and after following the fixes the report suggests, and what the
 * analysis costs next to synth. bench.ts writes the sections below into results.md.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { OrdersAppOptions, ordersApp } from '../../examples/orders-app';
import { reviewPermissions } from '../../src/checks/code/permission-review';
import { permissionSummary } from '../../src/checks/code/permission-summary';
import { ServerlessSecurityChecks } from '../../src/checks/serverless-security-checks';
import { isCdkHelperFunction, rendered, resetTemplateViews } from '../../src/checks/template-view';

const ROUNDS = 5;

function withApp<T>(options: OrdersAppOptions, use: (app: App) => T): T {
  const outdir = mkdtempSync(join(tmpdir(), 'orders-bench-'));
  try {
    const app = ordersApp(outdir, options);
    app.synth();
    return use(app);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function functionsOf(app: App): CfnResource[] {
  return app.node.findAll()
    .filter((node): node is CfnResource => CfnResource.isCfnResource(node) && node.cfnResourceType === 'AWS::Lambda::Function' && !isCdkHelperFunction(node));
}

interface Row {
  readonly fn: string;
  readonly granted: number;
  readonly unused: readonly string[];
  readonly notJudged?: string;
  readonly fixes: readonly string[];
}

function rowsOf(options: OrdersAppOptions): Row[] {
  return withApp(options, app => {
    resetTemplateViews();
    return functionsOf(app).map(fn => {
      const summary = permissionSummary(rendered(fn));
      return {
        fn: fn.node.path.replace(/\/Resource$/, ''),
        granted: summary?.granted.length ?? 0,
        unused: summary?.unused.map(grant => grant.action) ?? [],
        notJudged: summary === undefined ? 'code not held' : summary.unusedNotJudged ?? undefined,
        fixes: summary?.fixes ?? [],
      };
    });
  });
}

function table(title: string, rows: readonly Row[]): string[] {
  const total = rows.reduce((sum, row) => sum + row.unused.length, 0);
  const granted = rows.reduce((sum, row) => sum + row.granted, 0);
  return [
    `### ${title}: ${total} unused of ${granted} granted actions (or patterns)`,
    '',
    '| function | granted | unused | unused actions | fixes the report suggests |',
    '|---|---|---|---|---|',
    ...rows.map(row => `| ${row.fn} | ${row.granted} | ${row.notJudged !== undefined ? `not judged: ${row.notJudged}` : row.unused.length} | `
      + `${row.unused.join(', ')} | ${row.fixes.join('; ')} |`),
    '',
  ];
}

function unusedSummary(before: readonly Row[], after: readonly Row[]): string {
  const count = (rows: readonly Row[]) => [rows.reduce((sum, row) => sum + row.unused.length, 0), rows.reduce((sum, row) => sum + row.granted, 0)];
  const [unusedBefore, grantedBefore] = count(before);
  const [unusedAfter, grantedAfter] = count(after);
  return `**The secure stack: ${unusedBefore} unused of ${grantedBefore} granted actions before the fixes, ${unusedAfter} of ${grantedAfter} after.** `
    + 'What stays unused after is granted by the library\'s own constructs (see the last table).';
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)];
}

function timings(): string[] {
  const options: OrdersAppOptions = { sdkHandlers: true };
  withApp(options, () => undefined); // warm up: load every module once
  const synth: number[] = [];
  const analysis: number[] = [];
  const pack: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const outdir = mkdtempSync(join(tmpdir(), 'orders-bench-'));
    try {
      const start = performance.now();
      const app = ordersApp(outdir, options);
      app.synth();
      synth.push(performance.now() - start);

      resetTemplateViews();
      const analysed = performance.now();
      for (const fn of functionsOf(app)) {
        reviewPermissions(rendered(fn));
      }
      analysis.push(performance.now() - analysed);

      const checked = performance.now();
      for (const stack of app.node.children.filter(Stack.isStack)) {
        new ServerlessSecurityChecks().validateScope(stack);
      }
      pack.push(performance.now() - checked);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }
  const [synthMs, analysisMs, packMs] = [median(synth), median(analysis), median(pack)];
  return [
    '### Time',
    '',
    `Median of ${ROUNDS} rounds, the example app with the calling handlers (two stacks, four functions), after one warm-up:`,
    '',
    '| step | time |',
    '|---|---|',
    `| synth (build the app and write the cloud assembly) | ${synthMs.toFixed(0)} ms |`,
    `| the code analysis alone (read and compare the four functions' code with their roles) | ${analysisMs.toFixed(1)} ms |`,
    `| the whole pack (all rules, the code analysis included) on both stacks | ${packMs.toFixed(0)} ms |`,
    `| synth with the code analysis, against synth without it | ${((synthMs + analysisMs) / synthMs).toFixed(3)}× (the limit is 2×) |`,
    '',
  ];
}

/** The sections bench.ts writes into results.md. */
export function exampleAppSections(): string[] {
  const stubs = rowsOf({});
  const before = rowsOf({ sdkHandlers: true });
  const after = rowsOf({ sdkHandlers: true, grantsFromCode: true });
  return [
    '## The example app (examples/orders-app.ts)',
    '',
    'As `npm run example` builds it, its handlers are stubs that call nothing, and the pack does not judge',
    'code that calls nothing (it cannot tell "calls nothing" from "calls through a library it does not',
    'model"). Measured with handlers that make the calls their names imply (`sdkHandlers`: create an order',
    'puts an item, a receipt and a message and reads the payment secret; get an order gets an item; the',
    'Python fulfilment worker gets and updates an item), before and after following the fixes: the secure',
    'stack\'s functions with `grantsFromCode: true` instead of the CDK\'s grants. The insecure stack is',
    'measured before only.',
    '',
    unusedSummary(before.filter(row => row.fn.startsWith('OrdersSecure/')), after.filter(row => row.fn.startsWith('OrdersSecure/'))),
    '',
    ...table('As shipped (stub handlers)', stubs),
    ...table('Before the fixes', before),
    ...table('After the fixes (secure stack with grantsFromCode)', after.filter(row => row.fn.startsWith('OrdersSecure/'))),
    ...timings(),
  ];
}
