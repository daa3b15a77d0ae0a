/**
 * The worst-case bill: per entry point, what an attacker can make the app cost per hour.
 *
 * From each way in (REST methods, HTTP routes, function URLs, public permissions and resource
 * policies, and the queues, topics, buckets, streams and rules that trigger functions), the model
 * follows what a request can trigger through the template's resources (API → integration →
 * function → what its role lets it call → the functions those trigger…), bounds each hop by the
 * tightest limit on it, and prices every billable service on the way. A hop that nothing bounds
 * makes the path unbounded.
 */
import { busyExecutions, fmt, functionLimits, invocationCeiling } from './function-bound';
import { DEFAULT_REGION, PRICE_INFO, PRICES_DATE, SpendPrices } from './prices';
import { actionMatches, numberOf, SpendResource, SpendTemplate, textInside } from './template';
import { asList, refersTo } from '../policy/template-json';

/** One billed quantity of a path. */
export interface SpendTerm {
  /** What is billed: `API Gateway REST requests`, `Lambda compute`… */
  readonly service: string;
  /** The key of its price in the prices. */
  readonly priceKey: keyof SpendPrices;
  readonly unit: string;
  /** Units per hour, or null when nothing bounds them. */
  readonly unitsPerHour: number | null;
  readonly unitPrice: number;
  /** Cost per hour, or null when nothing bounds it. */
  readonly perHour: number | null;
  /** The limit that sets the units. */
  readonly limit: string;
  /** The sizes assumed, when the units depend on them. */
  readonly assumption?: string;
  /** The logical id of the resource billed. */
  readonly resource: string;
  /** Whether its units are set by an account quota or nothing at all, not by a limit of the app. */
  readonly unbounded: boolean;
  /** The prop that would lower it. */
  readonly fix?: string;
}

/** The worst case of one entry point. */
export interface EntryPointSpend {
  readonly template: string;
  /** `rest-method`, `http-route`, `http-api`, `function-url`, `lambda-permission`, `resource-policy` or `trigger`. */
  readonly kind: string;
  readonly logicalId: string;
  readonly path: string;
  readonly name: string;
  /** Whether anyone can use it without this account's credentials. */
  readonly public: boolean;
  /** Requests (or events) per second into the path, or null when nothing bounds them. */
  readonly requestsPerSecond: number | null;
  /** The limit that sets that rate. */
  readonly limit: string;
  readonly unbounded: boolean;
  /** Why it is unbounded: each hop that nothing bounds. */
  readonly unboundedBecause: readonly string[];
  /** Caps that bound nothing useful, and hops the model does not price. */
  readonly notes: readonly string[];
  /** The sum of the terms that have a bound, per hour. */
  readonly perHour: number;
  readonly terms: readonly SpendTerm[];
  /** The props that would lower its bound, most costly term first. */
  readonly fixes: readonly string[];
  /** Whether it counts in the app's total (a private path bounded only by account quotas does not). */
  readonly counted: boolean;
}

/** The worst case of an app. */
export interface AppSpend {
  readonly region: string;
  readonly pricesDate: string;
  /** The sum over the counted entry points, per hour. */
  readonly perHour: number;
  /** The names of the public entry points whose path is unbounded. */
  readonly unbounded: readonly string[];
  readonly entryPoints: readonly EntryPointSpend[];
  readonly prices: SpendPrices;
}

/** A rate flowing along a path: per second, the limit that sets it, whether anything of the app bounds it. */
interface Rate {
  readonly rps: number | null;
  readonly limit: string;
  readonly unbounded: boolean;
  readonly fix?: string;
}

const GIB = 1024 * 1024 * 1024;

const TABLE_READS = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem'];
const TABLE_WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const KMS_CALLS = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'];

/** The path being walked from one entry point. */
class Walk {
  public readonly terms: SpendTerm[] = [];
  public readonly unboundedBecause: string[] = [];
  public readonly notes: string[] = [];
  public readonly visited = new Set<string>();
  public traced = false;

  constructor(public readonly model: SpendTemplate, public readonly prices: SpendPrices) {}

  /** Adds a term billed `perSecond` units (null: unbounded). */
  public term(service: string, priceKey: keyof SpendPrices, perSecond: number | null, rate: Rate, resource: string, assumption?: string): void {
    const unitPrice = this.prices[priceKey];
    const unitsPerHour = perSecond === null ? null : perSecond * 3600;
    this.terms.push({
      service,
      priceKey,
      unit: PRICE_INFO[priceKey].unit,
      unitsPerHour,
      unitPrice,
      perHour: unitsPerHour === null ? null : unitsPerHour * unitPrice,
      limit: rate.limit,
      assumption,
      resource,
      unbounded: rate.unbounded,
      fix: rate.fix,
    });
    if (rate.unbounded) {
      this.unbounded(rate.limit);
    }
  }

  public unbounded(reason: string): void {
    if (!this.unboundedBecause.includes(reason)) {
      this.unboundedBecause.push(reason);
    }
  }

  public note(text: string): void {
    if (!this.notes.includes(text)) {
      this.notes.push(text);
    }
  }

  public number(value: unknown): number | undefined {
    return numberOf(value, this.model.parameterDefaults);
  }

  public ofType(...types: string[]): SpendResource[] {
    return this.model.resources.filter(resource => types.includes(resource.type));
  }

  public byId(value: unknown, ...types: string[]): SpendResource[] {
    return this.ofType(...types).filter(resource => refersTo(value, resource.logicalId));
  }
}

