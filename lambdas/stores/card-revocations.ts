// Revoking a card (第十二条 人才服务“绿卡”): the card's CURRENT version record gets revokedAt,
// revokedBy and revokedReason, and a REVOKED audit event is written beside it, in ONE transaction:
//   1. the version: set the revocation — only if it is still CURRENT and not revoked yet
//   2. the audit event — who, when, why
// so a revocation is recorded once: a second request finds the first one and changes nothing.
import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { eventKey, versionKey } from './keys.js';
import { transactionCancellation } from './transaction-cancellation.js';
import type { VersionRecord } from './versions-table.js';

export interface Revocation {
  by: string;
  reason: string;
}

export type RevokeOutcome =
  | { kind: 'revoked'; at: string }
  /** The version is revoked already, or no longer CURRENT (a regeneration came first): read it again. */
  | { kind: 'changed' };

export class CardRevocations {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async revoke(current: VersionRecord, revocation: Revocation): Promise<RevokeOutcome> {
    const at = this.now().toISOString();
    const items = [
      {
        Update: {
          TableName: this.tableName,
          Key: versionKey(current.caseId, current.docType, current.version),
          UpdateExpression: 'SET revokedAt = :at, revokedBy = :by, revokedReason = :reason',
          ConditionExpression: '#status = :current AND attribute_not_exists(revokedAt)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':at': at, ':by': revocation.by, ':reason': revocation.reason, ':current': 'CURRENT' },
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...eventKey(current.caseId, at, randomUUID()),
            type: 'REVOKED',
            caseId: current.caseId,
            docType: current.docType,
            version: current.version,
            docId: current.docId,
            documentNumber: current.documentNumber,
            requestedBy: revocation.by,
            reason: revocation.reason,
            at,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ];
    try {
      await this.documents.send(new TransactWriteCommand({ TransactItems: items }));
      return { kind: 'revoked', at };
    } catch (error) {
      // A failed condition or a conflicting write: the caller reads the version again and decides.
      if (transactionCancellation(error, items.length)) return { kind: 'changed' };
      throw error;
    }
  }
}
