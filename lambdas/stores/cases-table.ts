// Case items (`CASE#<caseId>` / `CASE`) in the one table. The case's own fields are the
// catalogue's business: this adapter returns them as `unknown` for the catalogue's schemas to
// validate, and only reads the status and the assigned 发文字号 itself.
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import { maskIdNumbers } from '../catalogue/id-number.js';
import { describeIssues } from '../zod-issues.js';
import { CaseNotFoundError, parseStored, StoreInputError } from './errors.js';
import { tableItems } from './table-items.js';
import { caseKey, eventKey, KeyPart } from './keys.js';
import { transactionCancellation } from './transaction-cancellation.js';

/** The statuses this pipeline sets; the case system may use others, which are read as they are. */
export const CaseStatus = z.enum(['APPROVED', 'ISSUED', 'FAILED']);
export type CaseStatus = z.infer<typeof CaseStatus>;

export interface StoredCase {
  caseId: string;
  status: string;
  /** The 发文字号 once assigned (numbering.ts); a case keeps it for every later version. */
  documentNumber?: string;
  /** The whole item without its keys, for the catalogue to validate. */
  data: unknown;
}

/** What the case system (locally: the demo seeder) writes: any fields, plus these. */
const CaseItemInput = z.looseObject({ caseId: KeyPart, status: z.string().regex(/^[A-Z][A-Z_]{1,31}$/) });
export type CaseItemInput = z.input<typeof CaseItemInput>;

/** A case item as read back: the status and 发文字号 this adapter reads, the rest as `data`. */
export const StoredCaseItem = z
  .looseObject({
    caseId: z.string(),
    status: z.string().min(1),
    documentNumber: z.string().optional(),
  })
  .transform(
    ({ pk: _pk, sk: _sk, ...data }): StoredCase => ({
      caseId: data.caseId,
      status: data.status,
      ...(data.documentNumber !== undefined ? { documentNumber: data.documentNumber } : {}),
      data,
    }),
  );

export const CaseFailure = z.object({
  /** A stable code, e.g. CASE_INVALID, MISSING_GLYPH. */
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'an upper-case code such as CASE_INVALID'),
  /** What a clerk must change: the field, the value, the rule. */
  reason: z.string().min(1).max(4000),
});
export type CaseFailure = z.infer<typeof CaseFailure>;

export class CasesTable {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Reads the case with a consistent read, so a case written just before its message is seen. */
  async getCase(caseId: string): Promise<StoredCase | undefined> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: caseKey(checkId(caseId)), ConsistentRead: true }));
    if (!Item) return undefined;
    return parseStored(StoredCaseItem, Item, `case ${caseId}`, this.tableName);
  }

  /** Ids of the APPROVED cases: those the Pipe has yet to issue, or whose approval it missed. */
  async approvedCaseIds(): Promise<string[]> {
    const scan = {
      TableName: this.tableName,
      FilterExpression: 'sk = :case AND #status = :approved',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':case': 'CASE', ':approved': 'APPROVED' },
      ProjectionExpression: 'caseId',
    };
    const { items } = await tableItems(this.documents, { scan }, (item) => (typeof item.caseId === 'string' ? item.caseId : undefined));
    return items;
  }

  /** Writes a whole case, as the case system does; `pk`/`sk` are derived from `caseId`. */
  async putCase(item: CaseItemInput): Promise<void> {
    const parsed = CaseItemInput.safeParse(item);
    if (!parsed.success) throw new StoreInputError(`case item: ${describeIssues(parsed.error.issues)}`);
    const { pk: _pk, sk: _sk, ...fields } = parsed.data;
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...fields, ...caseKey(parsed.data.caseId), updatedAt: this.now().toISOString() },
      }),
    );
  }

  /**
   * Sets the status. With `expected`, only when the case is in that status now (returns false
   * otherwise), so a late retry cannot undo a newer status. ISSUED removes an earlier `failure`
   * in the same update: an issued case has nothing left for a clerk to fix.
   */
  async setCaseStatus(caseId: string, status: CaseStatus, options: { expected?: string } = {}): Promise<boolean> {
    const parsedStatus = CaseStatus.safeParse(status);
    if (!parsedStatus.success) throw new StoreInputError(`case ${caseId} status “${status}”: ${describeIssues(parsedStatus.error.issues)}`);
    const condition = options.expected === undefined ? 'attribute_exists(pk)' : 'attribute_exists(pk) AND #status = :expected';
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseKey(checkId(caseId)),
          UpdateExpression: `SET #status = :status, updatedAt = :now${parsedStatus.data === 'ISSUED' ? ' REMOVE failure' : ''}`,
          ConditionExpression: condition,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': parsedStatus.data,
            ':now': this.now().toISOString(),
            ...(options.expected === undefined ? {} : { ':expected': options.expected }),
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      if (!error.Item) throw new CaseNotFoundError(caseId, this.tableName);
      return false;
    }
  }

  /**
   * Marks the case FAILED with the reason a clerk can act on, and records a FAILED audit event,
   * in one transaction. Resident ID numbers in the reason are masked. `keepStatus`: record the
   * failure beside the status (a failed regeneration leaves an ISSUED case ISSUED: its current
   * document still stands).
   */
  async markCaseFailed(caseId: string, failure: CaseFailure, options: { keepStatus?: boolean } = {}): Promise<void> {
    const parsed = CaseFailure.safeParse(failure);
    if (!parsed.success) throw new StoreInputError(`failure of case ${caseId}: ${describeIssues(parsed.error.issues)}`);
    const at = this.now().toISOString();
    const recorded = { code: parsed.data.code, reason: maskIdNumbers(parsed.data.reason), at };
    try {
      await this.documents.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: caseKey(checkId(caseId)),
                ConditionExpression: 'attribute_exists(pk)',
                ...(options.keepStatus
                  ? { UpdateExpression: 'SET failure = :failure, updatedAt = :now', ExpressionAttributeValues: { ':failure': recorded, ':now': at } }
                  : {
                      UpdateExpression: 'SET #status = :failed, failure = :failure, updatedAt = :now',
                      ExpressionAttributeNames: { '#status': 'status' },
                      ExpressionAttributeValues: { ':failed': 'FAILED', ':failure': recorded, ':now': at },
                    }),
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...eventKey(caseId, at, randomUUID()), type: 'FAILED', caseId, ...recorded },
              },
            },
          ],
        }),
      );
    } catch (error) {
      const cancellation = transactionCancellation(error, 2);
      if (cancellation?.items[0] === 'condition-failed') throw new CaseNotFoundError(caseId, this.tableName);
      throw error;
    }
  }
}

function checkId(caseId: string): string {
  const parsed = KeyPart.safeParse(caseId);
  if (!parsed.success) throw new StoreInputError(`case id “${caseId}”: ${describeIssues(parsed.error.issues)}`);
  return caseId;
}
