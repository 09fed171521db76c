// Download events in the case's audit trail (`EVENT#<time>#<id>`, beside ISSUED and REGENERATED).
// Best effort: a recipient still gets their document when the event cannot be written; the
// failure is logged for an operator.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { eventKey } from '../stores/keys.js';
import type { VersionRecord } from '../stores/versions-table.js';
import type { ApiDeps } from './deps.js';

export async function recordDownload(deps: ApiDeps, record: VersionRecord, by: string): Promise<void> {
  const at = deps.now().toISOString();
  try {
    await deps.documents.send(
      new PutCommand({
        TableName: deps.tableName,
        Item: {
          ...eventKey(record.caseId, at, deps.newId()),
          type: 'DOWNLOADED',
          caseId: record.caseId,
          docType: record.docType,
          version: record.version,
          docId: record.docId,
          by,
          at,
        },
      }),
    );
  } catch (error) {
    deps.log.warn('download event not recorded', { caseId: record.caseId, docId: record.docId, error: (error as Error).message });
  }
}

/** A recipient's link sent (or an attempt that failed): who sent it, how, to whom (masked). */
export async function recordSend(deps: ApiDeps, record: VersionRecord, send: { by: string; channel: string; toMasked: string; outcome: 'sent' | 'failed'; detail: string }): Promise<void> {
  const at = deps.now().toISOString();
  await deps.documents.send(
    new PutCommand({
      TableName: deps.tableName,
      Item: { ...eventKey(record.caseId, at, deps.newId()), type: 'SENT', caseId: record.caseId, docType: record.docType, version: record.version, docId: record.docId, ...send, at },
    }),
  );
}