function scaled(rate: Rate, factor: number): Rate {
  return { ...rate, rps: rate.rps === null ? null : rate.rps * factor };
}

/** The rate after a cap: the cap when it is lower (or the rate is unknown). */
function capped(rate: Rate, cap: Rate): Rate {
  if (cap.rps === null) {
    return rate;
  }
  return rate.rps === null || cap.rps < rate.rps ? cap : rate;
}

/** The worst-case bill of the templates of an app. */
export function worstCaseBill(models: readonly SpendTemplate[], prices: SpendPrices): AppSpend {
  const entryPoints: EntryPointSpend[] = [];
  for (const model of models) {
    const reached = new Set<string>();
    const record = (entry: Omit<EntryPointSpend, 'template' | 'unbounded' | 'unboundedBecause' | 'notes' | 'perHour' | 'terms' | 'fixes' | 'counted' | 'requestsPerSecond' | 'limit'>,
      rate: Rate, walk: Walk) => {
      walk.visited.forEach(id => reached.add(id));
      const unbounded = walk.unboundedBecause.length > 0;
      const byCost = [...walk.terms].sort((a, b) => (b.perHour ?? Infinity) - (a.perHour ?? Infinity));
      entryPoints.push({
        template: model.template,
        ...entry,
        requestsPerSecond: rate.rps,
        limit: rate.limit,
        unbounded,
        unboundedBecause: walk.unboundedBecause,
        notes: walk.notes,
        perHour: walk.terms.reduce((sum, term) => sum + (term.perHour ?? 0), 0),
        terms: walk.terms,
        fixes: [...new Set(byCost.map(term => term.fix).filter((fix): fix is string => fix !== undefined))],
        counted: entry.public || !unbounded,
      });
    };
    for (const method of ofType(model, 'AWS::ApiGateway::Method')) {
      const walk = new Walk(model, prices);
      const { rate, name, isPublic } = restMethod(walk, method);
      record({ kind: 'rest-method', logicalId: method.logicalId, path: method.path, name, public: isPublic }, rate, walk);
    }
    for (const route of ofType(model, 'AWS::ApiGatewayV2::Route', 'AWS::ApiGatewayV2::Api')) {
      if (route.type === 'AWS::ApiGatewayV2::Api' && route.properties.Target === undefined) {
        continue;
      }
      const walk = new Walk(model, prices);
      const { rate, name, isPublic } = httpRoute(walk, route);
      record({ kind: route.type === 'AWS::ApiGatewayV2::Api' ? 'http-api' : 'http-route', logicalId: route.logicalId, path: route.path, name, public: isPublic }, rate, walk);
    }
    for (const url of ofType(model, 'AWS::Lambda::Url')) {
      const walk = new Walk(model, prices);
      const isPublic = String(url.properties.AuthType ?? 'NONE') === 'NONE';
      const rate: Rate = { rps: null, limit: 'a function URL has no throttle of its own', unbounded: true, fix: 'reservedConcurrentExecutions' };
      const fns = walk.byId(url.properties.TargetFunctionArn, 'AWS::Lambda::Function');
      fns.forEach(fn => dataOut(walk, walkFunction(walk, fn, rate), url.logicalId));
      record({ kind: 'function-url', logicalId: url.logicalId, path: url.path, name: `function URL of ${fns.map(fn => fn.logicalId).join(', ')}`, public: isPublic }, rate, walk);
    }
    for (const permission of ofType(model, 'AWS::Lambda::Permission')) {
      const { Principal, SourceArn, SourceAccount, PrincipalOrgID, FunctionUrlAuthType, InvokedViaFunctionUrl } = permission.properties;
      if (Principal !== '*' || SourceArn !== undefined || SourceAccount !== undefined || PrincipalOrgID !== undefined || FunctionUrlAuthType !== undefined || InvokedViaFunctionUrl === true) {
        continue;
      }
      const walk = new Walk(model, prices);
      const rate: Rate = { rps: null, limit: 'anyone may invoke the function: nothing throttles callers', unbounded: true, fix: 'reservedConcurrentExecutions' };
      const fns = walk.byId(permission.properties.FunctionName, 'AWS::Lambda::Function');
      fns.forEach(fn => walkFunction(walk, fn, rate));
      record({ kind: 'lambda-permission', logicalId: permission.logicalId, path: permission.path, name: `invoke for anyone on ${fns.map(fn => fn.logicalId).join(', ')}`, public: true }, rate, walk);
    }
    for (const policy of publicPolicies(model)) {
      const walk = new Walk(model, prices);
      const rate: Rate = { rps: null, limit: `anyone may call ${policy.action} on ${policy.target.logicalId}: nothing limits the rate`, unbounded: true, fix: `remove the public statement of ${policy.resource.logicalId}, or scope it with a condition` };
      walkTarget(walk, policy.target, rate, policy.action);
      record({ kind: 'resource-policy', logicalId: policy.resource.logicalId, path: policy.resource.path, name: `${policy.action} for anyone on ${policy.target.logicalId}`, public: true }, rate, walk);
    }
    // Triggers that no entry point above reaches: whoever writes to them is outside the template.
    for (const source of triggerSources(model)) {
      if (reached.has(source.logicalId)) {
        continue;
      }
      const walk = new Walk(model, prices);
      const period = source.type === 'AWS::Events::Rule' ? schedulePeriodSeconds(source.properties.ScheduleExpression) : undefined;
      const rate: Rate = period !== undefined
        ? { rps: 1 / period, limit: `schedule ${String(source.properties.ScheduleExpression)}`, unbounded: false }
        : { rps: null, limit: `writes to ${source.logicalId} from outside the template: not priced here`, unbounded: false };
      walkTarget(walk, source, rate);
      record({ kind: 'trigger', logicalId: source.logicalId, path: source.path, name: `${source.type} ${source.logicalId}`, public: false }, rate, walk);
    }
  }
  return {
    region: DEFAULT_REGION,
    pricesDate: PRICES_DATE,
    perHour: entryPoints.filter(entry => entry.counted).reduce((sum, entry) => sum + entry.perHour, 0),
    unbounded: entryPoints.filter(entry => entry.public && entry.unbounded).map(entry => entry.name),
    entryPoints,
    prices,
  };
}

