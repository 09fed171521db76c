import { ReceiveMessageCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createWorkerLogger } from '../../lambdas/handlers/logger.js';
import { createRenderBatchHandler } from '../../lambdas/handlers/render-batch.js';
import { queueDepth } from '../../local/drain.js';
import { startSqsTrigger } from '../../local/sqs-trigger.js';
import { issueMessage } from '../../lambdas/pipeline/messages.js';
import type { PipelineOutcome } from '../../lambdas/pipeline/outcome.js';
import { pipelineFixture } from '../pipeline/fixture.js';

// A message that is not handed back within a second is delivered again; the third failed
// receive sends it to the dead-letter queue on the fourth.
const fx = await pipelineFixture({ visibilityTimeoutSeconds: 1, maxReceiveCount: 3 });
const silent = createWorkerLogger({ logLevel: 'SILENT' });

/** A case item this code cannot read (status is a number): every attempt throws, so it is retried. */
async function unreadableCase(caseId: string): Promise<void> {
  await fx.clients.documents.send(new PutCommand({ TableName: fx.config.tableName, Item: { pk: `CASE#${caseId}`, sk: 'CASE', caseId, status: 42 } }));
}

function sqsRecord(messageId: string, body: string): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: fx.resources.renderQueueArn,
    awsRegion: 'us-east-1',
  };
}

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const envBefore = { ...process.env };
afterAll(() => {
  process.env = envBefore;
});

describe('render-worker handler', () => {
  it('reports only the record that failed in batchItemFailures; its neighbours are done', async () => {
    await fx.seedCase('hr-park-rent-free', 'T-BATCH-OK');
    await unreadableCase('T-BATCH-BROKEN');
    const outcomes: PipelineOutcome[] = [];
    const handler = createRenderBatchHandler(fx.deps, { logger: silent, observe: (o) => outcomes.push(o) });
    const event: SQSEvent = {
      Records: [
        sqsRecord('ok', JSON.stringify(issueMessage('T-BATCH-OK'))),
        sqsRecord('broken', JSON.stringify(issueMessage('T-BATCH-BROKEN'))),
        sqsRecord('garbage', 'not json'),
      ],
    };
    const response = await handler(event);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'broken' }] });
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['recorded', 'rejected']);
    expect((await fx.deps.cases.getCase('T-BATCH-OK'))?.status).toBe('ISSUED');
  });

  it('is the Lambda module: configuration from the environment, clients at module scope', async () => {
    Object.assign(process.env, fx.env, { POWERTOOLS_LOG_LEVEL: 'SILENT' });
    const { handler } = await import('../../lambdas/handlers/render-worker.js');
    await fx.seedCase('postdoc-station', 'T-MODULE-1');
    const response = await handler({ Records: [sqsRecord('m1', JSON.stringify(issueMessage('T-MODULE-1')))] });
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await fx.deps.versions.listVersions('T-MODULE-1')).toHaveLength(1);
  });

  it('sends a poison message to the dead-letter queue after the configured receives, and the rest of its batch succeeds', async () => {
    await fx.seedCase('academician-package', 'T-POISON-OK-1');
    await fx.seedCase('expert-package', 'T-POISON-OK-2');
    await unreadableCase('T-POISON');
    const bodies = [issueMessage('T-POISON-OK-1'), issueMessage('T-POISON'), issueMessage('T-POISON-OK-2')].map((m) => JSON.stringify(m));
    await fx.clients.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: fx.resources.renderQueueUrl,
        Entries: [...bodies, '{"v":1,"kind":"bogus"}'].map((MessageBody, i) => ({ Id: String(i), MessageBody })),
      }),
    );
    const responses: SQSBatchResponse[] = [];
    const handler = createRenderBatchHandler(fx.deps, { logger: silent });
    const trigger = startSqsTrigger({
      sqs: fx.clients.sqs,
      queueUrl: fx.resources.renderQueueUrl,
      queueArn: fx.resources.renderQueueArn,
      waitTimeSeconds: 1,
      handler: async (event) => {
        const response = await handler(event);
        responses.push(response);
        return response;
      },
    });
    try {
      const dead = await eventually(async () => {
        const { Messages } = await fx.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: fx.resources.deadLetterQueueUrl, WaitTimeSeconds: 1 }));
        return Messages?.[0];
      }, 'the poison message in the dead-letter queue');
      expect(JSON.parse(dead.Body ?? '')).toEqual(issueMessage('T-POISON'));
    } finally {
      await trigger.stop();
    }
    // Received three times, failed three times; everything else went through on the first try.
    expect(trigger.stats()).toMatchObject({ failed: 3, succeeded: 3 });
    expect(responses.flatMap((r) => r.batchItemFailures)).toHaveLength(3);
    for (const caseId of ['T-POISON-OK-1', 'T-POISON-OK-2']) {
      expect((await fx.deps.cases.getCase(caseId))?.status).toBe('ISSUED');
      expect(await fx.deps.versions.listVersions(caseId)).toHaveLength(1);
    }
    // The malformed message is rejected on its first delivery and recorded, not retried.
    expect((await fx.deps.rejections.list()).filter((r) => r.code === 'MESSAGE_INVALID' && r.body.includes('bogus'))).toHaveLength(1);
    expect(await queueDepth(fx.clients.sqs, fx.resources.renderQueueUrl)).toBe(0);
  });

  it('logs structured JSON and never prints a full resident ID number', () => {
    // POWERTOOLS_DEV makes the logger print through the global console, where a test can read it.
    vi.stubEnv('POWERTOOLS_DEV', 'true');
    const lines: unknown[] = [];
    const spy = vi.spyOn(console, 'warn').mockImplementation((line: unknown) => void lines.push(line));
    try {
      const logger = createWorkerLogger({ logLevel: 'INFO' });
      logger.warn('message rejected', { reason: 'idNumber 140106198512030002 is wrong', error: new Error('for 140106198512030002') });
    } finally {
      spy.mockRestore();
      vi.unstubAllEnvs();
    }
    expect(lines).toHaveLength(1);
    const out = String(lines[0]);
    expect(out).toContain('140106********0002');
    expect(out).not.toContain('140106198512030002');
    expect(JSON.parse(out)).toMatchObject({ level: 'WARN', message: 'message rejected', service: 'notice-render-worker' });
  });
});
