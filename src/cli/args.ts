import { parseArgs } from 'util';
import { inputError } from './cli-error';
import { NAG_PACKS } from './packs';
import { MAX_TEMPLATE_BYTES } from './template-loader';
import { DEFAULT_SPEND_PRICES } from '../spend/prices';

/** The worst-case model keys the Lambda price flags set; a key is absent when its flag is not given. */
export interface PriceFlags {
  readonly lambdaGbSecondX86?: number;
  readonly lambdaGbSecondArm?: number;
  readonly lambdaRequest?: number;
  readonly accountConcurrency?: number;
}

/** What the command line asks for. */
export interface CommandLine {
  /** `check`, `report`, `help` or `version`. */
  readonly command: string;
  readonly path?: string;
  /** `text`, `json` or `sarif`. */
  readonly format: string;
  readonly output?: string;
  /** `error` or `warning`. */
  readonly failOn: string;
  readonly packs: readonly string[];
  /** `check --baseline FILE`: findings the file lists are known and do not fail. */
  readonly baseline?: string;
  /** `check --write-baseline FILE`: write the current findings as a baseline. */
  readonly writeBaseline?: string;
  /** `--price-gb-second`, `--price-request`, `--account-concurrency`: worst-case model keys they set, when given. */
  readonly priceFlags: PriceFlags;
  /** `report --prices FILE`: a JSON file of worst-case model prices to override. */
  readonly pricesFile?: string;
  /** `report --max-hourly-spend USD`: the budget the app's worst case must stay within. */
  readonly maxHourlySpend?: number;
}

export const USAGE = `Usage:
  cdk-secure-serverless check <cdk.out | template> [options]
  cdk-secure-serverless report <cdk.out | template> [options]

check: runs the ServerlessSecurityChecks rules (and any cdk-nag packs) on every stack template
of a cloud assembly, or on one CloudFormation template (JSON or YAML).
  --format text|json|sarif   output format (default text)
  --output FILE              write the output to FILE instead of stdout
  --fail-on error|warning    which findings make the exit code 1 (default error)
  --pack NAME                add a cdk-nag pack; repeat or separate with commas:
                             ${NAG_PACKS.map(pack => pack.name).join(', ')}
  --baseline FILE            findings listed in FILE are reported as known and do not fail;
                             new ones do
  --write-baseline FILE      write the current findings to FILE as a baseline (exit code 0)

report: lists every function (role, triggers, caps, secrets), every entry point and its
authentication, and the worst-case bill per hour of each entry point and of the app (every
billable service on the path, each with the limit that bounds it); exit code 1 when a public
entry point reaches a function without a concurrency cap. Lists each SubtreeAcknowledgement with
the number of resources it covers.
  --format text|json         output format (default text)
  --output FILE              write the output to FILE instead of stdout
  --price-gb-second PRICE    price per GB-second for both architectures, or ARCH=PRICE
                             (x86_64=${DEFAULT_SPEND_PRICES.lambdaGbSecondX86}, arm64=${DEFAULT_SPEND_PRICES.lambdaGbSecondArm}); repeatable
  --price-request PRICE      price per request (default ${DEFAULT_SPEND_PRICES.lambdaRequest}, $0.20 per million)
  --account-concurrency N    the account's concurrency quota (default ${DEFAULT_SPEND_PRICES.accountConcurrency})
  --prices FILE              a JSON object of worst-case model prices, sizes and quotas to
                             override, by key (the report prints every key and its value)
  --max-hourly-spend USD     exit code 1 when the app's worst case per hour is above USD,
                             or a public path is unbounded

check warns about acknowledgements that match no finding, give no reason or lack the pack prefix;
they fail only with --fail-on warning.

Exit codes: 0 nothing new at or above --fail-on (report: bounded), 1 new findings (report:
unbounded), 2 the input could not be read or the command line is wrong. Templates over
${MAX_TEMPLATE_BYTES.toLocaleString('en-US')} bytes (CloudFormation's limit) are refused.
`;

const CHECK_ONLY = ['fail-on', 'pack', 'baseline', 'write-baseline'];
const REPORT_ONLY = ['price-gb-second', 'price-request', 'account-concurrency', 'prices', 'max-hourly-spend'];

