// A case's audit trail (`EVENT#<time>#<id>` items): issued and regenerated (written with the
// version), failed (with the failure), downloaded (here), and whatever else is recorded the same
// way (sent, verified). Read by the console and `notice history`.
//
// Downloads are recorded once per link (or staff member) per document per hour, not per request:
// a link opened in a loop must not write thousands of events. The hour's event has a fixed key, so
// a conditional put keeps one; a process also remembers what it has recorded this hour and skips
// the write. Best effort: a recipient still gets their document when the event cannot be written;
// the failure is logged for an operator.
import { createHash } from 'node:crypto';
import type { AuditLog } from '../stores/audit-log.js';
import { EVENT_SK_PREFIX } from '../stores/keys.js';
import type { VersionRecord } from '../stores/versions-table.js';
import type { ApiDeps } from './deps.js';

const HOUR_MS = 3_600_000;
/** Keys of download events this process wrote, for the current hour only. */
const recorded = { hour: '', keys: new Set<string>() };

export async function recordDownload(deps: Pick<ApiDeps, 'audit' | 'now' | 'log'>, record: VersionRecord, by: string, linkId = by): Promise<void> {
  const now = deps.now();
  const at = now.toISOString();
  const hour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS).toISOString();
  const id = `download-${createHash('sha256').update(`${record.docId}\n${linkId}`).digest('hex').slice(0, 24)}`;
  if (recorded.hour !== hour) {
    recorded.hour = hour;
    recorded.keys.clear();
  }
  const key = `${deps.audit.tableName}#${record.caseId}#${id}`;
  if (recorded.keys.has(key)) return;
  try {
    // Recorded now or by an earlier request this hour: either way this process need not write it again.
    await deps.audit.recordOnce(hour, id, {
      type: 'DOWNLOADED',
      caseId: record.caseId,
      docType: record.docType,
      version: record.version,
      docId: record.docId,
      by,
      at,
    });
    recorded.keys.add(key);
  } catch (error) {
    deps.log.warn('download event not recorded', { caseId: record.caseId, docId: record.docId, error: (error as Error).message });
  }
}

/** A recipient's link sent (or an attempt that failed): who sent it, how, to whom (masked). */
export async function recordSend(
  deps: Pick<ApiDeps, 'audit' | 'now' | 'newId'>,
  record: VersionRecord,
  send: { by: string; channel: string; toMasked: string; outcome: 'sent' | 'failed'; detail: string },
): Promise<void> {
  const at = deps.now().toISOString();
  await deps.audit.record(at, deps.newId(), {
    type: 'SENT',
    caseId: record.caseId,
    docType: record.docType,
    version: record.version,
    docId: record.docId,
    ...send,
    at,
  });
}

/** What the console and the CLI call each event. */
export const EVENT_LABELS: Readonly<Record<string, string>> = {
  ISSUED: '签发',
  REGENERATED: '重新生成',
  DOWNLOADED: '下载',
  VERIFIED: '核验',
  SENT: '发送给受文者',
  FAILED: '生成失败',
  REVOKED: '注销绿卡',
};

/** Who, as a person reads it, for the actors that are not people: the automatic first issue, recipients' links. */
export const ACTOR_LABELS: Readonly<Record<string, string>> = {
  pipeline: '系统（批准后自动签发）',
  'recipient-link': '受文者链接',
};

export function actorLabel(by: string | null): string {
  return by === null ? '—' : (ACTOR_LABELS[by] ?? by);
}

export interface AuditEvent {
  type: string;
  at: string;
  /** Who: the requester, the staff member, `recipient-link`, or `pipeline` for the automatic first issue. */
  by: string | null;
  version: number | null;
  documentNumber: string | null;
  reason: string | null;
  code: string | null;
}

/** The case's events, newest first. */
export async function caseHistory(audit: AuditLog, caseId: string): Promise<AuditEvent[]> {
  const items = await audit.events(caseId);
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return items
    .map((item) => ({
      type: text(item.type) ?? 'UNKNOWN',
      at: text(item.at) ?? String(item.sk).slice(EVENT_SK_PREFIX.length, EVENT_SK_PREFIX.length + 24),
      by: text(item.requestedBy) ?? text(item.by),
      version: typeof item.version === 'number' ? item.version : null,
      documentNumber: text(item.documentNumber),
      reason: text(item.reason),
      code: text(item.code),
    }))
    .sort((a, b) => b.at.localeCompare(a.at));
}
