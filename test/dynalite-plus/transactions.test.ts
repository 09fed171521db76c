// Conformance of dynalite-plus's transactions with the DynamoDB API Reference, through the AWS SDK:
//   TransactWriteItems — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
//   TransactGetItems   — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html
//   CancellationReason — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CancellationReason.html
import {
  GetItemCommand,
  IdempotentParameterMismatchException,
  PutItemCommand,
  TransactGetItemsCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { allRecords, createTable, N, S, serverForThisFile } from './server.js';

const t = serverForThisFile();

async function item(table: string, pk: string) {
  return (await t.dynamodb.send(new GetItemCommand({ TableName: table, Key: { pk: S(pk) }, ConsistentRead: true }))).Item;
}

async function cancellation(items: TransactWriteItem[]): Promise<TransactionCanceledException> {
  const error = await t.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: items })).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TransactionCanceledException);
  return error as TransactionCanceledException;
}

describe('TransactWriteItems (API Reference: TransactWriteItems)', () => {
  it('applies ConditionCheck, Put, Update and Delete together when every condition holds', async () => {
    const { name } = await createTable(t.dynamodb);
    await t.dynamodb.send(new PutItemCommand({ TableName: name, Item: { pk: S('guard'), isOpen: { BOOL: true } } }));
    await t.dynamodb.send(new PutItemCommand({ TableName: name, Item: { pk: S('counter'), n: N(1) } }));
    await t.dynamodb.send(new PutItemCommand({ TableName: name, Item: { pk: S('old') } }));

    await t.dynamodb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            ConditionCheck: {
              TableName: name,
              Key: { pk: S('guard') },
              ConditionExpression: 'isOpen = :yes',
              ExpressionAttributeValues: { ':yes': { BOOL: true } },
            },
          },
          { Put: { TableName: name, Item: { pk: S('new'), v: S('x') }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Update: { TableName: name, Key: { pk: S('counter') }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': N(1) } } },
          { Delete: { TableName: name, Key: { pk: S('old') }, ConditionExpression: 'attribute_exists(pk)' } },
        ],
      }),
    );

    expect(await item(name, 'new')).toEqual({ pk: S('new'), v: S('x') });
    expect(await item(name, 'counter')).toEqual({ pk: S('counter'), n: N(2) });
    expect(await item(name, 'old')).toBeUndefined();
    expect(await item(name, 'guard')).toEqual({ pk: S('guard'), isOpen: { BOOL: true } });
  });

  it('cancels the whole transaction when one condition fails, with one reason per item in request order and the old item for ALL_OLD (API Reference: CancellationReason)', async () => {
    const { name } = await createTable(t.dynamodb);
    await t.dynamodb.send(new PutItemCommand({ TableName: name, Item: { pk: S('taken'), owner: S('first') } }));

    const error = await cancellation([
      { Put: { TableName: name, Item: { pk: S('free') } } },
      {
        Put: {
          TableName: name,
          Item: { pk: S('taken'), owner: S('second') },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      { ConditionCheck: { TableName: name, Key: { pk: S('missing') }, ConditionExpression: 'attribute_exists(pk)' } },
      { Delete: { TableName: name, Key: { pk: S('spare') } } },
    ]);

    expect(error.message).toBe(
      'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, ConditionalCheckFailed, None]',
    );
    expect(error.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { pk: S('taken'), owner: S('first') } },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
      { Code: 'None' },
    ]);
    expect(await item(name, 'free')).toBeUndefined();
    expect(await item(name, 'taken')).toEqual({ pk: S('taken'), owner: S('first') });
  });

  it('cancels with a ValidationError reason, writing nothing, when an update cannot apply to the item as it is', async () => {
    const { name, streamArn } = await createTable(t.dynamodb);
    await t.dynamodb.send(new PutItemCommand({ TableName: name, Item: { pk: S('text'), n: S('not a number') } }));

    const error = await cancellation([
      { Put: { TableName: name, Item: { pk: S('other') } } },
      { Update: { TableName: name, Key: { pk: S('text') }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': N(1) } } },
    ]);

    expect(error.CancellationReasons?.map((r) => r.Code)).toEqual(['None', 'ValidationError']);
    expect(await item(name, 'other')).toBeUndefined();
    expect((await allRecords(t.streams, streamArn!)).map((r) => r.eventName)).toEqual(['INSERT']); // only the first PutItem
  });

  it('with the same ClientRequestToken and the same request within 10 minutes succeeds without applying the writes again', async () => {
    const { name, streamArn } = await createTable(t.dynamodb);
    const request = {
      ClientRequestToken: 'same-token-1',
      TransactItems: [{ Update: { TableName: name, Key: { pk: S('counter') }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': N(1) } } }],
    };
    await t.dynamodb.send(new TransactWriteItemsCommand(request));
    await t.dynamodb.send(new TransactWriteItemsCommand(request));

    expect(await item(name, 'counter')).toEqual({ pk: S('counter'), n: N(1) });
    expect(await allRecords(t.streams, streamArn!)).toHaveLength(1);
  });

  it('with the same ClientRequestToken and a different request fails with IdempotentParameterMismatchException', async () => {
    const { name } = await createTable(t.dynamodb);
    const put = (v: string) =>
      new TransactWriteItemsCommand({ ClientRequestToken: 'same-token-2', TransactItems: [{ Put: { TableName: name, Item: { pk: S('a'), v: S(v) } } }] });
    await t.dynamodb.send(put('first'));

    await expect(t.dynamodb.send(put('second'))).rejects.toBeInstanceOf(IdempotentParameterMismatchException);
    expect(await item(name, 'a')).toEqual({ pk: S('a'), v: S('first') });
  });

  it('treats a ClientRequestToken older than 10 minutes as new: the request is applied again', async () => {
    const { name } = await createTable(t.dynamodb);
    const request = new TransactWriteItemsCommand({
      ClientRequestToken: 'same-token-3',
      TransactItems: [{ Update: { TableName: name, Key: { pk: S('counter') }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': N(1) } } }],
    });
    await t.dynamodb.send(request);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 11 * 60 * 1000);
    await t.dynamodb.send(request);

    expect(await item(name, 'counter')).toEqual({ pk: S('counter'), n: N(2) });
  });

  it('refuses more than 100 items and an empty list with a ValidationException', async () => {
    const { name } = await createTable(t.dynamodb);
    const puts = (count: number) => Array.from({ length: count }, (_, i) => ({ Put: { TableName: name, Item: { pk: S(`item-${i}`) } } }));

    await expect(t.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: puts(101) }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('less than or equal to 100'),
    });
    await expect(t.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: [] }))).rejects.toMatchObject({ name: 'ValidationException' });
    await t.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: puts(100) }));
    expect(await item(name, 'item-99')).toEqual({ pk: S('item-99') });
  });

  it('refuses two operations on one item with a ValidationException, writing nothing', async () => {
    const { name } = await createTable(t.dynamodb);

    await expect(
      t.dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: name, Item: { pk: S('a'), v: S('1') } } },
            { ConditionCheck: { TableName: name, Key: { pk: S('a') }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException', message: 'Transaction request cannot include multiple operations on one item' });
    expect(await item(name, 'a')).toBeUndefined();
  });

  it('fails with ResourceNotFoundException for a table that does not exist', async () => {
    await expect(
      t.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'no-such-table', Item: { pk: S('a') } } }] })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('never interleaves with concurrent single-item writes: every snapshot sees both items of a transaction, and no increment is lost', async () => {
    const { name, streamArn } = await createTable(t.dynamodb);
    await t.dynamodb.send(
      new TransactWriteItemsCommand({ TransactItems: ['a', 'b'].map((pk) => ({ Put: { TableName: name, Item: { pk: S(pk), v: N(0), n: N(0) } } })) }),
    );

    const rounds = 40;
    const transactions = Array.from({ length: rounds }, (_, i) =>
      t.dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: ['a', 'b'].map((pk) => ({
            Update: {
              TableName: name,
              Key: { pk: S(pk) },
              UpdateExpression: 'SET v = :v ADD n :one',
              ExpressionAttributeValues: { ':v': N(i + 1), ':one': N(1) },
            },
          })),
        }),
      ),
    );
    const singles = Array.from({ length: rounds }, () =>
      t.dynamodb.send(
        new UpdateItemCommand({ TableName: name, Key: { pk: S('a') }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': N(1) } }),
      ),
    );
    const snapshots = Array.from({ length: rounds }, () =>
      t.dynamodb.send(new TransactGetItemsCommand({ TransactItems: ['a', 'b'].map((pk) => ({ Get: { TableName: name, Key: { pk: S(pk) } } })) })),
    );
    await Promise.all([...transactions, ...singles]);

    for (const { Responses } of await Promise.all(snapshots)) {
      expect(Responses?.[0]?.Item?.v).toEqual(Responses?.[1]?.Item?.v);
    }
    expect((await item(name, 'a'))?.n).toEqual(N(2 * rounds));
    expect((await item(name, 'b'))?.n).toEqual(N(rounds));
    // Per item, each record starts from the image the one before it left: no write was lost or reordered.
    const records = await allRecords(t.streams, streamArn!);
    for (const pk of ['a', 'b']) {
      const mine = records.filter((r) => r.dynamodb?.Keys?.pk?.S === pk);
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.dynamodb?.OldImage).toEqual(mine[i - 1]!.dynamodb?.NewImage);
    }
    expect(records).toHaveLength(2 + 3 * rounds);
  });
});

