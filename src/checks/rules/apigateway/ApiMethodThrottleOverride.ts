import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { DEPLOY_TIME, evaluatedAt, listsAt, numberOf, restStageOf, RestStage, valuesAt } from './template-values';
import { rendered } from '../../template-view';

/**
 * A per-method (or per-route) throttle that lifts a throttled stage: its rate or burst limit is
 * above the limit that applies to everything else, or negative, which API Gateway reads as no
 * limit at all. A stage-wide limit of 100 requests per second means little when the one method an
 * attacker calls is allowed 10,000.
 *
 * - REST API stages (`AWS::ApiGateway::Stage`, a deployment's `StageDescription`): a
 *   `MethodSettings` entry for a resource path or method (anything but `ResourcePath` `/*` with
 *   `HttpMethod` `*`) against the stage-wide `/*` `*` entry, and on a deployment the top-level
 *   `ThrottlingRateLimit` and `ThrottlingBurstLimit`.
 * - HTTP and WebSocket API stages (`AWS::ApiGatewayV2::Stage`): each `RouteSettings` entry against
 *   `DefaultRouteSettings`.
 * - Usage plans (`AWS::ApiGateway::UsagePlan`): each per-method `Throttle` of its `ApiStages`
 *   against the plan's own `Throttle`.
 *
 * One finding per method and limit, named by the method (`/orders/GET`, as the CDK's
 * `methodOptions` key writes it; an HTTP route key `GET /orders` is written the same way), the
 * limit and both numbers: `/orders/GET:ThrottlingRateLimit:500>100`. A method setting that leaves
 * a limit out keeps the stage's, and a stage without a stage-wide limit is `RestApiStageThrottling`'s
 * or `HttpApiStageThrottling`'s finding, not this rule's. Limits are judged by every value they may
 * take (`Fn::If` branches, a parameter's `Default` or `AllowedValues`): the override's highest
 * against the stage's lowest. What only deployment decides is not judged.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  const stage = restStageOf(node);
  let overrides: Override[];
  if (stage) {
    overrides = restOverrides(node, stage);
  } else if (node.cfnResourceType === 'AWS::ApiGatewayV2::Stage') {
    overrides = httpOverrides(node);
  } else if (node.cfnResourceType === 'AWS::ApiGateway::UsagePlan') {
    overrides = usagePlanOverrides(node);
  } else {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const findings = [...new Set(overrides.flatMap(findingsOf))];
  return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });

/** A method's own limit and the limit it overrides, each as the values it may take. */
interface Override {
  readonly method: string;
  readonly limit: string;
  readonly own: unknown[];
  readonly base: unknown[];
}

/** The finding of an override that lifts its base: the override's highest value above the base's lowest, or negative. */
function findingsOf(override: Override): string[] {
  const base = known(override.base).filter(value => value > 0);
  const own = known(override.own);
  if (base.length === 0 || own.length === 0) {
    return [];
  }
  const lowestBase = Math.min(...base);
  const unlimited = own.find(value => value < 0);
  const highest = unlimited ?? Math.max(...own);
  return unlimited !== undefined || highest > lowestBase ? [`${override.method}:${override.limit}:${highest}>${lowestBase}`] : [];
}

/** The known numbers among the values. */
function known(values: unknown[]): number[] {
  return values.filter(value => value !== DEPLOY_TIME).map(numberOf).filter((value): value is number => value !== undefined);
}

const REST_LIMITS = ['ThrottlingRateLimit', 'ThrottlingBurstLimit'];

function restOverrides(node: CfnResource, stage: RestStage): Override[] {
  const settingsRoot = stage.resource.properties;
  const lists = listsAt(settingsRoot, ...stage.settingsPath, 'MethodSettings')
    .filter((list): list is unknown[] => list !== DEPLOY_TIME);
  const settings = lists.flat();
  const stageWide = settings.filter(setting => isStageWide(setting));
  return REST_LIMITS.flatMap(limit => {
    const base = [
      ...stageWide.flatMap(setting => evaluatedAt(node, setting, limit)),
      ...(stage.hasTopLevelMethodSettings ? evaluatedAt(node, settingsRoot, ...stage.settingsPath, limit) : []),
    ];
    return settings.filter(setting => !isStageWide(setting)).map(setting => ({
      method: restMethodLabel(setting),
      limit,
      own: evaluatedAt(node, setting, limit),
      base,
    }));
  });
}

/** Whether a method setting is the stage-wide one (`ResourcePath` `/*`, `HttpMethod` `*`), in every alternative. */
function isStageWide(setting: unknown): boolean {
  return valuesAt(setting, 'HttpMethod').every(method => method === '*')
    && valuesAt(setting, 'ResourcePath').every(path => path === '/*');
}

/** `/orders/GET` for `ResourcePath` `/~1orders` and `HttpMethod` `GET`; `//GET` for the root resource (the CDK's keys). */
function restMethodLabel(setting: unknown): string {
  const path = valuesAt(setting, 'ResourcePath').find(value => typeof value === 'string') as string | undefined;
  const method = valuesAt(setting, 'HttpMethod').find(value => typeof value === 'string') as string | undefined;
  // The template writes `/` and then the path with each `/` as `~1`: `/~1orders~1{id}`; `/` is the root.
  const decoded = (path ?? '/?').replace(/^\//, '').replace(/~1/g, '/').replace(/~0/g, '~');
  const resource = decoded.startsWith('/') ? decoded : `/${decoded}`;
  return `${resource}/${method ?? '?'}`;
}

function httpOverrides(node: CfnResource): Override[] {
  const properties = rendered(node).properties;
  return REST_LIMITS.flatMap(limit => {
    const base = evaluatedAt(node, properties, 'DefaultRouteSettings', limit);
    return valuesAt(properties, 'RouteSettings').flatMap(routeSettings => entriesOf(routeSettings).map(([routeKey, settings]) => ({
      method: routeLabel(routeKey),
      limit,
      own: evaluatedAt(node, settings, limit),
      base,
    })));
  });
}

/** `/orders/GET` for the route key `GET /orders`; other keys (`$default`, WebSocket actions) as they are. */
function routeLabel(routeKey: string): string {
  const match = /^(\S+)\s+(\/\S*)$/.exec(routeKey);
  return match ? `${match[2]}/${match[1]}` : routeKey;
}

function usagePlanOverrides(node: CfnResource): Override[] {
  const properties = rendered(node).properties;
  const apiStages = listsAt(properties, 'ApiStages').filter((list): list is unknown[] => list !== DEPLOY_TIME).flat();
  return ['RateLimit', 'BurstLimit'].flatMap(limit => {
    const base = evaluatedAt(node, properties, 'Throttle', limit);
    return apiStages.flatMap(apiStage => valuesAt(apiStage, 'Throttle')).flatMap(throttle =>
      entriesOf(throttle).map(([methodKey, settings]) => ({ method: methodKey, limit, own: evaluatedAt(node, settings, limit), base })));
  });
}

/** The entries of a literal map; none for an intrinsic or anything else. */
function entriesOf(value: unknown): Array<[string, unknown]> {
  if (value === DEPLOY_TIME || value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [];
  }
  return Object.entries(value as { [key: string]: unknown });
}
