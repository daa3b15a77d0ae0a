import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import ApiMethodThrottleOverride from './ApiMethodThrottleOverride';
import HttpApiAccessLogging from './HttpApiAccessLogging';
import HttpApiCustomDomainTls from './HttpApiCustomDomainTls';
import HttpApiRouteAuthorization from './HttpApiRouteAuthorization';
import HttpApiStageThrottling from './HttpApiStageThrottling';
import RestApiAccessLogging from './RestApiAccessLogging';
import RestApiCustomDomainTls from './RestApiCustomDomainTls';
import RestApiDataTrace from './RestApiDataTrace';
import RestApiMethodAuthorization from './RestApiMethodAuthorization';
import RestApiPolicyGrantsAnyone from './RestApiPolicyGrantsAnyone';
import RestApiRequestValidation from './RestApiRequestValidation';
import RestApiStageThrottling from './RestApiStageThrottling';
import RestApiUsagePlanLimits from './RestApiUsagePlanLimits';
import RestApiWaf from './RestApiWaf';
import { REST_STAGE_TYPES } from './template-values';
import { RiskCategory } from '../../risk-category';
import { SecurityRule } from '../../security-rule';

/** The rules for API Gateway: REST APIs (v1), then HTTP and WebSocket APIs (v2). */
export const APIGATEWAY_RULES: SecurityRule[] = [
  {
    check: RestApiStageThrottling,
    resourceTypes: REST_STAGE_TYPES,
    risk: RiskCategory.THROTTLING,
    level: NagMessageLevel.ERROR,
    what: 'The REST API stage has no stage-wide rate and burst limit, or one at or above the account\'s default limit (10,000 requests per second, bursts of 5,000), literal or as the value of the parameter it refers to, so it caps nothing.',
    why: 'Without one, a single caller can use the whole account-wide limit (10,000 requests per second, shared by every API in the Region), starving the other APIs and paying for every backend call it triggers: a "billing denial of service".',
    fix: 'Use `SecureApi`, which throttles its stage by default (100 requests per second, bursts of 200); with the plain CDK set `deployOptions: { throttlingRateLimit, throttlingBurstLimit }` on the `RestApi` (a method setting for every resource and method), below 10,000 and 5,000.',
  },
  {
    check: RestApiUsagePlanLimits,
    resourceTypes: ['AWS::ApiGateway::UsagePlan'],
    risk: RiskCategory.THROTTLING,
    level: NagMessageLevel.ERROR,
    what: 'The usage plan has no throttle (rate and burst limit) or no quota (limit and period), or a throttle at or above the account\'s default limit (10,000 requests per second, bursts of 5,000), which caps nothing.',
    why: 'API Gateway can cap the requests of each API key with a throttle and a quota; without them a leaked or abused key may call at the stage\'s full rate for as long as it likes, and the bill follows.',
    fix: 'Set `throttle: { rateLimit, burstLimit }` and `quota: { limit, period }` on the usage plan (`addUsagePlan` of a `SecureApi` or `RestApi`, or `new apigateway.UsagePlan`), the throttle below 10,000 requests per second and bursts of 5,000.',
  },
  {
    check: ApiMethodThrottleOverride,
    resourceTypes: [...REST_STAGE_TYPES, 'AWS::ApiGatewayV2::Stage', 'AWS::ApiGateway::UsagePlan'],
    risk: RiskCategory.THROTTLING,
    level: NagMessageLevel.ERROR,
    what: 'A per-method or per-route throttle lifts the limit it overrides: a REST method setting above the stage-wide (/*/*) one, an HTTP API route setting above DefaultRouteSettings, or a usage plan\'s per-method throttle above the plan\'s, or a negative (unlimited) one; the finding names the method, the limit and both numbers.',
    why: 'The stage-wide limit is what stops a single caller from using the whole account-wide limit and billing every backend call; an override that lifts it for one method leaves exactly that method, the one an attacker will call, as open as an unthrottled stage.',
    fix: 'Keep per-method limits at or below the stage\'s: lower `methodOptions[\'/path/METHOD\'].throttlingRateLimit` and `throttlingBurstLimit` (or the `SecureApi` route `throttle`, `throttleMethod`), the HTTP stage\'s `routeSettings`, or the usage plan\'s `apiStages[].throttle`; if the method really needs more, raise the stage-wide limit instead, below the account\'s.',
  },
  {
    check: RestApiMethodAuthorization,
    resourceTypes: ['AWS::ApiGateway::Method'],
    risk: RiskCategory.AUTHENTICATION,
    level: NagMessageLevel.ERROR,
    what: 'The REST API method has no authorization: AuthorizationType NONE, CUSTOM or COGNITO_USER_POOLS without an AuthorizerId, or an OPTIONS method with a non-MOCK (Lambda, HTTP) backend. Only MOCK OPTIONS methods, the CORS preflights, are exempt.',
    why: 'Anyone who finds the URL can call the method and the function behind it, a public entry point nobody may have meant to open; an API key identifies a client but authenticates no one.',
    fix: 'Use `SecureApi`, which requires an authorizer on every method and opens one only with a stated reason; with the plain CDK pass an `authorizer` (`CognitoUserPoolsAuthorizer`, `TokenAuthorizer`, `RequestAuthorizer`) or `authorizationType: AuthorizationType.IAM` to `addMethod`, or set `defaultMethodOptions` on the `RestApi`.',
  },
  {
    check: RestApiRequestValidation,
    resourceTypes: ['AWS::ApiGateway::Method'],
    risk: RiskCategory.INPUT_VALIDATION,
    level: NagMessageLevel.ERROR,
    what: 'The REST API method accepts a request body without a request validator that validates the body, or without a request model to validate it against, or its request model constrains nothing (finding `Model::<name>`: API Gateway\'s `Empty` model, or a schema that is an object without typed `properties`, or with neither `required` nor `additionalProperties: false`).',
    why: 'Unvalidated event input is how injection reaches serverless code; a body validator makes API Gateway reject a body that does not match the method\'s model before it reaches, and bills, the function, and a model that accepts any object makes the validator check nothing.',
    fix: 'Use `SecureApi`, which validates request bodies by default and refuses schemas that constrain nothing; with the plain CDK pass `requestValidatorOptions: { validateRequestBody: true }` (or a `requestValidator` with `validateRequestBody: true`) and `requestModels` to `addMethod`, with a schema whose `properties` each have a `type` and which lists `required` properties or sets `additionalProperties: false`.',
  },
  {
    check: RestApiWaf,
    resourceTypes: REST_STAGE_TYPES,
    risk: RiskCategory.INPUT_VALIDATION,
    level: NagMessageLevel.WARN,
    what: 'The REST API stage has no AWS WAF web ACL associated.',
    why: 'A web ACL adds the layer that WAFs give traditional web apps: it blocks common exploits, known bad inputs and floods from a single address (rate-based rules) before they reach the functions.',
    fix: 'Use `SecureApi`, which associates a web ACL by default (one prop to turn off); with the plain CDK create a `wafv2.CfnWebACL` with scope `REGIONAL` and a `wafv2.CfnWebACLAssociation` with `resourceArn: api.deploymentStage.stageArn`.',
  },
  {
    check: RestApiAccessLogging,
    resourceTypes: REST_STAGE_TYPES,
    risk: RiskCategory.OBSERVABILITY,
    level: NagMessageLevel.WARN,
    what: 'The REST API stage writes no access logs.',
    why: 'Without access logs there is no record of who called which method and when, so abuse and incidents cannot be investigated.',
    fix: 'Use `SecureApi`, which writes JSON access logs to a log group with retention; with the plain CDK set `deployOptions: { accessLogDestination: new apigateway.LogGroupLogDestination(logGroup), accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields() }`.',
  },
  {
    check: RestApiDataTrace,
    resourceTypes: REST_STAGE_TYPES,
    risk: RiskCategory.SENSITIVE_LOGGING,
    level: NagMessageLevel.ERROR,
    what: 'The REST API stage enables data trace, which logs full requests and responses.',
    why: 'Data trace writes every header and body, tokens, passwords and personal data included, to CloudWatch Logs, exposing them to anyone (or anything) that can read the logs.',
    fix: 'Use `SecureApi`, which never enables data trace; with the plain CDK remove `dataTraceEnabled: true` from `deployOptions` and `methodOptions`, and rely on access logs and `loggingLevel: MethodLoggingLevel.ERROR`.',
  },
  {
    check: RestApiCustomDomainTls,
    resourceTypes: ['AWS::ApiGateway::DomainName'],
    risk: RiskCategory.ENCRYPTION_IN_TRANSIT,
    level: NagMessageLevel.ERROR,
    what: 'The REST API custom domain does not pin a TLS 1.2+ security policy (it is TLS_1_0, or not set).',
    why: 'TLS 1.0 and 1.1 are deprecated (RFC 8996) and open to downgrade attacks, and a domain without an explicit policy gets whatever the service default was when it was created, which used to be TLS 1.0.',
    fix: 'Use `SecureApi`, which pins TLS 1.2 on its custom domain; with the plain CDK set `securityPolicy: apigateway.SecurityPolicy.TLS_1_2` (or an enhanced `TLS13_*` policy) on the `DomainName` or in the `RestApi`\'s `domainName` options.',
  },
  {
    check: RestApiPolicyGrantsAnyone,
    resourceTypes: ['AWS::ApiGateway::RestApi'],
    risk: RiskCategory.PUBLIC_ACCESS,
    level: NagMessageLevel.ERROR,
    what: 'The REST API\'s resource policy allows any principal to invoke it (`execute-api:Invoke`, `execute-api:*` or `*`) without a condition that narrows who may call or from where, and no Deny confines the callers to a VPC endpoint, network or organization.',
    why: 'A resource policy is what keeps a private API to your VPC endpoints and an IAM-authorized API to your accounts: allowing `*` lets a VPC endpoint or an IAM principal of any AWS account call it, and a negated condition (`StringNotEquals aws:SourceVpce`) grants everyone outside the endpoint it names.',
    fix: 'Allow `*` only with a condition that pins the caller (`StringEquals aws:SourceVpce`, `aws:SourceIp`, `aws:PrincipalOrgID`), or pair it with a Deny for `*` with `StringNotEquals aws:SourceVpce` as AWS documents for private APIs; with the CDK, build the `policy` of the `RestApi` from `iam.PolicyStatement`s with those `conditions`, or grant named principals (`new iam.AccountPrincipal(accountId)`).',
  },
  {
    check: HttpApiStageThrottling,
    resourceTypes: ['AWS::ApiGatewayV2::Stage'],
    risk: RiskCategory.THROTTLING,
    level: NagMessageLevel.ERROR,
    what: 'The HTTP or WebSocket API stage has no default rate and burst limit for its routes, or one at or above the account\'s default limit (10,000 requests per second, bursts of 5,000), literal or as the value of the parameter it refers to, so it caps nothing.',
    why: 'Without one, a single caller can use the whole account-wide limit (10,000 requests per second, shared by every API in the Region), starving the other APIs and paying for every backend call it triggers: a "billing denial of service".',
    fix: 'Use `SecureHttpApi`, which throttles its default stage; with the plain CDK create the `HttpApi` with `createDefaultStage: false` and add `api.addStage(\'Stage\', { stageName: \'$default\', autoDeploy: true, throttle: { rateLimit, burstLimit } })`, below 10,000 and 5,000.',
  },
  {
    check: HttpApiRouteAuthorization,
    resourceTypes: ['AWS::ApiGatewayV2::Api', 'AWS::ApiGatewayV2::Route'],
    risk: RiskCategory.AUTHENTICATION,
    level: NagMessageLevel.ERROR,
    what: 'The HTTP API route (or WebSocket $connect route) has no authorizer (AuthorizationType NONE); an OPTIONS route is exempt only without an integration (API Gateway then answers the CORS preflight itself), not when it runs a Lambda or HTTP backend.',
    why: 'Anyone who finds the URL can call the route and the function behind it, a public entry point nobody may have meant to open.',
    fix: 'Use `SecureHttpApi`, which requires an authorizer on every route and opens one only with a stated reason; with the plain CDK set `defaultAuthorizer` on the `HttpApi` (`HttpJwtAuthorizer`, `HttpUserPoolAuthorizer`, `HttpLambdaAuthorizer`, `HttpIamAuthorizer`) or an `authorizer` in `addRoutes`, and on a WebSocket API an `authorizer` in `connectRouteOptions`.',
  },
  {
    check: HttpApiAccessLogging,
    resourceTypes: ['AWS::ApiGatewayV2::Stage'],
    risk: RiskCategory.OBSERVABILITY,
    level: NagMessageLevel.WARN,
    what: 'The HTTP or WebSocket API stage writes no access logs.',
    why: 'Without access logs there is no record of who called which route and when, so abuse and incidents cannot be investigated.',
    fix: 'Use `SecureHttpApi`, which writes JSON access logs to a log group with retention; with the plain CDK pass `accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(logGroup), format: apigateway.AccessLogFormat.jsonWithStandardFields() }` to the stage.',
  },
  {
    check: HttpApiCustomDomainTls,
    resourceTypes: ['AWS::ApiGatewayV2::DomainName'],
    risk: RiskCategory.ENCRYPTION_IN_TRANSIT,
    level: NagMessageLevel.ERROR,
    what: 'The HTTP API custom domain does not pin a TLS 1.2+ security policy (it is TLS_1_0, or not set).',
    why: 'TLS 1.0 and 1.1 are deprecated (RFC 8996) and open to downgrade attacks, and a domain without an explicit policy relies on an undocumented service default.',
    fix: 'Use `SecureHttpApi`, which pins TLS 1.2 on its custom domain; with the plain CDK set `securityPolicy: apigwv2.SecurityPolicy.TLS_1_2` on the `apigwv2.DomainName`.',
  },
];
