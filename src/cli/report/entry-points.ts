import { ModelResource, ofType, TemplateModel } from './template-model';
import { describeValue } from './values';
import { actionsOf, grantsAnyone, isAnyPrincipal, statementsOf } from '../../checks/policy-document';
import { asList, refersTo } from '../../policy/template-json';
import { numberOf } from '../../spend/template';

/** A way into the app from outside it: an API method or route, a function URL, a public policy. */
export interface EntryPoint {
  /** `rest-method`, `http-route`, `http-api`, `function-url`, `lambda-permission` or `resource-policy`. */
  readonly kind: string;
  /** The template file, as the user named it. */
  readonly template: string;
  /** The logical id of the resource that opens it. */
  readonly logicalId: string;
  /** The `aws:cdk:path`, or the logical id. */
  readonly path: string;
  /** What a reviewer calls it: `GET /items (Api)`, `function URL of Fn`, `AWS::S3::BucketPolicy on ${Bucket}`. */
  readonly name: string;
  /** How callers authenticate: `NONE`, `AWS_IAM`, `COGNITO_USER_POOLS (…)`, `JWT (…)`, `CUSTOM (…)`… */
  readonly authentication: string;
  /** Whether anyone on the internet (or any AWS account) can use it without credentials of this account. */
  readonly public: boolean;
  /** The logical ids of the functions it invokes. */
  readonly functions: readonly string[];
  /** The requests per second its stage allows, when every stage of its API sets a rate limit. */
  readonly rateLimit?: number;
  /** The logical ids of the resources a public resource policy opens (queues, topics, buckets…). */
  readonly opens: readonly string[];
}

/** Every entry point of a template. */
export function entryPointsOf(model: TemplateModel): EntryPoint[] {
  const functions = ofType(model, 'AWS::Lambda::Function');
  const invoked = (value: unknown) => functions.filter(fn => refersTo(value, fn.logicalId)).map(fn => fn.logicalId);
  return [
    ...restMethods(model, invoked),
    ...httpRoutes(model, invoked),
    ...functionUrls(model, invoked),
    ...publicPermissions(model, invoked),
    ...publicResourcePolicies(model),
  ];
}

type Invoked = (value: unknown) => string[];

function base(model: TemplateModel, resource: ModelResource): Pick<EntryPoint, 'template' | 'logicalId' | 'path'> {
  return { template: model.template, logicalId: resource.logicalId, path: resource.path };
}

function restMethods(model: TemplateModel, invoked: Invoked): EntryPoint[] {
  const apis = ofType(model, 'AWS::ApiGateway::RestApi');
  const pathOf = (resourceId: unknown, depth = 0): string => {
    const parent = ofType(model, 'AWS::ApiGateway::Resource').find(resource => refersTo(resourceId, resource.logicalId));
    if (!parent || depth > 50) {
      return '';
    }
    return `${pathOf(parent.properties.ParentId, depth + 1)}/${describeValue(parent.properties.PathPart)}`;
  };
  return ofType(model, 'AWS::ApiGateway::Method').map(method => {
    const api = apis.find(candidate => refersTo(method.properties.RestApiId, candidate.logicalId));
    const isPrivate = asList(api?.properties.EndpointConfiguration?.Types as unknown[]).includes('PRIVATE');
    const authorizationType = String(method.properties.AuthorizationType ?? 'NONE');
    const authorizer = ofType(model, 'AWS::ApiGateway::Authorizer').find(candidate => refersTo(method.properties.AuthorizerId, candidate.logicalId));
    const apiKey = method.properties.ApiKeyRequired === true ? ', API key required' : '';
    const authentication = `${authorizationType}${authorizer ? ` (${describeValue(authorizer.properties.Type)} authorizer ${authorizer.logicalId})` : ''}${apiKey}${isPrivate ? ', private endpoint' : ''}`;
    return {
      kind: 'rest-method',
      ...base(model, method),
      name: `${describeValue(method.properties.HttpMethod)} ${pathOf(method.properties.ResourceId) || '/'} (${api?.logicalId ?? describeValue(method.properties.RestApiId)})`,
      authentication,
      public: authorizationType === 'NONE' && !isPrivate,
      functions: invoked(method.properties.Integration?.Uri),
      rateLimit: api ? restApiRateLimit(model, api) : undefined,
      opens: [],
    };
  });
}

/** The highest stage-wide rate limit of a REST API's stages, or undefined when a stage has none. */
function restApiRateLimit(model: TemplateModel, api: ModelResource): number | undefined {
  const stages = ofType(model, 'AWS::ApiGateway::Stage').filter(stage => refersTo(stage.properties.RestApiId, api.logicalId));
  const deployments = ofType(model, 'AWS::ApiGateway::Deployment')
    .filter(deployment => refersTo(deployment.properties.RestApiId, api.logicalId) && deployment.properties.StageName !== undefined);
  const settings = [
    ...stages.map(stage => stage.properties.MethodSettings),
    ...deployments.map(deployment => deployment.properties.StageDescription?.MethodSettings ?? [{
      HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: deployment.properties.StageDescription?.ThrottlingRateLimit,
    }]),
  ];
  return highestRate(settings.map(methodSettings => {
    const stageWide = asList(methodSettings as Array<{ HttpMethod?: unknown; ResourcePath?: unknown; ThrottlingRateLimit?: unknown }>)
      .find(setting => setting?.HttpMethod === '*' && setting?.ResourcePath === '/*');
    return numberOf(stageWide?.ThrottlingRateLimit, model.parameterDefaults);
  }));
}

function highestRate(rates: Array<number | undefined>): number | undefined {
  if (rates.length === 0 || rates.some(rate => rate === undefined)) {
    return undefined;
  }
  return Math.max(...rates as number[]);
}

function httpRoutes(model: TemplateModel, invoked: Invoked): EntryPoint[] {
  const integrations = ofType(model, 'AWS::ApiGatewayV2::Integration');
  const rateOf = (apiId: unknown) => {
    const stages = ofType(model, 'AWS::ApiGatewayV2::Stage').filter(stage => refersToSame(stage.properties.ApiId, apiId));
    return highestRate(stages.map(stage => numberOf(stage.properties.DefaultRouteSettings?.ThrottlingRateLimit, model.parameterDefaults)));
  };
  const routes: EntryPoint[] = ofType(model, 'AWS::ApiGatewayV2::Route').map(route => {
    const integration = integrations.find(candidate => refersTo(route.properties.Target, candidate.logicalId));
    const authorizationType = String(route.properties.AuthorizationType ?? 'NONE');
    const authorizer = ofType(model, 'AWS::ApiGatewayV2::Authorizer').find(candidate => refersTo(route.properties.AuthorizerId, candidate.logicalId));
    return {
      kind: 'http-route',
      ...base(model, route),
      name: `${describeValue(route.properties.RouteKey)} (${describeValue(route.properties.ApiId)})`,
      authentication: `${authorizationType}${authorizer ? ` (${describeValue(authorizer.properties.AuthorizerType)} authorizer ${authorizer.logicalId})` : ''}`,
      public: authorizationType === 'NONE',
      functions: integration ? invoked(integration.properties.IntegrationUri) : [],
      rateLimit: rateOf(route.properties.ApiId),
      opens: [],
    };
  });
  // Quick-create APIs (`Target` on the API) get a default route with no authorization.
  const quickCreated: EntryPoint[] = ofType(model, 'AWS::ApiGatewayV2::Api')
    .filter(api => api.properties.Target !== undefined)
    .map(api => ({
      kind: 'http-api',
      ...base(model, api),
      name: `$default route of ${api.logicalId}`,
      authentication: 'NONE',
      public: true,
      functions: invoked(api.properties.Target),
      rateLimit: rateOf({ Ref: api.logicalId }),
      opens: [],
    }));
  return [...routes, ...quickCreated];
}

/** Whether a value refers to the resource that a `{ Ref: X }` names. */
function refersToSame(value: unknown, reference: unknown): boolean {
  const id = (reference as { Ref?: unknown } | null)?.Ref;
  return typeof id === 'string' && refersTo(value, id);
}

function functionUrls(model: TemplateModel, invoked: Invoked): EntryPoint[] {
  return ofType(model, 'AWS::Lambda::Url').map(url => {
    const authType = String(url.properties.AuthType ?? 'NONE');
    const targets = invoked(url.properties.TargetFunctionArn);
    return {
      kind: 'function-url',
      ...base(model, url),
      name: `function URL of ${targets.join(', ') || describeValue(url.properties.TargetFunctionArn)}`,
      authentication: authType,
      public: authType === 'NONE',
      functions: targets,
      opens: [],
    };
  });
}

