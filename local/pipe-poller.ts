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
  const poller: Poller = {
    options,
    pattern: options.filterPattern ?? RENDER_PIPE_FILTER_PATTERN,
    template: options.inputTemplate ?? RENDER_PIPE_INPUT_TEMPLATE,
    shards: new Map(),
    firstDiscovery: true,
    stats: { records: 0, sent: 0, caughtUp: false },
  };
  const control: LoopControl = { rounds: 0, stopping: false, waiters: [], wake: undefined };
  const loop = pollUntilStopped(poller, control);
  return {
    stats: () => ({ ...poller.stats }),
    caughtUp: () =>
      new Promise<void>((resolve) => {
        control.waiters.push({ after: control.rounds, resolve });
        control.wake?.();
      }),
    async stop() {
      control.stopping = true;
      control.wake?.();
      await loop;
      for (const w of control.waiters) w.resolve();
    },
  };
}

/** What the poller reads with and what it knows of the stream. */
interface Poller {
  options: PipePollerOptions;
  pattern: unknown;
  template: string;
  shards: Map<string, ShardState>;
  /** Until the first DescribeStream is done: only shards open then may start at LATEST. */
  firstDiscovery: boolean;
  stats: PipePollerStats;
}

/** The loop's rounds, and the caughtUp() callers each resolved by the first empty round that started after they asked. */
interface LoopControl {
  rounds: number;
  stopping: boolean;
  waiters: { after: number; resolve: () => void }[];
  /** Ends the current pause early. */
  wake: (() => void) | undefined;
}

/** Rounds until stopped; after an empty round (or a failed one, for longer) it pauses. */
async function pollUntilStopped(poller: Poller, control: LoopControl): Promise<void> {
  const idleDelayMs = poller.options.idleDelayMs ?? 200;
  while (!control.stopping) {
    const thisRound = ++control.rounds;
    let read = 0;
    let failed = false;
    try {
      read = await readRound(poller);
    } catch (error) {
      failed = true;
      poller.options.onError?.(error);
    }
    if (!failed && read > 0) {
      poller.stats.caughtUp = false;
      continue;
    }
    // A failed round is not "caught up": waiters wait for a clean, empty one.
    poller.stats.caughtUp = !failed;
    if (!failed) releaseWaiters(control, thisRound);
    await new Promise<void>((resolve) => {
      control.wake = resolve;
      setTimeout(resolve, failed ? Math.max(idleDelayMs, 500) : idleDelayMs);
    });
  }
}

function releaseWaiters(control: LoopControl, emptyRound: number): void {
  const ready = control.waiters.filter((w) => w.after < emptyRound);
  control.waiters = control.waiters.filter((w) => w.after >= emptyRound);
  for (const w of ready) w.resolve();
}

/** One page from every readable shard; returns how many records it read. */
async function readRound(poller: Poller): Promise<number> {
  await discoverShards(poller);
  let read = 0;
  for (const [shardId, state] of poller.shards) {
    if (!isReadable(poller.shards, state)) continue;
    try {
      read += await readPage(poller, shardId, state);
    } catch (error) {
      state.iterator = undefined; // start again from state.resume
      throw error;
    }
  }
  return read;
}

async function discoverShards(poller: Poller): Promise<void> {
  const { streams, streamArn } = poller.options;
  let ExclusiveStartShardId: string | undefined;
  do {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId }));
    for (const shard of StreamDescription?.Shards ?? []) addShard(poller, shard);
    ExclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
  } while (ExclusiveStartShardId);
  poller.firstDiscovery = false;
}

function addShard(poller: Poller, shard: Shard): void {
  if (!shard.ShardId || poller.shards.has(shard.ShardId)) return;
  const closedAtStart = shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
  const startLate = poller.firstDiscovery && (poller.options.startAt ?? 'TRIM_HORIZON') === 'LATEST';
  poller.shards.set(shard.ShardId, {
    parentId: shard.ParentShardId,
    iterator: undefined,
    resume: { type: startLate ? 'LATEST' : 'TRIM_HORIZON' },
    // Starting at LATEST, a shard that was closed already holds nothing new.
    closed: startLate && closedAtStart,
  });
}

/** A child shard is read only after its parent, so one item's changes stay in order. */
function isReadable(shards: Map<string, ShardState>, state: ShardState): boolean {
  if (state.closed) return false;
  const parent = state.parentId === undefined ? undefined : shards.get(state.parentId);
  return parent === undefined || parent.closed;
}

async function shardIterator(options: PipePollerOptions, shardId: string, state: ShardState): Promise<string | undefined> {
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
async function readPage(poller: Poller, shardId: string, state: ShardState): Promise<number> {
  const iterator = await shardIterator(poller.options, shardId, state);
  if (!iterator) return 0;
  const page = await getRecordsOrRestart(poller.options, iterator, state);
  if (!page) return 0;
  const records = page.Records ?? [];
  // Until this page is sent, a new iterator must start at its first record.
  const first = records[0]?.dynamodb?.SequenceNumber;
  if (first) state.resume = { type: 'AT_SEQUENCE_NUMBER', sequence: first };
  const bodies = records
    .map((r) => pipeEvent(r, poller.options.streamArn))
    .filter((e) => matchesPattern(poller.pattern, e))
    .map((e) => applyInputTemplate(poller.template, e));
  await sendToQueue(poller.options, bodies);
  poller.stats.records += records.length;
  poller.stats.sent += bodies.length;
  const last = records.at(-1)?.dynamodb?.SequenceNumber;
  if (last) state.resume = { type: 'AFTER_SEQUENCE_NUMBER', sequence: last };
  state.iterator = page.NextShardIterator;
  if (!page.NextShardIterator) state.closed = true;
  return records.length;
}

/** One page of records, or undefined when the iterator expired or its records were trimmed (the shard starts again). */
async function getRecordsOrRestart(options: PipePollerOptions, iterator: string, state: ShardState) {
  try {
    return await options.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
  } catch (error) {
    // Start the shard again from the last record handled (or its start).
    if (error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException) {
      state.iterator = undefined;
      if (error instanceof TrimmedDataAccessException) state.resume = { type: 'TRIM_HORIZON' };
      return undefined;
    }
    throw error;
  }
}

async function sendToQueue(options: PipePollerOptions, bodies: string[]): Promise<void> {
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
  return JSON.parse(JSON.stringify(shaped, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value))) as Record<
    string,
    unknown
  >;
}
