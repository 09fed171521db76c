// The DynamoDB Streams API (target prefix DynamoDBStreams_20120810): ListStreams, DescribeStream,
// GetShardIterator and GetRecords over the records StreamLog keeps. Each stream has one shard,
// open while the stream is enabled and closed (with an ending sequence number) after.
import { notFound, ServiceError, validationError } from './errors.js';
import type { StreamInfo, StreamLog } from './stream-log.js';
import { formatSequence, parseSequence } from './stream-log.js';

type Body = Record<string, unknown>;

/** Shard iterators expire 15 minutes after they are handed out, as in DynamoDB Streams. */
const ITERATOR_LIFETIME_MS = 15 * 60 * 1000;
const ITERATOR_TYPES = ['TRIM_HORIZON', 'LATEST', 'AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'] as const;

interface Iterator {
  arn: string;
  shardId: string;
  /** Records with a greater sequence number come next. */
  after: string;
  issuedAt: number;
}

const encodeIterator = (it: Iterator) => Buffer.from(JSON.stringify(it)).toString('base64url');

function decodeIterator(text: unknown): Iterator {
  try {
    const it = JSON.parse(Buffer.from(String(text), 'base64url').toString('utf8')) as Partial<Iterator>;
    if (typeof it.arn === 'string' && typeof it.shardId === 'string' && typeof it.after === 'string' && typeof it.issuedAt === 'number') {
      return it as Iterator;
    }
  } catch {
    // fall through to the error below
  }
  throw validationError('Invalid ShardIterator');
}

function text(body: Body, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '')
    throw validationError(
      `1 validation error detected: Value null at '${name[0]!.toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`,
    );
  return value;
}

function limit(body: Body, max: number): number {
  const value = body.Limit ?? max;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw validationError(
      `1 validation error detected: Value '${String(value)}' at 'limit' failed to satisfy constraint: Member must have value between 1 and ${max}`,
    );
  }
  return value;
}

async function existingStream(log: StreamLog, arn: string): Promise<StreamInfo> {
  const info = await log.stream(arn);
  if (!info) throw notFound(`Requested resource not found: Stream: ${arn} not found`);
  return info;
}

export async function listStreams(log: StreamLog, body: Body): Promise<Body> {
  const max = limit(body, 100);
  let streams = (await log.streams()).filter((s) => body.TableName === undefined || s.TableName === body.TableName);
  if (typeof body.ExclusiveStartStreamArn === 'string') {
    const start = streams.findIndex((s) => s.StreamArn === body.ExclusiveStartStreamArn);
    streams = streams.slice(start + 1);
  }
  const page = streams.slice(0, max);
  return {
    Streams: page.map((s) => ({ StreamArn: s.StreamArn, TableName: s.TableName, StreamLabel: s.StreamLabel })),
    ...(streams.length > max ? { LastEvaluatedStreamArn: page.at(-1)!.StreamArn } : {}),
  };
}

export async function describeStream(log: StreamLog, body: Body): Promise<Body> {
  const info = await existingStream(log, text(body, 'StreamArn'));
  const shard = {
    ShardId: info.ShardId,
    SequenceNumberRange: {
      StartingSequenceNumber: info.StartingSequenceNumber,
      ...(info.EndingSequenceNumber ? { EndingSequenceNumber: info.EndingSequenceNumber } : {}),
    },
  };
  return {
    StreamDescription: {
      StreamArn: info.StreamArn,
      StreamLabel: info.StreamLabel,
      StreamStatus: info.StreamStatus,
      StreamViewType: info.StreamViewType,
      CreationRequestDateTime: info.CreationRequestDateTime,
      TableName: info.TableName,
      KeySchema: info.KeySchema,
      Shards: body.ExclusiveStartShardId === info.ShardId ? [] : [shard],
    },
  };
}

export async function getShardIterator(log: StreamLog, body: Body): Promise<Body> {
  const info = await existingStream(log, text(body, 'StreamArn'));
  const shardId = text(body, 'ShardId');
  if (shardId !== info.ShardId) throw notFound(`Requested resource not found: Shard does not exist`);
  const type = text(body, 'ShardIteratorType');
  if (!(ITERATOR_TYPES as readonly string[]).includes(type)) {
    throw validationError(
      `1 validation error detected: Value '${type}' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [${ITERATOR_TYPES.join(', ')}]`,
    );
  }
  const start = parseSequence(info.StartingSequenceNumber)!;
  const end = info.EndingSequenceNumber === undefined ? undefined : parseSequence(info.EndingSequenceNumber)!;
  let after: bigint;
  if (type === 'TRIM_HORIZON') after = start - 1n;
  else if (type === 'LATEST') after = end ?? log.lastSequence();
  else {
    const sequence = parseSequence(text(body, 'SequenceNumber'));
    if (sequence === undefined || sequence < start || (end !== undefined && sequence > end)) {
      throw validationError(`Invalid SequenceNumber ${String(body.SequenceNumber)} for shard ${shardId}: it is not in the shard's range`);
    }
    after = type === 'AT_SEQUENCE_NUMBER' ? sequence - 1n : sequence;
  }
  return { ShardIterator: encodeIterator({ arn: info.StreamArn, shardId, after: formatSequence(after), issuedAt: Date.now() }) };
}

export async function getRecords(log: StreamLog, body: Body): Promise<Body> {
  const max = limit(body, 1000);
  const iterator = decodeIterator(text(body, 'ShardIterator'));
  if (Date.now() - iterator.issuedAt > ITERATOR_LIFETIME_MS) {
    throw new ServiceError('ExpiredIteratorException', 'Iterator expired. The iterator was created more than 15 minutes ago.');
  }
  const info = await existingStream(log, iterator.arn);
  const records = await log.records(info.StreamArn, parseSequence(iterator.after)!, max);
  const last = records.at(-1)?.dynamodb.SequenceNumber ?? iterator.after;
  // A closed shard read to its end has no next iterator: the reader moves on to its children.
  const exhausted = info.EndingSequenceNumber !== undefined && records.length === 0 && last >= info.EndingSequenceNumber;
  return {
    Records: records,
    ...(exhausted ? {} : { NextShardIterator: encodeIterator({ ...iterator, after: last, issuedAt: Date.now() }) }),
  };
}
