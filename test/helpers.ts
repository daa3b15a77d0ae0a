import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack, NIST80053R4Checks, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';

/** A stack in an app, with a concrete account and region so that ARNs render fully. */
export function newStack(id = 'TestStack'): Stack {
  const app = new App();
  return new Stack(app, id, { env: { account: '111111111111', region: 'eu-west-1' } });
}

/** The smallest valid function code: inline, so no asset and no Docker. */
export const minimalFunctionProps = {
  code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  handler: 'index.handler',
  runtime: lambda.Runtime.NODEJS_24_X,
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

/** Every unacknowledged finding of the given packs on the scope, as `ruleId path` lines. */
export function nagFindings(scope: IConstruct, packs: NagPack[] = allNagPacks()): string[] {
  return packs.flatMap(pack => {
    const report = pack.validateScope(scope);
    return report.violations.flatMap(violation =>
      violation.violatingResources.map(resource => `${violation.ruleName} ${resource.constructPath}`));
  });
}
