// The streams' storage, kept in dynalite's own LevelDB beside the tables:
//   plus~seq                      the last sequence number handed out (one counter for all streams)
//   plus~stream~<arn>             a stream: its table, view type, status and sequence range
//   plus~record~<arn>~<sequence>  one stream record, in DynamoDB Streams' wire shape
// commit() turns an operation's captured writes into stream records and writes both in one batch,
// so a write is in its table exactly when its record is in the stream.
import { createHash, randomBytes } from 'node:crypto';
import type { BatchOp, Item, KeySchemaElement, Store, StreamViewType, TableDescription } from './dynalite.js';
import { getTable, isNotFound } from './dynalite.js';
import type { CapturedWrite } from './write-capture.js';

export interface StreamInfo {
  StreamArn: string;
  StreamLabel: string;
  TableName: string;
  StreamViewType: StreamViewType;
  KeySchema: KeySchemaElement[];
  /** Epoch seconds. */
  CreationRequestDateTime: number;
  StreamStatus: 'ENABLED' | 'DISABLED';
  /** The stream's one shard. */
  ShardId: string;
  StartingSequenceNumber: string;
  /** Set when the stream is disabled (or its table deleted): the shard is closed. */
  EndingSequenceNumber?: string;
}

export interface StreamRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: '1.1';
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  dynamodb: {
    ApproximateCreationDateTime: number;
    Keys: Item;
    NewImage?: Item;
    OldImage?: Item;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: StreamViewType;
  };
}

const SEQUENCE_KEY = 'plus~seq';
const STREAM_PREFIX = 'plus~stream~';
const recordPrefix = (arn: string) => `plus~record~${arn}~`;
/** Above every character used in keys and ARNs: the end of a key range. */
const RANGE_END = '\x7f';

// Sequence numbers are 21 decimal digits, so text order is number order (DynamoDB's are 21 too).
const SEQUENCE_BASE = 10n ** 20n;
export const formatSequence = (n: bigint) => (SEQUENCE_BASE + n).toString();
export function parseSequence(text: string): bigint | undefined {
  return /^\d{21}$/.test(text) && text >= formatSequence(0n) ? BigInt(text) - SEQUENCE_BASE : undefined;
}

export class StreamLog {
  /** Enabled stream per table name (undefined: the table has none); filled on first write. */
  private readonly enabled = new Map<string, StreamInfo | undefined>();
  /** Creation time of the last stream made, so two streams never share a label (the ARN's end). */
  private lastCreated = 0;

  private constructor(
    private readonly store: Store,
    private last: bigint,
  ) {}

  static async open(store: Store): Promise<StreamLog> {
    const last = (await store.db.get(SEQUENCE_KEY)) as string | undefined;
    return new StreamLog(store, BigInt(last ?? '0'));
  }

  lastSequence(): bigint {
    return this.last;
  }

  /** A new stream for a table; written by the caller with streamOp(). */
  newStream(table: Pick<TableDescription, 'TableName' | 'KeySchema'>, viewType: StreamViewType): StreamInfo {
    this.lastCreated = Math.max(Date.now(), this.lastCreated + 1);
    const created = new Date(this.lastCreated);
    const label = created.toISOString().replace('Z', '');
    const arn = `arn:aws:dynamodb:${this.store.tableDb.awsRegion}:${this.store.tableDb.awsAccountId}:table/${table.TableName}/stream/${label}`;
    const suffix = createHash('sha1').update(arn).digest('hex').slice(0, 8);
    return {
      StreamArn: arn,
      StreamLabel: label,
      TableName: table.TableName,
      StreamViewType: viewType,
      KeySchema: table.KeySchema,
      CreationRequestDateTime: Math.floor(created.getTime() / 1000),
      StreamStatus: 'ENABLED',
      ShardId: `shardId-${String(created.getTime()).padStart(20, '0')}-${suffix}`,
      StartingSequenceNumber: formatSequence(this.last + 1n),
    };
  }

  /** The stream closed: no record is added after the last sequence number handed out so far. */
  closed(info: StreamInfo): StreamInfo {
    const end = this.last + 1n > parseSequence(info.StartingSequenceNumber)! ? this.last : parseSequence(info.StartingSequenceNumber)!;
    return { ...info, StreamStatus: 'DISABLED', EndingSequenceNumber: formatSequence(end) };
  }

  streamOp(info: StreamInfo): BatchOp {
    return { type: 'put', key: STREAM_PREFIX + info.StreamArn, value: info };
  }

  async stream(arn: string): Promise<StreamInfo | undefined> {
    return (await this.store.db.get(STREAM_PREFIX + arn)) as StreamInfo | undefined;
  }

