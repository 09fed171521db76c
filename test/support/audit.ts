// A case's audit trail as the table holds it, oldest first: tests read it back to check what was recorded.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EVENT_SK_PREFIX, casePk } from '../../lambdas/stores/keys.js';
import { queryAll } from '../../lambdas/stores/query-all.js';

export function auditEvents(documents: DynamoDBDocumentClient, tableName: string, caseId: string): Promise<Record<string, unknown>[]> {
  return queryAll(documents, {
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :event)',
    ExpressionAttributeValues: { ':pk': casePk(caseId), ':event': EVENT_SK_PREFIX },
    ConsistentRead: true,
  });
}
