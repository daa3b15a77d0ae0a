import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import { nagRisk } from './nag-risk';
import { INFORMATION_URI } from './version';
import { RiskCategory } from '../checks/risk-category';
import { ALL_RULES } from '../checks/rules';
import { PACK_NAME, ruleId, ruleName, SecurityRule } from '../checks/security-rule';

/** What the CLI knows of a rule: the data behind findings, SARIF rule descriptors and the text output. */
export interface RuleInfo {
  /** The rule id without a finding suffix (`SecureServerless-LambdaReservedConcurrency`, `AwsSolutions-IAM5`). */
  readonly id: string;
  /** The pack's name, the prefix of the id. */
  readonly pack: string;
  /** The rule's name within its pack (`LambdaReservedConcurrency`, `IAM5`). */
  readonly name: string;
  readonly risk: RiskCategory;
  /** `error` or `warning`. */
  readonly severity: string;
  /** What a finding of the rule means, in one sentence. */
  readonly what: string;
  /** Why it matters. */
  readonly why: string;
  /** How to fix it. For cdk-nag rules, which carry no separate fix, the rule's explanation. */
  readonly fix: string;
  readonly helpUri: string;
}

const OUR_RULES = new Map<string, SecurityRule>(ALL_RULES.map(rule => [ruleName(rule), rule]));

/**
 * The `detail` of one of our rules on a resource (a runtime and its date), for the finding's
 * message; undefined for another pack's rule or a rule without one.
 */
export function ruleDetail(pack: string, name: string, node: CfnResource): string | undefined {
  return pack === PACK_NAME ? OUR_RULES.get(name)?.detail?.(node) : undefined;
}

/** `error` for cdk-nag's ERROR level; `warning` for WARN (and INFO, which cdk-nag also reports as a warning). */
export function severityOf(level: NagMessageLevel): string {
  return level === NagMessageLevel.ERROR ? 'error' : 'warning';
}

/** The info of a rule applied by a pack, from our rule data or from what the cdk-nag pack passed. */
export function ruleInfo(pack: string, name: string, level: NagMessageLevel, info: string, explanation: string): RuleInfo {
  const ours = pack === PACK_NAME ? OUR_RULES.get(name) : undefined;
  if (ours) {
    return {
      id: ruleId(ours),
      pack,
      name,
      risk: ours.risk,
      severity: severityOf(ours.level),
      what: ours.what,
      why: ours.why,
      fix: ours.fix,
      helpUri: `${INFORMATION_URI}/blob/main/RULES.md`,
    };
  }
  return {
    id: `${pack}-${name}`,
    pack,
    name,
    risk: nagRisk(info),
    severity: severityOf(level),
    what: info,
    why: explanation,
    fix: explanation,
    helpUri: 'https://github.com/cdklabs/cdk-nag/blob/main/RULES.md',
  };
}
