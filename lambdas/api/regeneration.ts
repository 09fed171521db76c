// Staff use cases that change things: regenerate one case's document, or every issued document of
// a type. Everything is checked before anything is written or sent, so a refused request leaves
// no message in the queue and no job in the table.
import { z } from 'zod';
import { DOC_TYPE_IDS } from '../catalogue/index.js';
import type { DocTypeId } from '../catalogue/index.js';
import type { RegenerateMessage } from '../pipeline/messages.js';
import { BulkJob, MAX_BULK_CASES, bulkRequestId } from './bulk-jobs.js';
import { caseDetail } from './case-view.js';
import type { ApiDeps } from './deps.js';
import { ApiError } from './http.js';
import type { Identity } from './identity.js';

const Reason = z.string().trim().min(1, 'say why the document is regenerated (e.g. 更正姓名)').max(1000);
const IsoDate = z.iso.date('a date YYYY-MM-DD');

export const RegenerateBody = z.strictObject({
  reason: Reason,
  /** When given, the case's document type must be this one. */
  docType: z.enum(DOC_TYPE_IDS).optional(),
});
export type RegenerateBody = z.infer<typeof RegenerateBody>;

export const BulkBody = z
  .strictObject({
    docType: z.enum(DOC_TYPE_IDS),
    reason: Reason,
    approvedFrom: IsoDate.optional(),
    approvedTo: IsoDate.optional(),
  })
  .refine((b) => !b.approvedFrom || !b.approvedTo || b.approvedFrom <= b.approvedTo, {
    error: 'approvedFrom must not be after approvedTo',
    path: ['approvedFrom'],
  });
export type BulkBody = z.infer<typeof BulkBody>;

export const BulkIdParam = BulkJob.shape.bulkId;

export interface RegenerationAccepted {
  requestId: string;
  caseId: string;
  docType: DocTypeId;
}

export async function requestRegeneration(deps: ApiDeps, caseId: string, body: RegenerateBody, who: Identity): Promise<RegenerationAccepted> {
  const stored = await deps.cases.getCase(caseId);
  if (!stored) throw new ApiError(404, 'CASE_NOT_FOUND', `case ${caseId} does not exist; check the case id`);
  const docType = caseDetail(stored).docType;
  if (!docType) throw new ApiError(409, 'CASE_UNREADABLE', `case ${caseId} has no known document type; fix the case record first`);
  if (body.docType !== undefined && body.docType !== docType) {
    throw new ApiError(409, 'DOC_TYPE_MISMATCH', `case ${caseId} is a ${docType} case, not ${body.docType}; check the case id or the document type`);
  }
  const current = await deps.versions.currentVersion(caseId, docType);
  if (!current) {
    throw new ApiError(409, 'NOT_ISSUED', `case ${caseId} has no issued document to regenerate yet; it is issued automatically once APPROVED`);
  }
  const requestId = `regen-${deps.newId()}`;
  const message: RegenerateMessage = { v: 1, kind: 'regenerate', caseId, docType, requestId, reason: body.reason, requestedBy: who.name };
  await deps.queue.send(message);
  deps.log.info('regeneration requested', { caseId, docType, requestId, requestedBy: who.name });
  return { requestId, caseId, docType };
}

export interface BulkAccepted {
  bulkId: string;
  docType: DocTypeId;
  enqueued: number;
}

export async function requestBulkRegeneration(deps: ApiDeps, body: BulkBody, who: Identity): Promise<BulkAccepted> {
  const found = await deps.directory.issuedCases(body, MAX_BULK_CASES);
  if (found.truncated) {
    throw new ApiError(
      422,
      'TOO_MANY_CASES',
      `more than ${MAX_BULK_CASES} issued ${body.docType} cases match; narrow the run with approvedFrom and approvedTo (成文日期)`,
    );
  }
  if (found.items.length === 0) {
    throw new ApiError(422, 'NO_MATCHING_CASES', `no issued ${body.docType} case matches${body.approvedFrom || body.approvedTo ? ' the date range' : ''}; nothing to regenerate`);
  }
  const bulkId = deps.newId();
  const caseIds = found.items.map((c) => c.caseId).sort();
  await deps.bulkJobs.put({
    bulkId,
    docType: body.docType,
    ...(body.approvedFrom ? { approvedFrom: body.approvedFrom } : {}),
    ...(body.approvedTo ? { approvedTo: body.approvedTo } : {}),
    reason: body.reason,
    requestedBy: who.name,
    createdAt: deps.now().toISOString(),
    caseIds,
  });
  await deps.queue.sendBatch(
    caseIds.map((caseId) => ({
      v: 1,
      kind: 'regenerate',
      caseId,
      docType: body.docType,
      requestId: bulkRequestId(bulkId, caseId),
      reason: body.reason,
      requestedBy: who.name,
    })),
  );
  deps.log.info('bulk regeneration requested', { bulkId, docType: body.docType, cases: caseIds.length, requestedBy: who.name });
  return { bulkId, docType: body.docType, enqueued: caseIds.length };
}

export interface BulkProgress {
  bulkId: string;
  docType: DocTypeId;
  reason: string;
  requestedBy: string;
  createdAt: string;
  total: number;
  done: number;
  failed: number;
  waiting: number;
  finished: boolean;
  /** The failed cases and why (at most 50), for a clerk to fix and run again. */
  failures: { caseId: string; code: string; reason: string }[];
}

/**
 * Done: the worker recorded a version for the case's request. Failed: the worker rejected the
 * request, or marked the case FAILED after the job started. Waiting: neither yet (queued, being
 * retried, or — when it never finishes — in the dead-letter queue for an operator).
 */
export async function bulkProgress(deps: ApiDeps, bulkId: string): Promise<BulkProgress> {
  const job = await deps.bulkJobs.get(bulkId);
  if (!job) throw new ApiError(404, 'BULK_NOT_FOUND', `no bulk regeneration ${bulkId}; check the id returned when it was started`);
  const served = await deps.directory.servedRequests(job.caseIds.map((caseId) => ({ caseId, requestId: bulkRequestId(bulkId, caseId) })));
  const open = job.caseIds.filter((id) => !served.has(id));
  const [rejected, cases] = await Promise.all([deps.directory.rejectedCaseIdsSince(job.createdAt), deps.directory.getCases(open)]);
  const failures: BulkProgress['failures'] = [];
  for (const caseId of open) {
    const stored = cases.get(caseId);
    const failure = stored ? caseDetail(stored).failure : null;
    if (failure && failure.at >= job.createdAt) failures.push({ caseId, code: failure.code, reason: failure.reason });
    else if (rejected.has(caseId) || !stored) failures.push({ caseId, code: 'REJECTED', reason: 'the worker refused the request; see the rejections list (notice rejections)' });
  }
  const failed = failures.length;
  const waiting = open.length - failed;
  return {
    bulkId,
    docType: job.docType,
    reason: job.reason,
    requestedBy: job.requestedBy,
    createdAt: job.createdAt,
    total: job.caseIds.length,
    done: served.size,
    failed,
    waiting,
    finished: waiting === 0,
    failures: failures.slice(0, 50),
  };
}
