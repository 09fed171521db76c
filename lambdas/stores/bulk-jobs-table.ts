// Bulk regenerations, remembered so they can be shown, finished and stopped: which cases a run
// asked for (each case's request id is derived from the run and the case, so the worker's
// REQUEST# markers tell which are done), who asked and why, when its requests were last handed to
// the queue (the sweeper re-sends those without an outcome), and whether it was cancelled (the
// worker skips a cancelled run's requests). Items `BULKS` / `BULK#<bulkId>`: one partition, so the
// job list is one Query; runs are rare (a few a week).
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { DOC_TYPE_IDS } from '../catalogue/index.js';
import { describeIssues } from '../issues.js';
import { StoredItemInvalidError } from './errors.js';
import { queryAll } from './query-all.js';

/** ~25 bytes a case id: 2,000 cases keep the item far below DynamoDB's 400 KB. */
export const MAX_BULK_CASES = 2000;

/** A run's id is the first 128 bits of its plan's fingerprint, in hex (see bulk-regeneration.ts). */
export const BulkId = z.string().regex(/^[0-9a-f]{32}$/, 'a bulk run id is 32 hex digits');

export const BulkJob = z.object({
  bulkId: BulkId,
  docType: z.enum(DOC_TYPE_IDS),
  approvedFrom: z.string().optional(),
  approvedTo: z.string().optional(),
  reason: z.string().min(1).max(1000),
  requestedBy: z.string().min(1).max(200),
  /** Where it was started: the staff console (API) or the command line. */
  source: z.enum(['api', 'cli']),
  createdAt: z.iso.datetime(),
  caseIds: z.array(z.string()).max(MAX_BULK_CASES),
  /** The last time its open requests were handed to the queue. */
  enqueuedAt: z.iso.datetime(),
  /** How often the sweeper (or a resume) sent them again. */
  resends: z.number().int().min(0),
  cancelledAt: z.iso.datetime().optional(),
  cancelledBy: z.string().optional(),
});
export type BulkJob = z.infer<typeof BulkJob>;
export type BulkJobSummary = Omit<BulkJob, 'caseIds'> & { total: number };

const BULKS_PK = 'BULKS';
const jobKey = (bulkId: string) => ({ pk: BULKS_PK, sk: `BULK#${bulkId}` });

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
  ) {}

  /** Records a run; false when a run with this id exists already (the same plan confirmed twice). */
  async create(job: BulkJob): Promise<boolean> {
    const item = BulkJob.parse(job);
    try {
      await this.documents.send(
        new PutCommand({ TableName: this.tableName, Item: { ...jobKey(item.bulkId), ...item }, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async get(bulkId: string): Promise<BulkJob | undefined> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: jobKey(bulkId), ConsistentRead: true }));
    return Item ? this.parse(Item) : undefined;
  }

  /** Every run, newest first, without their case lists. */
  async list(): Promise<BulkJobSummary[]> {
    const items = await queryAll(this.documents, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': BULKS_PK },
      ConsistentRead: true,
    });
    return items
      .map((item) => {
        const { caseIds, ...job } = this.parse(item);
        return { ...job, total: caseIds.length };
      })
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async markEnqueued(bulkId: string, at: string, resent: boolean): Promise<void> {
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: jobKey(bulkId),
        UpdateExpression: resent ? 'SET enqueuedAt = :at, resends = resends + :one' : 'SET enqueuedAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at, ...(resent ? { ':one': 1 } : {}) },
      }),
    );
  }

  async setCancelled(bulkId: string, cancelled: { at: string; by: string } | null): Promise<void> {
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: jobKey(bulkId),
        UpdateExpression: cancelled ? 'SET cancelledAt = :at, cancelledBy = :by' : 'REMOVE cancelledAt, cancelledBy',
        ConditionExpression: 'attribute_exists(pk)',
        ...(cancelled ? { ExpressionAttributeValues: { ':at': cancelled.at, ':by': cancelled.by } } : {}),
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

  private parse(item: Record<string, unknown>): BulkJob {
    const parsed = BulkJob.safeParse(item);
    if (!parsed.success) throw new StoredItemInvalidError(`bulk job ${String(item.sk)} in table ${this.tableName}: ${describeIssues(parsed.error.issues)}`);
    return parsed.data;
  }
}
