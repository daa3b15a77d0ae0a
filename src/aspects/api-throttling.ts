import { Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { isOverridden } from './cfn-values';
import { Hardening, listInWords, reportChange, reportNotDone } from './report';

/** The stage-wide rate and burst limits to set where a stage has none. */
export interface ThrottlingLimits {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/** The method and path of a REST API method setting that applies to every method of the stage. */
const EVERY_METHOD = Object.freeze({ httpMethod: '*', resourcePath: '/*' });

/**
 * Throttles a REST API stage stage-wide: gives the method setting for every method
 * (`HttpMethod` `*`, `ResourcePath` `/*`) the rate and burst limits it lacks, creating that
 * setting if there is none and keeping the other method settings and the setting's other
 * fields (logging, metrics, caching). A limit already set stays as it is.
 */
export function throttleRestStage(stage: apigateway.CfnStage, limits: ThrottlingLimits): void {
  const current = stage.methodSettings;
  if (isOverridden(stage, 'MethodSettings')) {
    return;
  }
  if (Token.isUnresolved(current) || (Array.isArray(current) && current.some(setting => Token.isUnresolved(setting)))) {
    reportNotDone(stage, Hardening.API_THROTTLING, 'could not throttle the stage: its MethodSettings are a token, whose content is unknown until deployment.',
      'add a method setting with HttpMethod *, ResourcePath /*, ThrottlingRateLimit and ThrottlingBurstLimit '
      + '(deployOptions: { throttlingRateLimit, throttlingBurstLimit } on apigateway.RestApi).');
    return;
  }
  const settings = (current ?? []) as apigateway.CfnStage.MethodSettingProperty[];
  const index = settings.findIndex(setting => setting.httpMethod === EVERY_METHOD.httpMethod && setting.resourcePath === EVERY_METHOD.resourcePath);
  const existing = index >= 0 ? settings[index] : undefined;
  const added = missingLimits(existing?.throttlingRateLimit, existing?.throttlingBurstLimit, limits);
  if (added.length === 0) {
    return;
  }
  const throttled: apigateway.CfnStage.MethodSettingProperty = {
    ...existing,
    ...EVERY_METHOD,
    throttlingRateLimit: existing?.throttlingRateLimit ?? limits.rateLimit,
    throttlingBurstLimit: existing?.throttlingBurstLimit ?? limits.burstLimit,
  };
  stage.methodSettings = index >= 0 ? settings.map((setting, i) => i === index ? throttled : setting) : [...settings, throttled];
  reportChange(stage, `set ${listInWords(added)} on the stage-wide method setting (HttpMethod *, ResourcePath /*) `
    + 'of MethodSettings, so that no client can use up the account\'s request quota, shared by all its APIs.');
}

/**
 * Throttles an HTTP or WebSocket API stage: gives its `DefaultRouteSettings` (the limits of
 * every route without settings of its own) the rate and burst limits they lack, keeping their
 * other fields. A limit already set stays as it is.
 */
export function throttleHttpStage(stage: apigatewayv2.CfnStage, limits: ThrottlingLimits): void {
  const current = stage.defaultRouteSettings;
  if (isOverridden(stage, 'DefaultRouteSettings')) {
    return;
  }
  if (Token.isUnresolved(current)) {
    reportNotDone(stage, Hardening.API_THROTTLING, 'could not throttle the stage: its DefaultRouteSettings are a token, whose content is unknown until deployment.',
      'set ThrottlingRateLimit and ThrottlingBurstLimit in DefaultRouteSettings (throttle: { rateLimit, burstLimit } on the apigatewayv2 stage).');
    return;
  }
  const settings = current as apigatewayv2.CfnStage.RouteSettingsProperty | undefined;
  const added = missingLimits(settings?.throttlingRateLimit, settings?.throttlingBurstLimit, limits);
  if (added.length === 0) {
    return;
  }
  stage.defaultRouteSettings = {
    ...settings,
    throttlingRateLimit: settings?.throttlingRateLimit ?? limits.rateLimit,
    throttlingBurstLimit: settings?.throttlingBurstLimit ?? limits.burstLimit,
  };
  reportChange(stage, `set ${listInWords(added)} in DefaultRouteSettings, so that no client can use up the account's `
    + 'request quota, shared by all its APIs.');
}

/** The limits to add, in words (`ThrottlingRateLimit to 100 requests per second`). */
function missingLimits(rateLimit: number | undefined, burstLimit: number | undefined, limits: ThrottlingLimits): string[] {
  return [
    ...rateLimit === undefined ? [`ThrottlingRateLimit to ${limits.rateLimit} requests per second`] : [],
    ...burstLimit === undefined ? [`ThrottlingBurstLimit to ${limits.burstLimit} requests`] : [],
  ];
}
