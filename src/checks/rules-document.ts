import { NagMessageLevel } from 'cdk-nag';
import { RuleGroup } from './rules';
import { ruleId } from './security-rule';

/** Markdown table cells cannot hold a bare `|` or a line break. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/**
 * Renders RULES.md from the rules' own data, so that the document cannot drift from the pack.
 */
export function renderRulesDocument(groups: readonly RuleGroup[]): string {
  const count = groups.reduce((sum, group) => sum + group.rules.length, 0);
  const lines = [
    '# ServerlessSecurityChecks rules',
    '',
    '<!-- Generated from the rule data in src/checks/rules/*/index.ts by `npx projen rules-doc`. Do not edit. -->',
    '',
    `${count} rules. Rule ids are \`SecureServerless-<Name>\`. **error** fails \`cdk synth\` (and the CLI); **warning** is`,
    'reported and fails only with `failOn: FailOn.WARNING`. Acknowledge a finding on the exact resource with',
    '`Validations.of(resource).acknowledge({ id, reason })`; rules that report several findings on one resource',
    'give each its own id, such as `SecureServerless-LambdaEnvironmentSecrets[DB_PASSWORD]`.',
    '',
  ];
  for (const group of groups) {
    lines.push(`## ${group.service}`, '', '| id | risk | severity | what | why | fix |', '|---|---|---|---|---|---|');
    for (const rule of group.rules) {
      const severity = rule.level === NagMessageLevel.ERROR ? 'error' : 'warning';
      lines.push(`| \`${ruleId(rule)}\` | ${rule.risk} | ${severity} | ${cell(rule.what)} | ${cell(rule.why)} | ${cell(rule.fix)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
