// A bulk regeneration, remembered so its progress can be shown: which cases it asked for, with
// which request ids, when and why. Items `BULK#<bulkId>` / `BULK` (kept beside their only user,
// as the pipeline's rejections are). Each case's request id is derived from the job and the case,
// so the worker's REQUEST# markers tell which are done.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { DOC_TYPE_IDS } from '../catalogue/index.js';
import { describeIssues } from '../issues.js';
import { StoredItemInvalidError } from '../stores/errors.js';

/** ~25 bytes a case id: 2,000 cases keep the item far below DynamoDB's 400 KB. */
export const MAX_BULK_CASES = 2000;

export const BulkJob = z.object({
  bulkId: z.string().regex(/^[a-z0-9-]{8,64}$/),
  docType: z.enum(DOC_TYPE_IDS),
  approvedFrom: z.string().optional(),
  approvedTo: z.string().optional(),
  reason: z.string().min(1).max(1000),
  requestedBy: z.string().min(1).max(200),
  createdAt: z.iso.datetime(),
  caseIds: z.array(z.string()).max(MAX_BULK_CASES),
});
export type BulkJob = z.infer<typeof BulkJob>;

const jobKey = (bulkId: string) => ({ pk: `BULK#${bulkId}`, sk: 'BULK' });

/** The request id of one case's regeneration within a job. */
export function bulkRequestId(bulkId: string, caseId: string): string {
  return `bulk-${bulkId}-${caseId}`;
}

export class BulkJobsTable {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async put(job: BulkJob): Promise<void> {
    const item = BulkJob.parse(job);
    await this.documents.send(
      new PutCommand({ TableName: this.tableName, Item: { ...jobKey(item.bulkId), ...item }, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  }

  async get(bulkId: string): Promise<BulkJob | undefined> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: jobKey(bulkId), ConsistentRead: true }));
    if (!Item) return undefined;
    const parsed = BulkJob.safeParse(Item);
    if (!parsed.success) throw new StoredItemInvalidError(`bulk job ${bulkId} in table ${this.tableName}: ${describeIssues(parsed.error.issues)}`);
    return parsed.data;
  }
}
