import { Annotations, CfnResource, Lazy, RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { REST_ACCESS_LOG_FORMAT } from './access-log-format';
import { ApiAuthorization, ApiAuthorizationKind } from './api-authorization';
import { AuthorizationMethodOptions, AuthorizerFactory } from './authorizers';
import { ApiGatewayCloudWatchRole } from './cloudwatch-role';
import { isCorsPreflight, openCorsPreflight } from './cors-preflight';
import { SECURE_API_DEFAULTS } from './defaults';
import { addGenericGatewayResponses } from './gateway-responses';
import { checkOverrideWithinStage, checkQuota, checkReason, checkThrottle, Fail } from './limits-validation';
import { BODY_METHODS, judgeRequestModel, methodProblems, REQUEST_SCHEMA_FIX } from './method-checks';
import { checkDomainSecurityPolicy, validateSecureApiProps } from './props-validation';
import { ApiWebAcl } from './web-acl';
import { acknowledgeFindings } from '../core/acknowledgements';
import { secureValidationError } from '../core/errors';
import { StackKey } from '../core/stack-key';
import { judgeRequestSchema } from '../policy/json-schema';

/**
 * Properties of a `SecureApi`: every `apigateway.RestApiProps` prop, plus what security needs.
 *
 * Inherited props keep their meaning, with secure defaults where they matter:
 * `deployOptions` throttles at 100 requests per second with bursts of 200, logs execution
 * errors, traces with X-Ray, never traces data, and writes JSON access logs;
 * `endpointTypes` is REGIONAL; `domainName` pins TLS 1.2; `disableExecuteApiEndpoint` is true
 * once the API has a custom domain; `cloudWatchRole` (default true) creates the account's
 * CloudWatch role without AWS managed policies, once per stack; `deploy: false` is refused.
 */
export interface SecureApiProps extends apigateway.RestApiProps {
  /**
   * How the callers of every method authenticate, unless a method says otherwise.
   *
   * A method without authorization is a synth error, unless it is a CORS preflight (an OPTIONS
   * method with a MOCK integration, which is always left without authorization) or declared
   * public with a reason (`allowUnauthenticated`). Cannot be combined with an
   * `authorizer` or `authorizationType` in `defaultMethodOptions`.
   *
   * @default ApiAuthorization.iam() - callers sign requests with AWS Signature Version 4
   */
  readonly authorization?: ApiAuthorization;

  /**
   * Whether to protect the stage with an AWS WAF web ACL.
   *
   * The web ACL this construct creates has the AWS managed rule groups
   * AWSManagedRulesCommonRuleSet, AWSManagedRulesKnownBadInputsRuleSet and
   * AWSManagedRulesAmazonIpReputationList, and a rate-based rule blocking any IP address above
   * `wafRateLimit` requests in 5 minutes. It logs the requests it blocks (credentials redacted)
   * to an encrypted log group kept as long as the access logs.
   *
   * Cost at the AWS WAF list prices of 2026 (checked on the AWS WAF pricing page and the AWS
   * security services best-practices guide): $5 a month for the web ACL plus $1 a month per
   * rule or rule group, so **$9 a month** for its four rules, plus **$0.60 per million requests**
   * inspected; the managed groups have no subscription fee and use about 930 of the 1,500
   * capacity units included. WAF logs cost the CloudWatch Logs ingestion of the blocked
   * requests only. Pass `webAclArn` to share one web ACL between APIs and pay for it once.
   *
   * Note the Common rule set blocks request bodies over 8 KB (SizeRestrictions_BODY).
   *
   * @default true
   */
  readonly waf?: boolean;

  /**
   * The ARN of an existing regional AWS WAF web ACL to associate with the stage instead of
   * creating one.
   *
   * @default - a web ACL this construct creates (see `waf`)
   */
  readonly webAclArn?: string;

  /**
   * Requests from one IP address in any 5 minutes before the web ACL blocks that address.
   *
   * @default 1000
   */
  readonly wafRateLimit?: number;

  /**
   * How long the access logs (and the web ACL's logs) are kept.
   *
   * Cannot be combined with `deployOptions.accessLogDestination`.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly accessLogRetention?: logs.RetentionDays;

  /**
   * The KMS key that encrypts the access logs and the web ACL's logs.
   *
   * A key you pass must let CloudWatch Logs use it (see `StackKey` for the key policy).
   *
   * @default - the stack's shared key, `StackKey.of(this)`
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Why data trace may be on for this API.
   *
   * Data trace (`dataTraceEnabled` in `deployOptions` or its `methodOptions`) writes every
   * request and response, headers and bodies included, to CloudWatch Logs: tokens, passwords
   * and personal data end up in the logs. Turning it on without a reason is a synth error.
   *
   * @default - data trace must stay off
   */
  readonly allowDataTrace?: string;

  /**
   * Extra headers of the error responses API Gateway sends itself (DEFAULT_4XX, DEFAULT_5XX),
   * for example `{ 'Access-Control-Allow-Origin': 'https://app.example.com' }` so that browsers
   * let a CORS client read errors. Values are literals, without single quotes.
   *
   * @default - only the security headers: Strict-Transport-Security, X-Content-Type-Options: nosniff,
   * X-Frame-Options: DENY and Cache-Control: no-store
   */
  readonly gatewayResponseHeaders?: { [name: string]: string };
}

/** Exceptions to the API's rules for one method, each with the reason a reviewer will read. */
export interface MethodExceptions {
  /**
   * Why anyone may call this method without authenticating.
   *
   * @default - the method requires the API's (or the route's) authorization
   */
  readonly allowUnauthenticated?: string;

  /**
   * Why API Gateway need not validate this method's request body (for example: the function
   * validates it against the same schema, or the body is an opaque upload).
   *
   * @default - POST, PUT, PATCH and ANY methods need a request model
   */
  readonly allowUnvalidatedBody?: string;
}

/** Options of `SecureApi.addLambdaRoute`. */
export interface LambdaRouteOptions extends MethodExceptions {
  /**
   * The JSON schema the request body must match; a model is created for it.
   *
   * POST, PUT, PATCH and ANY need a `requestSchema`, a `requestModel` or `allowUnvalidatedBody`.
   * A schema that constrains nothing is a synth error: an object schema must declare
   * `properties`, each with a type, and `required` properties or `additionalProperties: false`.
   *
   * @default - no model
   */
  readonly requestSchema?: apigateway.JsonSchema;

  /**
   * The model the request body must match (`application/json`).
   *
   * A model of this app whose schema constrains nothing (see `requestSchema`), or API Gateway's
   * `Model.EMPTY_MODEL`, is a synth error.
   *
   * @default - no model
   */
  readonly requestModel?: apigateway.IModel;

  /**
   * How the callers of this method authenticate, instead of the API's `authorization`.
   *
   * @default - the API's authorization
   */
  readonly authorization?: ApiAuthorization;

  /**
   * A rate and burst limit for this method, instead of the stage's. Both are required.
   *
   * @default - the stage's limits
   */
  readonly throttle?: apigateway.ThrottleSettings;

  /**
   * Whether callers must send an API key of a usage plan (`x-api-key`). An API key identifies a
   * client for usage plans; it does not authenticate anyone.
   *
   * @default false
   */
  readonly apiKeyRequired?: boolean;

  /**
   * Request parameters (`method.request.querystring.name`, `method.request.header.name`…) and
   * whether each is required; the API's request validator checks the required ones.
   *
   * @default - none
   */
  readonly requestParameters?: { [param: string]: boolean };

  /**
   * Whether the console's "Test" button may invoke the function (a second permission, for
   * the `test-invoke-stage`).
   *
   * @default false
   */
  readonly allowTestInvoke?: boolean;
}

/** A per-method throttle, as a stage method setting. */
interface MethodThrottle {
  readonly method: apigateway.Method;
  readonly throttle: apigateway.ThrottleSettings;
}

/**
 * An API Gateway REST API with the secure setup as its default.
 *
 * Differences from `apigateway.RestApi`, each a default you can override:
 * - every method requires authentication (`authorization`, AWS IAM unless set); a method without
 *   it is a synth error unless it is declared public with a reason; CORS preflights (OPTIONS
 *   methods with a MOCK integration) are always left open, as browsers never authenticate them;
 * - a request validator (body and parameters); POST, PUT, PATCH and ANY methods need a model or
 *   a stated reason;
 * - stage throttling (100 requests per second, bursts of 200), per-method throttles, usage
 *   plans that always carry throttle and quota;
 * - a regional AWS WAF web ACL (three AWS managed rule groups and a rate-based rule);
 * - JSON access logs to an encrypted log group kept one year and retained; execution logs at
 *   ERROR; data trace refused without a reason; X-Ray tracing;
 * - the account's CloudWatch role with a customer-managed policy, once per stack;
 * - generic DEFAULT_4XX and DEFAULT_5XX responses with security headers;
 * - a REGIONAL endpoint; custom domains with TLS 1.2 and the execute-api endpoint disabled.
 */
export class SecureApi extends apigateway.RestApi {
  /** The request validator that validates bodies and required parameters; pass it to `addMethod`. */
  public readonly requestValidator: apigateway.RequestValidator;

  /** The log group of the access logs, unless `deployOptions.accessLogDestination` was given. */
  public readonly accessLogGroup?: logs.LogGroup;

  /** The web ACL this construct created, unless `waf` is false or `webAclArn` was given. */
  public readonly webAcl?: ApiWebAcl;

  /** The key that encrypts the access logs and the web ACL's logs. */
  public readonly encryptionKey: kms.IKey;

  private readonly authorizers: AuthorizerFactory;
  private readonly unauthenticated = new Map<apigateway.Method, string>();
  private readonly unvalidatedBody = new Map<apigateway.Method, string>();
  private readonly methodThrottles: MethodThrottle[] = [];
  private readonly stageLoggingLevel: apigateway.MethodLoggingLevel;
  /** The stage-wide throttle, which no per-method throttle may exceed. */
  private readonly stageThrottle: apigateway.ThrottleSettings;

  constructor(scope: Construct, id: string, props: SecureApiProps = {}) {
    validateSecureApiProps(scope, id, props);
    const authorization = props.authorization
      ?? (props.defaultMethodOptions?.authorizer || props.defaultMethodOptions?.authorizationType ? undefined : ApiAuthorization.iam());
    // The default authorizer is created once the API exists; until then the default method
    // options name it through a lazy id.
    let defaultAuthorization: AuthorizationMethodOptions | undefined;
    const deployOptions = props.deployOptions ?? {};
    const stageLoggingLevel = deployOptions.loggingLevel ?? SECURE_API_DEFAULTS.loggingLevel;
    super(scope, id, {
      ...props,
      deploy: true,
      cloudWatchRole: false,
      endpointTypes: props.endpointConfiguration ? props.endpointTypes : props.endpointTypes ?? [apigateway.EndpointType.REGIONAL],
      defaultMethodOptions: {
        ...props.defaultMethodOptions,
        ...(authorization ? defaultMethodAuthorization(authorization, () => defaultAuthorization!) : {}),
      },
      deployOptions: {
        ...deployOptions,
        stageName: deployOptions.stageName ?? SECURE_API_DEFAULTS.stageName,
        throttlingRateLimit: deployOptions.throttlingRateLimit ?? SECURE_API_DEFAULTS.throttlingRateLimit,
        throttlingBurstLimit: deployOptions.throttlingBurstLimit ?? SECURE_API_DEFAULTS.throttlingBurstLimit,
        loggingLevel: stageLoggingLevel,
        dataTraceEnabled: deployOptions.dataTraceEnabled ?? false,
        tracingEnabled: deployOptions.tracingEnabled ?? true,
        // Without your destination, the format goes with the log group created below.
        accessLogFormat: deployOptions.accessLogDestination ? deployOptions.accessLogFormat : undefined,
      },
    });
    this.stageLoggingLevel = stageLoggingLevel;
    this.encryptionKey = props.encryptionKey ?? StackKey.of(this);
    this.authorizers = new AuthorizerFactory(this);
    if (authorization) {
      defaultAuthorization = this.authorizers.optionsFor(authorization, 'authorization');
    }

    const cfnApi = this.node.defaultChild as apigateway.CfnRestApi;
    cfnApi.disableExecuteApiEndpoint = Lazy.any({
      produce: () => props.disableExecuteApiEndpoint ?? (this.domainName !== undefined ? true : undefined),
    });

    if (props.cloudWatchRole !== false) {
      const account = ApiGatewayCloudWatchRole.of(this);
      // Every stage attached later depends on it too (RestApiBase does this for its own account).
      this.cloudWatchAccount = account;
      this.deploymentStage.node.addDependency(account);
    }
    const logRetention = props.accessLogRetention ?? SECURE_API_DEFAULTS.accessLogRetention;
    if (!deployOptions.accessLogDestination) {
      this.accessLogGroup = this.createAccessLogGroup(logRetention, deployOptions.accessLogFormat);
    }
    this.stageThrottle = {
      rateLimit: deployOptions.throttlingRateLimit ?? SECURE_API_DEFAULTS.throttlingRateLimit,
      burstLimit: deployOptions.throttlingBurstLimit ?? SECURE_API_DEFAULTS.throttlingBurstLimit,
    };
    this.throttleMethodsOfStage();

    addGenericGatewayResponses(this, props.gatewayResponseHeaders ?? {});
    this.requestValidator = this.addRequestValidator('RequestValidator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });

    if (props.waf !== false) {
      let webAclArn = props.webAclArn;
      if (webAclArn === undefined) {
        this.webAcl = new ApiWebAcl(this, 'WebAcl', {
          rateLimit: props.wafRateLimit ?? SECURE_API_DEFAULTS.wafRateLimit,
          encryptionKey: this.encryptionKey,
          logRetention,
        });
        webAclArn = this.webAcl.webAcl.attrArn;
      }
      new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', { webAclArn, resourceArn: this.deploymentStage.stageArn });
    }
    this.acknowledgeStageFindings(props);

    this.node.addValidation({
      validate: () => methodProblems(this, { unauthenticated: this.unauthenticated, unvalidatedBody: this.unvalidatedBody }),
    });
  }

  /**
   * Routes a method of a path to a Lambda function, in one line: creates the path's resources,
   * the method with the API's authorization and request validator, the proxy integration, and a
   * permission that lets API Gateway invoke the function for this method of this API's stage
   * only (its source ARN names the method).
   *
   * @param httpMethod the HTTP method (`ANY` for every method)
   * @param path the resource path, e.g. `/orders/{orderId}`
   * @param handler the function, typically a `SecureFunction`
   */
  public addLambdaRoute(httpMethod: apigatewayv2.HttpMethod, path: string, handler: lambda.IFunction,
    options: LambdaRouteOptions = {}): apigateway.Method {
    const route = `${httpMethod} ${path}`;
    const fail: Fail = (name, problem, fix) => {
      throw secureValidationError(this, name, `addLambdaRoute('${route}'): ${problem}`, fix);
    };
    validateRouteOptions(fail, httpMethod, path, options);

    const method = this.root.resourceForPath(path).addMethod(httpMethod, new apigateway.LambdaIntegration(handler, {
      proxy: true,
      allowTestInvoke: options.allowTestInvoke ?? false,
    }), {
      ...this.authorizationOfRoute(options),
      apiKeyRequired: options.apiKeyRequired,
      requestParameters: options.requestParameters,
      requestValidator: this.requestValidator,
      requestModels: this.requestModelsOfRoute(httpMethod, path, options),
    });
    if (options.allowUnauthenticated !== undefined) {
      this.allowUnauthenticated(method, options.allowUnauthenticated);
      // With Cognito scopes as the API's default, the CDK warns that a NONE method ignores them: that is the point.
      Annotations.of(method).acknowledgeWarning('@aws-cdk/aws-apigateway:invalidAuthScope', 'A public method has no OAuth scopes to check.');
    } else {
      acknowledgeLambdaAuthorizer(method);
    }
    if (options.allowUnvalidatedBody !== undefined) {
      this.allowUnvalidatedBody(method, options.allowUnvalidatedBody);
    }
    if (options.throttle) {
      this.throttleMethod(method, options.throttle);
    }
    return method;
  }

  /**
   * Called by the CDK for every method of this API as it is created, including the CORS
   * preflight methods that `defaultCorsPreflightOptions` adds while the API is being constructed
   * (so this must not read this class's fields).
   *
   * A CORS preflight (an OPTIONS method with a MOCK integration) is opened: browsers never sign
   * or authenticate preflight requests. A method authorized by AWS IAM, whether by the API's
   * default or its own options, gets AwsSolutions-COG4 acknowledged: Signature Version 4 is
   * authentication.
   *
   * @internal
   */
  public _attachMethod(method: apigateway.Method): void {
    super._attachMethod(method);
    if (isCorsPreflight(method)) {
      openCorsPreflight(method);
    } else {
      acknowledgeIamAuthorization(method);
    }
  }

  /**
   * Declares a method of this API public: anyone may call it without authenticating.
   *
   * For methods added with `addMethod` and `authorizationType: AuthorizationType.NONE`; with
   * `addLambdaRoute`, use its `allowUnauthenticated` option. The reason is recorded with the
   * acknowledgement of the findings that the method has no authorization.
   */
  public allowUnauthenticated(method: apigateway.Method, reason: string): void {
    this.checkOwnMethod(method, 'allowUnauthenticated');
    checkReason(this.failWith(), 'allowUnauthenticated', reason);
    this.unauthenticated.set(method, reason);
    const acknowledgedReason = `Public by design (allowUnauthenticated): ${reason}`;
    acknowledgeFindings(method.node.defaultChild as CfnResource,
      { id: 'SecureServerless-RestApiMethodAuthorization', reason: acknowledgedReason },
      { id: 'AwsSolutions-APIG4', reason: acknowledgedReason },
      { id: 'AwsSolutions-COG4', reason: acknowledgedReason });
  }

  /**
   * Declares that API Gateway need not validate a method's request body.
   *
   * For methods added with `addMethod`; with `addLambdaRoute`, use its `allowUnvalidatedBody`
   * option.
   */
  public allowUnvalidatedBody(method: apigateway.Method, reason: string): void {
    this.checkOwnMethod(method, 'allowUnvalidatedBody');
    checkReason(this.failWith(), 'allowUnvalidatedBody', reason);
    this.unvalidatedBody.set(method, reason);
    acknowledgeFindings(method.node.defaultChild as CfnResource,
      { id: 'SecureServerless-RestApiRequestValidation', reason: `Body not validated by API Gateway (allowUnvalidatedBody): ${reason}` });
  }

  /**
   * Gives one method of this API its own rate and burst limit, instead of the stage's.
   */
  public throttleMethod(method: apigateway.Method, throttle: apigateway.ThrottleSettings): void {
    this.checkOwnMethod(method, 'throttleMethod');
    checkThrottle(this.failWith(), 'throttle', throttle, true);
    checkOverrideWithinStage(this.failWith(), 'throttle', throttle, this.stageThrottle);
    this.methodThrottles.push({ method, throttle });
  }

  /**
   * Adds a usage plan, which must cap each API key with a throttle and a quota.
   *
   * A plan without them lets whoever holds, or leaks, a key call at the stage's full rate for
   * as long as they like; so `throttle` (rate and burst) and `quota` (limit and period) are
   * required, here and in each of `apiStages`' per-method throttles.
   */
  public addUsagePlan(id: string, props?: apigateway.UsagePlanProps): apigateway.UsagePlan {
    const fail: Fail = (name, problem, fix) => {
      throw secureValidationError(this, name, `addUsagePlan('${id}'): ${problem}`, fix);
    };
    if (props?.throttle === undefined) {
      fail('UsagePlanWithoutThrottle', 'the usage plan has no throttle, so each API key may call at the stage\'s full rate.',
        'pass throttle: { rateLimit, burstLimit } (requests per second, and a burst).');
    }
    if (props?.quota === undefined) {
      fail('UsagePlanWithoutQuota', 'the usage plan has no quota, so each API key may call without end.',
        'pass quota: { limit, period: apigateway.Period.DAY } (or WEEK, MONTH).');
    }
    checkThrottle(fail, 'throttle', props!.throttle, true);
    checkQuota(fail, 'quota', props!.quota!);
    for (const [index, stage] of (props!.apiStages ?? []).entries()) {
      for (const perMethod of stage.throttle ?? []) {
        checkThrottle(fail, `apiStages[${index}].throttle (${perMethod.method.httpMethod} ${perMethod.method.resource.path})`, perMethod.throttle, true);
      }
    }
    return super.addUsagePlan(id, props);
  }

  /**
   * Adds a custom domain with TLS 1.2 or newer; the execute-api endpoint is then disabled unless
   * `disableExecuteApiEndpoint` is false.
   */
  public addDomainName(id: string, options: apigateway.DomainNameOptions): apigateway.DomainName {
    // Also called by the base constructor for `domainName`, before this class's fields exist.
    checkDomainSecurityPolicy(this.failWith(), 'domainName.securityPolicy', options.securityPolicy);
    return super.addDomainName(id, { ...options, securityPolicy: options.securityPolicy ?? apigateway.SecurityPolicy.TLS_1_2 });
  }

  private failWith(): Fail {
    return (name, problem, fix) => {
      throw secureValidationError(this, name, problem, fix);
    };
  }

  private checkOwnMethod(method: apigateway.Method, caller: string): void {
    if (method.api !== this) {
      throw secureValidationError(this, 'ForeignMethod', `${caller} was given ${method.node.path}, a method of another API.`,
        `call ${caller} on the API the method belongs to.`);
    }
  }

  private authorizationOfRoute(options: LambdaRouteOptions): apigateway.MethodOptions {
    if (options.allowUnauthenticated !== undefined) {
      return { authorizationType: apigateway.AuthorizationType.NONE };
    }
    if (options.authorization) {
      return this.authorizers.optionsFor(options.authorization, 'authorization');
    }
    return {};
  }

  private requestModelsOfRoute(httpMethod: string, path: string,
    options: LambdaRouteOptions): { [contentType: string]: apigateway.IModel } | undefined {
    let model = options.requestModel;
    if (options.requestSchema) {
      const modelId = `${httpMethod}${path}`.replace(/[^A-Za-z0-9]/g, ' ').replace(/\b\w/g, c => c.toUpperCase()).replace(/ /g, '');
      model = this.addModel(`${modelId}Model`, { contentType: 'application/json', schema: options.requestSchema });
    }
    return model ? { 'application/json': model } : undefined;
  }

  private createAccessLogGroup(retention: logs.RetentionDays, format: apigateway.AccessLogFormat | undefined): logs.LogGroup {
    const logGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention,
      encryptionKey: this.encryptionKey,
      // Logs are audit evidence: they outlive the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const cfnStage = this.deploymentStage.node.defaultChild as apigateway.CfnStage;
    cfnStage.accessLogSetting = {
      destinationArn: logGroup.logGroupArn,
      format: format?.toString() ?? REST_ACCESS_LOG_FORMAT,
    };
    return logGroup;
  }

  /** Appends the per-method throttles to the stage's method settings, as they are added. */
  private throttleMethodsOfStage(): void {
    const cfnStage = this.deploymentStage.node.defaultChild as apigateway.CfnStage;
    const base = (cfnStage.methodSettings ?? []) as apigateway.CfnStage.MethodSettingProperty[];
    cfnStage.methodSettings = Lazy.any({
      produce: () => [...base, ...this.methodThrottles.map(({ method, throttle }) => ({
        httpMethod: method.httpMethod === 'ANY' ? '*' : method.httpMethod,
        resourcePath: methodSettingPath(method.resource.path),
        throttlingRateLimit: throttle.rateLimit,
        throttlingBurstLimit: throttle.burstLimit,
        loggingLevel: this.stageLoggingLevel,
        dataTraceEnabled: false,
      }))],
    });
  }

  /**
   * Acknowledges the findings that cannot apply to this API at its settings, on the stage and on
   * the methods, each with its reason.
   */
  private acknowledgeStageFindings(props: SecureApiProps): void {
    const cfnStage = this.deploymentStage.node.defaultChild as apigateway.CfnStage;
    const deployOptions = props.deployOptions ?? {};
    if (!deployOptions.cachingEnabled && !deployOptions.cacheClusterEnabled) {
      const reason = 'The stage has no cache: the responses of authenticated Lambda methods differ per caller, so caching them would risk '
        + 'serving one caller\'s data to another, and a cache cluster costs from $14 a month. With nothing cached there is nothing to encrypt.';
      acknowledgeFindings(cfnStage, ...['HIPAA.Security', 'NIST.800.53.R4', 'NIST.800.53.R5', 'PCI.DSS.321']
        .map(pack => ({ id: `${pack}-APIGWCacheEnabledAndEncrypted`, reason })));
    }
    if (deployOptions.clientCertificateId === undefined) {
      const reason = 'A client certificate lets an HTTP backend verify that requests come from API Gateway. SecureApi integrates Lambda '
        + 'functions, which API Gateway invokes through the Lambda API under the function\'s resource policy, not over HTTP: there is no '
        + 'backend to present a certificate to. For HTTP integrations, set deployOptions.clientCertificateId.';
      acknowledgeFindings(cfnStage, ...['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321']
        .map(pack => ({ id: `${pack}-APIGWSSLEnabled`, reason })));
    }
    if (props.allowDataTrace !== undefined) {
      acknowledgeFindings(cfnStage, { id: 'SecureServerless-RestApiDataTrace', reason: `Data trace on by choice (allowDataTrace): ${props.allowDataTrace}` });
    }
  }
}

/**
 * The default method options of an authorization. Both the type and the authorizer are set, so
 * that methods may use another one. The authorizer resource is created after the API, so the
 * authorizer is named through a lazy id (the IAM and user-made ones need none).
 */
function defaultMethodAuthorization(authorization: ApiAuthorization, created: () => AuthorizationMethodOptions): apigateway.MethodOptions {
  const type = authorization.authorizationType;
  switch (authorization.kind) {
    case ApiAuthorizationKind.IAM:
      return { authorizationType: type, authorizer: { authorizerId: '', authorizationType: type } };
    case ApiAuthorizationKind.CUSTOM:
      return {
        authorizationType: type,
        authorizer: authorization._config.authorizer,
        authorizationScopes: type === apigateway.AuthorizationType.COGNITO ? authorization._config.scopes : undefined,
      };
    default:
      return {
        authorizationType: type,
        authorizer: { authorizerId: Lazy.string({ produce: () => created().authorizer.authorizerId }), authorizationType: type },
        authorizationScopes: authorization.kind === ApiAuthorizationKind.COGNITO ? authorization._config.scopes : undefined,
      };
  }
}

/**
 * Why a method authorized by AWS IAM needs no Cognito user pool: the reason recorded with its
 * AwsSolutions-COG4 acknowledgement.
 */
const IAM_AUTHENTICATION_REASON = 'The method requires AWS IAM authorization: API Gateway authenticates every caller by the '
  + 'Signature Version 4 signature of the request (AWS credentials) and allows only principals granted execute-api:Invoke on the '
  + 'method. SigV4 is authentication; AwsSolutions-COG4 asks for a Cognito user pool authorizer specifically, which is one way '
  + 'to authenticate, not the only one.';

/**
 * Acknowledges AwsSolutions-COG4 on a method authorized by AWS IAM, however it was added
 * (`addLambdaRoute`, `addMethod`, a proxy resource) and whether the type is the API's default or
 * the method's own. AwsSolutions-APIG4, which asks for any authorization, passes on such methods.
 */
function acknowledgeIamAuthorization(method: apigateway.Method): void {
  const cfn = method.node.defaultChild as apigateway.CfnMethod;
  if (cfn.authorizationType === apigateway.AuthorizationType.IAM) {
    acknowledgeFindings(cfn, { id: 'AwsSolutions-COG4', reason: IAM_AUTHENTICATION_REASON });
  }
}

/**
 * Acknowledges AwsSolutions-COG4 on a route of `addLambdaRoute` authenticated by a Lambda
 * authorizer that SecureApi's authorization set up: the rule asks for a Cognito user pool
 * authorizer specifically, while the route authenticates every caller by another means.
 * (IAM-authorized methods are acknowledged as they are attached, see `_attachMethod`.)
 */
function acknowledgeLambdaAuthorizer(method: apigateway.Method): void {
  const cfn = method.node.defaultChild as apigateway.CfnMethod;
  if (cfn.authorizationType === apigateway.AuthorizationType.CUSTOM) {
    acknowledgeFindings(cfn, {
      id: 'AwsSolutions-COG4',
      reason: 'The method authenticates every caller with a Lambda authorizer, chosen with SecureApi\'s authorization; a Cognito user pool is one way to authenticate, not the only one.',
    });
  }
}

/** Refuses route options that contradict each other or leave a body unvalidated. */
function validateRouteOptions(fail: Fail, httpMethod: string, path: string, options: LambdaRouteOptions): void {
  if (!Object.values(apigatewayv2.HttpMethod).includes(httpMethod as apigatewayv2.HttpMethod)) {
    fail('InvalidHttpMethod', `'${httpMethod}' is not an HTTP method API Gateway routes.`, `use one of ${Object.values(apigatewayv2.HttpMethod).join(', ')}.`);
  }
  if (!path.startsWith('/')) {
    fail('InvalidPath', `the path '${path}' does not start with '/'.`, `write the path from the root of the API, e.g. '/${path}'.`);
  }
  checkReason(fail, 'allowUnauthenticated', options.allowUnauthenticated);
  checkReason(fail, 'allowUnvalidatedBody', options.allowUnvalidatedBody);
  if (options.allowUnauthenticated !== undefined && options.authorization !== undefined) {
    fail('ConflictingAuthorizationProps', 'authorization and allowUnauthenticated are both set.', 'keep authorization (recommended) or allowUnauthenticated, not both.');
  }
  if (options.requestSchema !== undefined && options.requestModel !== undefined) {
    fail('ConflictingModelProps', 'requestSchema and requestModel are both set.', 'pass the schema (a model is created for it) or your own model, not both.');
  }
  const hasModel = options.requestSchema !== undefined || options.requestModel !== undefined;
  if (hasModel && options.allowUnvalidatedBody !== undefined) {
    fail('ConflictingModelProps', 'a request model and allowUnvalidatedBody are both set.', 'keep the model (recommended) or allowUnvalidatedBody, not both.');
  }
  if (BODY_METHODS.includes(httpMethod) && !hasModel && options.allowUnvalidatedBody === undefined) {
    fail('BodyWithoutModel', `${httpMethod} accepts a request body, and nothing says what it must look like, so any input would reach, and bill, the function.`,
      'pass requestSchema (a JSON schema) or requestModel; if the function validates the body itself, set allowUnvalidatedBody to the reason.');
  }
  const judgement = options.requestSchema !== undefined ? judgeRequestSchema(options.requestSchema)
    : options.requestModel !== undefined ? judgeRequestModel(options.requestModel) : undefined;
  if (judgement !== undefined && !judgement.constrains) {
    fail('UnconstrainedRequestSchema', `${options.requestSchema !== undefined ? 'requestSchema' : 'requestModel'} ${judgement.reason}, `
      + 'so the request validator checks nothing and any input would reach, and bill, the function.', REQUEST_SCHEMA_FIX);
  }
  checkThrottle(fail, 'throttle', options.throttle, true);
}

/** The `ResourcePath` of a stage method setting for a resource path: `/` escaped as `~1`. */
function methodSettingPath(path: string): string {
  return path === '/' ? '/' : `/${path.replace(/\//g, '~1')}`;
}
