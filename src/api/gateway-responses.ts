import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { SECURITY_HEADERS } from './defaults';

/**
 * The bodies of the errors API Gateway sends itself (failed authorization, validation, WAF blocks,
 * throttling, integration failures): a fixed message and the request id to quote to support. The
 * API Gateway defaults echo details such as the validation error of a request body or
 * "Missing Authentication Token" for unknown paths, which tell an attacker about the API's shape.
 * The status code still says what kind of error it was.
 */
const GENERIC_BODIES = [
  { id: 'Default4xx', type: apigateway.ResponseType.DEFAULT_4XX, message: 'The request was rejected.' },
  { id: 'Default5xx', type: apigateway.ResponseType.DEFAULT_5XX, message: 'The request could not be completed.' },
];

/** Adds the generic, header-hardened DEFAULT_4XX and DEFAULT_5XX gateway responses to a REST API. */
export function addGenericGatewayResponses(api: apigateway.RestApi, extraHeaders: { [name: string]: string }): void {
  // Gateway response header values are mapping expressions: a literal is quoted in single quotes.
  const responseHeaders = Object.fromEntries(
    Object.entries({ ...SECURITY_HEADERS, ...extraHeaders }).map(([name, value]) => [name, `'${value}'`]));
  for (const { id, type, message } of GENERIC_BODIES) {
    api.addGatewayResponse(id, {
      type,
      responseHeaders,
      templates: { 'application/json': JSON.stringify({ message, requestId: '$context.requestId' }) },
    });
  }
}
