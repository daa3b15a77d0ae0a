import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { App, CfnResource, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import { IConstruct } from 'constructs';
import { ServerlessSecurityChecks } from '../../src';
import { ALL_RULES } from '../../src/checks/rules';
import { ruleName, SecurityRule } from '../../src/checks/security-rule';
import { resetTemplateViews } from '../../src/checks/template-view';

/**
 * The unacknowledged findings of ServerlessSecurityChecks on a scope, as `ruleId path` lines,
 * optionally only those of one rule (by name, without the `SecureServerless-` prefix).
 *
 * The app is synthesized first, as `cdk synth` does before it runs validation plugins, and
 * the pack is run both ways: on the construct tree (`validateScope`) and on the templates
 * synthesis wrote (`validate`, as `cdk synth` runs it). Every rule test thus also proves that
 * the two agree.
 */
export function securityFindings(scope: IConstruct, onlyRule?: string): string[] {
  const root = scope.node.root;
  let fromTemplates: string[] | undefined;
  if (App.isApp(root)) {
    const assembly = root.synth();
    const context = { templatePaths: assembly.stacksRecursively.map(stack => stack.templateFullPath), appConstruct: root };
    fromTemplates = findingLines(new ServerlessSecurityChecks().validate(context)).filter(line => isWithin(line, scope));
  }
  const fromTree = findingLines(new ServerlessSecurityChecks().validateScope(scope));
  if (fromTemplates !== undefined) {
    expect(fromTemplates.sort()).toEqual([...fromTree].sort());
  }
  expect(rulesApplicableOutsideTheirTypes(scope.node.findAll().filter(CfnResource.isCfnResource))).toEqual([]);
  return fromTree.filter(line => onlyRule === undefined || line.split(' ')[0].replace(/^SecureServerless-/, '').replace(/\[.*\]$/, '') === onlyRule);
}

/**
 * The rules that judge one of `resources` whose type is not among their `resourceTypes`, as
 * `rule type path` lines. The pack hands each resource only to the rules that list its type, so
 * such a judgement would be lost; every rule test's app, near-misses included, is checked for it.
 */
export function rulesApplicableOutsideTheirTypes(resources: readonly CfnResource[], rules: readonly SecurityRule[] = ALL_RULES): string[] {
  resetTemplateViews();
  return rules.flatMap(rule => resources
    .filter(resource => !rule.resourceTypes.includes(resource.cfnResourceType))
    .filter(resource => {
      try {
        return rule.check(resource) !== NagRuleCompliance.NOT_APPLICABLE;
      } catch {
        return true;
      }
    })
    .map(resource => `${ruleName(rule)} ${resource.cfnResourceType} ${resource.node.path}`));
}

/** Whether a finding line is about a resource within the scope. */
function isWithin(line: string, scope: IConstruct): boolean {
  const path = line.split(' ')[1];
  return scope.node.path === '' || path === scope.node.path || path.startsWith(`${scope.node.path}/`);
}

function findingLines(report: PolicyValidationPluginReport): string[] {
  return report.violations
    .flatMap(violation => violation.violatingResources.map(resource => `${violation.ruleName} ${resource.constructPath}`));
}

/** What synthesizing an app with validation plugins produced. */
export interface ValidatedSynth {
  /** Whether a plugin failed synth (the CDK sets the exit code to 1, as the CDK CLI reports). */
  readonly failed: boolean;
  /** The validation report the CDK wrote into the cloud assembly, as text. */
  readonly report: string;
}

/**
 * Synthesizes an app whose validation plugins may fail. Up to aws-cdk-lib 2.261 the CDK does not
 * throw then: it prints the report, writes it into the assembly and sets `process.exitCode = 1`,
 * which would fail the whole jest run. From 2.262 on it throws an error named `ValidationFailed`
 * after writing the report. This captures either, and restores the exit code.
 */
export function synthesizeWithValidation(app: App): ValidatedSynth {
  const previousExitCode = process.exitCode;
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const report = () => {
    const reportFile = ['validation-report.json', 'policy-validation-report.json']
      .map(name => join(app.outdir, name))
      .find(existsSync);
    return reportFile ? readFileSync(reportFile, 'utf8') : '';
  };
  try {
    process.exitCode = undefined;
    try {
      app.synth();
    } catch (error) {
      if ((error as Error).name === 'ValidationFailed') {
        return { failed: true, report: report() };
      }
      throw error;
    }
    return { failed: process.exitCode === 1, report: report() };
  } finally {
    process.exitCode = previousExitCode;
    quiet.mockRestore();
  }
}
