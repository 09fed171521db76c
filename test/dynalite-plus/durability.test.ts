// What dynalite-plus keeps in its LevelDB folder: tables, items, stream records and transaction
// tokens survive a restart, and a SIGKILL in the middle of a stream of writes loses none that
// was acknowledged and leaves no write half-done (an item and its stream record go together).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DescribeTableCommand, GetItemCommand, PutItemCommand, ScanCommand, TransactWriteItemsCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { allRecords, clientsFor, createTable, N, S, startTestServer } from './server.js';
import { tempDir } from '../support/temp-dirs.js';

const folder = (): string => tempDir('dynalite-plus-');

describe('a LevelDB folder', () => {
  it('keeps tables, items, stream records, the sequence and transaction tokens across a restart', async () => {
    const path = folder();
    const first = await startTestServer({ path });
    const { name, streamArn } = await createTable(first.dynamodb);
    await first.dynamodb.send(new PutItemCommand({ TableName: name, Item: { pk: S('a'), n: N(1) } }));
    const tokened = new TransactWriteItemsCommand({
      ClientRequestToken: 'kept-token',
      TransactItems: [{ Update: { TableName: name, Key: { pk: S('a') }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': N(1) } } }],
    });
    await first.dynamodb.send(tokened);
    const before = await allRecords(first.streams, streamArn!);
    await first.close();

    const second = await startTestServer({ path });
    try {
      expect((await second.dynamodb.send(new DescribeTableCommand({ TableName: name }))).Table?.LatestStreamArn).toBe(streamArn);
      await second.dynamodb.send(tokened); // the same token and request: not applied again
      await second.dynamodb.send(new PutItemCommand({ TableName: name, Item: { pk: S('b') } }));
      expect((await second.dynamodb.send(new GetItemCommand({ TableName: name, Key: { pk: S('a') } }))).Item).toEqual({ pk: S('a'), n: N(2) });
      const after = await allRecords(second.streams, streamArn!);
      expect(after.slice(0, 2)).toEqual(before);
      expect(after).toHaveLength(3);
      expect(BigInt(after[2]!.dynamodb!.SequenceNumber!)).toBeGreaterThan(BigInt(before[1]!.dynamodb!.SequenceNumber!));
    } finally {
      await second.close();
    }
  });

  it('after a SIGKILL during concurrent writes holds every acknowledged write, and each item matches its last stream record', async () => {
    const path = folder();
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./serve.ts', import.meta.url)), path], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const endpoint = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the server exited early (${code})`)));
      createInterface({ input: child.stdout! }).once('line', resolve);
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const clients = clientsFor(endpoint);
    const { name, streamArn } = await createTable(clients.dynamodb);

    // Eight writers: each alternates a two-item transaction and a single update on its own items.
    const acknowledged = new Map<string, number>(); // pk → last acknowledged value of v
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 1; !stop; i++) {
        const [a, b] = [`w${w}-a`, `w${w}-b`];
        const set = (pk: string) => ({
          Update: { TableName: name, Key: { pk: S(pk) }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': N(i) } },
        });
        try {
          if (i % 2 === 1) await clients.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: [set(a), set(b)] }));
          else await clients.dynamodb.send(new UpdateItemCommand(set(a).Update));
        } catch {
          return; // the server is gone
        }
        acknowledged.set(a, i);
        if (i % 2 === 1) acknowledged.set(b, i);
      }
    };
    const writers = Array.from({ length: 8 }, (_, w) => writer(w));
    while (acknowledged.size < 16 || [...acknowledged.values()].every((v) => v < 20)) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    await exited;
    stop = true;
    await Promise.all(writers);
    clients.dynamodb.destroy();
    clients.streams.destroy();

    const restarted = await startTestServer({ path });
    try {
      const { Items } = await restarted.dynamodb.send(new ScanCommand({ TableName: name, ConsistentRead: true }));
      const stored = new Map((Items ?? []).map((item) => [item.pk!.S!, Number(item.v!.N)]));
      // A write in flight at the kill may or may not have landed; nothing acknowledged is missing.
      for (const [pk, v] of acknowledged) expect(stored.get(pk)).toBeGreaterThanOrEqual(v);
      const lastImage = new Map<string, Record<string, AttributeValue> | undefined>();
      for (const record of await allRecords(restarted.streams, streamArn!)) lastImage.set(record.dynamodb!.Keys!.pk!.S!, record.dynamodb!.NewImage);
      for (const item of Items ?? []) expect(lastImage.get(item.pk!.S!)).toEqual(item);
      expect(lastImage.size).toBe(stored.size);
      // Both items of a transaction land together: after transaction i (odd) a = b = i, after the
      // single update that follows a = i + 1; half a transaction would leave anything else.
      for (let w = 0; w < 8; w++) {
        const [a, b] = [stored.get(`w${w}-a`)!, stored.get(`w${w}-b`)!];
        expect([b, b + 1]).toContain(a);
      }
    } finally {
      await restarted.close();
    }
  });
});
