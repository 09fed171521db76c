// The API on one test file's fresh resources: the worker's fixture (real dynalite-plus, fauxqs,
// renderer), the API built from the same environment the Lambda reads, API Gateway v2 events,
// and a worker step that drains the render queue through the pipeline's own message handling.
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createApi } from '../../lambdas/api/app.js';
import { apiConfig } from '../../lambdas/api/config.js';
import type { ApiConfig } from '../../lambdas/api/config.js';
import { createApiDeps } from '../../lambdas/api/deps.js';
import type { ApiDeps, ApiLog } from '../../lambdas/api/deps.js';
import { createApiHandler } from '../../lambdas/handlers/api.js';
import type { ApiEvent } from '../../lambdas/handlers/api.js';
import { DEMO_ISSUER } from '../../lambdas/config.js';
import { issueMessage } from '../../lambdas/pipeline/messages.js';
import type { PipelineOutcome } from '../../lambdas/pipeline/outcome.js';
import { processRenderMessage } from '../../lambdas/pipeline/process-message.js';
import { pipelineFixture } from '../pipeline/fixture.js';
import type { PipelineFixture } from '../pipeline/fixture.js';

export const LINK_SECRET = 'test-link-secret-0123456789abcdef-0123456789';
export const PUBLIC_BASE_URL = 'https://notices.example.test';

export const STAFF_CLAIMS = { sub: 'staff-1', email: 'clerk@example.test', 'cognito:groups': '[staff]' };

interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

export interface ApiFixture extends PipelineFixture {
  apiEnv: Record<string, string>;
  apiConfig: ApiConfig;
  apiDeps: ApiDeps;
  logLines: LogLine[];
  call(event: ApiEvent): Promise<APIGatewayProxyStructuredResultV2>;
  /** Seeds an APPROVED example case and issues version 1 through the worker. */
  issue(docType: Parameters<PipelineFixture['seedCase']>[0], caseId: string, change?: (c: Record<string, unknown>) => void): Promise<void>;
  /** Hands every queued render message to the worker's message handling; returns the outcomes. */
  runWorker(): Promise<PipelineOutcome[]>;
  /** Messages waiting in the render queue (received and made visible again at once). */
  queuedBodies(): Promise<string[]>;
}

export interface EventInput {
  method: string;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** JWT claims as API Gateway passes them; none: a public route (no authorizer). */
  claims?: Record<string, string>;
}

/** An API Gateway HTTP API (payload 2.0) event, as AWS sends it. */
export function gatewayEvent(input: EventInput): ApiEvent {
  const binary = Buffer.isBuffer(input.body);
  const event: APIGatewayProxyEventV2WithJWTAuthorizer = {
    version: '2.0',
    routeKey: '$default',
    rawPath: input.path,
    rawQueryString: input.query ?? '',
    headers: { host: 'notices.example.test', ...(input.headers ?? {}) },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'notices.example.test',
      domainPrefix: 'notices',
      http: { method: input.method, path: input.path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'vitest' },
      requestId: 'req',
      routeKey: '$default',
      stage: '$default',
      time: '25/Nov/2026:10:00:00 +0000',
      timeEpoch: 0,
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: input.claims ?? {}, scopes: [] } },
    },
    ...(input.body !== undefined ? { body: binary ? (input.body as Buffer).toString('base64') : (input.body as string) } : {}),
    isBase64Encoded: binary,
  };
  if (!input.claims) delete (event.requestContext as Partial<typeof event.requestContext>).authorizer;
  return event;
}

function recordingLog(lines: LogLine[]): ApiLog {
  return {
    info: (message, fields) => lines.push({ level: 'info', message, ...(fields ? { fields } : {}) }),
    warn: (message, fields) => lines.push({ level: 'warn', message, ...(fields ? { fields } : {}) }),
    error: (message, fields) => lines.push({ level: 'error', message, ...(fields ? { fields } : {}) }),
  };
}

export async function apiFixture(options: { now?: () => Date } = {}): Promise<ApiFixture> {
  const fx = await pipelineFixture();
  const apiEnv = { ...fx.env, NOTICE_PUBLIC_BASE_URL: PUBLIC_BASE_URL, NOTICE_LINK_SECRET: LINK_SECRET };
  const config = apiConfig(apiEnv);
  const logLines: LogLine[] = [];
  const apiDeps = createApiDeps(config, fx.clients, {
    linkSecret: Buffer.from(LINK_SECRET),
    issuerName: DEMO_ISSUER.name,
    demo: true,
    log: recordingLog(logLines),
    ...(options.now ? { now: options.now } : {}),
  });
  const call = createApiHandler(createApi(apiDeps));
  let messageCount = 0;

  async function receive(visibility: number) {
    const { Messages } = await fx.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: config.renderQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: visibility }),
    );
    return Messages ?? [];
  }

  return {
    ...fx,
    apiEnv,
    apiConfig: config,
    apiDeps,
    logLines,
    call,
    async issue(docType, caseId, change) {
      await fx.seedCase(docType, caseId, change ? { change } : {});
      const outcome = await processRenderMessage(fx.deps, { messageId: `issue-${caseId}`, body: JSON.stringify(issueMessage(caseId)) });
      if (outcome.kind !== 'recorded') throw new Error(`issuing ${caseId} failed: ${JSON.stringify(outcome)}`);
    },
    async runWorker() {
      const outcomes: PipelineOutcome[] = [];
      for (let batch = await receive(60); batch.length > 0; batch = await receive(60)) {
        for (const m of batch) {
          outcomes.push(await processRenderMessage(fx.deps, { messageId: m.MessageId ?? `m-${++messageCount}`, body: m.Body ?? '' }));
          await fx.clients.sqs.send(new DeleteMessageCommand({ QueueUrl: config.renderQueueUrl, ReceiptHandle: m.ReceiptHandle }));
        }
      }
      return outcomes;
    },
    async queuedBodies() {
      // Visibility 0: the messages stay in the queue for the worker.
      const bodies: string[] = [];
      for (const m of await receive(0)) bodies.push(m.Body ?? '');
      return bodies;
    },
  };
}

export function jsonOf(result: APIGatewayProxyStructuredResultV2): Record<string, unknown> {
  return JSON.parse(result.body ?? 'null') as Record<string, unknown>;
}

/** The response as a browser would see it. */
export function textOf(result: APIGatewayProxyStructuredResultV2): string {
  return result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64').toString('utf8') : (result.body ?? '');
}
