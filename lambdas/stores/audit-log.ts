// A case's audit trail: `EVENT#<time>#<id>` items in the case's partition. Versions, failures and
// revocations write their events in their own transactions (versions-table.ts, cases-table.ts,
// card-revocations.ts); this store writes the events that stand alone (downloads, sends) and reads
// the trail back.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { casePk, EVENT_SK_PREFIX, eventKey } from './keys.js';
import { tableItems } from './table-items.js';

/** What an event says besides its key: type, caseId, who, when, and the event's own fields. */
export type AuditFields = { type: string; caseId: string; at: string } & Record<string, unknown>;

export class AuditLog {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  /** Records the event under `EVENT#<sortTime>#<id>`. */
  async record(sortTime: string, id: string, fields: AuditFields): Promise<void> {
    await this.documents.send(new PutCommand({ TableName: this.tableName, Item: { ...eventKey(fields.caseId, sortTime, id), ...fields } }));
  }

  /** Records the event unless one with the same key is recorded already: false when it was. */
  async recordOnce(sortTime: string, id: string, fields: AuditFields): Promise<boolean> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...eventKey(fields.caseId, sortTime, id), ...fields },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** The case's events as stored, oldest first. */
  async events(caseId: string): Promise<Record<string, unknown>[]> {
    const query = {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :event)',
      ExpressionAttributeValues: { ':pk': casePk(caseId), ':event': EVENT_SK_PREFIX },
      ConsistentRead: true,
    };
    const { items } = await tableItems(this.documents, { query }, (item) => item);
    return items;
  }
}
