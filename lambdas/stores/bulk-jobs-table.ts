// Bulk regenerations, remembered so they can be shown, finished and stopped: which cases a run
// asked for (each case's request id is derived from the run and the case, so the worker's
// REQUEST# markers tell which are done), who asked and why, when its requests were last handed to
// the queue (the sweeper re-sends those without an outcome), and whether it was cancelled (the
// worker skips a cancelled run's requests). Items `BULKS` / `BULK#<bulkId>`: one partition, so the
// job list is one Query; runs are rare (a few a week).
//
// A run's case ids are kept in parts beside it, `BULK#<bulkId>` / `PART#<0000>`, at most
// PART_SIZE ids each, so a run of MAX_BULK_CASES stays far below DynamoDB's 400 KB per item. A
// part records when its requests were first handed to the queue: a part without that time is
// queued by whoever comes next (the API that started the run, the CLI, or the sweeper).
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import { DOC_TYPE_IDS } from '../catalogue/index.js';
import { parseStored } from './errors.js';
import type { TableKey } from './keys.js';
import { tableItems } from './table-items.js';

/** The most cases one run takes (docs/scale.md: 100,000 documents in ten minutes). */
export const MAX_BULK_CASES = 100_000;
/** Case ids per part: ~25 bytes each, ≈ 125 KB an item. */
const PART_SIZE = 5000;

/** A run's id is the first 128 bits of its plan's fingerprint, in hex (see bulk-regeneration.ts). */
export const BulkId = z.string().regex(/^[0-9a-f]{32}$/, 'a bulk run id is 32 hex digits');

const BulkJobFields = z.object({
  bulkId: BulkId,
  docType: z.enum(DOC_TYPE_IDS),
  approvedFrom: z.string().optional(),
  approvedTo: z.string().optional(),
  reason: z.string().min(1).max(1000),
  requestedBy: z.string().min(1).max(200),
  /** Where it was started: the staff console (API) or the command line. */
  source: z.enum(['api', 'cli']),
  createdAt: z.iso.datetime(),
  /** The last time its open requests were handed to the queue. */
  enqueuedAt: z.iso.datetime(),
  /** How often the sweeper (or a resume) sent them again. */
  resends: z.number().int().min(0),
  cancelledAt: z.iso.datetime().optional(),
  cancelledBy: z.string().optional(),
});

export const BulkJob = BulkJobFields.extend({ caseIds: z.array(z.string()).max(MAX_BULK_CASES) });
export type BulkJob = z.infer<typeof BulkJob>;
export type BulkJobSummary = z.infer<typeof BulkJobFields> & { total: number };

/** The run's item: its case ids are in its parts (`parts`), or, for runs recorded before parts, inline. */
const StoredJob = BulkJobFields.extend({
  total: z.number().int().min(0).optional(),
  parts: z.number().int().min(0).optional(),
  caseIds: z.array(z.string()).optional(),
});
type StoredJob = z.infer<typeof StoredJob>;

const StoredPart = z.object({ index: z.number().int().min(0), caseIds: z.array(z.string()).max(PART_SIZE), queuedAt: z.iso.datetime().optional() });
/** One part of a run's case ids, and whether its requests were ever handed to the queue. */
export type BulkPart = z.infer<typeof StoredPart>;

const BULKS_PK = 'BULKS';
const jobKey = (bulkId: string) => ({ pk: BULKS_PK, sk: `BULK#${bulkId}` });
const partsPk = (bulkId: string) => `BULK#${bulkId}`;
const partKey = (bulkId: string, index: number) => ({ pk: partsPk(bulkId), sk: `PART#${String(index).padStart(4, '0')}` });

/** The request id of one case's regeneration within a run. */
export function bulkRequestId(bulkId: string, caseId: string): string {
  return `bulk-${bulkId}-${caseId}`;
}

/** The run a request id belongs to, if it is a bulk request of the current form. */
function bulkIdOfRequest(requestId: string): string | undefined {
  return /^bulk-([0-9a-f]{32})-/.exec(requestId)?.[1];
}

