// One render-queue message, from its body to its outcome: parse (zod), hand it to its use case,
// and record anything rejected. Knows queues only as "a delivery with an id and a body".
// Returns when the message is done with (delete it); throws when it should be retried.
import type { PipelineDeps } from './deps.js';
import { issueDocument } from './issue.js';
import { parseRenderMessage } from './messages.js';
import type { PipelineOutcome } from './outcome.js';
import { regenerateDocument } from './regenerate.js';

export interface Delivery {
  /** Stable across redeliveries of one message (the SQS message id). */
  messageId: string;
  body: string;
  /** How often the queue has handed this message out, this time included. */
  receiveCount?: number;
}

export async function processRenderMessage(deps: PipelineDeps, delivery: Delivery): Promise<PipelineOutcome> {
  const parsed = parseRenderMessage(delivery.body);
  const outcome: PipelineOutcome = !parsed.ok
    ? { kind: 'rejected', code: 'MESSAGE_INVALID', reason: `not a render message: ${parsed.reason}` }
    : parsed.message.kind === 'issue'
      ? await issueDocument(deps, parsed.message)
      : await regenerateDocument(deps, parsed.message);

  if (outcome.kind === 'rejected') {
    const recorded = await deps.rejections.record({
      messageId: delivery.messageId,
      code: outcome.code,
      reason: outcome.reason,
      body: delivery.body,
      ...(outcome.caseId !== undefined ? { caseId: outcome.caseId } : {}),
      ...(delivery.receiveCount !== undefined ? { receiveCount: delivery.receiveCount } : {}),
    });
    return { ...outcome, reason: recorded.reason };
  }
  return outcome;
}
