// Messages the worker will never act on — a body that is not a valid message, a case that does
// not exist, a request the case cannot take — are recorded here before they leave the queue, so
// nothing is dropped silently. Items: `REJECTED` / `MSG#<messageId>`: one item per SQS message,
// so a repeated delivery of the same message rewrites the same item instead of adding one.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { maskIdNumbers } from '../catalogue/id-number.js';
import { parseStored } from './errors.js';
import { tableItems } from './table-items.js';
import { REJECTED_PK, rejectionKey } from './keys.js';

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
    await this.documents.send(new PutCommand({ TableName: this.tableName, Item: { ...rejectionKey(rejection.messageId), ...rejection } }));
    return rejection;
  }

  async list(): Promise<Rejection[]> {
    return (await this.items()).map((item) => parseStored(Rejection, item, `rejection ${String(item.sk)}`, this.tableName));
  }

  /**
   * The cases of messages rejected at or after `since` (ISO time), each with its latest rejection
   * time: one read serves several runs, each keeping the rejections since it started.
   */
  async casesRejectedSince(since: string): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const filter = { FilterExpression: '#at >= :since', ExpressionAttributeNames: { '#at': 'at' }, ExpressionAttributeValues: { ':since': since } };
    for (const item of await this.items(filter)) {
      if (typeof item.caseId !== 'string' || typeof item.at !== 'string') continue;
      const latest = out.get(item.caseId);
      if (latest === undefined || item.at > latest) out.set(item.caseId, item.at);
    }
    return out;
  }

  private async items(filter?: {
    FilterExpression: string;
    ExpressionAttributeNames: Record<string, string>;
    ExpressionAttributeValues: Record<string, unknown>;
  }): Promise<Record<string, unknown>[]> {
    const query = {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ConsistentRead: true,
      ...filter,
      ExpressionAttributeValues: { ':pk': REJECTED_PK, ...filter?.ExpressionAttributeValues },
    };
    const { items } = await tableItems(this.documents, { query }, (item) => item);
    return items;
  }
}
