import { SecurityRule } from '../security-rule';

/** The rules of one service, in the order RULES.md lists them. */
export interface RuleGroup {
  readonly service: string;
  readonly rules: readonly SecurityRule[];
}

/**
 * Every rule of the pack, service by service. Each service's folder lists its rules with their
 * data in its own `index.ts`; this file only joins the lists.
 */
export const RULE_GROUPS: readonly RuleGroup[] = [
];

/** Every rule of the pack, in RULES.md order. */
export const ALL_RULES: readonly SecurityRule[] = RULE_GROUPS.flatMap(group => group.rules);
