import { readFileSync } from 'fs';
import { join } from 'path';
import { RiskCategory } from '../../src';
import { ALL_RULES, RULE_GROUPS } from '../../src/checks/rules';
import { renderRulesDocument } from '../../src/checks/rules-document';
import { ruleId, ruleName } from '../../src/checks/security-rule';

describe('rule data', () => {
  test('RULES.md is what the rule data renders (run `npx projen rules-doc` after changing a rule)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'RULES.md'), 'utf8');

    expect(committed).toEqual(renderRulesDocument(RULE_GROUPS));
  });

  test('every rule id is unique', () => {
    const ids = ALL_RULES.map(ruleId);

    expect(new Set(ids).size).toBe(ids.length);
  });

  test('every rule name explains itself: PascalCase words, no numeric codes', () => {
    for (const rule of ALL_RULES) {
      expect(ruleName(rule)).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(ruleName(rule)).not.toMatch(/\d+$/);
    }
  });

  test('every rule has one known risk category and says what, why and how to fix it', () => {
    const risks = Object.values(RiskCategory) as string[];
    for (const rule of ALL_RULES) {
      expect([ruleId(rule), risks.includes(rule.risk)]).toEqual([ruleId(rule), true]);
      for (const text of [rule.what, rule.why, rule.fix]) {
        expect(text.trim()).toMatch(/^[A-Z`].*[.)`]$/s);
      }
    }
  });
});
