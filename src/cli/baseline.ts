import { readFileSync, statSync, writeFileSync } from 'fs';
import { basename, resolve } from 'path';
import { CheckedFinding, CheckResult } from './check';
import { inputError } from './cli-error';

/** The version of the baseline file format that `check --write-baseline` writes and `--baseline` reads. */
export const BASELINE_VERSION = 1;

/** A baseline larger than this is refused: no app has that many findings, and reading it stays cheap. */
export const MAX_BASELINE_BYTES = 16 * 1024 * 1024;

/**
 * One known finding. The fields are what stays put across CDK upgrades and unrelated edits:
 * the construct path and the rule, with the 8-hex-digit hashes the CDK appends to logical ids
 * (and that appear in finding suffixes such as `Resource::<FnServiceRole3C2D0B79.Arn>`) left out.
 */
export interface BaselineEntry {
  /** The construct path (`aws:cdk:path`), or `<template file>:<logical id>` for a template without it; hashes stripped. */
  readonly path: string;
  /** The rule id, without the finding suffix. */
  readonly ruleId: string;
  /** The finding suffix (the part in brackets), hashes stripped, when the rule reports one. */
  readonly suffix?: string;
}

/** A parsed baseline: the keys of its entries. */
export interface Baseline {
  readonly file: string;
  readonly keys: ReadonlySet<string>;
}

/**
 * Removes the hashes the CDK appends to logical ids: a run of 8 upper-case hex digits ending a
 * word whose start is not itself a number (`Fn9C617903` → `Fn`, but `111111111111` stays).
 */
export function stripHashes(text: string): string {
  return text.replace(/[A-Za-z0-9]+/g, word => {
    if (word.length <= 8) {
      return word;
    }
    const head = word.slice(0, -8);
    return /^[0-9A-F]{8}$/.test(word.slice(-8)) && /[^0-9A-F]/.test(head) ? head : word;
  });
}

/** The baseline entry of a finding. */
export function baselineEntry(item: CheckedFinding): BaselineEntry {
  const { finding, resource } = item;
  const bracket = finding.ruleId.indexOf('[');
  const ruleId = bracket < 0 ? finding.ruleId : finding.ruleId.slice(0, bracket);
  const suffix = bracket < 0 ? undefined : stripHashes(finding.ruleId.slice(bracket + 1, -1));
  const path = resource.cdkPath !== undefined
    ? stripHashes(resource.cdkPath)
    : `${stripHashes(basename(item.template.source.file))}:${stripHashes(resource.logicalId)}`;
  return { path, ruleId, ...(suffix !== undefined ? { suffix } : {}) };
}

function entryKey(entry: BaselineEntry): string {
  return JSON.stringify([entry.path, entry.ruleId, entry.suffix ?? null]);
}

/** Whether the baseline lists the finding. */
export function inBaseline(baseline: Baseline, item: CheckedFinding): boolean {
  return baseline.keys.has(entryKey(baselineEntry(item)));
}

/**
 * Writes the findings as a baseline file (sorted, without duplicates, so that it diffs well)
 * and returns it as a baseline.
 */
export function writeBaseline(file: string, cwd: string, findings: readonly CheckedFinding[]): Baseline {
  const entries = new Map<string, BaselineEntry>();
  for (const item of findings) {
    const entry = baselineEntry(item);
    entries.set(entryKey(entry), entry);
  }
  const sorted = [...entries.values()].sort((a, b) => a.path.localeCompare(b.path)
    || a.ruleId.localeCompare(b.ruleId) || (a.suffix ?? '').localeCompare(b.suffix ?? ''));
  try {
    writeFileSync(resolve(cwd, file), `${JSON.stringify({ version: BASELINE_VERSION, findings: sorted }, null, 2)}\n`);
  } catch (error) {
    throw inputError(`--write-baseline ${file}: cannot be written (${(error as Error).message})`);
  }
  return { file, keys: new Set(entries.keys()) };
}

/** Reads a baseline file, refusing anything but the format `--write-baseline` writes. */
export function readBaseline(file: string, cwd: string): Baseline {
  const absolute = resolve(cwd, file);
  const fail = (what: string): never => {
    throw inputError(`--baseline ${file}: ${what}`);
  };
  let text: string;
  try {
    const stats = statSync(absolute);
    if (!stats.isFile()) {
      fail('is not a file');
    }
    if (stats.size > MAX_BASELINE_BYTES) {
      fail(`is ${stats.size.toLocaleString('en-US')} bytes, over the ${MAX_BASELINE_BYTES.toLocaleString('en-US')}-byte limit`);
    }
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw error instanceof Error && error.message.startsWith(`--baseline ${file}:`)
      ? error
      : inputError(`--baseline ${file}: cannot be read (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const position = /at position (\d+)/.exec((error as Error).message);
    return fail(`not valid JSON${position ? ` (at position ${position[1]})` : ''}: write it with check --write-baseline`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return fail('is not a baseline: expected an object with version and findings, as check --write-baseline writes');
  }
  const { version, findings, ...extra } = parsed as { version?: unknown; findings?: unknown };
  const unknownKey = Object.keys(extra)[0];
  if (unknownKey !== undefined) {
    fail(`unknown key '${unknownKey}': a baseline has only version and findings`);
  }
  if (version !== BASELINE_VERSION) {
    fail(`version ${JSON.stringify(version) ?? 'is missing'}: this release reads version ${BASELINE_VERSION}; write it again with check --write-baseline`);
  }
  if (!Array.isArray(findings)) {
    return fail('findings must be an array');
  }
  const keys = new Set<string>();
  findings.forEach((entry: unknown, index) => {
    keys.add(entryKey(validEntry(entry, `findings[${index}]`, fail)));
  });
  return { file, keys };
}

function validEntry(entry: unknown, where: string, fail: (what: string) => never): BaselineEntry {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    return fail(`${where} must be an object with path, ruleId and an optional suffix`);
  }
  const { path, ruleId, suffix, ...extra } = entry as { path?: unknown; ruleId?: unknown; suffix?: unknown };
  const unknownKey = Object.keys(extra)[0];
  if (unknownKey !== undefined) {
    fail(`${where} has the unknown key '${unknownKey}': an entry has path, ruleId and an optional suffix`);
  }
  if (typeof path !== 'string' || path.length === 0) {
    fail(`${where}.path must be a non-empty string`);
  }
  if (typeof ruleId !== 'string' || ruleId.length === 0 || ruleId.includes('[')) {
    fail(`${where}.ruleId must be a non-empty rule id without a finding suffix (give that as suffix)`);
  }
  if (suffix !== undefined && typeof suffix !== 'string') {
    fail(`${where}.suffix must be a string`);
  }
  return { path: path as string, ruleId: ruleId as string, ...(suffix !== undefined ? { suffix: suffix as string } : {}) };
}

/** The result with the findings the baseline lists moved from `findings` to `known`: they no longer count as errors or warnings. */
export function applyBaseline(result: CheckResult, baseline: Baseline): CheckResult {
  const known = result.findings.filter(item => inBaseline(baseline, item));
  const findings = result.findings.filter(item => !known.includes(item));
  return {
    ...result,
    findings,
    known: [...result.known, ...known],
    baseline: baseline.file,
    summary: {
      ...result.summary,
      errors: findings.filter(item => item.finding.severity === 'error').length,
      warnings: findings.filter(item => item.finding.severity === 'warning').length,
      known: result.known.length + known.length,
    },
  };
}
