/*
 * The JSON access-log formats of the APIs: the CDK's standard fields (what
 * `AccessLogFormat.jsonWithStandardFields()` writes), plus what an incident needs: why
 * authorization, WAF or the integration failed, latency, and the X-Ray trace. Never a header
 * value, a query string or a body: access logs should not become a second copy of the data.
 */
import * as apigateway from 'aws-cdk-lib/aws-apigateway';

/** The CDK's standard fields, taken from `AccessLogFormat.jsonWithStandardFields()` itself so that they cannot drift. */
const STANDARD_FIELDS: { readonly [field: string]: string } = JSON.parse(apigateway.AccessLogFormat.jsonWithStandardFields().toString());

/** The standard fields as HTTP APIs have them: no resource path, but a route key and a path. */
const { resourcePath: _restOnly, ...FIELDS_SHARED_WITH_HTTP } = STANDARD_FIELDS;

/** The access-log format of a `SecureApi` stage, as a JSON template. */
export const REST_ACCESS_LOG_FORMAT = JSON.stringify({
  ...STANDARD_FIELDS,
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
  ...FIELDS_SHARED_WITH_HTTP,
  routeKey: '$context.routeKey',
  path: '$context.path',
  userAgent: '$context.identity.userAgent',
  authorizerError: '$context.authorizer.error',
  errorMessage: '$context.error.message',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  responseLatency: '$context.responseLatency',
});
