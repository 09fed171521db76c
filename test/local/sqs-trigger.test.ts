import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { queueDepth } from '../../local/drain.js';
import { startSqsTrigger } from '../../local/sqs-trigger.js';
import type { SqsBatchHandler } from '../../local/sqs-trigger.js';
import { freshResources } from './fixture.js';

const { clients, resources } = await freshResources({ visibilityTimeoutSeconds: 1, maxReceiveCount: 5 });

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function run(handler: SqsBatchHandler) {
  return startSqsTrigger({ sqs: clients.sqs, queueUrl: resources.renderQueueUrl, queueArn: resources.renderQueueArn, waitTimeSeconds: 1, handler });
}

describe('the local SQS trigger', () => {
  it('hands the handler Lambda-shaped records and deletes only those not reported as failed', async () => {
    const events: SQSEvent[] = [];
    const trigger = run(async (event) => {
      events.push(event);
      // Fail "retry-me" on its first delivery only.
      const first = event.Records.find((r) => r.body === 'retry-me' && r.attributes.ApproximateReceiveCount === '1');
      return { batchItemFailures: first ? [{ itemIdentifier: first.messageId }] : [] };
    });
    try {
      for (const body of ['keep-going', 'retry-me']) await clients.sqs.send(new SendMessageCommand({ QueueUrl: resources.renderQueueUrl, MessageBody: body }));
      await until(() => trigger.stats().succeeded === 2);
    } finally {
      await trigger.stop();
    }
    const records = events.flatMap((e) => e.Records);
    expect(records.map((r) => [r.body, r.attributes.ApproximateReceiveCount])).toEqual(
      expect.arrayContaining([
        ['keep-going', '1'],
        ['retry-me', '1'],
        ['retry-me', '2'],
      ]),
    );
    expect(records).toHaveLength(3);
    expect(records[0]).toMatchObject({
      eventSource: 'aws:sqs',
      eventSourceARN: resources.renderQueueArn,
      awsRegion: 'us-east-1',
      md5OfBody: expect.any(String),
    });
    expect(trigger.stats()).toMatchObject({ received: 3, succeeded: 2, failed: 1 });
    expect(await queueDepth(clients.sqs, resources.renderQueueUrl)).toBe(0);
  });

  it('treats a thrown error, or a failure naming a message not in the batch, as a failure of the whole batch', async () => {
    let calls = 0;
    const trigger = run(async (_event) => {
      calls++;
      if (calls === 1) throw new Error('handler crashed');
      if (calls === 2) return { batchItemFailures: [{ itemIdentifier: 'not-in-this-batch' }] };
      return { batchItemFailures: [] };
    });
    try {
      await clients.sqs.send(new SendMessageCommand({ QueueUrl: resources.renderQueueUrl, MessageBody: 'whole-batch' }));
      await until(() => trigger.stats().succeeded === 1);
    } finally {
      await trigger.stop();
    }
    expect(calls).toBe(3);
    expect(trigger.stats()).toMatchObject({ failed: 2, succeeded: 1 });
  });
});
