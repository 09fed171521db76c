// The stream pipe as a function, for a region without EventBridge Pipes (deploy setting
// streamConsumer=function): DynamoDB stream records → the cases that became APPROVED → `issue`
// messages on the render queue. The filter and the shaping are the Pipe's own (lambdas/pipeline/pipe-filter.ts),
// evaluated by the same small EventBridge evaluator the local Pipe uses, so the three paths —
// Pipe, this function, the local Pipe — cannot drift apart. A Lambda stream record has the shape a
// Pipe sees (eventName, dynamodb.Keys/NewImage/OldImage in DynamoDB JSON).
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { RENDER_PIPE_FILTER_PATTERN, RENDER_PIPE_INPUT_TEMPLATE } from './pipe-filter.js';
import { applyInputTemplate, matchesPattern } from './event-pattern.js';
import type { RenderQueue } from '../stores/render-queue.js';
import { IssueMessage } from './messages.js';

/** The issue messages a batch of stream records asks for, in stream order. */
export function issueMessagesOf(records: readonly unknown[]): IssueMessage[] {
  return records
    .filter((record) => matchesPattern(RENDER_PIPE_FILTER_PATTERN, record))
    .map((record) => IssueMessage.parse(JSON.parse(applyInputTemplate(RENDER_PIPE_INPUT_TEMPLATE, record))));
}

/**
 * The stream consumer's handler. When sending fails, the whole batch is reported failed from its
 * first record: Lambda retries it (and bisects it), and a repeated `issue` is harmless because
 * its request id is derived from the case.
 */
export function createStreamConsumer(
  queue: Pick<RenderQueue<IssueMessage>, 'sendBatch'>,
  log: { error(message: string, fields?: Record<string, unknown>): void },
) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const messages = issueMessagesOf(event.Records);
    if (messages.length === 0) return { batchItemFailures: [] };
    try {
      await queue.sendBatch(messages);
      return { batchItemFailures: [] };
    } catch (error) {
      log.error('could not put issue messages on the render queue; the batch will be retried', {
        cases: messages.map((m) => m.caseId),
        error: error instanceof Error ? error.message : String(error),
      });
      const first = event.Records[0]?.dynamodb?.SequenceNumber;
      return { batchItemFailures: first ? [{ itemIdentifier: first }] : [] };
    }
  };
}
