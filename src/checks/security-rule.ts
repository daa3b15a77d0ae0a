import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { RiskCategory } from './risk-category';

/**
 * One rule of the pack: the check and the data that explains it. The data also generates
 * RULES.md and the SARIF rule descriptors, so it is written once, here.
 */
export interface SecurityRule {
  /**
   * The rule's name; its id is `SecureServerless-<name>`. Defaults to the check function's
   * name, which for our own rules is its file name.
   */
  readonly name?: string;
  /** The one risk category the rule guards against. */
  readonly risk: RiskCategory;
  /** `ERROR` fails synth; `WARN` reports without failing unless the pack's `failOn` is `WARNING`. */
  readonly level: NagMessageLevel;
  /** What is wrong, in one sentence, as a finding states it. */
  readonly what: string;
  /** Why it matters, in one sentence. */
  readonly why: string;
  /** The fix, naming the `SecureXxx` construct or prop that applies it. */
  readonly fix: string;
  /**
   * The CloudFormation resource types the check reads. The pack applies the rule to resources
   * of these types only, since for every other type the check returns `NOT_APPLICABLE`; applying
   * each of the pack's rules to every resource of an app was most of a run's overhead.
   */
  readonly resourceTypes: readonly string[];
  /** The check: `NOT_APPLICABLE` for other resource types, then `COMPLIANT` or `NON_COMPLIANT` (or findings). */
  readonly check: (node: CfnResource) => NagRuleResult;
  /**
   * What the finding on this resource is about, in one sentence safe to print (`Runtime
   * nodejs16.x was deprecated on 2024-06-12.`), or undefined. It goes into the finding's message
   * after `what`, never into its id, so an acknowledgement stays valid when the detail changes.
   * Asked of every resource, so undefined for one the rule does not apply to; never holds a secret.
   */
  readonly detail?: (node: CfnResource) => string | undefined;
}

/** The rule's name: explicit, or the check function's own. */
export function ruleName(rule: SecurityRule): string {
  return rule.name ?? rule.check.name;
}

/** The pack's name, the prefix of every rule id. */
export const PACK_NAME = 'SecureServerless';

/** The full id of a rule, as findings and acknowledgements use it. */
export function ruleId(rule: SecurityRule): string {
  return `${PACK_NAME}-${ruleName(rule)}`;
}

/** What a finding says: what is wrong (with the resource's `detail`, if any), why it matters, and the fix. */
export function findingMessage(rule: SecurityRule, detail?: string): string {
  const what = detail ? `${rule.what} ${detail}` : rule.what;
  return `${what} ${rule.why} Fix: ${rule.fix}`;
}