function ofType(model: SpendTemplate, ...types: string[]): SpendResource[] {
  return model.resources.filter(resource => types.includes(resource.type));
}

/** A stage throttle above the account's quota bounds nothing: it is noted and left out. */
function usefulRate(walk: Walk, rate: number | undefined, what: string): number | undefined {
  if (rate !== undefined && rate >= walk.prices.accountApiRequestsPerSecond) {
    walk.note(`${what} of ${fmt(rate)} requests/s is at or above the account's ${fmt(walk.prices.accountApiRequestsPerSecond)} requests/s: it bounds nothing useful`);
    return undefined;
  }
  return rate;
}

function sumOrUndefined(rates: Array<number | undefined>): number | undefined {
  return rates.length === 0 || rates.some(rate => rate === undefined) ? undefined : (rates as number[]).reduce((a, b) => a + b, 0);
}

function restMethod(walk: Walk, method: SpendResource): { rate: Rate; name: string; isPublic: boolean } {
  const props = method.properties;
  const api = walk.byId(props.RestApiId, 'AWS::ApiGateway::RestApi')[0];
  const resourcePath = (resourceId: unknown, depth = 0): string => {
    const parent = walk.byId(resourceId, 'AWS::ApiGateway::Resource')[0];
    return !parent || depth > 50 ? '' : `${resourcePath(parent.properties.ParentId, depth + 1)}/${String(parent.properties.PathPart)}`;
  };
  const path = resourcePath(props.ResourceId) || '/';
  const httpMethod = String(props.HttpMethod);
  const name = `${httpMethod} ${path} (${api?.logicalId ?? 'API'})`;
  const isPrivate = asList(api?.properties.EndpointConfiguration?.Types as unknown[]).includes('PRIVATE');
  const isPublic = String(props.AuthorizationType ?? 'NONE') === 'NONE' && !isPrivate;
  const apiId = api?.logicalId ?? '';
  const stages = walk.ofType('AWS::ApiGateway::Stage').filter(stage => refersTo(stage.properties.RestApiId, apiId));
  const deployments = walk.ofType('AWS::ApiGateway::Deployment')
    .filter(deployment => refersTo(deployment.properties.RestApiId, apiId) && deployment.properties.StageName !== undefined);
  const stageSettings = [
    ...stages.map(stage => ({ id: stage.logicalId, props: stage.properties })),
    ...deployments.map(deployment => ({ id: deployment.logicalId, props: { ...deployment.properties.StageDescription, MethodSettings: deployment.properties.StageDescription?.MethodSettings ?? [{ HttpMethod: '*', ResourcePath: '/*', ...deployment.properties.StageDescription }] } })),
  ];
  const encodedPath = `/${path.slice(1).replace(/\//g, '~1')}`;
  type Setting = { HttpMethod?: unknown; ResourcePath?: unknown; ThrottlingRateLimit?: unknown; LoggingLevel?: unknown };
  const settingFor = (settings: Setting[]) => settings.find(setting => setting?.ResourcePath === encodedPath && (setting?.HttpMethod === httpMethod || setting?.HttpMethod === '*'))
    ?? settings.find(setting => setting?.HttpMethod === '*' && setting?.ResourcePath === '/*');
  const stageRates = stageSettings.map(stage => usefulRate(walk, walk.number(settingFor(asList(stage.props.MethodSettings as Setting[]))?.ThrottlingRateLimit), `the throttle of stage ${stage.id}`));
  let rate: Rate;
  const stageRate = sumOrUndefined(stageRates);
  if (stageRate !== undefined) {
    rate = { rps: stageRate, limit: `stage throttle${stageRates.length > 1 ? 's' : ''} ${stageRates.map(value => fmt(value!)).join(' + ')} requests/s`, unbounded: false, fix: `lower the stage's throttlingRateLimit (deployOptions.throttlingRateLimit or methodOptions) of ${apiId}` };
  } else {
    rate = { rps: walk.prices.accountApiRequestsPerSecond, limit: `no stage or method throttle on ${name}: only the account's ${fmt(walk.prices.accountApiRequestsPerSecond)} requests/s, shared`, unbounded: true, fix: `set the stage's throttlingRateLimit (deployOptions.throttlingRateLimit) of ${apiId}` };
  }
  if (props.ApiKeyRequired === true) {
    const usage = usagePlanRate(walk, apiId, `${path}/${httpMethod}`);
    if (usage !== undefined && (rate.rps === null || usage < rate.rps)) {
      rate = { rps: usage, limit: `usage plan throttles: ${fmt(usage)} requests/s over their API keys`, unbounded: false, fix: `lower the usage plan's throttle rateLimit on ${apiId}` };
    }
  }
  walk.visited.add(method.logicalId);
  walk.term('API Gateway REST requests', 'apiGatewayRestRequest', rate.rps, rate, apiId);
  const stageIds = stageSettings.map(stage => stage.id);
  if (walk.ofType('AWS::WAFv2::WebACLAssociation').some(association => refersTo(association.properties.ResourceArn, apiId) || stageIds.some(id => refersTo(association.properties.ResourceArn, id)))) {
    walk.term('AWS WAF requests', 'wafRequest', rate.rps, rate, apiId);
  }
  if (stageSettings.some(stage => stage.props.AccessLogSetting !== undefined)) {
    walk.term('CloudWatch Logs ingestion (access logs)', 'logsIngestionGb', perGib(rate.rps, walk.prices.accessLogBytesPerRequest), rate, apiId, `${fmt(walk.prices.accessLogBytesPerRequest)} bytes per request`);
  }
  if (stageSettings.some(stage => ['INFO', 'ERROR'].includes(String(settingFor(asList(stage.props.MethodSettings as Setting[]))?.LoggingLevel ?? stage.props.LoggingLevel)))) {
    walk.term('CloudWatch Logs ingestion (execution logs)', 'logsIngestionGb', perGib(rate.rps, walk.prices.executionLogBytesPerRequest), rate, apiId, `${fmt(walk.prices.executionLogBytesPerRequest)} bytes per request`);
  }
  if (stageSettings.some(stage => stage.props.TracingEnabled === true)) {
    walk.term('X-Ray traces', 'xrayTrace', rate.rps, rate, apiId);
    walk.traced = true;
  }
  dataOut(walk, rate, apiId);
  integrate(walk, props.Integration, props.Integration?.Uri, rate);
  return { rate, name, isPublic };
}

