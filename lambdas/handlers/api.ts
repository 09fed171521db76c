import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';

/** HTTP API entry point (API Gateway v2). Stub until the routes land; the path and export name are stable. */
export async function handler(
  _event: APIGatewayProxyEventV2WithJWTAuthorizer | APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2> {
  return {
    statusCode: 503,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ code: 'NOT_READY', message: 'The API is being built.' }),
  };
}
