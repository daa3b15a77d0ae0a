import { CheckResult } from './check';

/**
 * The text output of `check`: findings grouped by template, each with its severity, id,
 * resource, message and fix, then one summary line.
 */
export function formatText(result: CheckResult): string {
  const lines: string[] = [];
  let template: string | undefined;
  for (const { finding } of result.findings) {
    if (finding.template !== template) {
      template = finding.template;
      lines.push(template);
    }
    lines.push(`  ${finding.severity.padEnd(7)} ${finding.ruleId}`);
    lines.push(`          ${finding.path} (${finding.resourceType})`);
    lines.push(`          ${finding.message}`);
    lines.push(`          Fix: ${finding.fix}`);
    lines.push('');
  }
  if (result.known.length > 0) {
    lines.push(`Known (listed in the baseline ${result.baseline}, not failing):`);
    for (const { finding } of result.known) {
      lines.push(`  known   ${finding.ruleId} ${finding.path} (${finding.resourceType})`);
    }
    lines.push('');
  }
  if (result.acknowledgementWarnings.length > 0) {
    lines.push('Acknowledgements:');
    for (const warning of result.acknowledgementWarnings) {
      lines.push(`  warning ${warning.ruleId}`);
      lines.push(`          ${warning.message}`);
    }
    lines.push('');
  }
  lines.push(summaryLine(result));
  return `${lines.join('\n')}\n`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `2 errors, 1 warning, 3 acknowledged in 40 resources of 2 templates; 3 unchecked (Custom::Thing ×3)`. */
export function summaryLine(result: CheckResult): string {
  const { errors, warnings, acknowledged, known, resources, unchecked } = result.summary;
  const types = [...result.uncheckedTypes.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([type, count]) => `${type} ×${count}`);
  const uncheckedText = unchecked > 0 ? `; ${unchecked} unchecked (no rule applies: ${types.join(', ')})` : '';
  const knownText = (result.baseline !== undefined ? `, ${known} known (baseline)` : '')
    + (result.acknowledgementWarnings.length > 0 ? `, ${plural(result.acknowledgementWarnings.length, 'acknowledgement warning')}` : '');
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${acknowledged} acknowledged${knownText} in ${plural(resources, 'resource')} of ${plural(result.templates.length, 'template')}${uncheckedText}`;
}
