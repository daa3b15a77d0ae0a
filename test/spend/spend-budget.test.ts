import { writeFileSync } from 'fs';
import { join } from 'path';
import { App, IPolicyValidationContextBeta1, Stack, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SpendBudget } from '../../src';
import { synthesizeWithValidation } from '../checks/helpers';
import { tempDir } from '../cli/helpers';
import { minimalFunctionProps } from '../helpers';

/** A template: a function capped at 5 (128 MB, 3 s) behind a public function URL. */
function template(reserved?: number): string {
  const file = join(tempDir('budget-'), 'Stack.template.json');
  writeFileSync(file, JSON.stringify({
    Resources: {
      Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs24.x', Handler: 'index.handler', ReservedConcurrentExecutions: reserved } },
      Url: { Type: 'AWS::Lambda::Url', Properties: { AuthType: 'NONE', TargetFunctionArn: { 'Fn::GetAtt': ['Fn', 'Arn'] } } },
    },
  }));
  return file;
}

const context = (...templatePaths: string[]) => ({ templatePaths }) as unknown as IPolicyValidationContextBeta1;

describe('SpendBudget', () => {
  // Capped at 5: 50 invocations/s = 180,000 an hour. Requests 180,000 × $0.0000002 = $0.036;
  // compute 5 × 0.125 GB × 3,600 s = 2,250 GB-s × $0.0000166667 = $0.0375;
  // function logs 180,000 × 2,048 B = 0.3433 GB × $0.50 = $0.1717; data out 180,000 × 10,240 B = 1.7166 GB × $0.09 = $0.1545.
  const bound = 0.036 + 2250 * 0.0000166667 + 180000 * 2048 / 1024 ** 3 * 0.5 + 180000 * 10240 / 1024 ** 3 * 0.09;

  test('passes when the bound is within budget', () => {
    const report = new SpendBudget({ maxHourlySpend: 1 }).validate(context(template(5)));
    expect(report.success).toBe(true);
    expect(Number(report.metadata!.worstCasePerHour)).toBeCloseTo(bound, 4);
  });

  test('fails over budget, naming the costliest entry point and the prop that lowers it', () => {
    const file = template(5);
    const report = new SpendBudget({ maxHourlySpend: 0.1 }).validate(context(file));
    expect(report.success).toBe(false);
    expect(report.violations).toHaveLength(1);
    const [violation] = report.violations;
    expect(violation.ruleName).toBe('SpendBudget-OverBudget');
    expect(violation.description).toContain(`The worst case is $${bound.toFixed(2)} per hour, above the budget of $0.1`);
    expect(violation.description).toContain('function URL of Fn (Url)');
    expect(violation.fix).toContain('lower reservedConcurrentExecutions of Fn');
    expect(violation.violatingResources).toEqual([{ resourceLogicalId: 'Url', templatePath: file, locations: ['Properties'] }]);
  });

  test('fails on an unbounded public path whatever the budget', () => {
    const report = new SpendBudget({ maxHourlySpend: 1e9 }).validate(context(template()));
    expect(report.success).toBe(false);
    expect(report.violations.map(violation => violation.ruleName)).toEqual(['SpendBudget-Unbounded']);
    expect(report.violations[0].fix).toContain('set reservedConcurrentExecutions of Fn');
  });

  test('uses the prices it is given, and refuses unknown or non-positive ones', () => {
    const report = new SpendBudget({ maxHourlySpend: 1, prices: { dataTransferOutGb: 10 } }).validate(context(template(5)));
    // Data transfer now 1.7166 GB × $10 = $17.17 an hour.
    expect(report.success).toBe(false);
    expect(() => new SpendBudget({ maxHourlySpend: 1, prices: { lambdaRequest: 0 } })).toThrow(/'lambdaRequest' is 0; expected a number above zero/);
    expect(() => new SpendBudget({ maxHourlySpend: 1, prices: { nope: 1 } as any })).toThrow(/unknown price 'nope'/);
  });

  test('fails synth as a validation plugin of the app', () => {
    const app = new App({ outdir: tempDir('budget-app-') });
    const stack = new Stack(app, 'MyStack');
    new lambda.Function(stack, 'Open', minimalFunctionProps).addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    Validations.of(app).addPlugins(new SpendBudget({ maxHourlySpend: 50 }));
    const synth = synthesizeWithValidation(app);
    expect(synth.failed).toBe(true);
    expect(synth.report).toContain('SpendBudget-Unbounded');
    expect(synth.report).toContain('set reservedConcurrentExecutions of Open');
  });
});
