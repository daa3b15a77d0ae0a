import { BudgetVerdict, formatSpendText } from './format-spend';
import { FunctionInventory, Inventory } from './inventory';
import { SubtreeReach, subtreeReachLines } from './subtree-reach';
import { SpendBound } from '../../spend/function-bound';
import { AppSpend } from '../../spend/model';

/** Dollars with enough digits to show small hourly amounts. */
function dollars(amount: number): string {
  return `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: amount < 1 ? 4 : 2 })}`;
}

/** A price per unit, as the pricing page writes it. */
function price(amount: number): string {
  return `$${amount.toFixed(10).replace(/0+$/, '').replace(/\.$/, '')}`;
}

/** Hours in an average month, as AWS's pricing calculator counts them. */
const HOURS_PER_MONTH = 730;

/** The text inventory: functions, entry points, worst-case spend and the prices used. */
export function formatReportText(inventory: Inventory, spend?: AppSpend, verdict?: BudgetVerdict, subtrees: readonly SubtreeReach[] = []): string {
  const lines: string[] = [`Functions (${inventory.functions.length})`];
  for (const fn of inventory.functions) {
    lines.push(...functionLines(fn), '');
  }
  lines.push(`Entry points (${inventory.entryPoints.length})`);
  for (const entry of inventory.entryPoints) {
    const reaches = entry.functions.length > 0 ? ` -> ${entry.functions.join(', ')}` : '';
    const limit = entry.rateLimit !== undefined ? `, rate limit ${entry.rateLimit} req/s` : '';
    lines.push(`  ${entry.public ? 'PUBLIC ' : ''}${entry.name}${reaches}`);
    lines.push(`      authentication ${entry.authentication}${limit}; ${entry.path} in ${entry.template}`);
  }
  if (inventory.entryPoints.length === 0) {
    lines.push('  none');
  }
  lines.push('');
  const monthly = dollars(inventory.perHour * HOURS_PER_MONTH);
  if (inventory.unbounded.length > 0) {
    lines.push(`Worst-case spend: UNBOUNDED. No concurrency cap on ${inventory.unbounded.join(', ')}, which a public entry point reaches: set reservedConcurrentExecutions (SecureFunction caps at 10 by default).`);
    lines.push(`  At the account's concurrency quota the app could cost ${dollars(inventory.perHour)} per hour (${monthly} per month), and would starve every other function of the account.`);
  } else {
    lines.push(`Worst-case spend of Lambda alone: ${dollars(inventory.perHour)} per hour (${monthly} per month of ${HOURS_PER_MONTH} hours) if every function is driven at its caps; the worst-case bill below prices every service on each path.`);
  }
  lines.push(...subtreeReachLines(subtrees));
  const { lambdaGbSecondX86, lambdaGbSecondArm, lambdaRequest, accountConcurrency } = inventory.prices;
  lines.push(`Prices: ${price(lambdaGbSecondX86)} per GB-second (x86_64), ${price(lambdaGbSecondArm)} (arm64), ${dollars(lambdaRequest * 1e6)} per million requests; account concurrency ${accountConcurrency}. Defaults are AWS Lambda on-demand prices in US East (N. Virginia); change them with --price-gb-second, --price-request and --account-concurrency, or --prices FILE.`);
  if (spend !== undefined) {
    lines.push('', ...formatSpendText(spend, verdict));
  }
  return `${lines.join('\n')}\n`;
}

