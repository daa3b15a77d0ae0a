import { CheckResult } from './check';

/**
 * The JSON output of `check`: `findings` (unacknowledged and new, each with exactly DESIGN.md's
 * fields), `known` (the findings the `--baseline` file lists, same fields; empty without one)
 * `acknowledgementWarnings` (stale, reasonless or pack-less acknowledgements) and `summary`
 * (errors, warnings, acknowledged, known, acknowledgementWarnings, resources, and the CLI's `unchecked`).
 */
export function formatJson(result: CheckResult): string {
  const { errors, warnings, acknowledged, known, resources, unchecked } = result.summary;
  return `${JSON.stringify({
    findings: result.findings.map(item => item.finding),
    known: result.known.map(item => item.finding),
    acknowledgementWarnings: result.acknowledgementWarnings,
    summary: { errors, warnings, acknowledged, known, acknowledgementWarnings: result.acknowledgementWarnings.length, resources, unchecked },
  }, null, 2)}\n`;
}
