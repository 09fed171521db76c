// Sends render requests to the render queue. The message schema is the pipeline's (it parses
// the same schema on the way out of the queue); this adapter checks messages against it before
// sending, so a malformed request fails at the sender, not in the worker.
import { SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type * as z from 'zod';
import { inParallel } from '../in-parallel.js';
import { describeIssues } from '../zod-issues.js';
import { QueueSendError, StoreInputError } from './errors.js';

/** SQS takes at most 10 messages per SendMessageBatch. */
const BATCH_LIMIT = 10;

export class RenderQueue<T> {
  constructor(
    private readonly sqs: SQSClient,
    readonly queueUrl: string,
    private readonly schema: z.ZodType<T>,
  ) {}

  /** Sends one message; returns its SQS message id. */
  async send(message: T): Promise<string> {
    const { MessageId } = await this.sqs.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: this.body(message, 0) }));
    if (!MessageId) throw new QueueSendError(`queue ${this.queueUrl} accepted a message but returned no message id`);
    return MessageId;
  }

  /**
   * Sends any number of messages, ten per call and `concurrency` calls at a time; returns their
   * message ids in order. Every message is checked before any is sent.
   */
  async sendBatch(messages: readonly T[], concurrency = 1): Promise<string[]> {
    const bodies = messages.map((m, i) => this.body(m, i));
    const starts: number[] = [];
    for (let start = 0; start < bodies.length; start += BATCH_LIMIT) starts.push(start);
    const ids = await inParallel(starts, concurrency, (start) => this.sendChunk(bodies, start));
    return ids.flat();
  }

  /** One SendMessageBatch of the ten bodies from `start`; their message ids in order. */
  private async sendChunk(bodies: readonly string[], start: number): Promise<string[]> {
    const chunk = bodies.slice(start, start + BATCH_LIMIT);
    const result = await this.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: this.queueUrl,
        Entries: chunk.map((body, i) => ({ Id: String(start + i), MessageBody: body })),
      }),
    );
    const failed = result.Failed ?? [];
    if (failed.length > 0) {
      const detail = failed.map((f) => `message ${f.Id}: ${f.Code ?? 'error'} ${f.Message ?? ''}`.trim()).join('; ');
      throw new QueueSendError(
        `queue ${this.queueUrl} refused ${failed.length} of ${bodies.length} messages (${detail}); ` +
          `the others may have been sent, and sending them again is harmless (one version per request id)`,
      );
    }
    const byId = new Map((result.Successful ?? []).map((s) => [s.Id, s.MessageId]));
    return chunk.map((_, i) => {
      const id = byId.get(String(start + i));
      if (!id) throw new QueueSendError(`queue ${this.queueUrl} returned no message id for message ${start + i}`);
      return id;
    });
  }

  private body(message: T, index: number): string {
    const parsed = this.schema.safeParse(message);
    if (!parsed.success) throw new StoreInputError(`render request ${index}: ${describeIssues(parsed.error.issues)}`);
    return JSON.stringify(parsed.data);
  }
}
