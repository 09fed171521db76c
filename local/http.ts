// The API on localhost for `npm start` and tests: a Node HTTP server that turns each request into
// the API Gateway v2 event the HTTP API would send and hands it to the same translation as the
// Lambda handler. In front of staff routes it plays API Gateway's JWT authorizer: a valid
// development token fills `requestContext.authorizer.jwt.claims` (values as strings, array
// claims flattened to `[a b]`, as API Gateway does); no token or a bad one is 401 before the
// handler runs, as on AWS.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createApi } from '../lambdas/api/app.js';
import { MAX_REQUEST_BYTES } from '../lambdas/api/body.js';
import { apiConfig } from '../lambdas/api/config.js';
import type { ApiConfig } from '../lambdas/api/config.js';
import { createApiDeps } from '../lambdas/api/deps.js';
import type { ApiDeps } from '../lambdas/api/deps.js';
import { checkDevToken, signDevToken } from '../lambdas/api/dev-token.js';
import { lookupRoute } from '../lambdas/api/routes.js';
import { versionView } from '../lambdas/api/staff-cases.js';
import { renderConfig } from '../lambdas/config.js';
import { createApiHandler } from '../lambdas/handlers/api.js';
import type { ApiEvent } from '../lambdas/handlers/api.js';
import { notifyConfig, recipientNotifier } from '../lambdas/notify/recipient-notifier.js';
import { createPipelineClients, destroyPipelineClients } from '../lambdas/pipeline/pipeline-clients.js';
import type { PipelineClients } from '../lambdas/pipeline/pipeline-clients.js';
import { JwtAuthorizer, gatewayClaims } from './jwt-authorizer.js';

type EventHandler = (event: ApiEvent) => Promise<APIGatewayProxyStructuredResultV2>;

export interface LocalHttpOptions {
  handler: EventHandler;
  /** The secret development tokens are checked with. */
  devTokenSecret: Buffer;
  /** Tokens of the configured OpenID Connect issuer, checked as API Gateway would. */
  jwtAuthorizer?: JwtAuthorizer;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  now?: () => Date;
}

export interface LocalHttp {
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  stop(): Promise<void>;
}

const TEXT_TYPES = /^(text\/|application\/(json|x-www-form-urlencoded)\b)/i;

function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        request.removeAllListeners('data');
        request.resume(); // drain without keeping it
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const body = result.body === undefined ? Buffer.alloc(0) : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  response.writeHead(result.statusCode ?? 200, { ...(result.headers as Record<string, string> | undefined), 'content-length': String(body.length) });
  response.end(body);
}

function gatewayError(status: number, message: string, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return { statusCode: status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ message }) };
}

/** The request's headers as API Gateway passes them: one string each, a repeated one joined by commas. */
function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

/** The claims the JWT authorizer passes on for a bearer token (a development token or the issuer's); undefined for none or a bad one. */
async function bearerClaims(authorization: string | undefined, options: LocalHttpOptions, now: Date): Promise<Record<string, string> | undefined> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return undefined;
  const dev = checkDevToken(token, options.devTokenSecret, now);
  if (dev) return gatewayClaims(dev);
  return options.jwtAuthorizer ? await options.jwtAuthorizer.claims(token) : undefined;
}

interface GatewayRequest {
  request: IncomingMessage;
  url: URL;
  method: string;
  headers: Record<string, string>;
  routeKey: string;
  body: Buffer;
  /** A staff route's claims; none for a public route, which has no authorizer on AWS. */
  claims: Record<string, string> | undefined;
  time: Date;
}

/** The API Gateway v2 event the HTTP API would send for the request. */
function gatewayEvent({ request, url, method, headers, routeKey, body, claims, time }: GatewayRequest): APIGatewayProxyEventV2WithJWTAuthorizer {
  const text = body.length === 0 || TEXT_TYPES.test(headers['content-type'] ?? '');
  const event: APIGatewayProxyEventV2WithJWTAuthorizer = {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: time.toUTCString(),
      timeEpoch: time.getTime(),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: claims ?? {}, scopes: [] } },
    },
    ...(body.length > 0 ? { body: body.toString(text ? 'utf8' : 'base64') } : {}),
    isBase64Encoded: !text,
  };
  if (!claims) delete (event.requestContext as Partial<typeof event.requestContext>).authorizer;
  return event;
}

/** One request, as API Gateway takes it: a staff route's token first, then the body, then the handler. */
async function serveRequest(request: IncomingMessage, response: ServerResponse, options: LocalHttpOptions, now: () => Date): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = (request.method ?? 'GET').toUpperCase();
  const headers = headersOf(request);
  const found = lookupRoute(method, url.pathname);
  const staff = found.kind === 'matched' && found.match.route.auth === 'staff';
  const claims = staff ? await bearerClaims(headers.authorization, options, now()) : undefined;
  // Refused before a byte of the body is read; the connection closes rather than take the rest.
  if (staff && !claims) return send(response, gatewayError(401, 'Unauthorized', { connection: 'close' }));
  const body = await readBody(request);
  if (body === 'too-large') return send(response, gatewayError(413, 'Request Entity Too Large'));
  const routeKey = found.kind === 'matched' ? `${found.match.route.method} ${found.match.route.path}` : '$default';
  send(response, await options.handler(gatewayEvent({ request, url, method, headers, routeKey, body, claims, time: now() })));
}

