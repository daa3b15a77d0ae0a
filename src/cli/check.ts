import { App, CfnResource } from 'aws-cdk-lib';
import { NagPack } from 'cdk-nag/lib/nag-pack';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { AcknowledgementWarning, reviewAcknowledgements } from './acknowledgement-warnings';
import { Acknowledgement, acknowledgementFor, allAssemblyAcknowledgements } from './acknowledgements';
import { TemplateSource } from './assembly';
import { selectPacks } from './packs';
import { ruleDetail, RuleInfo, ruleInfo } from './rule-info';
import { IncludedResource, LoadedTemplate, loadTemplate } from './template-loader';
import { ALL_RULES } from '../checks/rules';
import { PACK_NAME, ruleName } from '../checks/security-rule';

/** One finding, as the JSON output prints it (DESIGN.md's contract: these fields, no others). */
export interface Finding {
  /** The finding's id: the rule id, with the finding suffix where the rule reports several (`…[DB_PASSWORD]`). */
  readonly ruleId: string;
  readonly risk: string;
  readonly severity: string;
  readonly logicalId: string;
  /** The `aws:cdk:path` metadata when the template has it, else the logical id. */
  readonly path: string;
  readonly resourceType: string;
  /** The template file, as the user named it (joined with its place in the assembly). */
  readonly template: string;
  readonly message: string;
  readonly fix: string;
}

/** A finding with what the formatters need beyond the JSON fields. */
export interface CheckedFinding {
  readonly finding: Finding;
  readonly rule: RuleInfo;
  readonly resource: IncludedResource;
  readonly template: LoadedTemplate;
  /** The acknowledgement that covers it, if any. */
  readonly acknowledgement?: Acknowledgement;
}

/** The summary of a run. `unchecked` is the CLI's addition to DESIGN.md's four counts. */
export interface CheckSummary {
  readonly errors: number;
  readonly warnings: number;
  readonly acknowledged: number;
  /** Findings listed in the `--baseline` file: reported, but counted neither as errors nor as warnings. */
  readonly known: number;
  /** Resources checked, over every template (the CDK's own `AWS::CDK::Metadata` left out). */
  readonly resources: number;
  /** Resources that no rule of the run applies to (custom resources, registry types…): passed through. */
  readonly unchecked: number;
}

export interface CheckResult {
  /** Unacknowledged findings, in template order. */
  readonly findings: readonly CheckedFinding[];
  /** Acknowledged findings, counted in the summary and shown as suppressed in SARIF. */
  readonly acknowledged: readonly CheckedFinding[];
  /** Unacknowledged findings that the `--baseline` file lists: known, so they do not fail the run. */
  readonly known: readonly CheckedFinding[];
  /** The baseline file the run was compared with, if any. */
  readonly baseline?: string;
  readonly summary: CheckSummary;
  /** Unchecked resources by type. */
  readonly uncheckedTypes: ReadonlyMap<string, number>;
  /** Every rule that produced a finding, acknowledged or not, by id. */
  readonly rules: ReadonlyMap<string, RuleInfo>;
  readonly templates: readonly LoadedTemplate[];
  /** Notes for stderr that do not stop the run. */
  readonly warnings: readonly string[];
  /**
   * Acknowledgements of the run's packs that match no finding, give no reason, or name a rule
   * without its pack: warnings, failing only with `--fail-on warning` (as the pack's).
   */
  readonly acknowledgementWarnings: readonly AcknowledgementWarning[];
}

/** The parameters cdk-nag's `applyRule` receives (its `IApplyRule`). */
interface ApplyRuleParams {
  readonly ruleSuffixOverride?: string;
  readonly info: string;
  readonly explanation: string;
  readonly level: NagMessageLevel;
  readonly node: CfnResource;
  rule(node: CfnResource): NagRuleResult;
}

interface Located {
  readonly resource: IncludedResource;
  readonly template: LoadedTemplate;
  readonly templateIndex: number;
}

