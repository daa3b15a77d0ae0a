import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { always, isSet, restStageOf, stageValuesAt } from './template-values';

/**
 * A REST API stage (`AWS::ApiGateway::Stage`, or a deployment's `StageDescription`) should write
 * access logs: an `AccessLogSetting` with a `DestinationArn`. Both branches of an `Fn::If` must
 * set one; a destination that only deployment decides counts as set.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  const stage = restStageOf(node);
  if (!stage) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return always(stageValuesAt(stage, 'AccessLogSetting', 'DestinationArn'), isSet)
    ? NagRuleCompliance.COMPLIANT
    : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
