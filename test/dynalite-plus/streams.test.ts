// Conformance of dynalite-plus's DynamoDB Streams with the API references, through the AWS SDK:
//   StreamSpecification — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_StreamSpecification.html
//   ListStreams, DescribeStream, GetShardIterator, GetRecords —
//     https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB_Streams.html
//   StreamRecord — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_StreamRecord.html
//   "Change data capture for DynamoDB Streams" (no record for a write that changes nothing) —
//     https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html
import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import type { StreamViewType } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it, vi } from 'vitest';
import { allRecords, createTable, S, serverForThisFile, shardOf } from './server.js';

const t = serverForThisFile();

async function iterator(streamArn: string, type: 'TRIM_HORIZON' | 'LATEST' | 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER', sequence?: string) {
  const { ShardIterator } = await t.streams.send(
    new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: await shardOf(t.streams, streamArn), ShardIteratorType: type, SequenceNumber: sequence }),
  );
  return ShardIterator!;
}

async function read(shardIterator: string, limit?: number) {
  return t.streams.send(new GetRecordsCommand({ ShardIterator: shardIterator, Limit: limit }));
}

describe('tables with a StreamSpecification (API Reference: StreamSpecification, DescribeTable, ListStreams)', () => {
  it('CreateTable with a stream answers, and DescribeTable keeps, StreamSpecification, LatestStreamArn and LatestStreamLabel', async () => {
    const { name, streamArn } = await createTable(t.dynamodb, 'NEW_IMAGE');

    const { Table } = await t.dynamodb.send(new DescribeTableCommand({ TableName: name }));
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    expect(Table?.LatestStreamArn).toBe(streamArn);
    expect(streamArn).toBe(`${Table?.TableArn}/stream/${Table?.LatestStreamLabel}`);
  });

  it('ListStreams lists the streams of one table when asked by TableName, and DescribeStream describes one open shard', async () => {
    const { name, streamArn } = await createTable(t.dynamodb, 'KEYS_ONLY');
    await createTable(t.dynamodb, 'KEYS_ONLY');

    const { Streams } = await t.streams.send(new ListStreamsCommand({ TableName: name }));
    expect(Streams).toEqual([{ StreamArn: streamArn, TableName: name, StreamLabel: streamArn!.split('/stream/')[1] }]);
    const { StreamDescription } = await t.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    expect(StreamDescription).toMatchObject({
      StreamStatus: 'ENABLED',
      StreamViewType: 'KEYS_ONLY',
      TableName: name,
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    });
    expect(StreamDescription?.Shards).toHaveLength(1);
    expect(StreamDescription?.Shards?.[0]?.SequenceNumberRange?.StartingSequenceNumber).toMatch(/^\d{21}$/);
    expect(StreamDescription?.Shards?.[0]?.SequenceNumberRange?.EndingSequenceNumber).toBeUndefined();
  });

  it('a table without a StreamSpecification has no stream, and an unknown stream ARN is a ResourceNotFoundException', async () => {
    const { name, streamArn } = await createTable(t.dynamodb, null);

    expect(streamArn).toBeUndefined();
    expect((await t.streams.send(new ListStreamsCommand({ TableName: name }))).Streams).toEqual([]);
    await expect(
      t.streams.send(new DescribeStreamCommand({ StreamArn: `arn:aws:dynamodb:us-east-1:000000000000:table/${name}/stream/x` })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('UpdateTable disabling the stream closes its shard; reading it to the end gives no NextShardIterator; enabling again makes a new stream', async () => {
    const { name, streamArn } = await createTable(t.dynamodb, 'NEW_IMAGE');
    await t.dynamodb.send(new PutItemCommand({ TableName: name, Item: { pk: S('before') } }));
    await t.dynamodb.send(new UpdateTableCommand({ TableName: name, StreamSpecification: { StreamEnabled: false } }));
    await t.dynamodb.send(new PutItemCommand({ TableName: name, Item: { pk: S('while disabled') } }));

    const { StreamDescription } = await t.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    expect(StreamDescription?.StreamStatus).toBe('DISABLED');
    expect(StreamDescription?.Shards?.[0]?.SequenceNumberRange?.EndingSequenceNumber).toMatch(/^\d{21}$/);
    const first = await read(await iterator(streamArn!, 'TRIM_HORIZON'));
    expect(first.Records?.map((r) => r.dynamodb?.Keys)).toEqual([{ pk: S('before') }]);
    const end = await read(first.NextShardIterator!);
    expect(end.Records).toEqual([]);
    expect(end.NextShardIterator).toBeUndefined();

    const { TableDescription } = await t.dynamodb.send(
      new UpdateTableCommand({ TableName: name, StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } }),
    );
    expect(TableDescription?.LatestStreamArn).not.toBe(streamArn);
    await t.dynamodb.send(new DeleteItemCommand({ TableName: name, Key: { pk: S('before') } }));
    expect((await allRecords(t.streams, TableDescription!.LatestStreamArn!)).map((r) => r.eventName)).toEqual(['REMOVE']);
    expect((await t.streams.send(new ListStreamsCommand({ TableName: name }))).Streams).toHaveLength(2);
  });

  it('enabling a stream on a table that has one is a ValidationException', async () => {
    const { name } = await createTable(t.dynamodb, 'NEW_IMAGE');

    await expect(
      t.dynamodb.send(new UpdateTableCommand({ TableName: name, StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('after DeleteTable the stream stays readable, closed', async () => {
    const { name, streamArn } = await createTable(t.dynamodb, 'NEW_IMAGE');
    await t.dynamodb.send(new PutItemCommand({ TableName: name, Item: { pk: S('kept') } }));
    await t.dynamodb.send(new DeleteTableCommand({ TableName: name }));

    const { StreamDescription } = await t.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    expect(StreamDescription?.StreamStatus).toBe('DISABLED');
    expect((await allRecords(t.streams, streamArn!)).map((r) => r.dynamodb?.Keys)).toEqual([{ pk: S('kept') }]);
  });
});

describe('stream records (API Reference: StreamRecord, GetRecords)', () => {
  it('records every write of PutItem, UpdateItem, DeleteItem, BatchWriteItem and TransactWriteItems once, in order, with increasing sequence numbers', async () => {
    const { name, streamArn } = await createTable(t.dynamodb);
    await t.dynamodb.send(new PutItemCommand({ TableName: name, Item: { pk: S('a'), v: S('1') } }));
    await t.dynamodb.send(
      new UpdateItemCommand({ TableName: name, Key: { pk: S('a') }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': S('2') } }),
    );
    await t.dynamodb.send(
      new BatchWriteItemCommand({ RequestItems: { [name]: [{ PutRequest: { Item: { pk: S('b') } } }, { DeleteRequest: { Key: { pk: S('a') } } }] } }),
    );
    await t.dynamodb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: name, Item: { pk: S('c') } } },
          { Update: { TableName: name, Key: { pk: S('b') }, UpdateExpression: 'SET w = :w', ExpressionAttributeValues: { ':w': S('x') } } },
        ],
      }),
    );
    await t.dynamodb.send(new DeleteItemCommand({ TableName: name, Key: { pk: S('c') } }));

    const records = await allRecords(t.streams, streamArn!);
    const byItem = (pk: string) => records.filter((r) => r.dynamodb?.Keys?.pk?.S === pk).map((r) => r.eventName);
    expect(byItem('a')).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    expect(byItem('b')).toEqual(['INSERT', 'MODIFY']);
    expect(byItem('c')).toEqual(['INSERT', 'REMOVE']);
    expect(records).toHaveLength(7);
    const sequences = records.map((r) => BigInt(r.dynamodb!.SequenceNumber!));
    expect(sequences).toEqual([...sequences].sort((x, y) => (x < y ? -1 : 1)));
    expect(new Set(sequences).size).toBe(sequences.length);
    expect(records[1]).toMatchObject({
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: { Keys: { pk: S('a') }, OldImage: { pk: S('a'), v: S('1') }, NewImage: { pk: S('a'), v: S('2') }, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(records[1]?.dynamodb?.ApproximateCreationDateTime).toBeInstanceOf(Date);
    expect(records[1]?.eventID).toMatch(/^[0-9a-f]{32}$/);
  });

  it('writes no record for a write that changes nothing: the same PutItem again, an update to the same value, deleting a missing item', async () => {
    const { name, streamArn } = await createTable(t.dynamodb);
    await t.dynamodb.send(new PutItemCommand({ TableName: name, Item: { pk: S('a'), v: S('1'), tags: { SS: ['x', 'y'] } } }));
    await t.dynamodb.send(new PutItemCommand({ TableName: name, Item: { tags: { SS: ['y', 'x'] }, v: S('1'), pk: S('a') } }));
    await t.dynamodb.send(
      new UpdateItemCommand({ TableName: name, Key: { pk: S('a') }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': S('1') } }),
    );
    await t.dynamodb.send(new DeleteItemCommand({ TableName: name, Key: { pk: S('missing') } }));

    expect((await allRecords(t.streams, streamArn!)).map((r) => r.eventName)).toEqual(['INSERT']);
  });

  it.each<[StreamViewType, string[]]>([
    ['KEYS_ONLY', ['Keys']],
    ['NEW_IMAGE', ['Keys', 'NewImage']],
    ['OLD_IMAGE', ['Keys', 'OldImage']],
    ['NEW_AND_OLD_IMAGES', ['Keys', 'NewImage', 'OldImage']],
  ])('StreamViewType %s: a MODIFY record carries %j', async (viewType, fields) => {
    const { name, streamArn } = await createTable(t.dynamodb, viewType);
    await t.dynamodb.send(new PutItemCommand({ TableName: name, Item: { pk: S('a'), v: S('1') } }));
    await t.dynamodb.send(new PutItemCommand({ TableName: name, Item: { pk: S('a'), v: S('2') } }));

    const modify = (await allRecords(t.streams, streamArn!))[1]!;
    expect(
      Object.keys(modify.dynamodb!)
        .filter((k) => ['Keys', 'NewImage', 'OldImage'].includes(k))
        .sort(),
    ).toEqual(fields);
    expect(modify.dynamodb?.StreamViewType).toBe(viewType);
  });

  it('GetShardIterator: TRIM_HORIZON starts at the oldest record, LATEST after the newest, AT_ and AFTER_SEQUENCE_NUMBER at and after a given one', async () => {
    const { name, streamArn } = await createTable(t.dynamodb, 'KEYS_ONLY');
    for (const pk of ['1', '2', '3']) await t.dynamodb.send(new PutItemCommand({ TableName: name, Item: { pk: S(pk) } }));
    const keys = (page: { Records?: { dynamodb?: { Keys?: Record<string, { S?: string }> } }[] }) => page.Records?.map((r) => r.dynamodb?.Keys?.pk?.S);

    const all = await read(await iterator(streamArn!, 'TRIM_HORIZON'));
    expect(keys(all)).toEqual(['1', '2', '3']);
    const second = all.Records![1]!.dynamodb!.SequenceNumber!;
    expect(keys(await read(await iterator(streamArn!, 'AT_SEQUENCE_NUMBER', second)))).toEqual(['2', '3']);
    expect(keys(await read(await iterator(streamArn!, 'AFTER_SEQUENCE_NUMBER', second)))).toEqual(['3']);

    const latest = await iterator(streamArn!, 'LATEST');
    expect(keys(await read(latest))).toEqual([]);
    await t.dynamodb.send(new PutItemCommand({ TableName: name, Item: { pk: S('4') } }));
    expect(keys(await read(latest))).toEqual(['4']);
  });

  it('GetRecords returns at most Limit records and a NextShardIterator that goes on from there', async () => {
    const { name, streamArn } = await createTable(t.dynamodb, 'KEYS_ONLY');
    for (const pk of ['1', '2', '3', '4', '5']) await t.dynamodb.send(new PutItemCommand({ TableName: name, Item: { pk: S(pk) } }));

    const first = await read(await iterator(streamArn!, 'TRIM_HORIZON'), 2);
    const second = await read(first.NextShardIterator!, 2);
    const third = await read(second.NextShardIterator!, 2);
    expect([first, second, third].map((p) => p.Records?.map((r) => r.dynamodb?.Keys?.pk?.S))).toEqual([['1', '2'], ['3', '4'], ['5']]);
    expect(third.NextShardIterator).toBeDefined(); // the shard is open: more may come
  });

  it('a shard iterator expires 15 minutes after it was handed out (ExpiredIteratorException)', async () => {
    const { streamArn } = await createTable(t.dynamodb, 'KEYS_ONLY');
    const old = await iterator(streamArn!, 'TRIM_HORIZON');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 16 * 60 * 1000);

    await expect(read(old)).rejects.toBeInstanceOf(ExpiredIteratorException);
  });

  it('the records of a transaction of several items come out together, in request order', async () => {
    const { name, streamArn } = await createTable(t.dynamodb, 'KEYS_ONLY');
    await t.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: ['z', 'y', 'x'].map((pk) => ({ Put: { TableName: name, Item: { pk: S(pk) } } })) }));

    expect((await allRecords(t.streams, streamArn!)).map((r) => r.dynamodb?.Keys?.pk?.S)).toEqual(['z', 'y', 'x']);
  });
});
