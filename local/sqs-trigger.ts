// Lambda's SQS event source mapping, locally: long-polls the queue, hands the handler SQS events
// shaped as Lambda's (messageId, receiptHandle, body, attributes with ApproximateReceiveCount,
// messageAttributes, md5OfBody, eventSource, eventSourceARN, awsRegion), and deletes only the
// records the handler did not report in `batchItemFailures`. It never retries or moves anything
// itself: a failed record stays hidden for the queue's visibility timeout and comes back, and
// after maxReceiveCount receives SQS's own redrive policy moves it to the dead-letter queue.
//
// As on AWS: a handler that throws fails the whole batch; a response naming an id that is not in
// the batch is treated as a failure of the whole batch too.
import { DeleteMessageBatchCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { Message, MessageAttributeValue, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';

export type SqsBatchHandler = (event: SQSEvent) => Promise<SQSBatchResponse | void>;

export interface SqsTriggerOptions {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  handler: SqsBatchHandler;
  /** Records per event, 1–10 (Lambda allows more with a batching window; 10 is SQS's receive limit). */
  batchSize?: number;
  /** Batches in flight at once: Lambda's concurrent execution environments. */
  concurrency?: number;
  /** Long-poll wait per receive, 0–20 s. */
  waitTimeSeconds?: number;
  onError?: (error: unknown) => void;
}

interface SqsTriggerStats {
  received: number;
  /** Records the handler finished (deleted from the queue). */
  succeeded: number;
  /** Records reported in batchItemFailures (or in a batch that threw): left for SQS to deliver again. */
  failed: number;
  invocations: number;
  /** Batches being handled right now. */
  inFlight: number;
}

export interface SqsTrigger {
  stats(): SqsTriggerStats;
  /** Stops receiving, lets the batches in flight finish, and returns. */
  stop(): Promise<void>;
}

export function startSqsTrigger(options: SqsTriggerOptions): SqsTrigger {
  const batchSize = options.batchSize ?? 10;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10) throw new RangeError(`batchSize ${batchSize}: must be 1–10`);
  const settings = { batchSize, waitTimeSeconds: options.waitTimeSeconds ?? 20, region: options.queueArn.split(':')[3] ?? 'us-east-1' };
  const stats: SqsTriggerStats = { received: 0, succeeded: 0, failed: 0, invocations: 0, inFlight: 0 };
  const abort = new AbortController();
  const slots = Array.from({ length: options.concurrency ?? 1 }, () => runSlot(options, settings, stats, abort.signal));
  return {
    stats: () => ({ ...stats }),
    async stop() {
      abort.abort();
      await Promise.all(slots);
    },
  };
}

interface TriggerSettings {
  batchSize: number;
  waitTimeSeconds: number;
  /** The queue's region, for the records' awsRegion. */
  region: string;
}

/** One concurrent execution environment: receive a batch, handle it, until stopped. */
async function runSlot(options: SqsTriggerOptions, settings: TriggerSettings, stats: SqsTriggerStats, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    try {
      const messages = await receiveBatch(options, settings, signal);
      if (messages.length > 0)
        await handleBatch(
          options,
          messages.map((m) => sqsRecord(m, options.queueArn, settings.region)),
          stats,
        );
    } catch (error) {
      options.onError?.(error);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** Long-polls for up to batchSize messages; nothing once stopped. */
async function receiveBatch(options: SqsTriggerOptions, settings: TriggerSettings, signal: AbortSignal): Promise<Message[]> {
  try {
    const { Messages } = await options.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: settings.batchSize,
        WaitTimeSeconds: settings.waitTimeSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: signal },
    );
    return Messages ?? [];
  } catch (error) {
    if (signal.aborted) return [];
    throw error;
  }
}

/** Invokes the handler with one batch and deletes the records it finished. */
async function handleBatch(options: SqsTriggerOptions, records: SQSRecord[], stats: SqsTriggerStats): Promise<void> {
  stats.received += records.length;
  stats.invocations++;
  stats.inFlight++;
  let failedIds: Set<string>;
  try {
    failedIds = await invokeForFailures(options, records);
  } finally {
    stats.inFlight--;
  }
  const done = records.filter((r) => !failedIds.has(r.messageId));
  stats.failed += records.length - done.length;
  if (done.length > 0) stats.succeeded += await deleteFinished(options, done);
}

/** The ids of the records the handler failed: those it reports, or all when it throws or names an id not in the batch. */
async function invokeForFailures(options: SqsTriggerOptions, records: SQSRecord[]): Promise<Set<string>> {
  const all = new Set(records.map((r) => r.messageId));
  try {
    const response = await options.handler({ Records: records });
    const reported = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    return [...reported].every((id) => all.has(id)) ? reported : all;
  } catch (error) {
    options.onError?.(error);
    return all;
  }
}

/** Deletes finished records from the queue; returns how many were deleted. */
async function deleteFinished(options: SqsTriggerOptions, done: SQSRecord[]): Promise<number> {
  const { Failed } = await options.sqs.send(
    new DeleteMessageBatchCommand({
      QueueUrl: options.queueUrl,
      Entries: done.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })),
    }),
  );
  // A receipt that expired (the handler outlived the visibility timeout) cannot delete: the
  // message comes back and the handler's idempotency makes the repeat harmless.
  if (Failed && Failed.length > 0)
    options.onError?.(
      new Error(`${Failed.length} finished message(s) could not be deleted (${Failed.map((f) => f.Code).join(', ')}); they will be delivered again`),
    );
  return done.length - (Failed?.length ?? 0);
}

function sqsRecord(message: Message, queueArn: string, region: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ...attributes,
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? '000000000000',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: lambdaMessageAttributes(message.MessageAttributes),
    md5OfBody: message.MD5OfBody ?? '',
    ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

/** SQS API attributes (StringValue, BinaryValue bytes) → Lambda's (stringValue, binaryValue base64). */
function lambdaMessageAttributes(attributes: Record<string, MessageAttributeValue> | undefined): SQSMessageAttributes {
  const out: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(attributes ?? {})) {
    out[name] = {
      dataType: value.DataType ?? 'String',
      ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { binaryValue: Buffer.from(value.BinaryValue).toString('base64') } : {}),
      stringListValues: [],
      binaryListValues: [],
    };
  }
  return out;
}
