import { App, CfnResource, IAspect, IPolicyValidationContext, PolicyValidationPluginReport, Validations } from 'aws-cdk-lib';
import { IApplyRule, NagPack, NagPackProps } from 'cdk-nag/lib/nag-pack';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { IConstruct } from 'constructs';
import { reviewAcknowledgements } from './acknowledgement-review';
import { ALL_RULES } from './rules';
import { findingMessage, PACK_NAME, ruleId, ruleName, SecurityRule } from './security-rule';
import { resetTemplateViews } from './template-view';

/** Our rules by id, for what a violation's id does not say. */
const RULES_BY_ID: ReadonlyMap<string, SecurityRule> = new Map(ALL_RULES.map(rule => [ruleId(rule), rule]));

/**
 * Each rule with its name, id and message without a detail, worked out once: every rule is
 * applied to every resource of the app, so anything computed per application is paid
 * rules × resources times.
 */
const APPLIED_RULES = ALL_RULES.map(rule => ({ rule, name: ruleName(rule), id: ruleId(rule), message: findingMessage(rule) }));

/**
 * The rules that read each resource type, in the pack's order: a resource is handed only to
 * those, as every other rule would return `NOT_APPLICABLE` for it (the CLI's count of unchecked
 * resources and cdk-nag's report are the same either way).
 */
const RULES_BY_TYPE: ReadonlyMap<string, typeof APPLIED_RULES> = (() => {
  const byType = new Map<string, typeof APPLIED_RULES>();
  for (const applied of APPLIED_RULES) {
    for (const type of applied.rule.resourceTypes) {
      byType.set(type, [...(byType.get(type) ?? []), applied]);
    }
  }
  return byType;
})();

/** The key of a rule's detail on one resource. */
function detailKey(id: string, constructPath: string): string {
  return `${id}\u0000${constructPath}`;
}

/** Which findings fail synth. */
export enum FailOn {
  /** Only errors fail synth; warnings are reported. */
  ERROR = 'error',
  /** Errors and warnings fail synth. */
  WARNING = 'warning',
}

/** Options of `ServerlessSecurityChecks`. */
export interface ServerlessSecurityChecksProps extends NagPackProps {
  /**
   * Which findings fail synth.
   *
   * @default FailOn.ERROR
   */
  readonly failOn?: FailOn;
}

/**
 * The serverless security rule pack: a cdk-nag 3 `NagPack`, so a CDK validation plugin.
 *
 * `Validations.of(app).addPlugins(new ServerlessSecurityChecks(app))` makes `cdk synth` fail on
 * every error-level finding in the app, whoever wrote the stack. Acknowledge a finding on the
 * exact resource with `Validations.of(resource).acknowledge({ id, reason })`. Rule ids are
 * `SecureServerless-<Name>`; RULES.md lists them with their risk, severity and fix.
 *
 * Acknowledgements of the pack's rules that match no finding (stale), that give no reason, or
 * that name a rule without the `SecureServerless-` prefix are reported as warnings
 * (`SecureServerless-StaleAcknowledgement`, `-AcknowledgementWithoutReason`,
 * `-AcknowledgementWithoutPack`), naming the id and the construct path.
 *
 * Apps written the cdk-nag 2 way can add it as an aspect instead,
 * `Aspects.of(app).add(new ServerlessSecurityChecks())`: on its first visit it registers itself
 * as a validation plugin of the app and then checks only the scope the aspect was added to.
 */
export class ServerlessSecurityChecks extends NagPack implements IAspect {
  /** The pack's name, the prefix of its rule ids. */
  public readonly name = PACK_NAME;
  private readonly failOn: FailOn;
  /** The scope the pack was added to as an aspect: the first construct it visits. */
  private aspectScope?: IConstruct;
  /** The `detail` of each rule on each resource of the current run, by rule id and construct path. */
  private readonly details = new Map<string, string>();
  /** The finding ids each resource produced in the current run, before acknowledgements. */
  private findings = new Map<IConstruct, Set<string>>();

  constructor(scope?: IConstruct, props?: ServerlessSecurityChecksProps) {
    super(scope, { verbose: true, ...props });
    this.packName = PACK_NAME;
    this.failOn = props?.failOn ?? FailOn.ERROR;
  }