/** A raw result of one rule on one resource, before acknowledgements are applied. */
interface RawFinding {
  readonly id: string;
  readonly rule: RuleInfo;
  readonly where: Located;
  readonly packIndex: number;
  readonly sequence: number;
  readonly error?: string;
  /** What the finding on this resource is about (the rule's `detail`), for the message. */
  readonly detail?: string;
}

/** Resource types that are the CDK's bookkeeping, not infrastructure. */
const NOT_COUNTED = new Set(['AWS::CDK::Metadata']);

/**
 * The CDK's context keys that turn off the stack traces it records with every element and every
 * metadata entry: the CLI's throwaway app is never synthesized or debugged, and capturing a stack
 * trace per resource was a twentieth of a check's wall time.
 */
const NO_STACK_TRACES = { 'aws:cdk:disable-creation-stack-traces': true, 'aws:cdk:disable-stack-trace': true };

/** Loads every template into one throwaway app. */
export function loadTemplates(sources: readonly TemplateSource[]): LoadedTemplate[] {
  const app = new App({ context: NO_STACK_TRACES });
  return sources.map((source, index) => loadTemplate(app, source, index));
}

/**
 * Runs `ServerlessSecurityChecks` and the chosen cdk-nag packs on the templates. Each pack
 * walks the included constructs as it walks a CDK app; the CLI sees every rule's result
 * (through the pack's `applyRule`) so that it can apply the acknowledgements written in the
 * templates and the assembly, and count the resources no rule applies to.
 */
export function checkTemplates(templates: readonly LoadedTemplate[], packNames: readonly string[]): CheckResult {
  const packs = selectPacks(packNames);
  const located = new Map<CfnResource, Located>();
  templates.forEach((template, templateIndex) => template.resources.forEach(resource =>
    located.set(resource.node, { resource, template, templateIndex })));

  const raw: RawFinding[] = [];
  const applicable = new Set<CfnResource>();
  const rules = new Map<string, RuleInfo>();
  let sequence = 0;
  packs.forEach((pack, packIndex) => {
    observeRules(pack, (params, result, error) => {
      const where = located.get(params.node);
      if (!where) {
        return;
      }
      if (result !== NagRuleCompliance.NOT_APPLICABLE) {
        applicable.add(params.node);
      }
      const name = params.ruleSuffixOverride ?? params.rule.name;
      const ruleId = `${pack.readPackName}-${name}`;
      const ids = error !== undefined || result === NagRuleCompliance.NON_COMPLIANT
        ? [ruleId]
        : Array.isArray(result) ? result.map(suffix => `${ruleId}[${suffix}]`) : [];
      if (ids.length === 0) {
        return;
      }
      // Only for findings: the message (`info`) of our rules holds a detail worked out per resource.
      const info = ruleInfo(pack.readPackName, name, params.level, params.info, params.explanation);
      const detail = error === undefined ? ruleDetail(pack.readPackName, name, params.node) : undefined;
      for (const id of ids) {
        raw.push({ id, rule: info, where, packIndex, sequence: sequence++, error, detail });
      }
    });
    // Walks the whole app; our own pack also resets its template views first.
    pack.validateScope(templates[0]?.stack.node.root ?? new App());
  });

  raw.sort((a, b) => a.where.templateIndex - b.where.templateIndex
    || a.where.resource.order - b.where.resource.order
    || a.packIndex - b.packIndex
    || a.sequence - b.sequence);

  const appWide = appWideAcknowledgements(templates, packs);
  const findings: CheckedFinding[] = [];
  const acknowledged: CheckedFinding[] = [];
  for (const item of raw) {
    const checked = toChecked(item, appWide.get(packs[item.packIndex]) ?? []);
    rules.set(item.rule.id, item.rule);
    (checked.acknowledgement ? acknowledged : findings).push(checked);
  }

  const ruleNames = new Map<string, string>(ALL_RULES.map(rule => [ruleName(rule), PACK_NAME]));
  rules.forEach(rule => ruleNames.set(rule.name, rule.pack));
  const acknowledgementWarnings = reviewAcknowledgements(templates, raw.map(item => ({ id: item.id, resource: item.where.resource })),
    packs.map(pack => pack.readPackName), ruleNames);

  const counted = templates.flatMap(template => template.resources).filter(resource => !NOT_COUNTED.has(resource.type));
  const uncheckedTypes = new Map<string, number>();
  for (const resource of counted.filter(candidate => !applicable.has(candidate.node))) {
    uncheckedTypes.set(resource.type, (uncheckedTypes.get(resource.type) ?? 0) + 1);
  }
  return {
    findings,
    acknowledged,
    known: [],
    summary: {
      errors: findings.filter(item => item.finding.severity === 'error').length,
      warnings: findings.filter(item => item.finding.severity === 'warning').length,
      acknowledged: acknowledged.length,
      known: 0,
      resources: counted.length,
      unchecked: [...uncheckedTypes.values()].reduce((sum, count) => sum + count, 0),
    },
    uncheckedTypes,
    rules,
    templates,
    warnings: templates.flatMap(template => template.warnings),
    acknowledgementWarnings,
  };
}

