import { readFileSync, writeFileSync } from 'fs';
import { resolve } from 'path';
import { parseCommandLine, PriceFlags, USAGE } from './args';
import { findTemplates } from './assembly';
import { applyBaseline, readBaseline, writeBaseline } from './baseline';
import { checkTemplates, loadTemplates } from './check';
import { inputError, isInputError, oneLine } from './cli-error';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatText, summaryLine } from './format-text';
import { formatReportJson, formatReportText } from './report/format-report';
import { budgetVerdict } from './report/format-spend';
import { buildInventory } from './report/inventory';
import { subtreeReach } from './report/subtree-reach';
import { templateModel } from './report/template-model';
import { packageVersion } from './version';
import { worstCaseBill } from '../spend/model';
import { DEFAULT_SPEND_PRICES, SpendPrices, withPriceOverrides } from '../spend/prices';

/** Where the CLI writes, and where it runs: the process, or a test's buffers. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The directory relative paths are resolved against (and SARIF URIs made relative to). */
  readonly cwd: string;
}

/** Exit codes: the contract pipelines rely on. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_INPUT = 2;

/**
 * Runs the command line and returns the exit code. Nothing but the requested output goes to
 * stdout; problems go to stderr as one line, never as a stack trace (set
 * CDK_SECURE_SERVERLESS_DEBUG=1 to see one for an internal error).
 */
export function run(argv: readonly string[], io: CliIo): number {
  try {
    const commandLine = parseCommandLine(argv);
    switch (commandLine.command) {
      case 'help':
        io.stdout(USAGE);
        return EXIT_OK;
      case 'version':
        io.stdout(`${packageVersion()}\n`);
        return EXIT_OK;
      case 'check': {
        // Read first: a malformed baseline stops the run before any work.
        const baseline = commandLine.baseline !== undefined ? readBaseline(commandLine.baseline, io.cwd) : undefined;
        const templates = loadTemplates(findTemplates(commandLine.path!, io.cwd));
        let result = checkTemplates(templates, commandLine.packs);
        if (baseline !== undefined) {
          result = applyBaseline(result, baseline);
        }
        if (commandLine.writeBaseline !== undefined) {
          const written = writeBaseline(commandLine.writeBaseline, io.cwd, [...result.findings, ...result.known]);
          io.stderr(`cdk-secure-serverless: wrote the baseline ${commandLine.writeBaseline} (${written.keys.size} findings)\n`);
          // Everything it lists is now known: the run that writes a baseline passes.
          result = applyBaseline(result, written);
        }
        result.warnings.forEach(warning => io.stderr(`cdk-secure-serverless: ${warning}\n`));
        const output = commandLine.format === 'json' ? formatJson(result)
          : commandLine.format === 'sarif' ? formatSarif(result, io.cwd)
            : formatText(result);
        emit(output, commandLine.output, io, summaryLine(result));
        const failing = result.summary.errors
          + (commandLine.failOn === 'warning' ? result.summary.warnings + result.acknowledgementWarnings.length : 0);
        return failing > 0 ? EXIT_FINDINGS : EXIT_OK;
      }
      default: {
        const templates = loadTemplates(findTemplates(commandLine.path!, io.cwd));
        templates.flatMap(template => template.warnings).forEach(warning => io.stderr(`cdk-secure-serverless: ${warning}\n`));
        const prices = reportPrices(commandLine.priceFlags, commandLine.pricesFile, io.cwd);
        const models = templates.map(templateModel);
        const inventory = buildInventory(models, prices);
        const spend = worstCaseBill(models, prices);
        const verdict = commandLine.maxHourlySpend !== undefined ? budgetVerdict(spend, commandLine.maxHourlySpend) : undefined;
        const subtrees = subtreeReach(templates);
        const output = commandLine.format === 'json' ? formatReportJson(inventory, spend, verdict, subtrees) : formatReportText(inventory, spend, verdict, subtrees);
        emit(output, commandLine.output, io, `${inventory.functions.length} functions, ${inventory.entryPoints.length} entry points`);
        return inventory.unbounded.length > 0 || verdict?.exceeded ? EXIT_FINDINGS : EXIT_OK;
      }
    }
  } catch (error) {
    if (isInputError(error)) {
      io.stderr(`cdk-secure-serverless: ${error.message}\n`);
    } else {
      io.stderr(`cdk-secure-serverless: internal error: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
      if (process.env.CDK_SECURE_SERVERLESS_DEBUG === '1' && error instanceof Error) {
        io.stderr(`${error.stack}\n`);
      }
    }
    return EXIT_INPUT;
  }
}

/**
 * The prices of the report's one model: the defaults, then the Lambda flags, then a `--prices`
 * file (its keys win over the flags).
 */
function reportPrices(flags: PriceFlags, file: string | undefined, cwd: string): SpendPrices {
  const fromFlags = withPriceOverrides(DEFAULT_SPEND_PRICES, flags, 'prices');
  if (file === undefined) {
    return fromFlags;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(resolve(cwd, file), 'utf8'));
  } catch (error) {
    throw inputError(`--prices ${file}: cannot be read as JSON (${oneLine((error as Error).message)})`);
  }
  try {
    return withPriceOverrides(fromFlags, parsed, `--prices ${file}`);
  } catch (error) {
    throw inputError((error as Error).message);
  }
}

/** Writes the output to stdout, or to the file with a one-line note on stderr. */
function emit(output: string, file: string | undefined, io: CliIo, summary: string): void {
  if (file === undefined) {
    io.stdout(output);
    return;
  }
  try {
    writeFileSync(resolve(io.cwd, file), output);
  } catch (error) {
    throw inputError(`--output ${file}: cannot be written (${(error as Error).message})`);
  }
  io.stderr(`cdk-secure-serverless: wrote ${file} (${summary})\n`);
}
