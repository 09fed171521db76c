// 发文字号 counters (`SEQ#<prefix>#<year>` / `SEQ`, attribute `lastSeq`) and their assignment to
// cases. The counter moves only in the same transaction that writes the number onto the case,
// so a number is never taken without being stored: no gaps, even when a worker dies mid-way,
// and no second number when SQS delivers a message twice (the case condition refuses it).
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { CaseNotFoundError, parseStored } from './errors.js';
import { caseKey, counterKey } from './keys.js';
import { transactionCancellation } from './transaction-cancellation.js';

/** TransactWriteItems takes 100 items; 25 cases + the counter keeps requests small. */
export const MAX_CASES_PER_CLAIM = 25;

interface CaseNumber {
  caseId: string;
  documentNumber: string;
}

export interface BatchClaim {
  prefix: string;
  year: number;
  /** The counter's value as read: the cases take expected + 1, expected + 2, … in order. */
  expected: number;
  cases: CaseNumber[];
}

export type BatchClaimOutcome =
  | { kind: 'claimed' }
  /** Some cases refused (numbered already, or gone): nothing was written; claim again without them. */
  | { kind: 'cases-refused'; numbered: Map<string, string>; missing: string[] }
  /** Another writer moved the counter: read it again. */
  | { kind: 'counter-moved' }
  | { kind: 'conflict' };

const Counter = z.object({ lastSeq: z.number().int().min(0) });
const NumberedCase = z.object({ documentNumber: z.string().optional() });

export class DocumentNumbersTable {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The last number taken for a prefix and year; 0 before the first. */
  async lastTaken(prefix: string, year: number): Promise<number> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: counterKey(prefix, year), ConsistentRead: true }));
    if (!Item) return 0;
    return parseStored(Counter, Item, `counter SEQ#${prefix}#${year}`, this.tableName).lastSeq;
  }

  /** The 发文字号 already on the case, if any. Throws when the case does not exist. */
  async assignedNumber(caseId: string): Promise<string | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: caseKey(caseId),
        ConsistentRead: true,
        ProjectionExpression: 'documentNumber',
      }),
    );
    if (!Item) throw new CaseNotFoundError(caseId, this.tableName);
    return parseStored(NumberedCase, Item, `case ${caseId}`, this.tableName).documentNumber;
  }

  /**
   * Takes consecutive numbers for several cases in ONE transaction, on these conditions: the counter moves by n only if it still stands at `expected`, and each case gets its
   * number only if it has none. A transaction costs about as much with 2 items as with 26, so a
   * worker with many approvals in flight numbers them in a fraction of the calls.
   */
  async claimBatch(batch: BatchClaim): Promise<BatchClaimOutcome> {
    const at = this.now().toISOString();
    const items = [
      this.counterUpdate(batch.prefix, batch.year, batch.expected, batch.cases.length, at),
      ...batch.cases.map((c) => this.caseNumberUpdate(c.caseId, c.documentNumber, at)),
    ];
    try {
      await this.documents.send(new TransactWriteCommand({ TransactItems: items }));
      return { kind: 'claimed' };
    } catch (error) {
      const cancellation = transactionCancellation(error, items.length);
      if (!cancellation) throw error;
      const numbered = new Map<string, string>();
      const missing: string[] = [];
      for (let i = 1; i < items.length; i++) {
        if (cancellation.items[i] !== 'condition-failed') continue;
        const caseId = batch.cases[i - 1]!.caseId;
        const old = cancellation.oldItems[i];
        const stored = old ? old.documentNumber?.S : await this.storedNumber(caseId);
        if (stored === null) missing.push(caseId);
        else if (stored !== undefined) numbered.set(caseId, stored);
      }
      if (numbered.size > 0 || missing.length > 0) return { kind: 'cases-refused', numbered, missing };
      if (cancellation.items[0] === 'condition-failed') return { kind: 'counter-moved' };
      return { kind: 'conflict' };
    }
  }

  /** The counter moves by `count` only if it still stands at `expected` (absent when 0). */
  private counterUpdate(prefix: string, year: number, expected: number, count: number, at: string) {
    const first = expected === 0;
    return {
      Update: {
        TableName: this.tableName,
        Key: counterKey(prefix, year),
        UpdateExpression: 'SET prefix = :prefix, #year = :year, updatedAt = :now ADD lastSeq :count',
        ConditionExpression: first ? 'attribute_not_exists(lastSeq)' : 'lastSeq = :expected',
        ExpressionAttributeNames: { '#year': 'year' },
        ExpressionAttributeValues: {
          ':prefix': prefix,
          ':year': year,
          ':now': at,
          ':count': count,
          ...(first ? {} : { ':expected': expected }),
        },
      },
    };
  }

  /** The case takes the number only if it exists and has none; the old item says which failed. */
  private caseNumberUpdate(caseId: string, documentNumber: string, at: string) {
    return {
      Update: {
        TableName: this.tableName,
        Key: caseKey(caseId),
        UpdateExpression: 'SET documentNumber = :number, documentNumberAssignedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(documentNumber)',
        ExpressionAttributeValues: { ':number': documentNumber, ':now': at },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
      },
    };
  }

  /** The case's number; undefined when it has none, null when the case is gone. */
  private async storedNumber(caseId: string): Promise<string | null | undefined> {
    try {
      return await this.assignedNumber(caseId);
    } catch (error) {
      if (error instanceof CaseNotFoundError) return null;
      throw error;
    }
  }
}
