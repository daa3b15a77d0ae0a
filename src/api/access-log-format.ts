/*
 * The JSON access-log formats of the APIs: the CDK's standard fields (what
 * `AccessLogFormat.jsonWithStandardFields()` writes), plus what an incident needs: why
 * authorization, WAF or the integration failed, latency, and the X-Ray trace. Never a header
 * value, a query string or a body: access logs should not become a second copy of the data.
 */

/** The standard fields, named as `AccessLogFormat.jsonWithStandardFields()` names them. */
const REST_STANDARD_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  caller: '$context.identity.caller',
  user: '$context.identity.user',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
};

/** The access-log format of a `SecureApi` stage, as a JSON template. */
export const REST_ACCESS_LOG_FORMAT = JSON.stringify({
  ...REST_STANDARD_FIELDS,
  userAgent: '$context.identity.userAgent',
  apiKeyId: '$context.identity.apiKeyId',
  authorizerPrincipalId: '$context.authorizer.principalId',
  authorizerError: '$context.authorizer.error',
  errorMessage: '$context.error.message',
  errorResponseType: '$context.error.responseType',
  wafResponseCode: '$context.wafResponseCode',
  integrationStatus: '$context.integration.status',
  integrationError: '$context.integration.error',
  responseLatency: '$context.responseLatency',
  xrayTraceId: '$context.xrayTraceId',
});

/** The access-log format of a `SecureHttpApi` stage, as a JSON template (HTTP APIs name some variables differently). */
export const HTTP_ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  caller: '$context.identity.caller',
  user: '$context.identity.user',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  userAgent: '$context.identity.userAgent',
  authorizerError: '$context.authorizer.error',
  errorMessage: '$context.error.message',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  responseLatency: '$context.responseLatency',
});
