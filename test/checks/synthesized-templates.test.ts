import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, IPolicyValidationContext, NestedStack, PolicyValidationPluginReport, Stack, Stage } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { InsecureOrdersStack, SecureOrdersStack } from '../../examples/orders-app';
import { ServerlessSecurityChecks } from '../../src';
import { LATEST_NODE } from '../helpers';

/**
 * As a validation plugin, the pack reads the templates synthesis has just written instead of
 * rendering the app again. These tests prove that it judges them exactly as it judges the
 * construct tree, and that it really reads them.
 */

const env = { account: '111111111111', region: 'eu-west-1' };

/** The context the CDK hands validation plugins, for an app synthesized here. */
function synthesizedContext(app: App): IPolicyValidationContext {
  const assembly = app.synth();
  return { templatePaths: assembly.stacksRecursively.map(stack => stack.templateFullPath), appConstruct: app } as IPolicyValidationContext;
}

/** The report's findings as sorted `ruleId path` lines, for comparing two reports. */
function findings(report: PolicyValidationPluginReport): string[] {
  return report.violations
    .flatMap(violation => violation.violatingResources.map(resource => `${violation.ruleName} ${resource.constructPath}`))
    .sort();
}

/** A function without any of SecureFunction's settings, so that it has findings. */
function plainFunction(scope: Stack, id: string): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: LATEST_NODE,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({});'),
  });
}

/** An app with a stack in the app, a stack in a stage, and a nested stack. */
function mixedApp(): App {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'synthesized-templates-')) });
  new SecureOrdersStack(app, 'Secure');
  new InsecureOrdersStack(app, 'Insecure');
  const prod = new Stage(app, 'Prod', { env });
  new InsecureOrdersStack(prod as unknown as App, 'Orders');
  const parent = new Stack(app, 'Parent', { env });
  const nested = new NestedStack(parent, 'Workers');
  plainFunction(nested, 'Worker');
  new sqs.Queue(nested, 'Jobs');
  return app;
}

describe('ServerlessSecurityChecks on synthesized templates', () => {
  test('finds exactly what it finds on the construct tree: stacks in the app, in a stage and nested', () => {
    const app = mixedApp();
    const context = synthesizedContext(app);

    const fromTemplates = findings(new ServerlessSecurityChecks().validate(context));
    const fromTree = findings(new ServerlessSecurityChecks().validateScope(app));

    expect(fromTemplates).toEqual(fromTree);
    // Every kind of stack contributes findings, so the comparison covers each.
    expect(fromTemplates).toEqual(expect.arrayContaining([
      'SecureServerless-LambdaReservedConcurrency Insecure/CreateOrder/Resource',
      'SecureServerless-LambdaReservedConcurrency Prod/Orders/CreateOrder/Resource',
      'SecureServerless-LambdaReservedConcurrency Parent/Workers/Worker/Resource',
    ]));
  });

  test('reads the template synthesis wrote, not the construct tree', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'synthesized-templates-')) });
    const stack = new Stack(app, 'Orders', { env });
    const fn = plainFunction(stack, 'CreateOrder');
    const context = synthesizedContext(app);
    const [templatePath] = context.templatePaths;
    const template = JSON.parse(readFileSync(templatePath, 'utf8'));
    const logicalId = stack.resolve((fn.node.defaultChild as lambda.CfnFunction).logicalId);
    // The template now says what the tree does not: a cap on concurrency.
    template.Resources[logicalId].Properties.ReservedConcurrentExecutions = 5;
    writeFileSync(templatePath, JSON.stringify(template));

    expect(findings(new ServerlessSecurityChecks().validate(context))).not.toContain('SecureServerless-LambdaReservedConcurrency Orders/CreateOrder/Resource');
    expect(findings(new ServerlessSecurityChecks().validateScope(app))).toContain('SecureServerless-LambdaReservedConcurrency Orders/CreateOrder/Resource');
  });

  test('renders from the tree, alone, a resource its stack\'s template lacks, and still reads the others from the template', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'synthesized-templates-')) });
    const stack = new Stack(app, 'Orders', { env });
    const [missing, capped] = ['Missing', 'Capped'].map(id => plainFunction(stack, id));
    const context = synthesizedContext(app);
    const [templatePath] = context.templatePaths;
    const template = JSON.parse(readFileSync(templatePath, 'utf8'));
    const logicalIdOf = (fn: lambda.Function) => stack.resolve((fn.node.defaultChild as lambda.CfnFunction).logicalId);
    delete template.Resources[logicalIdOf(missing)];
    template.Resources[logicalIdOf(capped)].Properties.ReservedConcurrentExecutions = 5;
    writeFileSync(templatePath, JSON.stringify(template));

    const found = findings(new ServerlessSecurityChecks().validate(context)).filter(line => line.startsWith('SecureServerless-LambdaReservedConcurrency '));
    expect(found).toEqual(['SecureServerless-LambdaReservedConcurrency Orders/Missing/Resource']);
  });

  test('renders from the tree the stacks whose template it was not handed', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'synthesized-templates-')) });
    plainFunction(new Stack(app, 'Orders', { env }), 'CreateOrder');
    const context = { ...synthesizedContext(app), templatePaths: [] };

    expect(findings(new ServerlessSecurityChecks().validate(context))).toContain('SecureServerless-LambdaReservedConcurrency Orders/CreateOrder/Resource');
  });
});