describe('TransactGetItems (API Reference: TransactGetItems)', () => {
  it('returns the items in request order, an empty response for a missing item, and applies ProjectionExpression', async () => {
    const { name } = await createTable(t.dynamodb, null);
    await t.dynamodb.send(new PutItemCommand({ TableName: name, Item: { pk: S('a'), x: S('1'), y: S('2') } }));
    await t.dynamodb.send(new PutItemCommand({ TableName: name, Item: { pk: S('b'), x: S('3') } }));

    const { Responses } = await t.dynamodb.send(
      new TransactGetItemsCommand({
        TransactItems: [
          { Get: { TableName: name, Key: { pk: S('b') } } },
          { Get: { TableName: name, Key: { pk: S('missing') } } },
          { Get: { TableName: name, Key: { pk: S('a') }, ProjectionExpression: '#x', ExpressionAttributeNames: { '#x': 'x' } } },
        ],
      }),
    );

    expect(Responses).toEqual([{ Item: { pk: S('b'), x: S('3') } }, {}, { Item: { x: S('1') } }]);
  });

  it('refuses more than 100 items with a ValidationException', async () => {
    const { name } = await createTable(t.dynamodb, null);
    const gets = Array.from({ length: 101 }, (_, i) => ({ Get: { TableName: name, Key: { pk: S(`item-${i}`) } } }));

    await expect(t.dynamodb.send(new TransactGetItemsCommand({ TransactItems: gets }))).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('single-item writes with ReturnValuesOnConditionCheckFailure (API Reference: PutItem, UpdateItem, DeleteItem)', () => {
  it('a failed condition with ALL_OLD carries the item as it is in ConditionalCheckFailedException.Item; without it, no item', async () => {
    const { name } = await createTable(t.dynamodb, null);
    await t.dynamodb.send(new PutItemCommand({ TableName: name, Item: { pk: S('a'), status: S('ISSUED') } }));
    const update = (returnOld: boolean) =>
      t.dynamodb.send(
        new UpdateItemCommand({
          TableName: name,
          Key: { pk: S('a') },
          UpdateExpression: 'SET #s = :new',
          ConditionExpression: '#s = :expected',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':new': S('FAILED'), ':expected': S('APPROVED') },
          ...(returnOld ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {}),
        }),
      );

    await expect(update(true)).rejects.toMatchObject({ name: 'ConditionalCheckFailedException', Item: { pk: S('a'), status: S('ISSUED') } });
    await expect(update(false)).rejects.toMatchObject({ name: 'ConditionalCheckFailedException', Item: undefined });
    await expect(
      t.dynamodb.send(
        new PutItemCommand({
          TableName: name,
          Item: { pk: S('missing') },
          ConditionExpression: 'attribute_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ConditionalCheckFailedException', Item: undefined });
  });
});
