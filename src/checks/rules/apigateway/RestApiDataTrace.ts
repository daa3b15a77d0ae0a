import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { DEPLOY_TIME, isTrue, methodSettingsOf, possibly, restStageOf, stageValuesAt, valuesAt } from './template-values';

/**
 * A REST API stage (`AWS::ApiGateway::Stage`, or a deployment's `StageDescription`) must not
 * enable data trace: no method setting (stage-wide or for one method) and no deployment
 * `StageDescription` with `DataTraceEnabled` true. Data trace writes full requests and responses,
 * headers and bodies, to CloudWatch Logs. A branch of an `Fn::If` that enables it is a finding;
 * a value that only deployment decides is not.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  const stage = restStageOf(node);
  if (!stage) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const inMethodSettings = methodSettingsOf(stage)
    .some(list => list !== DEPLOY_TIME && list.some(setting => possibly(valuesAt(setting, 'DataTraceEnabled'), isTrue)));
  const topLevel = stage.hasTopLevelMethodSettings && possibly(stageValuesAt(stage, 'DataTraceEnabled'), isTrue);
  return inMethodSettings || topLevel ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });
