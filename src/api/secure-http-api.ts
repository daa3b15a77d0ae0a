import { CfnResource, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { HTTP_ACCESS_LOG_FORMAT } from './access-log-format';
import { SECURE_API_DEFAULTS } from './defaults';
import { checkOverrideWithinStage, checkReason, checkThrottle, Fail } from './limits-validation';
import { checkDomainSecurityPolicy, failFor } from './props-validation';
import { acknowledgeFindings } from '../core/acknowledgements';
import { futurePath, secureValidationError } from '../core/errors';
import { StackKey } from '../core/stack-key';

/**
 * Properties of a `SecureHttpApi`: every `apigatewayv2.HttpApiProps` prop, plus what security needs.
 *
 * Inherited props keep their meaning, with secure defaults where they matter:
 * `defaultAuthorizer` is an `HttpIamAuthorizer` (an `HttpNoneAuthorizer` is refused), and
 * `disableExecuteApiEndpoint` is true when `defaultDomainMapping` is set.
 */
export interface SecureHttpApiProps extends apigatewayv2.HttpApiProps {
  /**
   * The rate and burst limit of every route of the default stage (and of stages added with
   * `addStage` that set none). Both are required.
   *
   * @default - 100 requests per second, bursts of 200
   */
  readonly throttle?: apigatewayv2.ThrottleSettings;

  /**
   * How long the access logs are kept.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly accessLogRetention?: logs.RetentionDays;

  /**
   * The KMS key that encrypts the access logs.
   *
   * @default - the stack's shared key, `StackKey.of(this)`
   */
  readonly encryptionKey?: kms.IKey;
}

/** Options of `SecureHttpApi.addLambdaRoute`. */
export interface HttpLambdaRouteOptions {
  /**
   * How the callers of this route authenticate, instead of the API's `defaultAuthorizer`.
   *
   * @default - the API's default authorizer
   */
  readonly authorizer?: apigatewayv2.IHttpRouteAuthorizer;

  /**
   * OAuth scopes the caller's token must carry (JWT and Cognito authorizers).
   *
   * @default - the API's default scopes
   */
  readonly authorizationScopes?: string[];

  /**
   * Why anyone may call this route without authenticating.
   *
   * @default - the route requires the API's (or the route's) authorizer
   */
  readonly allowUnauthenticated?: string;

  /**
   * A rate and burst limit for this route, instead of the stage's. Both are required.
   *
   * @default - the stage's limits
   */
  readonly throttle?: apigatewayv2.ThrottleSettings;
}

/** Options of `SecureHttpApi.addCustomDomain`. */
export interface HttpCustomDomainOptions {
  /** The domain name, e.g. `api.example.com`. */
  readonly domainName: string;

  /** The ACM certificate of the domain, in the API's region. */
  readonly certificate: acm.ICertificate;

  /**
   * The TLS security policy. TLS_1_0 is refused.
   *
   * @default apigatewayv2.SecurityPolicy.TLS_1_2
   */
  readonly securityPolicy?: apigatewayv2.SecurityPolicy;

  /**
   * The path under the domain that maps to the API's default stage.
   *
   * @default - the root of the domain
   */
  readonly mappingKey?: string;
}

/**
 * An API Gateway HTTP API with the secure setup as its default.
 *
 * Differences from `apigatewayv2.HttpApi`, each a default you can override:
 * - every route requires authorization (`defaultAuthorizer`, AWS IAM unless set); a route
 *   without it is a synth error unless it is OPTIONS or declared public with a reason;
 * - the default stage (and every stage added with `addStage`) is throttled, 100 requests per
 *   second with bursts of 200, and writes JSON access logs to a log group encrypted with the
 *   stack key, kept one year and retained;
 * - `addLambdaRoute` routes a method of a path to a function in one line, with an invoke
 *   permission scoped to that route's method and path;
 * - custom domains pin TLS 1.2 and disable the execute-api endpoint.
 *
 * HTTP APIs validate no request bodies and support neither AWS WAF nor X-Ray: for those, use
 * `SecureApi` (a REST API).
 */
export class SecureHttpApi extends apigatewayv2.HttpApi {
  /** The log group of the default stage's access logs, when the API has a default stage. */
  public readonly accessLogGroup?: logs.LogGroup;

  /** The key that encrypts the access logs. */
  public readonly encryptionKey: kms.IKey;

  private readonly stageThrottle: apigatewayv2.ThrottleSettings;
  private readonly accessLogRetention: logs.RetentionDays;
  private readonly unauthenticated = new Map<apigatewayv2.HttpRoute, string>();
  private readonly routeThrottles = new Map<string, apigatewayv2.ThrottleSettings>();
  private readonly keepExecuteApiEndpoint: boolean;

  constructor(scope: Construct, id: string, props: SecureHttpApiProps = {}) {
    validateSecureHttpApiProps(scope, id, props);
    super(scope, id, {
      ...props,
      defaultAuthorizer: props.defaultAuthorizer ?? new authorizers.HttpIamAuthorizer(),
      disableExecuteApiEndpoint: props.disableExecuteApiEndpoint ?? (props.defaultDomainMapping ? true : undefined),
    });
    this.encryptionKey = props.encryptionKey ?? StackKey.of(this);
    this.stageThrottle = props.throttle ?? {
      rateLimit: SECURE_API_DEFAULTS.throttlingRateLimit,
      burstLimit: SECURE_API_DEFAULTS.throttlingBurstLimit,
    };
    this.accessLogRetention = props.accessLogRetention ?? SECURE_API_DEFAULTS.accessLogRetention;
    this.keepExecuteApiEndpoint = props.disableExecuteApiEndpoint === false;

    if (this.defaultStage) {
      this.accessLogGroup = this.hardenStage(this.defaultStage.node.defaultChild as apigatewayv2.CfnStage, 'AccessLogs');
    }
    this.node.addValidation({ validate: () => this.routeProblems() });
  }

  /**
   * Routes a method of a path to a Lambda function, in one line: the route with the API's
   * authorizer, the proxy integration, and a permission that lets API Gateway invoke the
   * function for this method and path of this API only.
   *
   * @param httpMethod the HTTP method (`ANY` for every method)
   * @param path the route path, e.g. `/orders/{orderId}`
   * @param handler the function, typically a `SecureFunction`
   */
  public addLambdaRoute(httpMethod: apigatewayv2.HttpMethod, path: string, handler: lambda.IFunction,
    options: HttpLambdaRouteOptions = {}): apigatewayv2.HttpRoute {
    const routeKey = `${httpMethod} ${path}`;
    const fail: Fail = (name, problem, fix) => {
      throw secureValidationError(this, name, `addLambdaRoute('${routeKey}'): ${problem}`, fix);
    };
    if (!Object.values(apigatewayv2.HttpMethod).includes(httpMethod)) {
      fail('InvalidHttpMethod', `'${httpMethod}' is not an HTTP method API Gateway routes.`, `use one of ${Object.values(apigatewayv2.HttpMethod).join(', ')}.`);
    }
    if (!path.startsWith('/')) {
      fail('InvalidPath', `the path '${path}' does not start with '/'.`, `write the path from the root of the API, e.g. '/${path}'.`);
    }
    checkReason(fail, 'allowUnauthenticated', options.allowUnauthenticated);
    if (options.allowUnauthenticated !== undefined && (options.authorizer !== undefined || options.authorizationScopes !== undefined)) {
      fail('ConflictingAuthorizationProps', 'an authorizer (or authorizationScopes) and allowUnauthenticated are both set.',
        'keep the authorizer (recommended) or allowUnauthenticated, not both.');
    }
    checkThrottle(fail, 'throttle', options.throttle, true);
    if (options.throttle) {
      checkOverrideWithinStage(fail, 'throttle', options.throttle, this.stageThrottle);
    }

    const integrationId = `${routeKey.replace(/[^A-Za-z0-9]/g, '')}Integration`;
    const [route] = this.addRoutes({
      path,
      methods: [httpMethod],
      integration: new integrations.HttpLambdaIntegration(integrationId, handler),
      authorizer: options.allowUnauthenticated !== undefined ? new apigatewayv2.HttpNoneAuthorizer() : options.authorizer,
      authorizationScopes: options.authorizationScopes,
    });
    // The CDK scopes the invoke permission to the path, for any method; narrow it to this route's method.
    const permission = route.node.tryFindChild(`${integrationId}-Permission`) as lambda.CfnPermission | undefined;
    if (permission) {
      permission.sourceArn = route.routeArn;
    }
    if (options.allowUnauthenticated !== undefined) {
      this.allowUnauthenticated(route, options.allowUnauthenticated);
    }
    if (options.throttle) {
      this.routeThrottles.set(routeKey, options.throttle);
    }
    return route;
  }

  /**
   * Declares a route of this API public: anyone may call it without authenticating.
   *
   * For routes added with `addRoutes` and an `HttpNoneAuthorizer`; with `addLambdaRoute`, use
   * its `allowUnauthenticated` option.
   */
  public allowUnauthenticated(route: apigatewayv2.HttpRoute, reason: string): void {
    const fail: Fail = (name, problem, fix) => {
      throw secureValidationError(this, name, problem, fix);
    };
    if (route.httpApi !== this) {
      fail('ForeignRoute', `allowUnauthenticated was given ${route.node.path}, a route of another API.`, 'call allowUnauthenticated on the API the route belongs to.');
    }
    checkReason(fail, 'allowUnauthenticated', reason);
    this.unauthenticated.set(route, reason);
    const acknowledgedReason = `Public by design (allowUnauthenticated): ${reason}`;
    acknowledgeFindings(route.node.defaultChild as CfnResource,
      { id: 'SecureServerless-HttpApiRouteAuthorization', reason: acknowledgedReason },
      { id: 'AwsSolutions-APIG4', reason: acknowledgedReason });
  }

  /**
   * Adds a stage, throttled and writing access logs unless its options say otherwise.
   */
  public addStage(id: string, options: apigatewayv2.HttpStageOptions): apigatewayv2.HttpStage {
    checkThrottle((name, problem, fix) => {
      throw secureValidationError(this, name, `addStage('${id}'): ${problem}`, fix);
    }, 'throttle', options.throttle, true);
    const stage = super.addStage(id, options);
    const cfnStage = stage.node.defaultChild as apigatewayv2.CfnStage;
    if (options.throttle === undefined || options.accessLogSettings === undefined) {
      this.hardenStage(cfnStage, `${id}AccessLogs`, options.throttle !== undefined, options.accessLogSettings !== undefined);
    }
    return stage;
  }

  /**
   * Adds a custom domain with TLS 1.2 or newer, mapped to the default stage; the execute-api
   * endpoint is then disabled unless `disableExecuteApiEndpoint` is false.
   */
  public addCustomDomain(id: string, options: HttpCustomDomainOptions): apigatewayv2.DomainName {
    const fail: Fail = (name, problem, fix) => {
      throw secureValidationError(this, name, `addCustomDomain('${id}'): ${problem}`, fix);
    };
    checkDomainSecurityPolicy(fail, 'securityPolicy', options.securityPolicy);
    if (!this.defaultStage) {
      fail('NoDefaultStage', 'the API has no default stage (createDefaultStage is false) to map the domain to.',
        'map the domain to your stage with new apigatewayv2.ApiMapping, or keep the default stage.');
    }
    const domain = new apigatewayv2.DomainName(this, id, {
      domainName: options.domainName,
      certificate: options.certificate,
      securityPolicy: options.securityPolicy ?? apigatewayv2.SecurityPolicy.TLS_1_2,
    });
    new apigatewayv2.ApiMapping(this, `${id}Mapping`, {
      api: this,
      domainName: domain,
      stage: this.defaultStage,
      apiMappingKey: options.mappingKey,
    });
    if (!this.keepExecuteApiEndpoint) {
      (this.node.defaultChild as apigatewayv2.CfnApi).disableExecuteApiEndpoint = true;
    }
    return domain;
  }

  /**
   * Throttles a stage and gives it access logs, where it has none: the stage-wide limit, the
   * per-route limits of `addLambdaRoute`, and an encrypted, retained log group.
   */
  private hardenStage(cfnStage: apigatewayv2.CfnStage, logGroupId: string, keepThrottle = false, keepAccessLogs = false): logs.LogGroup | undefined {
    if (!keepThrottle) {
      cfnStage.defaultRouteSettings = {
        ...(cfnStage.defaultRouteSettings as apigatewayv2.CfnStage.RouteSettingsProperty | undefined),
        throttlingRateLimit: this.stageThrottle.rateLimit,
        throttlingBurstLimit: this.stageThrottle.burstLimit,
      };
      // The L1 types RouteSettings as `any` and renders it verbatim: CloudFormation's own casing.
      cfnStage.routeSettings = Lazy.any({
        produce: () => this.routeThrottles.size === 0 ? undefined : Object.fromEntries([...this.routeThrottles].map(([key, throttle]) =>
          [key, { ThrottlingRateLimit: throttle.rateLimit, ThrottlingBurstLimit: throttle.burstLimit }])),
      });
    }
    if (keepAccessLogs) {
      return undefined;
    }
    const logGroup = new logs.LogGroup(this, logGroupId, {
      retention: this.accessLogRetention,
      encryptionKey: this.encryptionKey,
      // Logs are audit evidence: they outlive the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    cfnStage.accessLogSettings = { destinationArn: logGroup.logGroupArn, format: HTTP_ACCESS_LOG_FORMAT };
    return logGroup;
  }

  /** The routes without authorization that are neither OPTIONS nor declared public. */
  private routeProblems(): string[] {
    const stack = Stack.of(this);
    return this.node.findAll()
      .filter((child): child is apigatewayv2.HttpRoute => child instanceof apigatewayv2.HttpRoute)
      .filter(route => !this.unauthenticated.has(route))
      .flatMap(route => {
        const cfn = route.node.defaultChild as apigatewayv2.CfnRoute;
        const type = stack.resolve(cfn.authorizationType);
        const routeKey = stack.resolve(cfn.routeKey);
        if (Token.isUnresolved(type) || (type !== undefined && type !== 'NONE') || (typeof routeKey === 'string' && routeKey.startsWith('OPTIONS '))) {
          return [];
        }
        return [`${route.node.path}: the route ${routeKey} has no authorizer, so anyone who finds the URL can call it. `
          + 'Fix: leave out the HttpNoneAuthorizer (the API\'s defaultAuthorizer then applies), or declare the route public with '
          + 'api.allowUnauthenticated(route, \'<reason>\') or addLambdaRoute(..., { allowUnauthenticated: \'<reason>\' }).'];
      });
  }
}

/** Refuses every invalid prop and combination of `SecureHttpApiProps`, before the API is created. */
function validateSecureHttpApiProps(scope: Construct, id: string, props: SecureHttpApiProps): void {
  const fail = failFor(scope, futurePath(scope, id));
  checkThrottle(fail, 'throttle', props.throttle, true);
  if (props.defaultAuthorizer instanceof apigatewayv2.HttpNoneAuthorizer) {
    fail('UnauthenticatedDefault', 'defaultAuthorizer is an HttpNoneAuthorizer, which would open every route of the API to anyone.',
      'keep an authorizer as the default (the default is HttpIamAuthorizer) and open single routes with addLambdaRoute(..., { allowUnauthenticated: \'<reason>\' }).');
  }
  const domain = props.defaultDomainMapping?.domainName;
  if (domain instanceof apigatewayv2.DomainName) {
    const cfnDomain = domain.node.defaultChild as apigatewayv2.CfnDomainName;
    const configurations = (Stack.of(domain).resolve(cfnDomain.domainNameConfigurations) ?? []) as Array<{ securityPolicy?: string }>;
    for (const configuration of configurations) {
      const policy = configuration.securityPolicy;
      checkDomainSecurityPolicy(fail, 'defaultDomainMapping.domainName securityPolicy', policy);
      if (policy === undefined) {
        fail('UnpinnedTlsPolicy', 'defaultDomainMapping.domainName has no securityPolicy, so its TLS versions are whatever the service default is.',
          'create the DomainName with securityPolicy: apigatewayv2.SecurityPolicy.TLS_1_2, or use api.addCustomDomain(...).');
      }
    }
  }
}
