// fauxqs as the local stack runs it (local/fauxqs.ts): on loopback only, and with a data
// folder, queues, messages (waiting and in flight) and objects outlive the server. The crash
// test (crash-recovery.test.ts) kills the whole stack; this one checks the pieces one by one.
import { createHash } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueUrlCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { createLocalClients, destroyClients } from '../../local/emulator-clients.js';
import { removeTornObjects, startFauxqsServer } from '../../local/fauxqs.js';
import { DocumentsBucket } from '../../lambdas/stores/documents-bucket.js';
import { tempDir } from '../support/temp-dirs.js';

const dataFolder = (): string => tempDir('fauxqs-test-');

/** Runs `body` against a fauxqs server on `dataDir`, then stops it. */
async function withServer<T>(dataDir: string | undefined, body: (clients: ReturnType<typeof createLocalClients>, endpoint: string) => Promise<T>): Promise<T> {
  const server = await startFauxqsServer(dataDir ? { dataDir } : {});
  const clients = createLocalClients({ dynamodb: 'http://127.0.0.1:9', fauxqs: server.endpoint });
  try {
    return await body(clients, server.endpoint);
  } finally {
    destroyClients(clients);
    await server.stop();
  }
}

const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('fauxqs in the local stack', () => {
  it('listens on 127.0.0.1 only', async () => {
    await withServer(undefined, async (_clients, endpoint) => {
      expect(new URL(endpoint).hostname).toBe('127.0.0.1');
    });
  });

  it('keeps queues, waiting and in-flight messages, and objects with their headers across a restart on the same data folder', async () => {
    const dataDir = dataFolder();
    const bytes = pdf('二〇二六年');
    await withServer(dataDir, async ({ sqs, s3 }) => {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'kept', Attributes: { VisibilityTimeout: '1' } }));
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'one' }));
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'two' }));
      // One in flight when the server goes: it must come back once its visibility timeout ends.
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1 }));
      expect(Messages).toHaveLength(1);
      await s3.send(new CreateBucketCommand({ Bucket: 'kept-documents' }));
      await new DocumentsBucket(s3, 'kept-documents').putDocument('a/b/c.pdf', bytes, { sha256: sha256(bytes), filename: '奖励通知.pdf' });
    });

    await withServer(dataDir, async ({ sqs, s3 }) => {
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'kept' }));
      const bodies: string[] = [];
      for (let round = 0; round < 5 && bodies.length < 2; round++) {
        const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
        bodies.push(...(Messages ?? []).map((m) => m.Body ?? ''));
      }
      expect(bodies.sort()).toEqual(['one', 'two']);

      const bucket = new DocumentsBucket(s3, 'kept-documents');
      const stored = await bucket.getDocument('a/b/c.pdf');
      expect({ sha256: stored?.sha256, same: Buffer.from(stored?.bytes ?? []).equals(bytes), disposition: stored?.contentDisposition }).toEqual({
        sha256: sha256(bytes),
        same: true,
        disposition: expect.stringContaining(`filename*=UTF-8''${encodeURIComponent('奖励通知.pdf')}`),
      });
      // The bucket still never overwrites: other bytes under the kept key are refused.
      const other = pdf('另一份');
      await expect(bucket.putDocument('a/b/c.pdf', other, { sha256: sha256(other), filename: 'x.pdf' })).rejects.toMatchObject({ code: 'DOCUMENT_EXISTS' });
      expect(await bucket.putDocument('a/b/c.pdf', bytes, { sha256: sha256(bytes), filename: '奖励通知.pdf' })).toEqual({ created: false });
    });
  });

  it('drops an object whose metadata write was cut off (a put never acknowledged) instead of failing to start', async () => {
    const dataDir = dataFolder();
    const bytes = pdf('whole');
    await withServer(dataDir, async ({ s3 }) => {
      await s3.send(new CreateBucketCommand({ Bucket: 'torn' }));
      await new DocumentsBucket(s3, 'torn').putDocument('whole.pdf', bytes, { sha256: sha256(bytes), filename: 'whole.pdf' });
    });
    const objects = join(dataDir, 's3', 'buckets', 'torn', 'objects');
    // What a kill -9 between fauxqs' two writes leaves: the body, and metadata cut short.
    writeFileSync(join(objects, 'cut.pdf.data'), pdf('cut'));
    writeFileSync(join(objects, 'cut.pdf.meta.json'), '{"key":"cut.p');

    expect(removeTornObjects(join(dataDir, 's3'))).toEqual([join(objects, 'cut.pdf.meta.json')]);
    expect(readdirSync(objects).sort()).toEqual(['whole.pdf.data', 'whole.pdf.meta.json']);
    writeFileSync(join(objects, 'cut.pdf.meta.json'), '');
    await withServer(dataDir, async ({ s3 }) => {
      const bucket = new DocumentsBucket(s3, 'torn');
      expect(await bucket.getDocument('cut.pdf')).toBeUndefined();
      expect((await bucket.getDocument('whole.pdf'))?.sha256).toBe(sha256(bytes));
    });
  });
});
