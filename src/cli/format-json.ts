import { CheckResult } from './check';

/**
 * The JSON output of `check`: `findings` (unacknowledged, each with exactly DESIGN.md's fields)
 * and `summary` (errors, warnings, acknowledged, resources, and the CLI's `unchecked`).
 */
export function formatJson(result: CheckResult): string {
  const { errors, warnings, acknowledged, resources, unchecked } = result.summary;
  return `${JSON.stringify({
    findings: result.findings.map(item => item.finding),
    summary: { errors, warnings, acknowledged, resources, unchecked },
  }, null, 2)}\n`;
}
