import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleResult } from 'cdk-nag';
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
  /** The check: `NOT_APPLICABLE` for other resource types, then `COMPLIANT` or `NON_COMPLIANT` (or findings). */
  readonly check: (node: CfnResource) => NagRuleResult;
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

/** What a finding says: what is wrong, why it matters, and the fix. */
export function findingMessage(rule: SecurityRule): string {
  return `${rule.what} ${rule.why} Fix: ${rule.fix}`;
}
