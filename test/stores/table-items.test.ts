import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { tableItems } from '../../lambdas/stores/table-items.js';
import { freshResources } from '../local/fixture.js';

const { clients, config } = await freshResources();
const documents = clients.documents;
for (let i = 0; i < 12; i++) {
  await documents.send(new PutCommand({ TableName: config.tableName, Item: { pk: 'ITEMS#A', sk: `I#${String(i).padStart(2, '0')}`, n: i } }));
}
// Five items a page, so the twelve take three pages.
const query = {
  TableName: config.tableName,
  KeyConditionExpression: 'pk = :pk',
  ExpressionAttributeValues: { ':pk': 'ITEMS#A' },
  Limit: 5,
  ConsistentRead: true,
};

/** The requests `read` sends, counted by a step on the real client. */
async function requestsOf(read: () => Promise<unknown>): Promise<number> {
  let requests = 0;
  documents.middlewareStack.add((next) => (args) => (requests++, next(args)), { step: 'initialize', name: 'countRequests' });
  try {
    await read();
  } finally {
    documents.middlewareStack.remove('countRequests');
  }
  return requests;
}

describe('reading every item of a query or a scan', () => {
  it('reads every page in order, each item as read makes it, leaving out those it makes undefined', async () => {
    const even = (item: Record<string, unknown>) => (Number(item.n) % 2 === 0 ? Number(item.n) : undefined);
    expect(await tableItems(documents, { query }, even)).toEqual({ items: [0, 2, 4, 6, 8, 10], truncated: false });
    expect(query).not.toHaveProperty('ExclusiveStartKey'); // the request is left as given, to be sent again
    const scan = { TableName: config.tableName, FilterExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'ITEMS#A' }, Limit: 5 };
    const { items } = await tableItems(documents, { scan }, (item) => Number(item.n));
    expect(items.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('stops at its limit, says there were more, and reads no page after the one that showed it', async () => {
    let result: unknown;
    const requests = await requestsOf(async () => (result = await tableItems(documents, { query }, (item) => Number(item.n), 4)));
    expect(result).toEqual({ items: [0, 1, 2, 3], truncated: true });
    expect(requests).toBe(1);
    expect(await tableItems(documents, { query }, (item) => Number(item.n), 12)).toEqual({ items: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], truncated: false });
  });
});
