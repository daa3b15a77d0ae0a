import { App, Errors, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack, NIST80053R4Checks, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';

/** A stack in an app, with a concrete account and region so that ARNs render fully. */
export function newStack(id = 'TestStack'): Stack {
  const app = new App();
  return new Stack(app, id, { env: { account: '111111111111', region: 'eu-west-1' } });
}

/**
 * The newest runtime the installed aws-cdk-lib knows whose name matches `pattern`, by the number
 * its one group captures, found here without the library's own helper: "the latest of its family"
 * is judged by the installed library, and CI runs the tests on the floor and on the newest
 * aws-cdk-lib.
 */
function newestRuntimeNamed(pattern: RegExp): lambda.Runtime {
  const version = (runtime: lambda.Runtime) => Number(pattern.exec(runtime.name)![1]);
  return lambda.Runtime.ALL
    .filter(runtime => pattern.test(runtime.name) && !runtime.isVariable)
    .sort((a, b) => version(a) - version(b))
    .pop()!;
}

/** The newest Node.js runtime (nodejs24.x in 2.258, nodejs26.x in 2.278): tests that expect no runtime finding use it. */
export const LATEST_NODE: lambda.Runtime = newestRuntimeNamed(/^nodejs(\d+)\.x$/);

/** The newest Python runtime (python3.14 in 2.258, python3.15 in 2.276). */
export const LATEST_PYTHON: lambda.Runtime = newestRuntimeNamed(/^python3\.(\d+)$/);

/** The smallest valid function code: inline, so no asset and no Docker. */
export const minimalFunctionProps = {
  code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  handler: 'index.handler',
  runtime: LATEST_NODE,
};

/** The six cdk-nag packs, fresh for each call. */
export function allNagPacks(): NagPack[] {
  return [
    new AwsSolutionsChecks(),
    new HIPAASecurityChecks(),
    new NIST80053R4Checks(),
    new NIST80053R5Checks(),
    new PCIDSS321Checks(),
    new ServerlessChecks(),
  ];
}

/**
 * Every unacknowledged finding of the given packs on the scope, as `ruleId path` lines. The app
 * is synthesized first, as `cdk synth` does before it runs the validation plugins: the aspects
 * that give a function its dead-letter queue, or acknowledge a finding only where it can occur,
 * run at synth.
 */
export function nagFindings(scope: IConstruct, packs: NagPack[] = allNagPacks()): string[] {
  const root = scope.node.root;
  if (App.isApp(root)) {
    root.synth();
  }
  return packs.flatMap(pack => {
    const report = pack.validateScope(scope);
    return report.violations.flatMap(violation =>
      violation.violatingResources.map(resource => `${violation.ruleName} ${resource.constructPath}`));
  });
}

/** A VPC as a careful user would bring it: private subnets only and flow logs to a central bucket. */
export function userVpc(stack: Stack): ec2.Vpc {
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    subnetConfiguration: [{ name: 'app', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    restrictDefaultSecurityGroup: false,
  });
  new ec2.CfnFlowLog(stack, 'FlowLog', {
    resourceId: vpc.vpcId,
    resourceType: 'VPC',
    trafficType: 'ALL',
    logDestinationType: 's3',
    logDestination: 'arn:aws:s3:::central-flow-logs',
  });
  // The test's VPC is not part of the construct under test. Closing its default security group
  // takes a CDK custom resource, a Lambda function of its own that is not what this test is about.
  for (const pack of ['HIPAA.Security', 'NIST.800.53.R4', 'NIST.800.53.R5', 'PCI.DSS.321']) {
    Validations.of(vpc.node.defaultChild!).acknowledge({ id: `${pack}-VPCDefaultSecurityGroupClosed`, reason: 'test fixture VPC' });
  }
  return vpc;
}

/** Runs `build` and returns the error it throws; fails the test when it throws none. */
export function errorOf(build: () => unknown): Error {
  try {
    build();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

/**
 * Asserts a construct's error as the library promises them: the CDK's ValidationError, starting
 * with the construct path, saying the problem (`message`) and giving a fix.
 */
export function expectValidationError(error: Error, path: string, message: RegExp): void {
  expect(Errors.isValidationError(error)).toBe(true);
  expect(error.message.startsWith(`${path}: `)).toBe(true);
  expect(error.message).toMatch(message);
  expect(error.message).toMatch(/ Fix: \S/);
}