/** Lambda permissions that let anyone invoke a function (function URLs' own permissions left out). */
function publicPermissions(model: TemplateModel, invoked: Invoked): EntryPoint[] {
  return ofType(model, 'AWS::Lambda::Permission')
    .filter(permission => !isFunctionUrlPermission(permission) && isUnscopedPublicPermission(permission))
    .map(permission => ({
      kind: 'lambda-permission',
      ...base(model, permission),
      name: `${describeValue(permission.properties.Action)} for anyone on ${invoked(permission.properties.FunctionName).join(', ') || describeValue(permission.properties.FunctionName)}`,
      authentication: 'NONE (principal *)',
      public: true,
      functions: invoked(permission.properties.FunctionName),
      opens: [],
    }));
}

/**
 * A permission that only lets callers use the function through its URL (`FunctionUrlAuthType`,
 * or `InvokedViaFunctionUrl`, which Lambda requires beside it since 2025): the URL is the entry point.
 */
export function isFunctionUrlPermission(permission: ModelResource): boolean {
  return permission.properties.FunctionUrlAuthType !== undefined || permission.properties.InvokedViaFunctionUrl === true;
}

/** A permission for principal `*` without a source ARN, source account or organization. */
export function isUnscopedPublicPermission(permission: ModelResource): boolean {
  const { Principal, SourceArn, SourceAccount, PrincipalOrgID } = permission.properties;
  return isAnyPrincipal(Principal) && SourceArn === undefined && SourceAccount === undefined && PrincipalOrgID === undefined;
}

/** Where each resource type keeps its resource policy, and the property that names what it protects. */
const RESOURCE_POLICIES: ReadonlyArray<{ type: string; document: string; target?: string }> = [
  { type: 'AWS::S3::BucketPolicy', document: 'PolicyDocument', target: 'Bucket' },
  { type: 'AWS::SQS::QueuePolicy', document: 'PolicyDocument', target: 'Queues' },
  { type: 'AWS::SNS::TopicPolicy', document: 'PolicyDocument', target: 'Topics' },
  { type: 'AWS::KMS::Key', document: 'KeyPolicy' },
  { type: 'AWS::SecretsManager::ResourcePolicy', document: 'ResourcePolicy', target: 'SecretId' },
  { type: 'AWS::ECR::Repository', document: 'RepositoryPolicyText' },
  { type: 'AWS::Events::EventBusPolicy', document: 'Statement', target: 'EventBusName' },
];

/** Resource policies with a statement that grants anyone, without a scoping condition. */
function publicResourcePolicies(model: TemplateModel): EntryPoint[] {
  const found: EntryPoint[] = [];
  for (const { type, document, target } of RESOURCE_POLICIES) {
    for (const resource of ofType(model, type)) {
      const raw = resource.properties[document];
      // EventBusPolicy has a single statement (or the legacy Principal/Action fields), not a document.
      const statements = type === 'AWS::Events::EventBusPolicy'
        ? [raw ?? { Effect: 'Allow', Principal: resource.properties.Principal, Action: resource.properties.Action, Condition: resource.properties.Condition }]
        : statementsOf(raw);
      const open = statements.filter(statement => statement !== null && typeof statement === 'object' && grantsAnyone(statement));
      if (open.length === 0) {
        continue;
      }
      const targetValue = target ? resource.properties[target] : { Ref: resource.logicalId };
      found.push({
        kind: 'resource-policy',
        ...base(model, resource),
        name: `${type} on ${describeValue(targetValue)} allows ${[...new Set(open.flatMap(actionsOf))].join(', ') || 'everything'} to anyone`,
        authentication: 'NONE (principal *)',
        public: true,
        functions: [],
        opens: model.resources
          .filter(candidate => candidate.logicalId !== resource.logicalId && refersTo(targetValue, candidate.logicalId))
          .map(candidate => candidate.logicalId)
          .concat(target ? [] : [resource.logicalId]),
      });
    }
  }
  return found;
}
