// Staff use cases that change things: regenerate one case's document; and the request bodies of a
// bulk regeneration (its use case is bulk-regeneration.ts). Everything is checked before anything
// is written or sent, so a refused request leaves no message in the queue and no job in the table.
import { z } from 'zod';
import { DOC_TYPE_IDS } from '../catalogue/index.js';
import type { DocTypeId } from '../catalogue/index.js';
import { issueMessage } from '../pipeline/messages.js';
import { revokedCardRefusal } from '../pipeline/regenerate.js';
import type { RegenerateMessage } from '../pipeline/messages.js';
import { MAX_BULK_CASES } from '../stores/bulk-jobs-table.js';
import type { BulkStart } from './bulk-regeneration.js';
import type { BulkFilters } from './case-directory.js';
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

const BulkFilterFields = {
  docType: z.enum(DOC_TYPE_IDS),
  approvedFrom: IsoDate.optional(),
  approvedTo: IsoDate.optional(),
};
const datesInOrder = {
  check: (b: { approvedFrom?: string | undefined; approvedTo?: string | undefined }) => !b.approvedFrom || !b.approvedTo || b.approvedFrom <= b.approvedTo,
  params: { error: 'approvedFrom must not be after approvedTo', path: ['approvedFrom'] },
};

/** A dry run: which issued documents a bulk regeneration would replace. */
export const BulkPlanBody = z.strictObject(BulkFilterFields).refine(datesInOrder.check, datesInOrder.params);

/** The start of a bulk regeneration: the same filters, why, and the dry run's count and fingerprint. */
export const BulkStartBody = z
  .strictObject({
    ...BulkFilterFields,
    reason: Reason,
    expectedCount: z.number().int().min(1).max(MAX_BULK_CASES),
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/, 'the fingerprint of the dry run (64 hex digits)'),
  })
  .refine(datesInOrder.check, datesInOrder.params);
export type BulkStartBody = z.infer<typeof BulkStartBody>;

export function bulkFiltersOf(body: { docType: DocTypeId; approvedFrom?: string | undefined; approvedTo?: string | undefined }): BulkFilters {
  return {
    docType: body.docType,
    ...(body.approvedFrom ? { approvedFrom: body.approvedFrom } : {}),
    ...(body.approvedTo ? { approvedTo: body.approvedTo } : {}),
  };
}

/** The filters and the confirmation, as the use case takes them. */
export function bulkStartOf(body: BulkStartBody): BulkStart {
  return { filters: bulkFiltersOf(body), reason: body.reason, expectedCount: body.expectedCount, fingerprint: body.fingerprint };
}

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
  const revoked = revokedCardRefusal(caseId, current);
  if (revoked) throw new ApiError(409, 'CARD_REVOKED', revoked);
  const requestId = `regen-${deps.newId()}`;
  const message: RegenerateMessage = { v: 1, kind: 'regenerate', caseId, docType, requestId, reason: body.reason, requestedBy: who.name };
  await deps.queue.send(message);
  deps.log.info('regeneration requested', { caseId, docType, requestId, requestedBy: who.name });
  return { requestId, caseId, docType };
}

export interface IssueAccepted {
  requestId: string;
  caseId: string;
}

/** Issues a case whose first issue failed, once it has been fixed (the worker validates it again). */
export async function requestIssue(deps: ApiDeps, caseId: string, who: Identity): Promise<IssueAccepted> {
  const stored = await deps.cases.getCase(caseId);
  if (!stored) throw new ApiError(404, 'CASE_NOT_FOUND', `case ${caseId} does not exist; check the case id`);
  if (stored.documentNumber !== undefined || stored.status === 'ISSUED') {
    throw new ApiError(409, 'ALREADY_ISSUED', `case ${caseId} has been issued; regenerate it to make a corrected version`);
  }
  if (stored.status !== 'FAILED' && stored.status !== 'APPROVED') {
    throw new ApiError(409, 'CASE_NOT_ISSUABLE', `case ${caseId} is ${stored.status}; only an APPROVED case (or one whose issue failed) is issued`);
  }
  const message = issueMessage(caseId);
  await deps.queue.send(message);
  deps.log.info('issue requested again', { caseId, requestId: message.requestId, requestedBy: who.name });
  return { requestId: message.requestId, caseId };
}
