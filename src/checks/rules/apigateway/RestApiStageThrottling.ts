import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import {
  always, throttleCapsNothing, DEPLOY_TIME, evaluatedAt, isPositiveNumber, methodSettingsOf, restStageOf, valuesAt,
} from './template-values';

/**
 * A REST API stage (`AWS::ApiGateway::Stage`, or a deployment's `StageDescription`) must set a
 * stage-wide rate and burst limit: a method setting for every method (`HttpMethod` `*`,
 * `ResourcePath` `/*`) with `ThrottlingRateLimit` and `ThrottlingBurstLimit` above zero (what the
 * CDK's `deployOptions: { throttlingRateLimit, throttlingBurstLimit }` renders), or, on a
 * deployment's `StageDescription`, the top-level `ThrottlingRateLimit` and `ThrottlingBurstLimit`.
 * Without them the stage only has the account-wide limits (10,000 requests per second, shared by
 * every API of the account and region). Per-method settings alone do not count.
 *
 * A stage-wide limit at or above the account's default limit (a rate of 10,000 requests per
 * second, a burst of 5,000) caps nothing: the account throttles first, and the one stage can
 * still take all of it. That is a finding too, whichever spelling sets it.
 *
 * A limit is judged by every value it may take: both branches of an `Fn::If`, and for a `Ref`
 * to a parameter its `Default` or each of its `AllowedValues`. Every alternative must throttle,
 * and none may be at or above the account's limit; a limit that only deployment decides (a
 * parameter without a default) counts as set.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  const stage = restStageOf(node);
  if (!stage) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const settingsRoot = stage.resource.properties;
  const rate = (settings: unknown) => evaluatedAt(node, settings, 'ThrottlingRateLimit');
  const burst = (settings: unknown) => evaluatedAt(node, settings, 'ThrottlingBurstLimit');
  const throttles = (settings: unknown) => always(rate(settings), isPositiveNumber) && always(burst(settings), isPositiveNumber);
  const capsNothing = (settings: unknown) =>
    throttleCapsNothing(rate(settings), burst(settings));
  const stageWide = (setting: unknown) =>
    always(valuesAt(setting, 'HttpMethod'), method => method === '*')
    && always(valuesAt(setting, 'ResourcePath'), path => path === '/*');

  const lists = methodSettingsOf(stage);
  const methodSettingsThrottle = lists
    .every(list => list === DEPLOY_TIME || list.some(setting => stageWide(setting) && throttles(setting)));
  const methodSettingsCapNothing = lists
    .some(list => list !== DEPLOY_TIME && list.some(setting => stageWide(setting) && capsNothing(setting)));
  const topLevel = stage.hasTopLevelMethodSettings ? valuesAt(settingsRoot, ...stage.settingsPath) : [];
  const topLevelThrottles = stage.hasTopLevelMethodSettings && topLevel.every(settings => settings === DEPLOY_TIME || throttles(settings));
  const topLevelCapsNothing = topLevel.some(settings => settings !== DEPLOY_TIME && capsNothing(settings));

  const throttled = (methodSettingsThrottle || topLevelThrottles) && !methodSettingsCapNothing && !topLevelCapsNothing;
  return throttled ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