/** The summed usage-plan rate over the plan's keys on this API, when every plan on it has one and keys are in the template. */
function usagePlanRate(walk: Walk, apiId: string, methodKey: string): number | undefined {
  type ApiStage = { ApiId?: unknown; Throttle?: { [key: string]: { RateLimit?: unknown } } };
  const plans = walk.ofType('AWS::ApiGateway::UsagePlan').filter(plan => asList(plan.properties.ApiStages as ApiStage[]).some(stage => refersTo(stage?.ApiId, apiId)));
  if (plans.length === 0) {
    return undefined;
  }
  const rates = plans.map(plan => {
    const stage = asList(plan.properties.ApiStages as ApiStage[]).find(candidate => refersTo(candidate?.ApiId, apiId));
    const planRate = walk.number(stage?.Throttle?.[methodKey]?.RateLimit) ?? walk.number(plan.properties.Throttle?.RateLimit);
    const keys = walk.ofType('AWS::ApiGateway::UsagePlanKey').filter(key => refersTo(key.properties.UsagePlanId, plan.logicalId)).length;
    if (keys === 0) {
      walk.note(`usage plan ${plan.logicalId} has no API key in the template: its throttle is per key, so it bounds nothing the model can count`);
      return undefined;
    }
    return planRate === undefined ? undefined : planRate * keys;
  });
  return sumOrUndefined(rates);
}

function httpRoute(walk: Walk, route: SpendResource): { rate: Rate; name: string; isPublic: boolean } {
  const quick = route.type === 'AWS::ApiGatewayV2::Api';
  const apiId = quick ? route.logicalId : walk.byId(route.properties.ApiId, 'AWS::ApiGatewayV2::Api')[0]?.logicalId ?? '';
  const routeKey = quick ? '$default' : String(route.properties.RouteKey);
  const name = `${routeKey} (${apiId})`;
  const isPublic = quick || String(route.properties.AuthorizationType ?? 'NONE') === 'NONE';
  const stages = walk.ofType('AWS::ApiGatewayV2::Stage').filter(stage => refersTo(stage.properties.ApiId, apiId));
  const stageRates = stages.map(stage => usefulRate(walk,
    walk.number(stage.properties.RouteSettings?.[routeKey]?.ThrottlingRateLimit)
      ?? walk.number(stage.properties.DefaultRouteSettings?.ThrottlingRateLimit),
    `the throttle of stage ${stage.logicalId}`));
  const stageRate = quick ? undefined : sumOrUndefined(stageRates);
  const rate: Rate = stageRate !== undefined
    ? { rps: stageRate, limit: `stage throttle${stageRates.length > 1 ? 's' : ''} ${stageRates.map(value => fmt(value!)).join(' + ')} requests/s`, unbounded: false, fix: `lower the stage's throttle rateLimit (HttpStage throttle, or defaultRouteSettings) of ${apiId}` }
    : { rps: walk.prices.accountApiRequestsPerSecond, limit: `no stage or route throttle on ${name}: only the account's ${fmt(walk.prices.accountApiRequestsPerSecond)} requests/s, shared`, unbounded: true, fix: `set the stage's throttle rateLimit (HttpStage throttle) of ${apiId}` };
  walk.visited.add(route.logicalId);
  walk.term('API Gateway HTTP requests', 'apiGatewayHttpRequest', rate.rps, rate, apiId);
  if (stages.some(stage => stage.properties.AccessLogSettings !== undefined)) {
    walk.term('CloudWatch Logs ingestion (access logs)', 'logsIngestionGb', perGib(rate.rps, walk.prices.accessLogBytesPerRequest), rate, apiId, `${fmt(walk.prices.accessLogBytesPerRequest)} bytes per request`);
  }
  dataOut(walk, rate, apiId);
  if (quick) {
    integrate(walk, route.properties.Target, route.properties.Target, rate);
  } else {
    for (const integration of walk.byId(route.properties.Target, 'AWS::ApiGatewayV2::Integration')) {
      integrate(walk, integration.properties, integration.properties.IntegrationUri, rate);
    }
  }
  return { rate, name, isPublic };
}

