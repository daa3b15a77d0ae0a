import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { always, DEPLOY_TIME, isPositiveNumber, methodSettingsOf, restStageOf, stageValuesAt, valuesAt } from './template-values';

/**
 * A REST API stage (`AWS::ApiGateway::Stage`, or a deployment's `StageDescription`) must set a
 * stage-wide rate and burst limit: a method setting for every method (`HttpMethod` `*`,
 * `ResourcePath` `/*`) with `ThrottlingRateLimit` and `ThrottlingBurstLimit` above zero (what the
 * CDK's `deployOptions: { throttlingRateLimit, throttlingBurstLimit }` renders), or, on a
 * deployment's `StageDescription`, the top-level `ThrottlingRateLimit` and `ThrottlingBurstLimit`.
 * Without them the stage only has the account-wide limits (10,000 requests per second, shared by
 * every API of the account and region). Per-method settings alone do not count.
 *
 * Both branches of an `Fn::If` must throttle; a limit that only deployment decides (a parameter)
 * counts as set.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  const stage = restStageOf(node);
  if (!stage) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const throttles = (settings: unknown) =>
    always(valuesAt(settings, 'ThrottlingRateLimit'), isPositiveNumber)
    && always(valuesAt(settings, 'ThrottlingBurstLimit'), isPositiveNumber);
  const stageWide = (setting: unknown) =>
    always(valuesAt(setting, 'HttpMethod'), method => method === '*')
    && always(valuesAt(setting, 'ResourcePath'), path => path === '/*');
  const methodSettingsThrottle = methodSettingsOf(stage)
    .every(list => list === DEPLOY_TIME || list.some(setting => stageWide(setting) && throttles(setting)));
  const topLevelThrottles = stage.hasTopLevelMethodSettings
    && always(stageValuesAt(stage), throttles);
  return methodSettingsThrottle || topLevelThrottles ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
