import { App, Aspects, Stack, Validations } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { synthesizeWithValidation } from './helpers';
import { FailOn, ServerlessSecurityChecks } from '../../src';

function appWithUnencryptedTopic(): { app: App; topic: sns.Topic } {
  const app = new App();
  const stack = new Stack(app, 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
  return { app, topic: new sns.Topic(stack, 'Topic') };
}

describe('ServerlessSecurityChecks', () => {
  test('is a cdk-nag pack named SecureServerless', () => {
    const pack = new ServerlessSecurityChecks();

    expect(pack.name).toBe('SecureServerless');
    expect(pack.readPackName).toBe('SecureServerless');
  });

  test('fails synth through Validations when it finds an error', () => {
    const { app } = appWithUnencryptedTopic();
    Validations.of(app).addPlugins(new ServerlessSecurityChecks(app));

    const synth = synthesizeWithValidation(app);

    expect(synth.failed).toBe(true);
    expect(synth.report).toContain('SecureServerless-SNSEncrypted');
  });

  test('added the cdk-nag 2 way, as an aspect, it also fails synth', () => {
    const { app } = appWithUnencryptedTopic();
    Aspects.of(app).add(new ServerlessSecurityChecks());

    const synth = synthesizeWithValidation(app);

    expect(synth.failed).toBe(true);
    expect(synth.report).toContain('SecureServerless-SNSEncrypted');
  });

  test('added as an aspect to one stack, it checks only that stack', () => {
    const { app } = appWithUnencryptedTopic();
    const checked = new Stack(app, 'Checked', { env: { account: '111111111111', region: 'eu-west-1' } });
    new sns.Topic(checked, 'Topic');
    Aspects.of(checked).add(new ServerlessSecurityChecks());

    const synth = synthesizeWithValidation(app);

    expect(synth.failed).toBe(true);
    expect(synth.report).toContain('Checked/Topic/Resource');
    expect(synth.report).not.toContain('S/Topic/Resource');
  });

  test('reports each finding with what is wrong, why, and the fix', () => {
    const { app } = appWithUnencryptedTopic();

    const report = new ServerlessSecurityChecks().validateScope(app);

    const encryption = report.violations.find(violation => violation.ruleName === 'SecureServerless-SNSEncrypted');
    expect(encryption?.severity).toBe('error');
    expect(encryption?.violatingResources.map(resource => resource.constructPath)).toEqual(['S/Topic/Resource']);
    expect(encryption?.description).toMatch(/ Fix: /);
  });

  test('an acknowledgement on the resource removes the finding', () => {
    const { app, topic } = appWithUnencryptedTopic();
    Validations.of(topic.node.defaultChild!).acknowledge({ id: 'SecureServerless-SNSEncrypted', reason: 'test' });

    const report = new ServerlessSecurityChecks().validateScope(app);

    expect(report.violations.map(violation => violation.ruleName)).not.toContain('SecureServerless-SNSEncrypted');
  });

  test('warnings alone do not fail, unless failOn is WARNING', () => {
    const { app, topic } = appWithUnencryptedTopic();
    for (const ruleName of ['SNSEncrypted', 'SNSTlsOnly']) {
      Validations.of(topic.node.defaultChild!).acknowledge({ id: `SecureServerless-${ruleName}`, reason: 'test' });
    }
    // An unencrypted log group: a warning-level finding only.
    new logs.LogGroup(Stack.of(topic), 'Logs');

    const lenient = new ServerlessSecurityChecks().validateScope(app);
    const strict = new ServerlessSecurityChecks(undefined, { failOn: FailOn.WARNING }).validateScope(app);

    expect(lenient.violations.length).toBeGreaterThan(0);
    expect(lenient.violations.every(violation => violation.severity === 'warning')).toBe(true);
    expect(lenient.success).toBe(true);
    expect(strict.success).toBe(false);
  });
});
