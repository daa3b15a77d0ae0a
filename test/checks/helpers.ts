import { IConstruct } from 'constructs';
import { ServerlessSecurityChecks } from '../../src';

/**
 * The unacknowledged findings of ServerlessSecurityChecks on a scope, as `ruleId path` lines,
 * optionally only those of one rule (by name, without the `SecureServerless-` prefix).
 */
export function securityFindings(scope: IConstruct, onlyRule?: string): string[] {
  const report = new ServerlessSecurityChecks().validateScope(scope);
  return report.violations
    .filter(violation => onlyRule === undefined || violation.ruleName.replace(/^SecureServerless-/, '').replace(/\[.*\]$/, '') === onlyRule)
    .flatMap(violation => violation.violatingResources.map(resource => `${violation.ruleName} ${resource.constructPath}`));
}