function functionLines(fn: FunctionInventory): string[] {
  const cap = fn.reservedConcurrency !== undefined ? `reserved concurrency ${fn.reservedConcurrency}` : 'NO concurrency cap';
  const lines = [
    `  ${fn.path}${fn.path !== fn.logicalId ? ` (${fn.logicalId})` : ''} in ${fn.template}${fn.cdkHelper ? ' [created by the CDK for a custom resource]' : ''}`,
    `      ${fn.runtime}, ${fn.architecture}, ${fn.memoryMb} MB, timeout ${fn.timeoutSeconds} s, ${cap}`,
  ];
  if (fn.role) {
    lines.push(`      role ${fn.role.role}`);
    for (const statement of fn.role.statements) {
      lines.push(`        ${statement.effect} ${statement.actions.join(', ')} on ${statement.resources.join(', ') || '(no resource)'}`);
    }
    for (const arn of fn.role.managedPolicyArns) {
      lines.push(`        managed policy ${arn} (its content is not in the template)`);
    }
  }
  lines.push(`      secrets it can read: ${fn.secrets.length > 0 ? fn.secrets.join(', ') : 'none'}`);
  lines.push(`      triggers: ${fn.triggers.length > 0 ? '' : 'none in the template'}`);
  for (const trigger of fn.triggers) {
    lines.push(`        ${trigger.description}`);
  }
  lines.push(`      worst case: ${worstCaseText(fn)}`);
  lines.push(...permissionLines(fn));
  return lines;
}

function permissionLines(fn: FunctionInventory): string[] {
  const review = fn.permissions;
  if (review === undefined) {
    return ['      code: not in the assembly (or not Node.js), so what it calls is not known'];
  }
  const lines = [`      code calls: ${review.used.length > 0 ? review.used.map(used => used.action).join(', ') : 'no AWS API the analysis recognises'}`];
  lines.push(review.unusedNotJudged !== null ? `      granted but unused: not judged (${review.unusedNotJudged})`
    : `      granted but unused: ${review.unused.length > 0 ? review.unused.map(grant => `${grant.action} (${grant.policy})`).join(', ') : 'none'}`);
  for (const fix of review.fixes) {
    lines.push(`        fix: ${fix}`);
  }
  lines.push(review.missingNotJudged !== null ? `      called but not granted: not judged (${review.missingNotJudged})`
    : `      called but not granted: ${review.missing.length > 0 ? review.missing.map(grant => grant.resource !== null ? `${grant.action} on ${grant.resource}` : grant.action).join(', ') : 'none'}`);
  for (const unknown of review.unknown) {
    lines.push(`      unknown: ${unknown}`);
  }
  return lines;
}

function worstCaseText(fn: FunctionInventory): string {
  const w = fn.worstCase;
  const formula = `${w.concurrency} concurrent x 3,600 s x ${fn.memoryMb / 1024} GB = ${dollars(w.computePerHour)} + ${w.requestsPerSecond.toLocaleString('en-US')} req/s x 3,600 = ${dollars(w.requestsPerHour)}`;
  switch (w.bound) {
    case SpendBound.UNBOUNDED:
      return `UNBOUNDED: a public entry point reaches it and nothing caps its concurrency (${dollars(w.perHour)} per hour at the account quota: ${formula})`;
    case SpendBound.ACCOUNT_QUOTA:
      return `${dollars(w.perHour)} per hour, bounded only by the account's concurrency quota (${formula})`;
    default:
      return `${dollars(w.perHour)} per hour (${formula})`;
  }
}

/** The JSON inventory: the same data, numbers as numbers. */
export function formatReportJson(inventory: Inventory, spend?: AppSpend, verdict?: BudgetVerdict, subtrees: readonly SubtreeReach[] = []): string {
  return `${JSON.stringify({
    functions: inventory.functions.map(fn => ({
      template: fn.template,
      logicalId: fn.logicalId,
      path: fn.path,
      runtime: fn.runtime,
      architecture: fn.architecture,
      memoryMb: fn.memoryMb,
      timeoutSeconds: fn.timeoutSeconds,
      reservedConcurrency: fn.reservedConcurrency ?? null,
      role: fn.role ?? null,
      secrets: fn.secrets,
      triggers: fn.triggers,
      public: fn.public,
      cdkHelper: fn.cdkHelper,
      worstCase: fn.worstCase,
      permissions: fn.permissions ?? null,
    })),
    entryPoints: inventory.entryPoints.map(entry => ({ ...entry, rateLimit: entry.rateLimit ?? null })),
    worstCase: { perHour: inventory.perHour, unbounded: inventory.unbounded },
    prices: inventory.prices,
    ...spend !== undefined ? { spend: { ...spend, budget: verdict ?? null } } : {},
    subtreeAcknowledgements: subtrees,
  }, null, 2)}\n`;
}
