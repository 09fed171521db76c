// The local EventBridge Pipe: reads the local DynamoDB's stream of the table (DescribeStream,
// GetShardIterator, GetRecords, following shards from parent to child), keeps the records that
// pass the Pipe's filter, shapes each with the Pipe's input template and sends it to the render
// queue — the same filter and template the CDK stack deploys (lambdas/pipeline/pipe-filter.ts).
//
// Delivery is at least once, as on AWS: a page of records is sent before its position is kept,
// so a failure re-reads the page and may send some messages twice. The worker dedupes them by
// request id. Like a Pipe, the poller does not validate what it sends: a record that shapes into
// a bad message reaches the worker, which rejects and records it.
import {
  DescribeStreamCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type { _Record, DynamoDBStreamsClient, Shard, ShardIteratorType } from '@aws-sdk/client-dynamodb-streams';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { RENDER_PIPE_FILTER_PATTERN, RENDER_PIPE_INPUT_TEMPLATE } from '../lambdas/pipeline/pipe-filter.js';
import { applyInputTemplate, matchesPattern } from '../lambdas/pipeline/event-pattern.js';

export interface PipePollerOptions {
  streams: DynamoDBStreamsClient;
  streamArn: string;
  sqs: SQSClient;
  queueUrl: string;
  /**
   * Where to start in the shards open at start-up: TRIM_HORIZON (everything the stream still
   * holds, 24 h on AWS) or LATEST (only what is written from now on; a restart over a kept table
   * does not replay old approvals). Shards that appear later are always read from their start.
   */
  startAt?: Extract<ShardIteratorType, 'TRIM_HORIZON' | 'LATEST'>;
  /** Pause between rounds when the stream had nothing new. */
  idleDelayMs?: number;
  onError?: (error: unknown) => void;
  filterPattern?: unknown;
  inputTemplate?: string;
}

interface PipePollerStats {
  /** Stream records read. */
  records: number;
  /** Records that passed the filter and were sent to the queue. */
  sent: number;
  /** True when the last round found no new record in any open shard. */
  caughtUp: boolean;
}

export interface PipePoller {
  stats(): PipePollerStats;
  /** Resolves after the next round that finds nothing new: everything written before is sent. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

interface ShardState {
  parentId: string | undefined;
  iterator: string | undefined;
  /** Where to read from when the shard needs a new iterator (at start, after an error). */
  resume: { type: 'AFTER_SEQUENCE_NUMBER' | 'AT_SEQUENCE_NUMBER'; sequence: string } | { type: 'TRIM_HORIZON' | 'LATEST' };
  closed: boolean;
}

/** SQS takes ten messages per SendMessageBatch. */
const SEND_BATCH = 10;

export function startPipePoller(options: PipePollerOptions): PipePoller {
  const pattern = options.filterPattern ?? RENDER_PIPE_FILTER_PATTERN;
  const template = options.inputTemplate ?? RENDER_PIPE_INPUT_TEMPLATE;
  const idleDelayMs = options.idleDelayMs ?? 200;
  const shards = new Map<string, ShardState>();
  const stats: PipePollerStats = { records: 0, sent: 0, caughtUp: false };
  /** caughtUp() callers: resolved by the first empty round that started after they asked. */
  let waiters: { after: number; resolve: () => void }[] = [];
  let rounds = 0;
  let stopping = false;
  let wake: (() => void) | undefined;
  let firstDiscovery = true;

  async function discover(): Promise<void> {
    let ExclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await options.streams.send(
        new DescribeStreamCommand({ StreamArn: options.streamArn, ExclusiveStartShardId }),
      );
      for (const shard of StreamDescription?.Shards ?? []) addShard(shard);
      ExclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (ExclusiveStartShardId);
    firstDiscovery = false;
  }

  function addShard(shard: Shard): void {
    if (!shard.ShardId || shards.has(shard.ShardId)) return;
    const closedAtStart = shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
    const startLate = firstDiscovery && (options.startAt ?? 'TRIM_HORIZON') === 'LATEST';
    shards.set(shard.ShardId, {
      parentId: shard.ParentShardId,
      iterator: undefined,
      resume: { type: startLate ? 'LATEST' : 'TRIM_HORIZON' },
      // Starting at LATEST, a shard that was closed already holds nothing new.
      closed: startLate && closedAtStart,
    });
  }

  /** A child shard is read only after its parent, so one item's changes stay in order. */
  function readable(state: ShardState): boolean {
    if (state.closed) return false;
    const parent = state.parentId === undefined ? undefined : shards.get(state.parentId);
    return parent === undefined || parent.closed;
  }

  async function iteratorFor(shardId: string, state: ShardState): Promise<string | undefined> {
    if (state.iterator) return state.iterator;
    const { ShardIterator } = await options.streams.send(
      new GetShardIteratorCommand({
        StreamArn: options.streamArn,
        ShardId: shardId,
        ShardIteratorType: state.resume.type,
        ...('sequence' in state.resume ? { SequenceNumber: state.resume.sequence } : {}),
      }),
    );
    state.iterator = ShardIterator;
    if (!ShardIterator) state.closed = true;
    return ShardIterator;
  }

  /** Reads one page of a shard, sends what passes; returns how many records it read. */
  async function readPage(shardId: string, state: ShardState): Promise<number> {
    const iterator = await iteratorFor(shardId, state);
    if (!iterator) return 0;
    let page;
    try {
      page = await options.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
    } catch (error) {
      // Start the shard again from the last record handled (or its start).
      if (error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException) {
        state.iterator = undefined;
        if (error instanceof TrimmedDataAccessException) state.resume = { type: 'TRIM_HORIZON' };
        return 0;
      }
      throw error;
    }
    const records = page.Records ?? [];
    // Until this page is sent, a new iterator must start at its first record.
    const first = records[0]?.dynamodb?.SequenceNumber;
    if (first) state.resume = { type: 'AT_SEQUENCE_NUMBER', sequence: first };
    const bodies = records.map((r) => pipeEvent(r, options.streamArn)).filter((e) => matchesPattern(pattern, e)).map((e) => applyInputTemplate(template, e));
    await send(bodies);
    stats.records += records.length;
    stats.sent += bodies.length;
    const last = records.at(-1)?.dynamodb?.SequenceNumber;
    if (last) state.resume = { type: 'AFTER_SEQUENCE_NUMBER', sequence: last };
    state.iterator = page.NextShardIterator;
    if (!page.NextShardIterator) state.closed = true;
    return records.length;
  }

  async function send(bodies: string[]): Promise<void> {
    for (let start = 0; start < bodies.length; start += SEND_BATCH) {
      const chunk = bodies.slice(start, start + SEND_BATCH);
      const { Failed } = await options.sqs.send(
        new SendMessageBatchCommand({ QueueUrl: options.queueUrl, Entries: chunk.map((body, i) => ({ Id: String(i), MessageBody: body })) }),
      );
      if (Failed && Failed.length > 0) {
        throw new Error(`the render queue refused ${Failed.length} message(s) from the stream (${Failed.map((f) => f.Code).join(', ')}); the page is read again`);
      }
    }
  }

  async function round(): Promise<number> {
    await discover();
    let read = 0;
    for (const [shardId, state] of shards) {
      if (!readable(state)) continue;
      try {
        read += await readPage(shardId, state);
      } catch (error) {
        state.iterator = undefined; // start again from state.resume
        throw error;
      }
    }
    return read;
  }

  const loop = (async () => {
    while (!stopping) {
      const thisRound = ++rounds;
      let read = 0;
      let failed = false;
      try {
        read = await round();
      } catch (error) {
        failed = true;
        options.onError?.(error);
      }
      if (failed || read === 0) {
        // A failed round is not "caught up": waiters wait for a clean, empty one.
        stats.caughtUp = !failed;
        if (!failed) {
          const ready = waiters.filter((w) => w.after < thisRound);
          waiters = waiters.filter((w) => w.after >= thisRound);
          for (const w of ready) w.resolve();
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, failed ? Math.max(idleDelayMs, 500) : idleDelayMs);
        });
      } else {
        stats.caughtUp = false;
      }
    }
  })();

  return {
    stats: () => ({ ...stats }),
    caughtUp: () =>
      new Promise<void>((resolve) => {
        waiters.push({ after: rounds, resolve });
        wake?.();
      }),
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      for (const w of waiters) w.resolve();
    },
  };
}

/**
 * A stream record as a Pipe sees it: plain JSON with DynamoDB-JSON images, the creation time in
 * epoch seconds and binary values in base64.
 */
function pipeEvent(record: _Record, streamArn: string): Record<string, unknown> {
  const { ApproximateCreationDateTime, ...dynamodb } = record.dynamodb ?? {};
  const shaped = {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource,
    awsRegion: record.awsRegion,
    dynamodb: {
      ...(ApproximateCreationDateTime ? { ApproximateCreationDateTime: Math.floor(ApproximateCreationDateTime.getTime() / 1000) } : {}),
      ...dynamodb,
    },
    eventSourceARN: streamArn,
  };
  return JSON.parse(JSON.stringify(shaped, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value))) as Record<string, unknown>;
}