/** Follows an API integration into the functions, queues, topics, tables, buckets or buses it calls. */
function integrate(walk: Walk, integration: unknown, uri: unknown, rate: Rate): void {
  const fns = walk.byId(uri, 'AWS::Lambda::Function');
  if (fns.length > 0) {
    fns.forEach(fn => walkFunction(walk, fn, rate));
    return;
  }
  const text = textInside(integration);
  for (const target of walk.byId(integration, 'AWS::SQS::Queue', 'AWS::SNS::Topic', 'AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::Events::EventBus')) {
    const action = /dynamodb:action\/(\w+)/.exec(text)?.[1];
    walkTarget(walk, target, rate, action ? `dynamodb:${action}` : /GetObject|GET/.test(text) && target.type === 'AWS::S3::Bucket' ? 's3:GetObject' : undefined);
  }
}

function perGib(rps: number | null, bytes: number): number | null {
  return rps === null ? null : rps * bytes / GIB;
}

function dataOut(walk: Walk, rate: Rate, resource: string): void {
  walk.term('Data transfer out', 'dataTransferOutGb', perGib(rate.rps, walk.prices.responseBytesPerRequest), rate, resource, `${fmt(walk.prices.responseBytesPerRequest)} bytes per response`);
}

/** Dispatches by type. `action` says what is done to a bucket or table (`s3:GetObject`, `dynamodb:PutItem`…). */
function walkTarget(walk: Walk, target: SpendResource, rate: Rate, action?: string): void {
  switch (target.type) {
    case 'AWS::Lambda::Function':
      walkFunction(walk, target, rate);
      break;
    case 'AWS::SQS::Queue':
      walkQueue(walk, target, rate);
      break;
    case 'AWS::SNS::Topic':
      walkTopic(walk, target, rate);
      break;
    case 'AWS::S3::Bucket':
      walkBucket(walk, target, rate, action !== undefined && actionMatches(action, 's3:GetObject') && !actionMatches(action, 's3:PutObject') ? 'get' : 'put');
      break;
    case 'AWS::DynamoDB::Table':
    case 'AWS::DynamoDB::GlobalTable': {
      const isRead = action !== undefined && TABLE_READS.some(read => actionMatches(action, read));
      const isWrite = action === undefined || TABLE_WRITES.some(write => actionMatches(action, write));
      walkTable(walk, target, isRead ? rate : undefined, isWrite ? rate : undefined);
      break;
    }
    case 'AWS::Events::EventBus':
      walkBus(walk, target, rate);
      break;
    case 'AWS::Events::Rule':
      walkRule(walk, target, rate);
      break;
    default:
      walk.note(`${target.logicalId} (${target.type}) is not priced`);
  }
}

/** Walks into a function; returns its invocation rate. `maxConcurrency` is an event source's own cap. */
function walkFunction(walk: Walk, fn: SpendResource, rate: Rate, maxConcurrency?: number): Rate {
  const { prices } = walk;
  const props = fn.properties;
  const limits = functionLimits(fn.logicalId, props, walk.model.parameterDefaults, prices, maxConcurrency);
  limits.notes.forEach(note => walk.note(note));
  const { cap, concurrency } = limits;
  const ceiling = invocationCeiling(limits, prices);
  const concurrencyRate: Rate = cap !== undefined
    ? { rps: ceiling, limit: `${cap.limit} x ${fmt(prices.invocationsPerSecondPerConcurrency)} invocations/s each`, unbounded: false, fix: cap.fix }
    : { rps: ceiling, limit: `no concurrency cap on ${fn.logicalId}: only the account's quota of ${fmt(prices.accountConcurrency)}, shared`, unbounded: true, fix: `set reservedConcurrentExecutions of ${fn.logicalId}` };
  const invocations = capped(rate, concurrencyRate);
  if (walk.visited.has(fn.logicalId)) {
    walk.note(`${fn.logicalId} is reached twice on one path; counted once`);
    return invocations;
  }
  walk.visited.add(fn.logicalId);
  walk.term('Lambda requests', 'lambdaRequest', invocations.rps, invocations, fn.logicalId);
  const memoryGb = limits.memoryMb / 1024;
  const busy = busyExecutions(limits, invocations.rps);
  const compute: Rate = busy < concurrency
    ? { ...invocations, limit: `${invocations.limit}, each running at most its timeout of ${fmt(limits.timeoutSeconds)} s` }
    : { ...concurrencyRate, limit: cap !== undefined ? `${fmt(concurrency)} executions busy all hour (${cap.limit})` : concurrencyRate.limit };
  walk.term(`Lambda compute (${limits.arm ? 'arm64' : 'x86_64'}, ${fmt(memoryGb)} GB)`, limits.arm ? 'lambdaGbSecondArm' : 'lambdaGbSecondX86', busy * memoryGb, compute, fn.logicalId);
  walk.term('CloudWatch Logs ingestion (function logs)', 'logsIngestionGb', perGib(invocations.rps, prices.functionLogBytesPerInvocation), invocations, fn.logicalId, `${fmt(prices.functionLogBytesPerInvocation)} bytes per invocation`);
  if (props.TracingConfig?.Mode === 'Active' && !walk.traced) {
    walk.term('X-Ray traces', 'xrayTrace', invocations.rps, invocations, fn.logicalId);
  }
  followRole(walk, fn, invocations);
  return invocations;
}