  /**
   * Called by the CDK during synthesis; fails only on the findings `failOn` names. Resources
   * are read from the templates synthesis has just written (`context.templatePaths`): what
   * will be deployed, without rendering the app a second time.
   */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const scope = this.aspectScope ?? (context as { readonly appConstruct?: IConstruct }).appConstruct;
    if (scope === undefined) {
      // cdk-nag's own error: the CDK is too old to hand plugins the construct tree.
      return super.validate(context);
    }
    return this.check(scope, context.templatePaths);
  }

  /**
   * Lets the pack be added the cdk-nag 2 way, as an aspect: it registers itself as a validation
   * plugin of the app on its first visit. Aspects visit the scope they were added to first.
   */
  public visit(node: IConstruct): void {
    if (this.aspectScope !== undefined) {
      return;
    }
    const root = node.node.root;
    if (!App.isApp(root)) {
      return;
    }
    this.aspectScope = node;
    Validations.of(root).addPlugins(this);
  }

  /**
   * Checks a construct tree directly (tests, tools). `success` is false only when a finding
   * at or above `failOn` remains unacknowledged.
   */
  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    return this.check(scope, []);
  }

  protected checkResource(node: CfnResource): void {
    const details = this.details;
    for (const { rule, name, id, message } of RULES_BY_TYPE.get(node.cfnResourceType) ?? []) {
      // The detail is worked out only when cdk-nag writes a finding's message, which reads `info`.
      this.applyRule({
        ruleSuffixOverride: name,
        get info() {
          const detail = rule.detail?.(node);
          if (detail) {
            details.set(detailKey(id, node.node.path), detail);
          }
          return detail ? findingMessage(rule, detail) : message;
        },
        explanation: '',
        level: rule.level,
        node,
        rule: rule.check,
      });
    }
  }

  /**
   * Applies a rule as cdk-nag does, and records what it found before acknowledgements are
   * applied: cdk-nag keeps no record of which acknowledgement matched, and stale ones are
   * found by comparing the two. A compliant or not-applicable result is all most applications
   * give, and cdk-nag does nothing with it; only findings (and errors) are handed on to cdk-nag,
   * which checks the acknowledgements and writes the violation.
   */
  protected applyRule(params: IApplyRule): void {
    const suffix = params.ruleSuffixOverride ?? params.rule.name;
    const id = `${this.readPackName}-${suffix}`;
    const node = params.node;
    let result: NagRuleResult;
    try {
      result = params.rule(node);
    } catch (error) {
      this.record(node, id);
      super.applyRule(this.handingOn(params, suffix, () => {
        throw error;
      }));
      return;
    }
    if (result === NagRuleCompliance.NON_COMPLIANT) {
      this.record(node, id);
    } else if (Array.isArray(result)) {
      result.forEach(finding => this.record(node, `${id}[${finding}]`));
    } else {
      return;
    }
    super.applyRule(this.handingOn(params, suffix, () => result));
  }

  /** The finding id on the resource, before acknowledgements. */
  private record(node: CfnResource, findingId: string): void {
    const set = this.findings.get(node) ?? new Set<string>();
    set.add(findingId);
    this.findings.set(node, set);
  }

  /** The rule's parameters for cdk-nag, with the result already known. */
  private handingOn(params: IApplyRule, suffix: string, result: () => NagRuleResult): IApplyRule {
    return {
      ruleSuffixOverride: suffix,
      // Read only when a finding is written (a getter: a resource's detail costs a policy's expansion).
      get info() {
        return params.info;
      },
      explanation: params.explanation,
      level: params.level,
      node: params.node,
      rule: result,
    };
  }

  private check(scope: IConstruct, templatePaths: readonly string[]): PolicyValidationPluginReport {
    resetTemplateViews(templatePaths);
    this.details.clear();
    this.findings = new Map();
    const report = this.splitByDetail(super.validateScope(scope));
    const review = reviewAcknowledgements(scope, this.findings, ALL_RULES.map(ruleName));
    return this.applyFailOn({ ...report, violations: [...report.violations, ...review] });
  }

  /**
   * cdk-nag groups the resources of one finding id under one description, the first resource's.
   * A rule whose message names a detail of each resource (a runtime and its date) gets one
   * violation per distinct detail instead, so each resource is reported with its own.
   */
  private splitByDetail(report: PolicyValidationPluginReport): PolicyValidationPluginReport {
    const violations = report.violations.flatMap(violation => {
      const id = violation.ruleName.replace(/\[.*\]$/s, '');
      const rule = RULES_BY_ID.get(id);
      if (rule?.detail === undefined || violation.violatingResources.length < 2) {
        return [violation];
      }
      const groups = new Map<string | undefined, typeof violation.violatingResources[number][]>();
      for (const resource of violation.violatingResources) {
        const detail = this.details.get(detailKey(id, resource.constructPath ?? ''));
        groups.set(detail, [...(groups.get(detail) ?? []), resource]);
      }
      const written = findingMessage(rule, this.details.get(detailKey(id, violation.violatingResources[0].constructPath ?? '')));
      return [...groups].map(([detail, resources]) => ({
        ...violation,
        description: violation.description.replace(written, findingMessage(rule, detail)),
        violatingResources: resources,
      }));
    });
    return { ...report, violations };
  }

  private applyFailOn(report: PolicyValidationPluginReport): PolicyValidationPluginReport {
    const failing = report.violations.filter(violation => violation.severity === 'error' || this.failOn === FailOn.WARNING);
    return { ...report, success: failing.length === 0 };
  }
}
