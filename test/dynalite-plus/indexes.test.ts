// Conformance of dynalite-plus's secondary indexes with the DynamoDB API Reference, through the
// AWS SDK: every item whose index key attributes are set is in the index, once, and follows its
// item's updates and deletes.
//   Query    — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html
//   Scan     — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html
//   GlobalSecondaryIndex — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GlobalSecondaryIndex.html
//   LocalSecondaryIndex  — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_LocalSecondaryIndex.html
// dynalite told entries with equal index keys apart by 24 bits of an md5 of the table key; the
// items here include two whose table keys share those 24 bits, found by brute force.
import { createHash, randomBytes } from 'node:crypto';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import type { AttributeValue, QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { createStore, getTable, run, validate } from '../../packages/dynalite-plus/src/dynalite.js';
import { installWriteCapture } from '../../packages/dynalite-plus/src/write-capture.js';
import { S, serverForThisFile, startTestServer } from './server.js';
import { tempDir } from '../support/temp-dirs.js';

const t = serverForThisFile();
const PK = 'p';

/** Two sort keys whose (PK, sort key) collide in the first 24 bits of dynalite's hash of a table key. */
function collidingSortKeys(): [string, string] {
  const seen = new Map<string, string>();
  for (let i = 0; i < 1_000_000; i++) {
    const sk = `case-${i}`;
    const prefix = createHash('md5').update('Outliers').update(PK).update(sk).digest('hex').slice(0, 6);
    const other = seen.get(prefix);
    if (other) return [other, sk];
    seen.set(prefix, sk);
  }
  throw new Error('no collision found');
}

async function indexedTable(): Promise<string> {
  const name = `indexes-${randomBytes(4).toString('hex')}`;
  await t.dynamodb.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: ['pk', 'sk', 'docType', 'approvedOn'].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byTypeAndDate',
          KeySchema: [
            { AttributeName: 'docType', KeyType: 'HASH' },
            { AttributeName: 'approvedOn', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: 'byType',
          KeySchema: [{ AttributeName: 'docType', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['title'] },
        },
      ],
      LocalSecondaryIndexes: [
        {
          IndexName: 'byDate',
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'approvedOn', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    }),
  );
  await waitUntilTableExists({ client: t.dynamodb, maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.2 }, { TableName: name });
  return name;
}

const item = (sk: string, approvedOn = '2025-03-01'): Record<string, AttributeValue> => ({
  pk: S(PK),
  sk: S(sk),
  docType: S('资格认定'),
  approvedOn: S(approvedOn),
  title: S(`title ${sk}`),
});

async function putAll(table: string, sks: string[]): Promise<void> {
  for (let i = 0; i < sks.length; i += 25) {
    const RequestItems = { [table]: sks.slice(i, i + 25).map((sk) => ({ PutRequest: { Item: item(sk) } })) };
    const { UnprocessedItems } = await t.dynamodb.send(new BatchWriteItemCommand({ RequestItems }));
    expect(UnprocessedItems ?? {}).toEqual({});
  }
}

const QUERIES = {
  byTypeAndDate: { KeyConditionExpression: 'docType = :t AND approvedOn = :d', ExpressionAttributeValues: { ':t': S('资格认定'), ':d': S('2025-03-01') } },
  byType: { KeyConditionExpression: 'docType = :t', ExpressionAttributeValues: { ':t': S('资格认定') } },
  byDate: { KeyConditionExpression: 'pk = :p AND approvedOn = :d', ExpressionAttributeValues: { ':p': S(PK), ':d': S('2025-03-01') } },
} satisfies Record<string, Partial<QueryCommandInput>>;
type IndexName = keyof typeof QUERIES;
const INDEXES = Object.keys(QUERIES) as IndexName[];

/** The sort keys a Query on the index returns, page by page through ExclusiveStartKey, in order. */
async function queried(table: string, index: IndexName, pageSize: number, forward = true): Promise<string[]> {
  const sks: string[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await t.dynamodb.send(
      new QueryCommand({ TableName: table, IndexName: index, ...QUERIES[index], Limit: pageSize, ScanIndexForward: forward, ExclusiveStartKey: start }),
    );
    sks.push(...(page.Items ?? []).map((found) => found.sk!.S!));
    start = page.LastEvaluatedKey;
  } while (start);
  return sks;
}

/** The sort keys a Scan of the index (or of the table, without one) returns, page by page. */
async function scanned(table: string, index: IndexName | undefined, pageSize: number): Promise<string[]> {
  const sks: string[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await t.dynamodb.send(new ScanCommand({ TableName: table, IndexName: index, Limit: pageSize, ExclusiveStartKey: start }));
    sks.push(...(page.Items ?? []).map((found) => found.sk!.S!));
    start = page.LastEvaluatedKey;
  } while (start);
  return sks;
}

const sorted = (values: string[]) => [...values].sort();

describe('secondary indexes with equal index keys', () => {
  const [a, b] = collidingSortKeys();
  const others = Array.from({ length: 60 }, (_, i) => `other-${i}`);
  const all = sorted([a, b, ...others]);

  it('hold every item exactly once, even two whose table keys collide in 24 bits of md5', async () => {
    const table = await indexedTable();
    await putAll(table, [a, b, ...others]);
    for (const index of INDEXES) {
      expect(sorted(await queried(table, index, 7)), index).toEqual(all);
      expect(sorted(await scanned(table, index, 9)), index).toEqual(all);
    }
    expect(sorted(await scanned(table, undefined, 9))).toEqual(all);
  });

  it('page through ExclusiveStartKey one item at a time, forwards and backwards, each item once in one order', async () => {
    const table = await indexedTable();
    await putAll(table, [a, b, ...others]);
    for (const index of INDEXES) {
      const forwards = await queried(table, index, 1);
      expect(sorted(forwards), index).toEqual(all);
      expect(await queried(table, index, 1, false), index).toEqual([...forwards].reverse());
      expect(await queried(table, index, 1000), index).toEqual(forwards);
    }
  });

  it('follow an update of the index key and deletes, leaving no stale entries', async () => {
    const table = await indexedTable();
    await putAll(table, [a, b, ...others]);
    await t.dynamodb.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { pk: S(PK), sk: S(a) },
        UpdateExpression: 'SET approvedOn = :d',
        ExpressionAttributeValues: { ':d': S('2025-03-02') },
      }),
    );
    await t.dynamodb.send(new DeleteItemCommand({ TableName: table, Key: { pk: S(PK), sk: S(b) } }));
    // An item without an index's key attribute is not in that index.
    await t.dynamodb.send(new PutItemCommand({ TableName: table, Item: { pk: S(PK), sk: S(others[0]!), docType: S('资格认定') } }));
    const kept = others.slice(1);
    for (const index of ['byTypeAndDate', 'byDate'] as const) {
      expect(sorted(await queried(table, index, 7)), index).toEqual(sorted(kept));
      expect(sorted(await scanned(table, index, 7)), index).toEqual(sorted([a, ...kept]));
    }
    expect(sorted(await queried(table, 'byType', 7))).toEqual(sorted([a, ...others]));
    const moved = await t.dynamodb.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'byTypeAndDate',
        KeyConditionExpression: 'docType = :t AND approvedOn = :d',
        ExpressionAttributeValues: { ':t': S('资格认定'), ':d': S('2025-03-02') },
      }),
    );
    expect(moved.Items).toEqual([item(a, '2025-03-02')]);
  });

  it('keep the projection an index asks for', async () => {
    const table = await indexedTable();
    await putAll(table, [a]);
    const only = async (index: IndexName) => (await t.dynamodb.send(new QueryCommand({ TableName: table, IndexName: index, ...QUERIES[index] }))).Items;
    expect(await only('byType')).toEqual([{ pk: S(PK), sk: S(a), docType: S('资格认定'), title: S(`title ${a}`) }]);
    expect(await only('byDate')).toEqual([{ pk: S(PK), sk: S(a), approvedOn: S('2025-03-01') }]);
  });
});