export class BulkJobsTable {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    readonly tableName: string,
    private readonly partSize: number = PART_SIZE,
  ) {}

  /**
   * Records a run: its parts first, then the run, so a run that exists has all its parts (parts
   * left by a sender that died before the run are written again, the same, by the next try).
   * False when a run with this id exists already (the same plan confirmed twice).
   */
  async create(job: BulkJob): Promise<boolean> {
    const { caseIds, ...fields } = BulkJob.parse(job);
    const parts = Math.ceil(caseIds.length / this.partSize);
    for (let index = 0; index < parts; index++) {
      const ids = caseIds.slice(index * this.partSize, (index + 1) * this.partSize);
      await this.documents
        .send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...partKey(fields.bulkId, index), index, caseIds: ids },
            ConditionExpression: 'attribute_not_exists(queuedAt)',
          }),
        )
        .catch((error: unknown) => {
          // Queued already: the run exists, and the conditional put of the run below says so.
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        });
    }
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...jobKey(fields.bulkId), ...fields, total: caseIds.length, parts },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async get(bulkId: string): Promise<BulkJob | undefined> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: jobKey(bulkId), ConsistentRead: true }));
    if (!Item) return undefined;
    const { total: _total, parts: _parts, caseIds, ...job } = this.parse(Item);
    return { ...job, caseIds: caseIds ?? (await this.parts(bulkId)).flatMap((p) => p.caseIds) };
  }

  /** A run's parts in order. A run recorded before parts has none: it was queued whole when started. */
  async parts(bulkId: string): Promise<BulkPart[]> {
    const query = {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :part)',
      ExpressionAttributeValues: { ':pk': partsPk(bulkId), ':part': 'PART#' },
      ConsistentRead: true,
    };
    const { items } = await tableItems(
      this.documents,
      { query },
      (item): BulkPart => parseStored(StoredPart, item, `bulk run part ${String(item.pk)} ${String(item.sk)}`, this.tableName),
    );
    return items;
  }

  /** Notes that a part's requests were handed to the queue (once; later sends are resends). */
  async markPartQueued(bulkId: string, index: number, at: string): Promise<void> {
    await this.updateExisting(partKey(bulkId, index), 'SET queuedAt = if_not_exists(queuedAt, :at)', { ':at': at });
  }

  /** Every run, newest first, without their case lists. */
  async list(): Promise<BulkJobSummary[]> {
    const query = { TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': BULKS_PK }, ConsistentRead: true };
    const { items: jobs } = await tableItems(this.documents, { query }, (item): BulkJobSummary => {
      const { caseIds, total, parts: _parts, ...job } = this.parse(item);
      return { ...job, total: total ?? caseIds?.length ?? 0 };
    });
    return jobs.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async markEnqueued(bulkId: string, at: string, resent: boolean): Promise<void> {
    await this.updateExisting(jobKey(bulkId), resent ? 'SET enqueuedAt = :at, resends = resends + :one' : 'SET enqueuedAt = :at', {
      ':at': at,
      ...(resent ? { ':one': 1 } : {}),
    });
  }

  async setCancelled(bulkId: string, cancelled: { at: string; by: string } | null): Promise<void> {
    if (cancelled) await this.updateExisting(jobKey(bulkId), 'SET cancelledAt = :at, cancelledBy = :by', { ':at': cancelled.at, ':by': cancelled.by });
    else await this.updateExisting(jobKey(bulkId), 'REMOVE cancelledAt, cancelledBy');
  }

  /** Updates a run or a part that must exist: a missing one fails the write rather than being created. */
  private async updateExisting(key: TableKey, update: string, values?: Record<string, unknown>): Promise<void> {
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: update,
        ConditionExpression: 'attribute_exists(pk)',
        ...(values ? { ExpressionAttributeValues: values } : {}),
      }),
    );
  }

  /** True when the request belongs to a run that was cancelled: the worker leaves it undone. */
  async isCancelledRequest(requestId: string): Promise<boolean> {
    const bulkId = bulkIdOfRequest(requestId);
    if (!bulkId) return false;
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: jobKey(bulkId), ConsistentRead: true, ProjectionExpression: 'cancelledAt' }),
    );
    return typeof Item?.cancelledAt === 'string';
  }

  private parse(item: Record<string, unknown>): StoredJob {
    return parseStored(StoredJob, item, `bulk job ${String(item.sk)}`, this.tableName);
  }
}