type Statement = { Effect?: unknown; Action?: unknown; Resource?: unknown };

/** The Allow statements of a function's role: inline, and in the template's policies attached to it. */
function roleStatements(walk: Walk, fn: SpendResource): Statement[] {
  const role = walk.byId(fn.properties.Role, 'AWS::IAM::Role')[0];
  if (role === undefined) {
    return [];
  }
  type Policy = { PolicyDocument?: { Statement?: unknown } };
  const documents = [
    ...asList(role.properties.Policies as Policy[]).map(policy => policy?.PolicyDocument),
    ...walk.ofType('AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy').filter(policy => refersTo(policy.properties.Roles, role.logicalId)).map(policy => policy.properties.PolicyDocument),
  ];
  return documents.flatMap(document => asList(document?.Statement as Statement[])).filter(statement => statement?.Effect === 'Allow');
}

/** What the function's role lets it call in the template, priced per invocation, and followed. */
function followRole(walk: Walk, fn: SpendResource, invocations: Rate): void {
  const { prices } = walk;
  const statements = roleStatements(walk, fn);
  const allows = (target: SpendResource, actions: string[]) => statements.some(statement => refersTo(statement.Resource, target.logicalId)
    && asList(statement.Action as string[]).some(pattern => typeof pattern === 'string' && actions.some(action => actionMatches(pattern, action))));
  for (const target of walk.ofType('AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable')) {
    const reads = allows(target, TABLE_READS) ? scaled(invocations, prices.tableReadUnitsPerInvocation) : undefined;
    const writes = allows(target, TABLE_WRITES) ? scaled(invocations, prices.tableWriteUnitsPerInvocation) : undefined;
    if (reads || writes) {
      walkTable(walk, target, reads, writes);
    }
  }
  for (const target of walk.ofType('AWS::S3::Bucket')) {
    if (allows(target, ['s3:GetObject'])) {
      walkBucket(walk, target, scaled(invocations, prices.s3RequestsPerInvocation), 'get', false);
    }
    if (allows(target, ['s3:PutObject'])) {
      walkBucket(walk, target, scaled(invocations, prices.s3RequestsPerInvocation), 'put');
    }
  }
  for (const target of walk.ofType('AWS::SQS::Queue').filter(queue => allows(queue, ['sqs:SendMessage']))) {
    walkQueue(walk, target, scaled(invocations, prices.messagesPerInvocation));
  }
  for (const target of walk.ofType('AWS::SNS::Topic').filter(topic => allows(topic, ['sns:Publish']))) {
    walkTopic(walk, target, scaled(invocations, prices.messagesPerInvocation));
  }
  for (const target of walk.ofType('AWS::Events::EventBus').filter(bus => allows(bus, ['events:PutEvents']))) {
    walkBus(walk, target, scaled(invocations, prices.messagesPerInvocation));
  }
  for (const key of walk.ofType('AWS::KMS::Key').filter(candidate => allows(candidate, KMS_CALLS))) {
    walk.term('KMS requests', 'kmsRequest', scaled(invocations, prices.kmsRequestsPerInvocation).rps, invocations, key.logicalId, `${fmt(prices.kmsRequestsPerInvocation)} per invocation of ${fn.logicalId}`);
  }
}

function once(walk: Walk, key: string): boolean {
  if (walk.visited.has(key)) {
    return false;
  }
  walk.visited.add(key);
  return true;
}

function walkQueue(walk: Walk, queue: SpendResource, messages: Rate): void {
  if (!once(walk, queue.logicalId)) {
    return;
  }
  const mappings = walk.ofType('AWS::Lambda::EventSourceMapping').filter(mapping => refersTo(mapping.properties.EventSourceArn, queue.logicalId) && mapping.properties.Enabled !== false);
  const batch = Math.min(...mappings.map(mapping => walk.number(mapping.properties.BatchSize) ?? 10), Infinity);
  const perMessage = mappings.length > 0 ? 1 + 2 / batch : 1;
  walk.term('SQS requests', 'sqsRequest', scaled(messages, perMessage).rps, messages, queue.logicalId,
    mappings.length > 0 ? `a send per message, a receive and a delete per batch of ${fmt(batch)}` : 'a send per message');
  for (const mapping of mappings) {
    for (const fn of walk.byId(mapping.properties.FunctionName, 'AWS::Lambda::Function')) {
      walk.note(`invocations from ${queue.logicalId} are counted at one message each, the worst case`);
      walkFunction(walk, fn, messages, walk.number(mapping.properties.ScalingConfig?.MaximumConcurrency));
    }
  }
}

