// 发文字号 counters (`SEQ#<prefix>#<year>` / `SEQ`, attribute `lastSeq`) and their assignment to
// cases. The counter moves only in the same transaction that writes the number onto the case,
// so a number is never taken without being stored: no gaps, even when a worker dies mid-way,
// and no second number when SQS delivers a message twice (the case condition refuses it).
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { describeIssues } from '../issues.js';
import { CaseNotFoundError, StoredItemInvalidError } from './errors.js';
import { caseKey, counterKey } from './keys.js';
import { transactionCancellation } from './transaction-cancellation.js';

export interface NumberClaim {
  caseId: string;
  prefix: string;
  year: number;
  /** The number to take: the counter's current value + 1. */
  seq: number;
  /** The formatted 发文字号 for `seq`, stored on the case. */
  documentNumber: string;
}

export type ClaimOutcome =
  | { kind: 'claimed' }
  /** The case already has a number (an earlier delivery of the same request took it). */
  | { kind: 'already-numbered'; documentNumber: string }
  /** Another case took `seq` first: read the counter again. */
  | { kind: 'counter-moved' }
  /** Another transaction touched the counter or the case at the same moment: try again. */
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
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: counterKey(prefix, year), ConsistentRead: true }),
    );
    if (!Item) return 0;
    const parsed = Counter.safeParse(Item);
    if (!parsed.success) {
      throw new StoredItemInvalidError(`counter SEQ#${prefix}#${year} in table ${this.tableName}: ${describeIssues(parsed.error.issues)}`);
    }
    return parsed.data.lastSeq;
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
    const parsed = NumberedCase.safeParse(Item);
    if (!parsed.success) {
      throw new StoredItemInvalidError(`case ${caseId} in table ${this.tableName}: ${describeIssues(parsed.error.issues)}`);
    }
    return parsed.data.documentNumber;
  }

  /**
   * Takes `seq` for the case in one transaction: ADD 1 to the counter only if it still stands at
   * `seq - 1`, and SET the number on the case only if the case has none.
   */
  async claim(claim: NumberClaim): Promise<ClaimOutcome> {
    const at = this.now().toISOString();
    const first = claim.seq === 1;
    try {
      await this.documents.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: counterKey(claim.prefix, claim.year),
                UpdateExpression: 'SET prefix = :prefix, #year = :year, updatedAt = :now ADD lastSeq :one',
                ConditionExpression: first ? 'attribute_not_exists(lastSeq)' : 'lastSeq = :expected',
                ExpressionAttributeNames: { '#year': 'year' },
                ExpressionAttributeValues: {
                  ':prefix': claim.prefix,
                  ':year': claim.year,
                  ':now': at,
                  ':one': 1,
                  ...(first ? {} : { ':expected': claim.seq - 1 }),
                },
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: caseKey(claim.caseId),
                UpdateExpression: 'SET documentNumber = :number, documentNumberAssignedAt = :now',
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(documentNumber)',
                ExpressionAttributeValues: { ':number': claim.documentNumber, ':now': at },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
          ],
        }),
      );
      return { kind: 'claimed' };
    } catch (error) {
      const cancellation = transactionCancellation(error, 2);
      if (!cancellation) throw error;
      const [counter, kase] = cancellation.items;
      if (kase === 'condition-failed') {
        // The old item says which condition failed; without it (case missing) the read throws.
        const stored = cancellation.oldItems[1]?.documentNumber?.S ?? (await this.assignedNumber(claim.caseId));
        return stored === undefined ? { kind: 'conflict' } : { kind: 'already-numbered', documentNumber: stored };
      }
      if (counter === 'condition-failed') return { kind: 'counter-moved' };
      return { kind: 'conflict' };
    }
  }
}
