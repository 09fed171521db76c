// The stream consumer (streamConsumer=function, where EventBridge Pipes is not used): Lambda's
// DynamoDB stream records → the Pipe's own filter and shaping → issue messages on a real queue
// (fauxqs). The records have the shape Lambda hands a function, which is the shape a Pipe sees.
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { IssueMessage, issueMessage } from '../../lambdas/pipeline/messages.js';
import { createStreamConsumer, issueMessagesOf } from '../../lambdas/pipeline/stream-to-queue.js';
import { RenderQueue } from '../../lambdas/stores/render-queue.js';
import { freshResources } from '../local/fixture.js';
import type { TestResources } from '../local/fixture.js';

let resources: TestResources;
beforeAll(async () => {
  resources = await freshResources();
});

let sequence = 100;
function record(eventName: 'INSERT' | 'MODIFY' | 'REMOVE', caseId: string, status: { new?: string; old?: string }, sk = 'CASE'): DynamoDBRecord {
  const image = (s: string | undefined) => ({ pk: { S: `CASE#${caseId}` }, sk: { S: sk }, caseId: { S: caseId }, ...(s ? { status: { S: s } } : {}) });
  sequence += 1;
  return {
    eventID: `e${sequence}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'cn-northwest-1',
    dynamodb: {
      Keys: { pk: { S: `CASE#${caseId}` }, sk: { S: sk } },
      ...(eventName !== 'REMOVE' ? { NewImage: image(status.new) } : {}),
      ...(eventName !== 'INSERT' ? { OldImage: image(status.old) } : {}),
      SequenceNumber: String(sequence),
      SizeBytes: 100,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: 'arn:aws-cn:dynamodb:cn-northwest-1:123456789012:table/notices/stream/2026-01-01T00:00:00.000',
  } as DynamoDBRecord;
}

const batch = (): DynamoDBStreamEvent => ({
  Records: [
    record('INSERT', 'TY-S-1', { new: 'APPROVED' }), // passes
    record('INSERT', 'TY-S-2', { new: 'FAILED' }),
    record('MODIFY', 'TY-S-2', { old: 'FAILED', new: 'APPROVED' }), // passes
    record('MODIFY', 'TY-S-1', { old: 'APPROVED', new: 'APPROVED' }), // the 发文字号 written: not again
    record('MODIFY', 'TY-S-3', { old: undefined, new: 'APPROVED' }), // passes
    record('MODIFY', 'TY-S-1', { old: 'APPROVED', new: 'ISSUED' }),
    record('INSERT', 'TY-S-4', { new: 'APPROVED' }, 'EVENT#1'), // not a case item
    record('REMOVE', 'TY-S-1', { old: 'ISSUED' }),
  ],
});

describe('the stream consumer', () => {
  it('keeps exactly the records the Pipe keeps and shapes them as the Pipe does', () => {
    expect(issueMessagesOf(batch().Records)).toEqual(['TY-S-1', 'TY-S-2', 'TY-S-3'].map(issueMessage));
  });

  it('puts one issue message per approval on the render queue', async () => {
    const queue = new RenderQueue(resources.clients.sqs, resources.resources.renderQueueUrl, IssueMessage);
    const consume = createStreamConsumer(queue, { error: () => {} });
    expect(await consume(batch())).toEqual({ batchItemFailures: [] });
    const got = await resources.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: resources.resources.renderQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    expect((got.Messages ?? []).map((m) => JSON.parse(m.Body!) as unknown).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
      ['TY-S-1', 'TY-S-2', 'TY-S-3'].map(issueMessage),
    );
  });

  it('reports the batch failed from its first record when the queue refuses, and logs the cases', async () => {
    const errors: Record<string, unknown>[] = [];
    const missing = new RenderQueue(resources.clients.sqs, `${resources.resources.renderQueueUrl}-missing`, IssueMessage);
    const event = batch();
    const result = await createStreamConsumer(missing, { error: (_m, fields) => errors.push(fields ?? {}) })(event);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[0]!.dynamodb!.SequenceNumber }] });
    expect(errors).toEqual([expect.objectContaining({ cases: ['TY-S-1', 'TY-S-2', 'TY-S-3'] })]);
  });
});