/**
 * The acknowledgements the CDK applies app-wide, by pack: `<plugin name>::<finding id>` recorded on
 * any construct suppresses that finding everywhere at synth (the CDK's own matching, after
 * cdk-nag's), so the CLI honours them for every resource too.
 */
function appWideAcknowledgements(templates: readonly LoadedTemplate[], packs: readonly NagPack[]): Map<NagPack, Acknowledgement[]> {
  const all = [...new Set(templates.map(template => template.source.metadata))].flatMap(allAssemblyAcknowledgements);
  return new Map(packs.map(pack => {
    const prefix = `${((pack as unknown as { name?: string }).name ?? pack.readPackName).replace(/ /g, '-')}::`;
    return [pack, all.filter(acknowledgement => acknowledgement.id.startsWith(prefix))
      .map(acknowledgement => ({ ...acknowledgement, id: acknowledgement.id.slice(prefix.length), exact: true }))];
  }));
}

function toChecked(item: RawFinding, appWide: readonly Acknowledgement[]): CheckedFinding {
  const { resource, template } = item.where;
  const message = item.error !== undefined
    ? `The rule could not evaluate this resource (${item.error}). ${item.rule.what}`
    : item.rule.pack === PACK_NAME ? [item.rule.what, item.detail, item.rule.why].filter(Boolean).join(' ') : item.rule.what;
  return {
    finding: {
      ruleId: item.id,
      risk: item.rule.risk,
      severity: item.rule.severity,
      logicalId: resource.logicalId,
      path: resource.cdkPath ?? resource.logicalId,
      resourceType: resource.type,
      template: template.source.display,
      message,
      fix: item.rule.fix,
    },
    rule: item.rule,
    resource,
    template,
    acknowledgement: acknowledgementFor(item.id, resource.acknowledgements) ?? acknowledgementFor(item.id, appWide),
  };
}

/**
 * Replaces the pack's `applyRule` (protected in TypeScript, an ordinary method at run time)
 * with one that runs the rule as cdk-nag does and hands every result to `onResult`. The pack's
 * own acknowledgement lookup is bypassed on purpose: the included constructs carry none, and
 * the CLI applies the template's and the assembly's itself so that it can count them.
 */
function observeRules(pack: NagPack, onResult: (params: ApplyRuleParams, result: NagRuleResult | undefined, error?: string) => void): void {
  (pack as unknown as { applyRule: (params: ApplyRuleParams) => void }).applyRule = (params: ApplyRuleParams) => {
    let result: NagRuleResult;
    try {
      result = params.rule(params.node);
    } catch (error) {
      onResult(params, undefined, error instanceof Error ? error.message : String(error));
      return;
    }
    onResult(params, result);
  };
}
