import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { NagPack } from 'cdk-nag';
import { matchNagRisk, nagRisk } from '../../src/cli/nag-risk';
import { NAG_PACKS } from '../../src/cli/packs';

/** The finding text of every rule of a pack: each rule is applied to every resource, so one resource shows them all. */
function rulesOf(pack: NagPack): Array<{ id: string; info: string }> {
  const rules: Array<{ id: string; info: string }> = [];
  (pack as unknown as { applyRule: (params: { ruleSuffixOverride?: string; info: string; rule: { name: string } }) => void }).applyRule = params => {
    rules.push({ id: `${pack.readPackName}-${params.ruleSuffixOverride ?? params.rule.name}`, info: params.info });
  };
  const stack = new Stack(new App(), 'Probe');
  new CfnResource(stack, 'Any', { type: 'Custom::Any' });
  pack.validateScope(stack);
  return rules;
}

describe('nagRisk', () => {
  const rules = NAG_PACKS.flatMap(choice => rulesOf(choice.create()));

  test('maps every rule of the six cdk-nag packs by a keyword, not by the fallback', () => {
    expect(rules.length).toBeGreaterThan(400);
    expect(rules.filter(rule => matchNagRisk(rule.info) === undefined).map(rule => rule.id)).toEqual([]);
  });

  test.each([
    ['AwsSolutions-IAM5', 'least-privilege'],
    ['AwsSolutions-IAM4', 'least-privilege'],
    ['AwsSolutions-L1', 'supply-chain'],
    ['AwsSolutions-APIG4', 'authentication'],
    ['AwsSolutions-APIG2', 'input-validation'],
    ['AwsSolutions-APIG1', 'observability'],
    ['AwsSolutions-S10', 'encryption-in-transit'],
    ['AwsSolutions-SQS2', 'encryption-at-rest'],
    ['AwsSolutions-SMG4', 'secrets'],
    ['AwsSolutions-DDB3', 'data-loss'],
    ['AwsSolutions-S2', 'public-access'],
    ['HIPAA.Security-LambdaConcurrency', 'billing-dos'],
    ['HIPAA.Security-CloudWatchLogGroupEncrypted', 'encryption-at-rest'],
    ['HIPAA.Security-CodeBuildProjectEnvVarAwsCred', 'secrets'],
    ['Serverless-APIGWDefaultThrottling', 'throttling'],
    ['Serverless-LambdaDLQ', 'data-loss'],
  ])('maps %s to %s', (id, risk) => {
    const rule = rules.find(candidate => candidate.id === id);
    expect(rule).toBeDefined();
    expect(nagRisk(rule!.info)).toBe(risk);
  });

  test('falls back to least-privilege for a text no keyword matches', () => {
    expect(nagRisk('Something nobody foresaw.')).toBe('least-privilege');
  });
});
