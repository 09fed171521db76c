// The HTTP API Lambda (API Gateway HTTP API, payload format 2.0). Thin: the event becomes an
// ApiRequest, the API (lambdas/api/app.ts) answers, the answer becomes the Lambda result. The
// local HTTP adapter builds the same events and calls the same translation, so what runs behind
// `npm start` is this code.
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createApi } from '../api/app.js';
import type { Api } from '../api/app.js';
import { apiConfig } from '../api/config.js';
import { createApiDeps } from '../api/deps.js';
import type { ApiRequest, ApiResponse } from '../api/http.js';
import { loadLinkSecret } from '../api/link-secret.js';
import { renderConfig } from '../config.js';
import { createPipelineClients } from '../pipeline/pipeline-clients.js';
import { maskingReplacer } from './logger.js';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer | APIGatewayProxyEventV2;

export function requestOf(event: ApiEvent): ApiRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) if (value !== undefined) headers[name.toLowerCase()] = value;
  const context = event.requestContext as Partial<APIGatewayProxyEventV2WithJWTAuthorizer['requestContext']>;
  const claims = context.authorizer?.jwt?.claims;
  return {
    method: event.requestContext.http.method,
    path: event.rawPath,
    query: new URLSearchParams(event.rawQueryString ?? ''),
    headers,
    body: event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0),
    ...(claims ? { claims } : {}),
  };
}

export function resultOf(response: ApiResponse): APIGatewayProxyStructuredResultV2 {
  const binary = Buffer.isBuffer(response.body);
  return {
    statusCode: response.status,
    headers: response.headers,
    body: binary ? (response.body as Buffer).toString('base64') : (response.body as string),
    isBase64Encoded: binary,
  };
}

export function createApiHandler(api: Api): (event: ApiEvent) => Promise<APIGatewayProxyStructuredResultV2> {
  return async (event) => resultOf(await api(requestOf(event)));
}

export const logger = new Logger({ serviceName: 'notice-api', jsonReplacerFn: maskingReplacer });

/** Built on the first request of a Lambda environment: configuration, clients, the link secret. */
async function apiFromEnvironment(env: Record<string, string | undefined> = process.env): Promise<Api> {
  const config = apiConfig(env);
  const render = renderConfig(env);
  const clients = createPipelineClients(config.aws);
  const linkSecret = await loadLinkSecret(config.linkSecret, env);
  return createApi(
    createApiDeps(config, clients, {
      linkSecret,
      issuerName: render.issuer.name,
      demo: render.demo,
      log: {
        info: (message, fields) => logger.info(message, fields ?? {}),
        warn: (message, fields) => logger.warn(message, fields ?? {}),
        error: (message, fields) => logger.error(message, fields ?? {}),
      },
    }),
  );
}

let api: Promise<Api> | undefined;

export async function handler(event: ApiEvent): Promise<APIGatewayProxyStructuredResultV2> {
  api ??= apiFromEnvironment().catch((error: unknown) => {
    api = undefined; // a failed start (secret not readable yet) is tried again on the next request
    throw error;
  });
  let ready: Api;
  try {
    ready = await api;
  } catch (error) {
    logger.error('API start-up failed', { error: (error as Error).message });
    return resultOf({
      status: 503,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      body: JSON.stringify({ code: 'SERVICE_UNAVAILABLE', message: 'the service is starting or misconfigured; try again shortly' }),
    });
  }
  return createApiHandler(ready)(event);
}
