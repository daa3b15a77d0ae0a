import { App, PolicyValidationPluginReport, Stack, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { synthesizeWithValidation } from './helpers';
import { FailOn, ServerlessSecurityChecks } from '../../src';
import { minimalFunctionProps } from '../helpers';

function newApp(): { app: App; stack: Stack } {
  const app = new App();
  return { app, stack: new Stack(app, 'S', { env: { account: '111111111111', region: 'eu-west-1' } }) };
}

/** A function with a concurrency cap: its findings are tracing, log group and code signing, never the cap. */
function cappedFunction(scope: Stack, id = 'Fn', environment?: { [key: string]: string }): lambda.Function {
  return new lambda.Function(scope, id, { ...minimalFunctionProps, reservedConcurrentExecutions: 5, environment });
}

/** The pack's report as `ruleName path location` lines, for the review's rules only. */
function reviewLines(report: PolicyValidationPluginReport): string[] {
  return report.violations
    .filter(violation => /Acknowledgement/.test(violation.ruleName))
    .flatMap(violation => violation.violatingResources.map(resource => `${violation.ruleName} ${resource.constructPath} ${resource.locations[0]}`));
}

function findingLines(report: PolicyValidationPluginReport): string[] {
  return report.violations
    .filter(violation => !/Acknowledgement/.test(violation.ruleName))
    .flatMap(violation => violation.violatingResources.map(resource => `${violation.ruleName} ${resource.constructPath}`));
}

describe('ServerlessSecurityChecks reviews the acknowledgements of its rules', () => {
  test('an acknowledgement that matches no finding is a stale warning, naming the id and the construct path', () => {
    const { app, stack } = newApp();
    const fn = cappedFunction(stack);
    Validations.of(fn).acknowledge(
      { id: 'SecureServerless-LambdaReservedConcurrency', reason: 'Was uncapped before the migration.' },
      { id: 'SecureServerless-LambdaTracing', reason: 'Traced by the OpenTelemetry layer instead of X-Ray.' },
    );

    const report = new ServerlessSecurityChecks().validateScope(app);

    expect(reviewLines(report)).toEqual([
      'SecureServerless-StaleAcknowledgement S/Fn aws:cdk:acknowledged-rules/SecureServerless-LambdaReservedConcurrency',
    ]);
    const stale = report.violations.find(violation => violation.ruleName === 'SecureServerless-StaleAcknowledgement')!;
    expect(stale.severity).toBe('warning');
    expect(stale.description).toContain('The acknowledgement of SecureServerless-LambdaReservedConcurrency on S/Fn matches no finding');
    // The acknowledgement that matched still suppresses, and warnings alone do not fail.
    expect(findingLines(report)).not.toContain('SecureServerless-LambdaTracing S/Fn/Resource');
    expect(report.success).toBe(true);
  });

  test('an acknowledgement on a parent is live when a resource under it has the finding, stale when none has', () => {
    const { app, stack } = newApp();
    cappedFunction(stack);
    Validations.of(stack).acknowledge(
      { id: 'SecureServerless-LambdaTracing', reason: 'Legacy stack: tracing is added by the platform team.' },
      { id: 'SecureServerless-SNSEncrypted', reason: 'There used to be a topic here.' },
    );

    const report = new ServerlessSecurityChecks().validateScope(app);

    expect(reviewLines(report)).toEqual(['SecureServerless-StaleAcknowledgement S aws:cdk:acknowledged-rules/SecureServerless-SNSEncrypted']);
  });

  test('an id without the finding suffix does not cover suffixed findings: stale, and the finding stays', () => {
    const { app, stack } = newApp();
    const fn = cappedFunction(stack, 'Fn', { DB_PASSWORD: 'hunter2' });
    Validations.of(fn).acknowledge({ id: 'SecureServerless-LambdaEnvironmentSecrets', reason: 'Rotated weekly.' });

    const report = new ServerlessSecurityChecks().validateScope(app);

    expect(findingLines(report)).toContain('SecureServerless-LambdaEnvironmentSecrets[DB_PASSWORD] S/Fn/Resource');
    expect(reviewLines(report)).toEqual(['SecureServerless-StaleAcknowledgement S/Fn aws:cdk:acknowledged-rules/SecureServerless-LambdaEnvironmentSecrets']);
  });

  test('an acknowledgement with an empty reason is a warning, even when it matches', () => {
    const { app, stack } = newApp();
    const fn = cappedFunction(stack);
    Validations.of(fn).acknowledge({ id: 'SecureServerless-LambdaTracing', reason: ' ' });

    const report = new ServerlessSecurityChecks().validateScope(app);

    expect(reviewLines(report)).toEqual(['SecureServerless-AcknowledgementWithoutReason S/Fn aws:cdk:acknowledged-rules/SecureServerless-LambdaTracing']);
    expect(findingLines(report)).not.toContain('SecureServerless-LambdaTracing S/Fn/Resource');
  });

  test('a bare rule name without the pack is a warning, and suppresses nothing', () => {
    const { app, stack } = newApp();
    const fn = cappedFunction(stack);
    Validations.of(fn).acknowledge({ id: 'LambdaTracing', reason: 'Traced by the OpenTelemetry layer.' });

    const report = new ServerlessSecurityChecks().validateScope(app);

    expect(reviewLines(report)).toEqual(['SecureServerless-AcknowledgementWithoutPack S/Fn aws:cdk:acknowledged-rules/LambdaTracing']);
    expect(report.violations.find(violation => violation.ruleName === 'SecureServerless-AcknowledgementWithoutPack')!.description)
      .toContain('Write SecureServerless-LambdaTracing');
    expect(findingLines(report)).toContain('SecureServerless-LambdaTracing S/Fn/Resource');
  });

  test('other packs\' acknowledgements and the CDK\'s annotation warnings are not judged', () => {
    const { app, stack } = newApp();
    const fn = cappedFunction(stack);
    Validations.of(fn).acknowledge(
      { id: 'AwsSolutions-L1', reason: '' },
      { id: '@aws-cdk/aws-lambda:someWarning', reason: 'Known.' },
      { id: 'Unrelated', reason: 'Known.' },
    );

    expect(reviewLines(new ServerlessSecurityChecks().validateScope(app))).toEqual([]);
  });

  test('the app-wide form SecureServerless::<id> is stale only when no resource has the finding', () => {
    const { app, stack } = newApp();
    cappedFunction(stack);
    Validations.of(app).acknowledge(
      { id: 'SecureServerless::SecureServerless-LambdaTracing', reason: 'Tracing is the platform team\'s.' },
      { id: 'SecureServerless::SecureServerless-SNSEncrypted', reason: 'No topics any more.' },
    );

    expect(reviewLines(new ServerlessSecurityChecks().validateScope(app))).toEqual([
      'SecureServerless-StaleAcknowledgement  aws:cdk:acknowledged-rules/SecureServerless::SecureServerless-SNSEncrypted',
    ]);
  });

  test('acknowledgements of a resource outside the aspect\'s scope are not reviewed', () => {
    const { app, stack } = newApp();
    const other = new Stack(app, 'Other');
    Validations.of(cappedFunction(other)).acknowledge({ id: 'SecureServerless-SNSEncrypted', reason: 'Gone.' });
    cappedFunction(stack);

    expect(reviewLines(new ServerlessSecurityChecks().validateScope(stack))).toEqual([]);
  });

  describe('at synth, through Validations', () => {
    function appWithStaleAcknowledgement(): App {
      const { app, stack } = newApp();
      const fn = cappedFunction(stack);
      Validations.of(fn).acknowledge(
        { id: 'SecureServerless-LambdaTracing', reason: 'Traced by the OpenTelemetry layer.' },
        { id: 'SecureServerless-LambdaLogGroup', reason: 'Logs go to the platform bucket.' },
        { id: 'SecureServerless-LambdaCodeSigning', reason: 'Signed in the pipeline.' },
        { id: 'SecureServerless-LambdaReservedConcurrency', reason: 'Was uncapped.' },
      );
      return app;
    }

    test('the stale acknowledgement is in the report as a warning, and does not fail synth', () => {
      const app = appWithStaleAcknowledgement();
      Validations.of(app).addPlugins(new ServerlessSecurityChecks(app));

      const synth = synthesizeWithValidation(app);

      expect(synth.report).toContain('SecureServerless-StaleAcknowledgement');
      expect(synth.report).toContain('The acknowledgement of SecureServerless-LambdaReservedConcurrency on S/Fn matches no finding');
      expect(synth.failed).toBe(false);
    });

    test('acknowledged app-wide as SecureServerless::SecureServerless-StaleAcknowledgement, it is silenced', () => {
      const app = appWithStaleAcknowledgement();
      Validations.of(app).addPlugins(new ServerlessSecurityChecks(app, { failOn: FailOn.WARNING }));
      Validations.of(app).acknowledge({ id: 'SecureServerless::SecureServerless-StaleAcknowledgement', reason: 'Cleaning up in TICKET-9.' });

      const synth = synthesizeWithValidation(app);

      expect(synth.failed).toBe(false);
      expect(reviewLines(new ServerlessSecurityChecks().validateScope(app))).toEqual([
        'SecureServerless-StaleAcknowledgement S/Fn aws:cdk:acknowledged-rules/SecureServerless-LambdaReservedConcurrency',
      ]);
    });

    test('with failOn WARNING it fails synth', () => {
      const app = appWithStaleAcknowledgement();
      Validations.of(app).addPlugins(new ServerlessSecurityChecks(app, { failOn: FailOn.WARNING }));

      expect(synthesizeWithValidation(app).failed).toBe(true);
    });
  });
});