function walkTopic(walk: Walk, topic: SpendResource, messages: Rate): void {
  if (!once(walk, topic.logicalId)) {
    return;
  }
  walk.term('SNS requests', 'snsRequest', messages.rps, messages, topic.logicalId);
  type Subscription = { Protocol?: unknown; Endpoint?: unknown };
  const subscriptions: Subscription[] = [
    ...asList(topic.properties.Subscription as Subscription[]),
    ...walk.ofType('AWS::SNS::Subscription').filter(subscription => refersTo(subscription.properties.TopicArn, topic.logicalId)).map(subscription => subscription.properties as Subscription),
  ];
  for (const subscription of subscriptions) {
    if (subscription?.Protocol === 'lambda') {
      walk.byId(subscription.Endpoint, 'AWS::Lambda::Function').forEach(fn => walkFunction(walk, fn, messages));
    } else if (subscription?.Protocol === 'sqs') {
      walk.byId(subscription.Endpoint, 'AWS::SQS::Queue').forEach(queue => walkQueue(walk, queue, messages));
    }
  }
}

function walkBucket(walk: Walk, bucket: SpendResource, requests: Rate, kind: 'put' | 'get', toInternet = true): void {
  if (!once(walk, `${bucket.logicalId}/${kind}`)) {
    return;
  }
  walk.term(kind === 'put' ? 'S3 PUT requests' : 'S3 GET requests', kind === 'put' ? 's3PutRequest' : 's3GetRequest', requests.rps, requests, bucket.logicalId);
  type Encryption = { ServerSideEncryptionByDefault?: { SSEAlgorithm?: unknown; KMSMasterKeyID?: unknown }; BucketKeyEnabled?: unknown };
  const encryption = asList(bucket.properties.BucketEncryption?.ServerSideEncryptionConfiguration as Encryption[]);
  if (encryption.some(rule => String(rule?.ServerSideEncryptionByDefault?.SSEAlgorithm).startsWith('aws:kms') && rule?.ServerSideEncryptionByDefault?.KMSMasterKeyID !== undefined && rule?.BucketKeyEnabled !== true)) {
    walk.term('KMS requests', 'kmsRequest', requests.rps, requests, bucket.logicalId, 'one per S3 request: SSE-KMS without a bucket key');
  }
  if (kind === 'get') {
    if (toInternet) {
      dataOut(walk, requests, bucket.logicalId);
    }
    return;
  }
  type Configuration = { [key: string]: unknown };
  const direct = bucket.properties.NotificationConfiguration ?? {};
  const custom = walk.ofType('Custom::S3BucketNotifications').filter(resource => refersTo(resource.properties.BucketName, bucket.logicalId))
    .map(resource => resource.properties.NotificationConfiguration ?? {});
  const targets: unknown[] = [
    ...asList(direct.LambdaConfigurations as Configuration[]).map(configuration => configuration?.Function),
    ...asList(direct.QueueConfigurations as Configuration[]).map(configuration => configuration?.Queue),
    ...asList(direct.TopicConfigurations as Configuration[]).map(configuration => configuration?.Topic),
    ...custom.flatMap(configuration => [
      ...asList(configuration.LambdaFunctionConfigurations as Configuration[]).map(entry => entry?.LambdaFunctionArn),
      ...asList(configuration.QueueConfigurations as Configuration[]).map(entry => entry?.QueueArn),
      ...asList(configuration.TopicConfigurations as Configuration[]).map(entry => entry?.TopicArn),
    ]),
  ];
  for (const target of walk.byId(targets, 'AWS::Lambda::Function', 'AWS::SQS::Queue', 'AWS::SNS::Topic')) {
    walk.note(`every object written to ${bucket.logicalId} is counted as one notification`);
    walkTarget(walk, target, requests);
  }
}

function walkTable(walk: Walk, table: SpendResource, reads: Rate | undefined, writes: Rate | undefined): void {
  const onDemand = table.properties.BillingMode === 'PAY_PER_REQUEST' || (table.type === 'AWS::DynamoDB::GlobalTable' && table.properties.BillingMode !== 'PROVISIONED');
  const throughput = table.properties.OnDemandThroughput ?? {};
  const bounded = (rate: Rate, max: unknown, what: string): Rate => {
    const limit = walk.number(max);
    return limit === undefined || limit <= 0 ? rate
      : capped(rate, { rps: limit, limit: `OnDemandThroughput ${what} ${fmt(limit)} per second on ${table.logicalId}`, unbounded: false, fix: `lower maxReadRequestUnits/maxWriteRequestUnits (OnDemandThroughput) of ${table.logicalId}` });
  };
  if (!onDemand) {
    walk.note(`${table.logicalId} has provisioned capacity: billed by the hour, and requests above it are throttled, not billed`);
  }
  if (reads && once(walk, `${table.logicalId}/read`) && onDemand) {
    const rate = bounded(reads, throughput.MaxReadRequestUnits, 'MaxReadRequestUnits');
    walk.term('DynamoDB on-demand reads', 'dynamoDbReadRequestUnit', rate.rps, rate, table.logicalId, `${fmt(walk.prices.tableReadUnitsPerInvocation)} read unit per request`);
  }
  if (writes && once(walk, `${table.logicalId}/write`)) {
    const rate = onDemand ? bounded(writes, throughput.MaxWriteRequestUnits, 'MaxWriteRequestUnits') : writes;
    if (onDemand) {
      walk.term('DynamoDB on-demand writes', 'dynamoDbWriteRequestUnit', rate.rps, rate, table.logicalId, `${fmt(walk.prices.tableWriteUnitsPerInvocation)} write unit per request`);
    }
    // Writes feed the table's stream, and the functions it triggers (stream reads by Lambda are free).
    for (const mapping of walk.ofType('AWS::Lambda::EventSourceMapping').filter(candidate => refersTo(candidate.properties.EventSourceArn, table.logicalId))) {
      walk.byId(mapping.properties.FunctionName, 'AWS::Lambda::Function').forEach(fn => walkFunction(walk, fn, rate, walk.number(mapping.properties.ScalingConfig?.MaximumConcurrency)));
    }
  }
}

