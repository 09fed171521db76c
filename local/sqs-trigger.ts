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
  const concurrency = options.concurrency ?? 1;
  const waitTimeSeconds = options.waitTimeSeconds ?? 20;
  const region = options.queueArn.split(':')[3] ?? 'us-east-1';
  const stats: SqsTriggerStats = { received: 0, succeeded: 0, failed: 0, invocations: 0, inFlight: 0 };
  const abort = new AbortController();

  async function receive(): Promise<Message[]> {
    try {
      const { Messages } = await options.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: options.queueUrl,
          MaxNumberOfMessages: batchSize,
          WaitTimeSeconds: waitTimeSeconds,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
        { abortSignal: abort.signal },
      );
      return Messages ?? [];
    } catch (error) {
      if (abort.signal.aborted) return [];
      throw error;
    }
  }

  async function handle(messages: Message[]): Promise<void> {
    const records = messages.map((m) => sqsRecord(m, options.queueArn, region));
    stats.received += records.length;
    stats.invocations++;
    stats.inFlight++;
    let failedIds: Set<string>;
    try {
      const response = await options.handler({ Records: records });
      const reported = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      const known = new Set(records.map((r) => r.messageId));
      failedIds = [...reported].every((id) => known.has(id)) ? reported : known;
    } catch (error) {
      options.onError?.(error);
      failedIds = new Set(records.map((r) => r.messageId));
    } finally {
      stats.inFlight--;
    }
    const done = records.filter((r) => !failedIds.has(r.messageId));
    stats.failed += records.length - done.length;
    if (done.length === 0) return;
    const { Failed } = await options.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: options.queueUrl,
        Entries: done.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })),
      }),
    );
    stats.succeeded += done.length - (Failed?.length ?? 0);
    // A receipt that expired (the handler outlived the visibility timeout) cannot delete: the
    // message comes back and the handler's idempotency makes the repeat harmless.
    if (Failed && Failed.length > 0) options.onError?.(new Error(`${Failed.length} finished message(s) could not be deleted (${Failed.map((f) => f.Code).join(', ')}); they will be delivered again`));
  }

  const slot = async () => {
    while (!abort.signal.aborted) {
      try {
        const messages = await receive();
        if (messages.length > 0) await handle(messages);
      } catch (error) {
        options.onError?.(error);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  };
  const slots = Array.from({ length: concurrency }, slot);

  return {
    stats: () => ({ ...stats }),
    async stop() {
      abort.abort();
      await Promise.all(slots);
    },
  };
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
