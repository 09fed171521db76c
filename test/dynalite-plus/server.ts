// A dynalite-plus server of its own for one conformance test file, with the real AWS SDK clients
// for DynamoDB and DynamoDB Streams pointed at it, and helpers to make tables and read streams.
import { randomBytes } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import type { StreamViewType } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { startDynalitePlus } from '../../packages/dynalite-plus/src/index.js';
import type { DynalitePlus, DynalitePlusOptions } from '../../packages/dynalite-plus/src/index.js';

export interface TestServer {
  server: DynalitePlus;
  dynamodb: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  close(): Promise<void>;
}

export function clientsFor(endpoint: string): { dynamodb: DynamoDBClient; streams: DynamoDBStreamsClient } {
  const config = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  return { dynamodb: new DynamoDBClient(config), streams: new DynamoDBStreamsClient(config) };
}

export async function startTestServer(options: DynalitePlusOptions = {}): Promise<TestServer> {
  const server = await startDynalitePlus(options);
  const clients = clientsFor(server.endpoint);
  return {
    server,
    ...clients,
    async close() {
      clients.dynamodb.destroy();
      clients.streams.destroy();
      await server.close();
    },
  };
}

/**
 * One server for the test file that calls this, started before its tests and closed after.
 * Tests that fake the clock get the real one back after them.
 */
export function serverForThisFile(): TestServer {
  const holder = {} as { current: TestServer };
  beforeAll(async () => {
    holder.current = await startTestServer();
  });
  afterAll(() => holder.current.close());
  afterEach(() => {
    vi.useRealTimers();
  });
  // Every property is read through the one started in beforeAll.
  return new Proxy({} as TestServer, { get: (_target, key) => holder.current[key as keyof TestServer] });
}

export const S = (s: string) => ({ S: s });
export const N = (n: number) => ({ N: String(n) });

const tableName = (prefix = 'conformance') => `${prefix}-${randomBytes(4).toString('hex')}`;

/** A table keyed by pk (string), with a stream of the given view type unless `null`. */
export async function createTable(
  dynamodb: DynamoDBClient,
  viewType: StreamViewType | null = 'NEW_AND_OLD_IMAGES',
  name = tableName(),
): Promise<{ name: string; streamArn: string | undefined }> {
  const { TableDescription } = await dynamodb.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      ...(viewType ? { StreamSpecification: { StreamEnabled: true, StreamViewType: viewType } } : {}),
    }),
  );
  // A new table is CREATING until dynalite's next tick, as on AWS for longer: wait for ACTIVE.
  await waitUntilTableExists({ client: dynamodb, maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.2 }, { TableName: name });
  return { name, streamArn: TableDescription?.LatestStreamArn };
}

export async function shardOf(streams: DynamoDBStreamsClient, streamArn: string): Promise<string> {
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  const shardId = StreamDescription?.Shards?.[0]?.ShardId;
  if (!shardId) throw new Error(`stream ${streamArn} has no shard`);
  return shardId;
}

/** Every record of the stream's shard from TRIM_HORIZON, following NextShardIterator until a page is empty. */
export async function allRecords(streams: DynamoDBStreamsClient, streamArn: string, limit = 1000): Promise<_Record[]> {
  const { ShardIterator } = await streams.send(
    new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: await shardOf(streams, streamArn), ShardIteratorType: 'TRIM_HORIZON' }),
  );
  const records: _Record[] = [];
  let iterator = ShardIterator;
  while (iterator) {
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }));
    records.push(...(page.Records ?? []));
    if ((page.Records ?? []).length === 0) break;
    iterator = page.NextShardIterator;
  }
  return records;
}