describe('index writes', () => {
  it("are captured with their item into the operation's one batch, none applied before it", async () => {
    const store = createStore({ createTableMs: 0 });
    const capture = installWriteCapture(store);
    const definitions = ['pk', 'docType'].map((AttributeName) => ({ AttributeName, AttributeType: 'S' }));
    const gsi = { IndexName: 'byType', KeySchema: [{ AttributeName: 'docType', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } };
    const createTable = {
      TableName: 'cases',
      AttributeDefinitions: definitions,
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [gsi],
      BillingMode: 'PAY_PER_REQUEST',
    };
    await run(store, 'CreateTable', validate(store, 'CreateTable', createTable));
    // dynalite makes a new table ACTIVE on its next tick; until then getTable does not find it.
    const active = () =>
      getTable(store, 'cases').then(
        () => true,
        () => false,
      );
    while (!(await active())) await new Promise((resolve) => setImmediate(resolve));
    const put = (docType: string) => run(store, 'PutItem', validate(store, 'PutItem', { TableName: 'cases', Item: { pk: S('a'), docType: S(docType) } }));

    const first = await capture.capture(() => put('x'));
    const written = (writes: typeof first.writes) => writes.map((w) => `${w.op.type} ${w.subDb}`).sort();
    expect(written(first.writes)).toEqual(['put index-global~cases~byType', 'put item-cases']);
    expect(await store.db.keys({ gte: 'index-', lt: 'index-~' }).all()).toEqual([]);
    await store.db.batch(first.writes.map((w) => w.op));

    const second = await capture.capture(() => put('y'));
    expect(written(second.writes)).toEqual(['del index-global~cases~byType', 'put index-global~cases~byType', 'put item-cases']);
    await new Promise<void>((resolve, reject) => store.db.close((e) => (e ? reject(e) : resolve())));
  });
});

describe('a LevelDB folder written with the old index keys', () => {
  const dir = tempDir('dynalite-plus-old-');

  it('is refused with a message saying to delete it', async () => {
    // A folder holding data but no format mark, as every folder written before the mark was.
    const old = createStore({ path: dir });
    await old.db.batch([{ type: 'put', key: 'table~cases', value: { TableName: 'cases' } }]);
    await new Promise<void>((resolve, reject) => old.db.close((e) => (e ? reject(e) : resolve())));
    await expect(startTestServer({ path: dir })).rejects.toThrow(/older dynalite-plus.*Delete that folder/s);
  });
});
