// The response shape of an API Gateway proxy integration, with the CORS header the browser needs:
// API Gateway answers the preflight itself, but the real response must carry the origin too.
export interface ApiResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export function respond(statusCode: number, body: unknown): ApiResponse {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': process.env.ALLOWED_ORIGIN ?? '' },
    body: JSON.stringify(body),
  };
}