  async streams(): Promise<StreamInfo[]> {
    return (await this.store.db.values({ gte: STREAM_PREFIX, lt: STREAM_PREFIX + RANGE_END }).all()) as StreamInfo[];
  }

  /** Call when a table is created, updated or deleted. */
  forgetTable(name: string): void {
    this.enabled.delete(name);
  }

  private async enabledStream(tableName: string): Promise<StreamInfo | undefined> {
    if (this.enabled.has(tableName)) return this.enabled.get(tableName);
    let table: TableDescription | undefined;
    try {
      table = await getTable(this.store, tableName);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    const arn = table?.StreamSpecification?.StreamEnabled ? table.LatestStreamArn : undefined;
    const info = arn === undefined ? undefined : await this.stream(arn);
    this.enabled.set(tableName, info?.StreamStatus === 'ENABLED' ? info : undefined);
    return this.enabled.get(tableName);
  }

  /**
   * Applies captured writes plus `extra` operations in one batch, with a stream record for every
   * item the writes change on a table with an enabled stream, in the order the items were first
   * written. A write that leaves an item as it was gets no record, as in DynamoDB.
   * Callers hold the write lock: the sequence counter and the images read here depend on it.
   */
  async commit(writes: CapturedWrite[], extra: BatchOp[] = []): Promise<void> {
    const itemWrites = new Map<string, { table: string; op: BatchOp }>();
    for (const write of writes) {
      if (write.subDb.startsWith('item-')) itemWrites.set(write.op.key, { table: write.subDb.slice('item-'.length), op: write.op });
    }
    const ops = writes.map((w) => w.op);
    let next = this.last;
    for (const [levelKey, { table, op }] of itemWrites) {
      const stream = await this.enabledStream(table);
      if (!stream) continue;
      const oldItem = (await this.store.db.get(levelKey)) as Item | undefined;
      const newItem = op.type === 'put' ? (op.value as Item) : undefined;
      if (sameItem(oldItem, newItem)) continue;
      next += 1n;
      const record = streamRecord(stream, this.store.tableDb.awsRegion, formatSequence(next), oldItem, newItem);
      ops.push({ type: 'put', key: recordPrefix(stream.StreamArn) + record.dynamodb.SequenceNumber, value: record });
    }
    if (next !== this.last) ops.push({ type: 'put', key: SEQUENCE_KEY, value: next.toString() });
    ops.push(...extra);
    if (ops.length > 0) await this.store.db.batch(ops);
    this.last = next;
  }

  /** Records of a stream after a sequence number, oldest first. */
  async records(arn: string, after: bigint, limit: number): Promise<StreamRecord[]> {
    const prefix = recordPrefix(arn);
    return (await this.store.db.values({ gt: prefix + formatSequence(after), lt: prefix + RANGE_END, limit }).all()) as StreamRecord[];
  }
}

function streamRecord(stream: StreamInfo, region: string, sequence: string, oldItem: Item | undefined, newItem: Item | undefined): StreamRecord {
  const source = (newItem ?? oldItem)!;
  const Keys: Item = {};
  for (const { AttributeName } of stream.KeySchema) {
    const value = source[AttributeName];
    if (value !== undefined) Keys[AttributeName] = value;
  }
  const view = stream.StreamViewType;
  const images = {
    ...(newItem && (view === 'NEW_IMAGE' || view === 'NEW_AND_OLD_IMAGES') ? { NewImage: plain(newItem) } : {}),
    ...(oldItem && (view === 'OLD_IMAGE' || view === 'NEW_AND_OLD_IMAGES') ? { OldImage: plain(oldItem) } : {}),
  };
  return {
    eventID: randomBytes(16).toString('hex'),
    eventName: oldItem === undefined ? 'INSERT' : newItem === undefined ? 'REMOVE' : 'MODIFY',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys,
      ...images,
      SequenceNumber: sequence,
      SizeBytes: Buffer.byteLength(JSON.stringify({ Keys, ...images })),
      StreamViewType: view,
    },
  };
}

/** dynalite builds items on null-prototype objects; records are stored and sent as plain JSON. */
const plain = (item: Item): Item => JSON.parse(JSON.stringify(item)) as Item;

const SET_TYPES = new Set(['SS', 'NS', 'BS']);

function sameItem(a: Item | undefined, b: Item | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return canonical(a) === canonical(b);
}

/** JSON with object keys and set members sorted: their order does not count as a change. */
function canonical(value: unknown, isSet = false): string {
  if (Array.isArray(value)) {
    const members = value.map((v) => canonical(v));
    return `[${(isSet ? members.sort() : members).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k], SET_TYPES.has(k))}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