function walkBus(walk: Walk, bus: SpendResource, events: Rate): void {
  if (!once(walk, bus.logicalId)) {
    return;
  }
  walk.term('EventBridge events', 'eventBridgeEvent', events.rps, events, bus.logicalId);
  walk.ofType('AWS::Events::Rule').filter(rule => refersTo(rule.properties.EventBusName, bus.logicalId) && rule.properties.EventPattern !== undefined)
    .forEach(rule => walkRule(walk, rule, events));
}

function walkRule(walk: Walk, rule: SpendResource, events: Rate): void {
  if (!once(walk, rule.logicalId)) {
    return;
  }
  type Target = { Arn?: unknown };
  for (const target of asList(rule.properties.Targets as Target[])) {
    walk.byId(target?.Arn, 'AWS::Lambda::Function', 'AWS::SQS::Queue', 'AWS::SNS::Topic').forEach(resource => walkTarget(walk, resource, events));
  }
}

/** The period of `rate(5 minutes)`; undefined for cron expressions and event patterns (cron is bounded but not counted). */
function schedulePeriodSeconds(expression: unknown): number | undefined {
  const match = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(String(expression ?? ''));
  if (!match) {
    return typeof expression === 'string' && expression.startsWith('cron(') ? 60 : undefined;
  }
  const unit = match[2].startsWith('minute') ? 60 : match[2].startsWith('hour') ? 3600 : 86400;
  return Number(match[1]) * unit;
}

/** Queues, topics, buckets, tables (streams) and rules that trigger something in the template. */
function triggerSources(model: SpendTemplate): SpendResource[] {
  const mappings = ofType(model, 'AWS::Lambda::EventSourceMapping');
  const subscriptions = ofType(model, 'AWS::SNS::Subscription');
  const notifications = ofType(model, 'Custom::S3BucketNotifications');
  return model.resources.filter(resource => {
    switch (resource.type) {
      case 'AWS::SQS::Queue':
      case 'AWS::DynamoDB::Table':
        return mappings.some(mapping => refersTo(mapping.properties.EventSourceArn, resource.logicalId));
      case 'AWS::SNS::Topic':
        return asList(resource.properties.Subscription as unknown[]).length > 0
          || subscriptions.some(subscription => refersTo(subscription.properties.TopicArn, resource.logicalId));
      case 'AWS::S3::Bucket':
        return resource.properties.NotificationConfiguration !== undefined
          || notifications.some(notification => refersTo(notification.properties.BucketName, resource.logicalId));
      case 'AWS::Events::Rule':
        return resource.properties.ScheduleExpression !== undefined
          || (resource.properties.EventPattern !== undefined && resource.properties.EventBusName === undefined);
      default:
        return false;
    }
  });
}

/** The ways a resource policy opens a topic, queue, bucket or bus to anyone. */
function publicPolicies(model: SpendTemplate): Array<{ resource: SpendResource; target: SpendResource; action: string }> {
  const kinds: Array<{ type: string; targets: string; targetType: string; actions: string[] }> = [
    { type: 'AWS::SNS::TopicPolicy', targets: 'Topics', targetType: 'AWS::SNS::Topic', actions: ['sns:Publish'] },
    { type: 'AWS::SQS::QueuePolicy', targets: 'Queues', targetType: 'AWS::SQS::Queue', actions: ['sqs:SendMessage'] },
    { type: 'AWS::S3::BucketPolicy', targets: 'Bucket', targetType: 'AWS::S3::Bucket', actions: ['s3:PutObject', 's3:GetObject'] },
    { type: 'AWS::Events::EventBusPolicy', targets: 'EventBusName', targetType: 'AWS::Events::EventBus', actions: ['events:PutEvents'] },
  ];
  const found: Array<{ resource: SpendResource; target: SpendResource; action: string }> = [];
  for (const kind of kinds) {
    for (const resource of ofType(model, kind.type)) {
      type PublicStatement = { Effect?: unknown; Principal?: unknown; Action?: unknown; Condition?: unknown };
      const statements: PublicStatement[] = kind.type === 'AWS::Events::EventBusPolicy'
        ? [resource.properties.Statement ?? { Effect: 'Allow', Principal: resource.properties.Principal, Action: resource.properties.Action }]
        : asList(resource.properties.PolicyDocument?.Statement as PublicStatement[]);
      const open = statements.filter(statement => statement?.Effect === 'Allow' && isEveryone(statement.Principal) && statement.Condition === undefined);
      for (const action of kind.actions) {
        if (!open.some(statement => asList(statement.Action as string[]).some(pattern => typeof pattern === 'string' && actionMatches(pattern, action)))) {
          continue;
        }
        for (const target of ofType(model, kind.targetType).filter(candidate => refersTo(resource.properties[kind.targets], candidate.logicalId))) {
          found.push({ resource, target, action });
        }
      }
    }
  }
  return found;
}

function isEveryone(principal: unknown): boolean {
  return principal === '*' || (principal !== null && typeof principal === 'object' && Object.values(principal as object).some(value => asList(value).includes('*')));
}
