// One HTTP endpoint for both services: DynamoDB (X-Amz-Target DynamoDB_20120810.*) and DynamoDB
// Streams (DynamoDBStreams_20120810.*). dynalite's store and actions run in this process; this
// front validates with dynalite's own validations, serialises every write behind one lock so
// that transactions and single writes never interleave, and records the stream as writes commit.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import type { Context } from './context.js';
import { write } from './context.js';
import type { DynaliteOperation, Request } from './dynalite.js';
import { createStore, DYNALITE_OPERATIONS, run, validate } from './dynalite.js';
import { isDynaliteError, ServiceError } from './errors.js';
import { checkIndexKeyFormat } from './index-keys.js';
import { Mutex } from './mutex.js';
import { StreamLog } from './stream-log.js';
import { describeStream, getRecords, getShardIterator, listStreams } from './streams-api.js';
import { createTable, deleteTable, updateTable } from './tables.js';
import { forgetOldTokens, TOKEN_LIFETIME_MS, transactGetItems, transactWriteItems } from './transactions.js';
import { installWriteCapture } from './write-capture.js';

export interface DynalitePlusOptions {
  /** LevelDB folder: tables, stream records and transaction tokens persist there. In memory when absent. */
  path?: string;
  /** Interface to listen on; 127.0.0.1 unless told otherwise. */
  host?: string;
  /** Port to listen on; a free one when 0 or absent. */
  port?: number;
}

export interface DynalitePlus {
  /** http://host:port, for both the DynamoDB and the DynamoDB Streams client. */
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

type Handler = (ctx: Context, body: Request) => Promise<Record<string, unknown>>;

const SINGLE_WRITES = new Set<string>(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

const DYNAMODB: Record<string, Handler> = {
  CreateTable: createTable,
  UpdateTable: updateTable,
  DeleteTable: deleteTable,
  TransactWriteItems: transactWriteItems,
  TransactGetItems: transactGetItems,
};
for (const operation of DYNALITE_OPERATIONS) {
  DYNAMODB[operation] ??= SINGLE_WRITES.has(operation)
    ? (ctx, body) => write(ctx, operation, validate(ctx.store, operation, body), body.ReturnValuesOnConditionCheckFailure === 'ALL_OLD')
    : (ctx, body) => run(ctx.store, operation, validate(ctx.store, operation as DynaliteOperation, body));
}

const STREAMS: Record<string, Handler> = {
  ListStreams: (ctx, body) => listStreams(ctx.log, body),
  DescribeStream: (ctx, body) => describeStream(ctx.log, body),
  GetShardIterator: (ctx, body) => getShardIterator(ctx.log, body),
  GetRecords: (ctx, body) => getRecords(ctx.log, body),
};

const SERVICES: Record<string, Record<string, Handler>> = { DynamoDB_20120810: DYNAMODB, DynamoDBStreams_20120810: STREAMS };

export async function startDynalitePlus(options: DynalitePlusOptions = {}): Promise<DynalitePlus> {
  if (options.path !== undefined) mkdirSync(options.path, { recursive: true });
  // Tables are ACTIVE at once: there is no provisioning to wait for in one process.
  const store = createStore({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await checkIndexKeyFormat(store, options.path);
  const ctx: Context = { store, log: await StreamLog.open(store), capture: installWriteCapture(store), writeLock: new Mutex() };
  await forgetOldTokens(ctx);
  const sweep = setInterval(() => void ctx.writeLock.run(() => forgetOldTokens(ctx)).catch(() => {}), TOKEN_LIFETIME_MS);
  sweep.unref();

  const server = createServer((req, res) => void answer(ctx, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    port,
    async close() {
      clearInterval(sweep);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Waits for writes in flight, then closes the LevelDB.
      await ctx.writeLock.run(() => new Promise<void>((resolve, reject) => store.db.close((e) => (e ? reject(e) : resolve()))));
    },
  };
}

async function answer(ctx: Context, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (req.method === 'GET') return send(res, 200, 'healthy: dynamodb.us-east-1.amazonaws.com ');
  const [service, operation] = String(req.headers['x-amz-target'] ?? '').split('.');
  const handler = SERVICES[service ?? '']?.[operation ?? ''];
  if (req.method !== 'POST' || !handler) {
    return send(res, 400, {
      __type: 'com.amazon.coral.service#UnknownOperationException',
      message: `Unknown operation ${String(req.headers['x-amz-target'])}`,
    });
  }
  let body: Request;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Request;
  } catch {
    return send(res, 400, { __type: 'com.amazon.coral.service#SerializationException', message: 'The request body is not JSON' });
  }
  try {
    send(res, 200, await handler(ctx, body));
  } catch (error) {
    if (error instanceof ServiceError) return send(res, error.statusCode, error.body());
    if (isDynaliteError(error)) return send(res, error.statusCode, error.body);
    send(res, 500, { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: error instanceof Error ? error.message : String(error) });
  }
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  res.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.0',
    'Content-Length': Buffer.byteLength(text),
    // The SDK checks DynamoDB answers against this checksum.
    'x-amz-crc32': String(crc32(text)),
  });
  res.end(text);
}