/** Parses the arguments (without `node` and the script). Throws an input error on anything it does not understand. */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  refuseNegativeNumbers(argv);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      tokens: true,
      options: {
        'format': { type: 'string', short: 'f' },
        'output': { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        'pack': { type: 'string', multiple: true },
        'baseline': { type: 'string' },
        'write-baseline': { type: 'string' },
        'price-gb-second': { type: 'string', multiple: true },
        'price-request': { type: 'string' },
        'account-concurrency': { type: 'string' },
        'prices': { type: 'string' },
        'max-hourly-spend': { type: 'string' },
        'help': { type: 'boolean', short: 'h' },
        'version': { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw inputError(`${(error as Error).message} (see --help)`);
  }
  const { values, positionals, tokens } = parsed;
  refuseRepeats(tokens ?? []);
  const defaults = { format: 'text', failOn: 'error', packs: [], priceFlags: {} };
  if (values.help || positionals[0] === 'help') {
    return { command: 'help', ...defaults };
  }
  if (values.version) {
    return { command: 'version', ...defaults };
  }
  const [command, path, ...extra] = positionals;
  if (command !== 'check' && command !== 'report') {
    throw inputError(command === undefined ? 'missing command: check or report (see --help)' : `unknown command '${command}': use check or report (see --help)`);
  }
  if (path === undefined) {
    throw inputError(`missing path: ${command} needs a cloud assembly directory (cdk.out) or a template file`);
  }
  if (extra.length > 0) {
    throw inputError(`${command} takes one path, not ${positionals.length - 1}: ${positionals.slice(1).join(' ')}`);
  }
  const misplaced = (command === 'check' ? REPORT_ONLY : CHECK_ONLY).find(option => values[option as keyof typeof values] !== undefined);
  if (misplaced !== undefined) {
    throw inputError(`--${misplaced} is not an option of ${command} (see --help)`);
  }
  const formats = command === 'check' ? ['text', 'json', 'sarif'] : ['text', 'json'];
  const format = values.format ?? 'text';
  if (!formats.includes(format)) {
    throw inputError(`--format ${format}: ${command} writes ${formats.join(', ')}`);
  }
  const failOn = values['fail-on'] ?? 'error';
  if (!['error', 'warning'].includes(failOn)) {
    throw inputError(`--fail-on ${failOn}: use error or warning`);
  }
  for (const option of FILE_VALUED) {
    if (values[option] === '') {
      throw inputError(`--${option} '': the file name is empty; give a file name`);
    }
  }
  return {
    command,
    path,
    format,
    output: values.output,
    baseline: values.baseline,
    writeBaseline: values['write-baseline'],
    failOn,
    packs: packList(values.pack ?? []),
    priceFlags: parsePrices(values['price-gb-second'] ?? [], values['price-request'], values['account-concurrency']),
    pricesFile: values.prices,
    maxHourlySpend: values['max-hourly-spend'] !== undefined ? positiveNumber(values['max-hourly-spend'], 'max-hourly-spend') : undefined,
  };
}

/** Options that take one value: given twice, the first would be silently lost. */
const SINGLE_VALUE = ['format', 'output', 'fail-on', 'baseline', 'write-baseline', 'price-request', 'account-concurrency', 'prices', 'max-hourly-spend'];

/** Options whose value is a file name, which cannot be empty. */
const FILE_VALUED = ['output', 'baseline', 'write-baseline', 'prices'] as const;

function refuseRepeats(tokens: ReadonlyArray<{ readonly kind: string; readonly name?: string }>): void {
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined || !SINGLE_VALUE.includes(token.name)) {
      continue;
    }
    if (seen.has(token.name)) {
      throw inputError(`--${token.name} is given more than once: give it once`);
    }
    seen.add(token.name);
  }
}

/**
 * \`--price-request -1\` would make Node's parser answer "argument is ambiguous": say what is
 * wrong instead. Every numeric option is a count or a price, so a negative value is refused.
 */
const NUMERIC = ['--price-gb-second', '--price-request', '--account-concurrency', '--max-hourly-spend'];

function refuseNegativeNumbers(argv: readonly string[]): void {
  argv.forEach((argument, index) => {
    const next = argv[index + 1];
    if (NUMERIC.includes(argument) && next !== undefined && /^-\.?\d/.test(next)) {
      throw inputError(`${argument} ${next}: negative numbers are not accepted; expected a number of zero or more`);
    }
    const inline = /^(--[a-z-]+)=(-.*)$/.exec(argument);
    if (inline && NUMERIC.includes(inline[1]) && /^-\.?\d/.test(inline[2])) {
      throw inputError(`${inline[1]} ${inline[2]}: negative numbers are not accepted; expected a number of zero or more`);
    }
  });
}

/** `--pack A,B --pack C`, each name non-empty: `--pack ""` or `--pack A,,B` is a mistake, not "no pack". */
function packList(values: readonly string[]): string[] {
  return values.flatMap(value => {
    const names = value.split(',').map(name => name.trim());
    if (names.some(name => name.length === 0)) {
      throw inputError(`--pack '${value}': a pack name is empty; use ${NAG_PACKS.map(pack => pack.name).join(', ')}`);
    }
    return names;
  });
}

function positiveNumber(text: string, option: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw inputError(`--${option} ${text}: expected a number of zero or more`);
  }
  return value;
}

/** The Lambda price flags. Zero is refused: the model prices nothing at zero (use a tiny price). */
function parsePrices(gbSeconds: readonly string[], request: string | undefined, accountConcurrency: string | undefined): PriceFlags {
  let lambdaGbSecondX86: number | undefined;
  let lambdaGbSecondArm: number | undefined;
  for (const value of gbSeconds) {
    const [architecture, amount] = value.includes('=') ? value.split('=', 2) : [undefined, value];
    const parsed = aboveZero(amount, 'price-gb-second');
    if (architecture === undefined || architecture === 'x86_64') {
      lambdaGbSecondX86 = parsed;
    }
    if (architecture === undefined || architecture === 'arm64') {
      lambdaGbSecondArm = parsed;
    }
    if (architecture !== undefined && architecture !== 'x86_64' && architecture !== 'arm64') {
      throw inputError(`--price-gb-second ${value}: the architecture is x86_64 or arm64`);
    }
  }
  return {
    lambdaGbSecondX86,
    lambdaGbSecondArm,
    lambdaRequest: request !== undefined ? aboveZero(request, 'price-request') : undefined,
    accountConcurrency: accountConcurrency !== undefined ? aboveZero(accountConcurrency, 'account-concurrency') : undefined,
  };
}

function aboveZero(text: string, option: string): number {
  const value = positiveNumber(text, option);
  if (value === 0) {
    throw inputError(`--${option} ${text}: expected a number above zero`);
  }
  return value;
}
