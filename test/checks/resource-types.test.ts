import { mkdtempSync, readdirSync, readFileSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { rulesApplicableOutsideTheirTypes } from './helpers';
import { ordersApp } from '../../examples/orders-app';
import { ALL_RULES } from '../../src/checks/rules';
import { ruleName } from '../../src/checks/security-rule';
import { loadTemplate } from '../../src/cli/template-loader';

const root = join(__dirname, '..', '..');

/** Every CloudFormation type the library's sources name: those a rule could read by mistake. */
function typesNamedInSources(): string[] {
  const types = new Set<string>();
  const walk = (dir: string) => readdirSync(dir).forEach(entry => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      walk(path);
    } else if (path.endsWith('.ts')) {
      for (const match of readFileSync(path, 'utf8').matchAll(/'(AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)'/g)) {
        types.add(match[1]);
      }
    }
  });
  walk(join(root, 'src'));
  return [...types].sort();
}

/**
 * Resources as users' apps and templates have them: the example app (both stacks), the CLI's
 * template fixtures, and one bare resource of every type the sources name.
 */
function corpus(): CfnResource[] {
  const examples = ordersApp(mkdtempSync(join(tmpdir(), 'types-')));
  examples.synth();
  const templates = new App();
  for (const [index, file] of ['insecure.yaml', 'public-queue.json'].entries()) {
    loadTemplate(templates, { file: join(root, 'test', 'cli', 'fixtures', file), display: file, metadata: new Map() }, index);
  }
  const bare = new Stack(new App(), 'Bare');
  typesNamedInSources().forEach((type, index) => new CfnResource(bare, `Bare${index}`, { type }));
  return [examples, templates, bare].flatMap(app => app.node.findAll().filter(CfnResource.isCfnResource));
}

describe('each rule\'s resourceTypes', () => {
  const resources = corpus();

  test('the corpus holds resources of every type some rule reads, and of others', () => {
    const types = new Set(resources.map(resource => resource.cfnResourceType));
    expect(ALL_RULES.flatMap(rule => rule.resourceTypes).filter(type => !types.has(type))).toEqual([]);
    expect(types.size).toBeGreaterThan(new Set(ALL_RULES.flatMap(rule => rule.resourceTypes)).size + 10);
  });

  // The pack applies a rule only to resources of its resourceTypes: this is what makes that safe.
  test.each(ALL_RULES.map(rule => [ruleName(rule), rule] as const))('%s is not applicable to any resource of another type', (_name, rule) => {
    expect(rulesApplicableOutsideTheirTypes(resources, [rule])).toEqual([]);
  });

  test('names CloudFormation types, each once per rule', () => {
    for (const rule of ALL_RULES) {
      expect(rule.resourceTypes.length).toBeGreaterThan(0);
      expect(rule.resourceTypes.filter(type => !/^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/.test(type))).toEqual([]);
      expect(new Set(rule.resourceTypes).size).toBe(rule.resourceTypes.length);
    }
  });
});
