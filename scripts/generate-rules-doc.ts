/** Writes RULES.md from the rule data; `npx projen rules-doc` runs it after every compile. */
import { writeFileSync } from 'fs';
import { join } from 'path';
import { RULE_GROUPS } from '../src/checks/rules';
import { renderRulesDocument } from '../src/checks/rules-document';

writeFileSync(join(__dirname, '..', 'RULES.md'), renderRulesDocument(RULE_GROUPS));
