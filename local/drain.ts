// "Nothing left to do" on the local stack: the Pipe has sent everything the stream holds, the
// render queue holds no message (visible, in flight or delayed), and no batch is being handled —
// twice in a row, so a message sent between two looks is not missed.
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { PipePoller } from './pipe-poller.js';
import type { SqsTrigger } from './sqs-trigger.js';

export async function queueDepth(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
    }),
  );
  return (
    Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0) +
    Number(Attributes?.ApproximateNumberOfMessagesDelayed ?? 0)
  );
}

export interface DrainOptions {
  sqs: SQSClient;
  queueUrl: string;
  trigger: SqsTrigger;
  poller?: PipePoller;
  /** Give up after this long (a message retried after a long visibility timeout keeps the queue busy). */
  timeoutMs?: number;
  checkEveryMs?: number;
}

/** Resolves true once drained, false when the timeout came first. */
export async function waitUntilDrained(options: DrainOptions): Promise<boolean> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  const checkEveryMs = options.checkEveryMs ?? 100;
  let quietLooks = 0;
  while (Date.now() < deadline) {
    if (options.poller) {
      // A Pipe that keeps failing never catches up: stop waiting at the deadline.
      let timer: NodeJS.Timeout | undefined;
      const caughtUp = await Promise.race([
        options.poller.caughtUp().then(() => true),
        new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now())))),
      ]);
      clearTimeout(timer);
      if (!caughtUp) return false;
    }
    const quiet = options.trigger.stats().inFlight === 0 && (await queueDepth(options.sqs, options.queueUrl)) === 0;
    quietLooks = quiet ? quietLooks + 1 : 0;
    if (quietLooks >= 2) return true;
    await new Promise((resolve) => setTimeout(resolve, checkEveryMs));
  }
  return false;
}
