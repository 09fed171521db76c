// A case's audit trail as the table holds it, oldest first: tests read it back to check what was recorded.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AuditLog } from '../../lambdas/stores/audit-log.js';

export function auditEvents(documents: DynamoDBDocumentClient, tableName: string, caseId: string): Promise<Record<string, unknown>[]> {
  return new AuditLog(documents, tableName).events(caseId);
}
