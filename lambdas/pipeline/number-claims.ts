// Several cases take consecutive 发文字号 from one counter in ONE transaction: the counter moves
// by n only if it still stands where we read it, and each case gets its number only if it has
// none — the same conditions as DocumentNumbersTable.claim, for n cases at once. A transaction
// costs DynamoDB (and DynamoDB Local) about as much with 2 items as with 26, so a worker with
// many approvals in flight numbers them in a fraction of the calls.
// (It belongs beside DocumentNumbersTable.claim in stores/document-numbers-table.ts; it is here
// because that file is another engineer's. The item shapes are the same.)
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { caseKey, counterKey } from '../stores/keys.js';
import { transactionCancellation } from '../stores/transaction-cancellation.js';

/** TransactWriteItems takes 100 items; 25 cases + the counter keeps requests small. */
export const MAX_CASES_PER_CLAIM = 25;

export interface CaseNumber {
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

export class NumberClaims {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async claim(batch: BatchClaim): Promise<BatchClaimOutcome> {
    const at = this.now().toISOString();
    const first = batch.expected === 0;
    const items = [
      {
        Update: {
          TableName: this.tableName,
          Key: counterKey(batch.prefix, batch.year),
          UpdateExpression: 'SET prefix = :prefix, #year = :year, updatedAt = :now ADD lastSeq :count',
          ConditionExpression: first ? 'attribute_not_exists(lastSeq)' : 'lastSeq = :expected',
          ExpressionAttributeNames: { '#year': 'year' },
          ExpressionAttributeValues: {
            ':prefix': batch.prefix,
            ':year': batch.year,
            ':now': at,
            ':count': batch.cases.length,
            ...(first ? {} : { ':expected': batch.expected }),
          },
        },
      },
      ...batch.cases.map((c) => ({
        Update: {
          TableName: this.tableName,
          Key: caseKey(c.caseId),
          UpdateExpression: 'SET documentNumber = :number, documentNumberAssignedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(documentNumber)',
          ExpressionAttributeValues: { ':number': c.documentNumber, ':now': at },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
        },
      })),
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

  /** The case's number; undefined when it has none, null when the case is gone. */
  private async storedNumber(caseId: string): Promise<string | null | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: caseKey(caseId), ConsistentRead: true, ProjectionExpression: 'documentNumber' }),
    );
    if (!Item) return null;
    return typeof Item.documentNumber === 'string' ? Item.documentNumber : undefined;
  }
}
