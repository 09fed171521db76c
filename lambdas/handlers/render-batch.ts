// SQS batch → one use-case call per record, through Powertools' BatchProcessor: records run in
// parallel (DynamoDB answers in milliseconds to a hundred, so a batch of ten overlaps its waits),
// and a record that throws is reported in `batchItemFailures` alone — SQS retries just that one,
// and after the queue's maxReceiveCount moves it to the dead-letter queue. A record whose outcome
// is final (recorded, skipped, failed on the case, rejected) is not reported, so SQS deletes it.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { NoticeError } from '../errors.js';
import type { PipelineDeps } from '../pipeline/deps.js';
import type { PipelineOutcome } from '../pipeline/outcome.js';
import { processRenderMessage } from '../pipeline/process-message.js';

export interface RenderBatchOptions {
  logger: Logger;
  /** Sees every final outcome (the local stack prints them; the bench times them). */
  observe?: (outcome: PipelineOutcome) => void;
}

export type RenderBatchHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

export function createRenderBatchHandler(deps: PipelineDeps, { logger, observe }: RenderBatchOptions): RenderBatchHandler {
  const handleRecord = async (record: SQSRecord): Promise<void> => {
    const receiveCount = Number(record.attributes.ApproximateReceiveCount) || undefined;
    const context = { messageId: record.messageId, receiveCount };
    let outcome: PipelineOutcome;
    try {
      outcome = await processRenderMessage(deps, { messageId: record.messageId, body: record.body, ...(receiveCount ? { receiveCount } : {}) });
    } catch (error) {
      logger.error('render message not processed; SQS will deliver it again', { ...context, error: describeError(error) });
      throw error;
    }
    logOutcome(logger, outcome, context);
    observe?.(outcome);
  };

  return async (event, context) => {
    if (context) logger.addContext(context); // request id, function name, cold start on every line
    // A processor per invocation: it keeps the batch's results on itself, and the local trigger
    // may hand this process several batches at once.
    const processor = new BatchProcessor(EventType.SQS);
    return processPartialResponse(event, handleRecord, processor, {
      ...(context ? { context } : {}),
      // Report a wholly failed batch as item failures too, rather than throwing: SQS retries the
      // same records either way, and the response keeps one shape.
      throwOnFullBatchFailure: false,
    });
  };
}

function logOutcome(logger: Logger, outcome: PipelineOutcome, context: Record<string, unknown>): void {
  switch (outcome.kind) {
    case 'recorded': {
      const { kind: _kind, ...fields } = outcome;
      logger.info(outcome.fresh ? 'document version recorded' : 'document version was recorded by an earlier delivery', { ...context, ...fields });
      if (outcome.notifyError)
        logger.error('subscribers were not told about a new version; resend by hand', { ...context, docId: outcome.docId, error: outcome.notifyError });
      return;
    }
    case 'skipped':
      logger.info('nothing to do', { ...context, caseId: outcome.caseId, reason: outcome.reason });
      return;
    case 'failed':
      logger.warn('case marked FAILED; no document issued', { ...context, caseId: outcome.caseId, code: outcome.code, reason: outcome.reason });
      return;
    case 'rejected':
      logger.warn('message rejected and recorded; it will not be retried', { ...context, caseId: outcome.caseId, code: outcome.code, reason: outcome.reason });
      return;
  }
}

function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof NoticeError) return { name: error.name, code: error.code, message: error.message };
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { message: String(error) };
}
