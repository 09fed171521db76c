import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { RenderQueue } from '../../lambdas/stores/render-queue.js';
import { freshResources } from '../local/fixture.js';

// A stand-in for the pipeline's render request schema: the queue only needs some schema.
const Request = z.object({ caseId: z.string().min(1), requestId: z.string().min(1) });
type Request = z.infer<typeof Request>;

// Visibility timeout 0: a message that is received and not deleted is at once visible again,
// so three failed deliveries need no waiting.
const { clients, resources } = await freshResources({ visibilityTimeoutSeconds: 0, maxReceiveCount: 3 });
const queue = new RenderQueue(clients.sqs, resources.renderQueueUrl, Request);

async function receiveAll(queueUrl: string, expected: number): Promise<string[]> {
  const bodies: string[] = [];
  for (let round = 0; round < 20 && bodies.length < expected; round++) {
    const { Messages } = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    for (const m of Messages ?? []) {
      bodies.push(m.Body ?? '');
      await clients.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
    }
  }
  return bodies;
}

describe('RenderQueue', () => {
  it('sends 23 messages in batches of at most ten and returns their ids in order', async () => {
    const messages: Request[] = Array.from({ length: 23 }, (_, i) => ({ caseId: `Q-${i}`, requestId: `r-${i}` }));
    const ids = await queue.sendBatch(messages);
    expect(ids).toHaveLength(23);
    expect(new Set(ids).size).toBe(23);
    const bodies = await receiveAll(resources.renderQueueUrl, 23);
    expect(bodies.map((b) => Request.parse(JSON.parse(b)).caseId).sort()).toEqual(messages.map((m) => m.caseId).sort());
  });

  it('checks every message against the schema before sending any', async () => {
    await expect(
      queue.sendBatch([
        { caseId: 'ok', requestId: 'r' },
        { caseId: '', requestId: 'r' },
      ]),
    ).rejects.toMatchObject({
      code: 'STORE_INPUT_INVALID',
      message: expect.stringContaining('render request 1: caseId'),
    });
    const { Messages } = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: resources.renderQueueUrl, WaitTimeSeconds: 0 }));
    expect(Messages ?? []).toHaveLength(0);
  });

  it('moves a message that failed three times to the dead-letter queue', async () => {
    await queue.send({ caseId: 'POISON', requestId: 'r-poison' });
    let deliveries = 0;
    for (let round = 0; round < 10; round++) {
      const { Messages } = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: resources.renderQueueUrl, WaitTimeSeconds: 0 }));
      if (!Messages || Messages.length === 0) break;
      deliveries += Messages.length; // a failing worker: received, never deleted
    }
    expect(deliveries).toBe(3);
    const dead = await receiveAll(resources.deadLetterQueueUrl, 1);
    expect(dead.map((b) => JSON.parse(b))).toEqual([{ caseId: 'POISON', requestId: 'r-poison' }]);
  });
});
