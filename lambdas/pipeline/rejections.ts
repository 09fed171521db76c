// Messages the worker will never act on — a body that is not a valid message, a case that does
// not exist, a request the case cannot take — are recorded here before they leave the queue, so
// nothing is dropped silently. Items: `REJECTED` / `MSG#<messageId>`: one item per SQS message,
// so a repeated delivery of the same message rewrites the same item instead of adding one.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { describeIssues } from '../zod-issues.js';
import { maskIdNumbers } from '../catalogue/id-number.js';
import { StoredItemInvalidError } from '../stores/errors.js';
import { REJECTED_PK, rejectionKey } from '../stores/keys.js';
import { queryAll } from '../stores/query-all.js';

/** Bodies are kept for the operator, but a runaway message must not fill an item (400 KB). */
const MAX_BODY_CHARS = 8_000;

export const Rejection = z.object({
  messageId: z.string().min(1),
  /** A stable code, e.g. MESSAGE_INVALID, CASE_NOT_FOUND. */
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/),
  reason: z.string().min(1),
  /** The body as received, ID numbers masked, cut at 8,000 characters. */
  body: z.string(),
  caseId: z.string().optional(),
  receiveCount: z.number().int().min(0).optional(),
  at: z.iso.datetime(),
});
export type Rejection = z.infer<typeof Rejection>;

export type RejectionInput = Omit<Rejection, 'at' | 'body'> & { body: string };

export class RejectionsTable {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(input: RejectionInput): Promise<Rejection> {
    const rejection = Rejection.parse({
      ...input,
      reason: maskIdNumbers(input.reason),
      body: maskIdNumbers(input.body).slice(0, MAX_BODY_CHARS),
      at: this.now().toISOString(),
    });
    await this.documents.send(
      new PutCommand({ TableName: this.tableName, Item: { ...rejectionKey(rejection.messageId), ...rejection } }),
    );
    return rejection;
  }

  async list(): Promise<Rejection[]> {
    const items = await queryAll(this.documents, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': REJECTED_PK },
      ConsistentRead: true,
    });
    return items.map((item) => {
      const parsed = Rejection.safeParse(item);
      if (!parsed.success) throw new StoredItemInvalidError(`rejection ${String(item.sk)} in table ${this.tableName}: ${describeIssues(parsed.error.issues)}`);
      return parsed.data;
    });
  }
}