export async function startLocalHttp(options: LocalHttpOptions): Promise<LocalHttp> {
  const now = options.now ?? (() => new Date());
  const server = createServer((request, response) => {
    void serveRequest(request, response, options, now).catch((error: unknown) => {
      if (!response.headersSent) send(response, gatewayError(500, 'Internal Server Error'));
      else response.destroy(error as Error);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

// ---- the API as `npm start` runs it ---------------------------------------------------------------

export interface LocalApiOptions {
  /** The local stack's pipeline environment (localPipelineEnv): table, bucket, queue, endpoints. */
  env: Record<string, string>;
  /** 8080 by default, where the demo QR codes point; a free port when that one is taken. */
  port?: number;
  log?: (line: string) => void;
}

export interface LocalApi {
  /** e.g. http://127.0.0.1:8080: the API's public base URL, also the QR codes' verify base. */
  url: string;
  /** A staff development token valid for 12 hours, for the console and curl. */
  devToken: string;
  /** Lines naming the staff console and the dev token. */
  banner(): string;
  /** Lines with each case's current document: 文号, download link, verification page. */
  documentLinks(caseIds: readonly string[]): Promise<string>;
  stop(): Promise<void>;
}

const DEV_TOKEN_HOURS = 12;

/** Listens on the asked port (8080 by default), or on a free one when it is taken; with the OpenID Connect issuer's authorizer when `env` names one. */
async function listen(handler: EventHandler, devTokenSecret: Buffer, options: LocalApiOptions): Promise<LocalHttp> {
  const { NOTICE_OIDC_ISSUER: issuer, NOTICE_OIDC_CLIENT_ID: clientId } = options.env;
  const jwtAuthorizer = issuer && clientId ? { jwtAuthorizer: new JwtAuthorizer({ issuer, audience: [clientId] }) } : {};
  const port = options.port ?? 8080;
  try {
    return await startLocalHttp({ handler, devTokenSecret, ...jwtAuthorizer, port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    options.log?.(`port ${port} is taken; the API listens on a free port instead`);
    return startLocalHttp({ handler, devTokenSecret, ...jwtAuthorizer });
  }
}

/** The API's dependencies as the Lambda builds them, its warnings and errors written to `log`. */
function localApiDeps(
  env: Record<string, string> & { NOTICE_LINK_SECRET: string },
  config: ApiConfig,
  clients: PipelineClients,
  log: ((line: string) => void) | undefined,
): ApiDeps {
  const render = renderConfig(env);
  const line = (message: string, fields?: unknown) => log?.(`API: ${message} ${JSON.stringify(fields ?? {})}`);
  return createApiDeps(config, clients, {
    linkSecret: Buffer.from(env.NOTICE_LINK_SECRET, 'utf8'),
    issuerName: render.issuer.name,
    demo: render.demo,
    recipientNotifier: recipientNotifier(notifyConfig(env), { sns: clients.sns, log: line }),
    log: { info: () => {}, warn: line, error: line },
  });
}

/**
 * Serves the API for the local stack: secrets are random per run (links and tokens printed by one
 * run do not outlive it), unless NOTICE_LINK_SECRET is set in `env` to keep links across runs.
 */
export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const devTokenSecret = randomBytes(32);
  let handler: EventHandler | undefined;
  const serve: EventHandler = (event) => {
    if (!handler) throw new Error('the local API is not ready yet');
    return handler(event);
  };
  const http = await listen(serve, devTokenSecret, options);
  // Recipient messages go to out/notifications/ (and the log) unless a channel is configured.
  const env = {
    NOTICE_LINK_SECRET: randomBytes(32).toString('base64url'),
    NOTICE_SEND_OUTBOX_DIR: 'out/notifications',
    ...options.env,
    NOTICE_PUBLIC_BASE_URL: http.url,
  };
  const config = apiConfig(env);
  const clients = createPipelineClients(config.aws);
  const deps = localApiDeps(env, config, clients, options.log);
  handler = createApiHandler(createApi(deps));
  const devToken = signDevToken(
    {
      sub: 'local-developer',
      email: 'developer@local.test',
      'cognito:groups': [config.staffGroup],
      exp: Math.floor(Date.now() / 1000) + DEV_TOKEN_HOURS * 3600,
    },
    devTokenSecret,
  );

  return {
    url: http.url,
    devToken,
    banner: () =>
      [
        `HTTP API on ${http.url}`,
        `  staff console: ${http.url}/staff`,
        `  development token (group ${config.staffGroup}, valid ${DEV_TOKEN_HOURS} h; paste it into the console, or curl -H "Authorization: Bearer …"):`,
        `  ${devToken}`,
      ].join('\n'),
    async documentLinks(caseIds) {
      const lines: string[] = [];
      for (const caseId of caseIds) {
        const current = (await deps.versions.listVersions(caseId)).find((v) => v.status === 'CURRENT');
        if (!current) continue;
        const view = versionView(deps, current);
        lines.push(`  ${caseId}  ${view.documentNumber}  v${view.version}`, `    download: ${view.recipientLink}`, `    verify:   ${view.verifyUrl}`);
      }
      return lines.length > 0 ? `documents (download links valid ${config.linkTtlDays} days):\n${lines.join('\n')}` : 'no documents issued yet';
    },
    async stop() {
      await http.stop();
      destroyPipelineClients(clients);
    },
  };
}
