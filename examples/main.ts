/**
 * The main job until the full example app lands: synthesizes a small app with a SecureFunction,
 * runs the six cdk-nag packs on it as CDK validation plugins, and prints what it generated and
 * what the checks said. Run it with `npm run example`; it needs no AWS account.
 */
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack, NIST80053R4Checks, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { SecureFunction, ServerlessSecurityChecks } from '../src';

const outdir = path.join(__dirname, 'cdk.out');
const app = new App({ outdir });
const packs: NagPack[] = [
  new AwsSolutionsChecks(app),
  new HIPAASecurityChecks(app),
  new NIST80053R4Checks(app),
  new NIST80053R5Checks(app),
  new PCIDSS321Checks(app),
  new ServerlessChecks(app),
  new ServerlessSecurityChecks(app),
];
Validations.of(app).addPlugins(...packs);

const stack = new Stack(app, 'OrdersFunction', { env: { account: '111111111111', region: 'eu-west-1' } });

// A VPC as a careful team brings it: private subnets only, flow logs to the organization's bucket.
const vpc = new ec2.Vpc(stack, 'Vpc', {
  subnetConfiguration: [{ name: 'app', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  restrictDefaultSecurityGroup: false,
});
new ec2.CfnFlowLog(stack, 'FlowLog', {
  resourceId: vpc.vpcId,
  resourceType: 'VPC',
  trafficType: 'ALL',
  logDestinationType: 's3',
  logDestination: 'arn:aws:s3:::example-org-central-flow-logs',
});
for (const pack of ['HIPAA.Security', 'NIST.800.53.R4', 'NIST.800.53.R5', 'PCI.DSS.321']) {
  Validations.of(vpc.node.defaultChild!).acknowledge({
    id: `${pack}-VPCDefaultSecurityGroupClosed`,
    reason: 'Nothing uses the default security group (SecureFunction creates its own); the landing zone closes it account-wide.',
  });
}

// Everything a function needs to be secure, from three props.
new SecureFunction(stack, 'CreateOrder', {
  runtime: lambda.Runtime.NODEJS_24_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline('exports.handler = async (event) => ({ statusCode: 201, body: JSON.stringify({ ok: true }) });'),
  vpc,
});

const assembly = app.synth();
const template = assembly.getStackByName(stack.stackName).template as { Resources: Record<string, { Type: string }> };

console.log(`Synthesized ${stack.stackName} to ${path.relative(process.cwd(), outdir)}:`);
for (const [logicalId, resource] of Object.entries(template.Resources)) {
  console.log(`  ${resource.Type.padEnd(38)} ${logicalId}`);
}
console.log('\nRule packs (run as CDK validation plugins during synth):');
let findings = 0;
for (const pack of packs) {
  const report = pack.validateScope(app);
  const count = report.violations.reduce((sum, violation) => sum + violation.violatingResources.length, 0);
  findings += count;
  console.log(`  ${pack.readPackName.padEnd(16)} ${count === 0 ? 'passed: no unacknowledged findings' : `${count} findings`}`);
  for (const violation of report.violations) {
    console.log(`    ${violation.severity} ${violation.ruleName}: ${violation.violatingResources.map(r => r.constructPath).join(', ')}`);
  }
}
console.log(findings === 0 ? '\nResult: PASS' : `\nResult: FAIL (${findings} findings)`);
process.exitCode = findings === 0 ? 0 : 1;
