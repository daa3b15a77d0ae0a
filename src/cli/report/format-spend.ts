import { AppSpend, EntryPointSpend } from '../../spend/model';
import { PRICE_INFO } from '../../spend/prices';

/** Hours in an average month, as AWS's pricing calculator counts them. */
const HOURS_PER_MONTH = 730;

function dollars(amount: number): string {
  return `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: amount < 1 ? 6 : 2 })}`;
}

/** A price per unit, as the pricing page writes it. */
function price(amount: number): string {
  return `$${amount.toFixed(12).replace(/0+$/, '').replace(/\.$/, '')}`;
}

function units(amount: number): string {
  return amount.toLocaleString('en-US', { maximumFractionDigits: amount < 10 ? 6 : 0 });
}

/** The budget verdict: over budget, or a public path unbounded. */
export interface BudgetVerdict {
  readonly maxHourlySpend: number;
  readonly exceeded: boolean;
  readonly reasons: readonly string[];
}

/** Judges the app's worst case against a budget per hour. */
export function budgetVerdict(spend: AppSpend, maxHourlySpend: number): BudgetVerdict {
  const reasons: string[] = [];
  if (spend.perHour > maxHourlySpend) {
    reasons.push(`the worst case, ${dollars(spend.perHour)} per hour, is above the budget of ${dollars(maxHourlySpend)}`);
  }
  if (spend.unbounded.length > 0) {
    reasons.push(`public paths are unbounded: ${spend.unbounded.join('; ')}`);
  }
  return { maxHourlySpend, exceeded: reasons.length > 0, reasons };
}

/** The text of the worst-case bill: per entry point, each term with its limit; the app's total; the prices. */
export function formatSpendText(spend: AppSpend, verdict?: BudgetVerdict): string[] {
  const lines = [`Worst-case bill per entry point (prices of ${spend.region}, ${spend.pricesDate})`];
  for (const entry of spend.entryPoints) {
    lines.push(...entryLines(entry));
  }
  if (spend.entryPoints.length === 0) {
    lines.push('  none');
  }
  lines.push('');
  const total = `${dollars(spend.perHour)} per hour (${dollars(spend.perHour * HOURS_PER_MONTH)} per month of ${HOURS_PER_MONTH} hours)`;
  lines.push(spend.unbounded.length > 0
    ? `Worst-case bill of the app: UNBOUNDED (${spend.unbounded.length} public path${spend.unbounded.length > 1 ? 's' : ''}); priced at the account quotas where nothing else bounds them, the terms come to ${total}.`
    : `Worst-case bill of the app: ${total}, every entry point driven at its limits.`);
  if (verdict !== undefined) {
    lines.push(verdict.exceeded ? `Budget --max-hourly-spend ${verdict.maxHourlySpend}: EXCEEDED: ${verdict.reasons.join('; ')}.`
      : `Budget --max-hourly-spend ${verdict.maxHourlySpend}: within.`);
  }
  lines.push('Model prices, sizes and quotas (override any with --prices FILE, a JSON object of these keys):');
  for (const [key, info] of Object.entries(PRICE_INFO)) {
    const value = spend.prices[key as keyof typeof spend.prices];
    lines.push(`  ${key} = ${value} ${info.kind === 'price' ? `USD per ${info.unit}` : info.unit}: ${info.description}${info.source ? ` (${info.source})` : ''}`);
  }
  return lines;
}

function entryLines(entry: EntryPointSpend): string[] {
  const rate = entry.requestsPerSecond === null ? 'requests not bounded at the door' : `${units(entry.requestsPerSecond)} requests/s`;
  const lines = [
    `  ${entry.public ? 'PUBLIC ' : ''}${entry.name}: ${entry.unbounded ? 'UNBOUNDED' : `${dollars(entry.perHour)} per hour`}, ${rate} (${entry.limit}); ${entry.path} in ${entry.template}`,
  ];
  for (const term of entry.terms) {
    const amount = term.unitsPerHour === null || term.perHour === null
      ? term.unbounded ? 'unbounded' : 'not priced'
      : `${units(term.unitsPerHour)} ${term.unit}/hour x ${price(term.unitPrice)} = ${dollars(term.perHour)}`;
    lines.push(`      ${term.service} on ${term.resource}: ${amount}${term.unbounded && term.perHour !== null ? ' UNBOUNDED' : ''} (${term.limit}${term.assumption ? `; assumed ${term.assumption}` : ''})`);
  }
  if (entry.unbounded) {
    lines.push(`      unbounded because: ${entry.unboundedBecause.join('; ')}${entry.counted ? '' : ' (not public: left out of the app total)'}`);
  }
  for (const note of entry.notes) {
    lines.push(`      note: ${note}`);
  }
  if (entry.fixes.length > 0) {
    lines.push(`      to lower it: ${entry.fixes.join('; ')}`);
  }
  return lines;
}
