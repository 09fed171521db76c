// docId reservations (`CASE#<caseId>` / `DOCID#<requestId>`): the id each (case, request) renders
// under, recorded before rendering so a redelivered request renders the very same bytes
// (pipeline/document-identity.ts says why the id is random and how it is drawn).
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { StoredItemInvalidError } from './errors.js';
import { docIdReservationKey } from './keys.js';

const Reservation = z.object({ docId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/) });

/** The docId each (case, request) renders under, drawn at random once and then read back. */
export class DocumentIds {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date,
    /** Draws a new id (pipeline/document-identity.ts: randomDocumentId). */
    private readonly draw: () => string,
  ) {}

  async forRequest(caseId: string, requestId: string): Promise<string> {
    const key = docIdReservationKey(caseId, requestId);
    const docId = this.draw();
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key, docId, at: this.now().toISOString() },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return docId;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    // A redelivery (or a concurrent delivery): the first draw stands.
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    const parsed = Reservation.safeParse(Item);
    if (!parsed.success) throw new StoredItemInvalidError(`the docId recorded for request ${requestId} of case ${caseId} is missing or malformed`);
    return parsed.data.docId;
  }
}
