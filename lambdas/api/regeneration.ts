// Staff use cases that change things: regenerate one case's document; and the request bodies of a
// bulk regeneration (its use case is bulk-regeneration.ts). Everything is checked before anything
// is written or sent, so a refused request leaves no message in the queue and no job in the table.
import * as z from 'zod';
import { DOC_TYPE_IDS, DOC_TYPES, safeParseCase } from '../catalogue/index.js';
import type { DocTypeId } from '../catalogue/index.js';
import { caseProblemOf, readableReason } from '../pipeline/case-failure.js';
import { issueMessage } from '../pipeline/messages.js';
import { casePhoto } from '../pipeline/photo.js';
import { recordedCase } from '../pipeline/produce-version.js';
import { revokedCardRefusal } from '../pipeline/regenerate.js';
import type { RegenerateMessage } from '../pipeline/messages.js';
import { MAX_BULK_CASES } from '../stores/bulk-jobs-table.js';
import type { StoredCase } from '../stores/cases-table.js';
import type { VersionRecord } from '../stores/versions-table.js';
import type { BulkStart } from './bulk-regeneration.js';
import type { BulkFilters } from '../stores/case-directory.js';
import { caseChanges } from './case-changes.js';
import type { FieldChange } from './case-changes.js';
import { caseDetail } from './case-view.js';
import type { ApiDeps } from './deps.js';
import { verifyLink } from './download-grant.js';
import { ApiError } from './http.js';
import type { Identity } from './identity.js';
import { existingCase } from './staff-cases.js';

const Reason = z.string().trim().min(1, 'say why the document is regenerated (e.g. 更正姓名)').max(1000);
const IsoDate = z.iso.date('a date YYYY-MM-DD');

export const RegenerateBody = z.strictObject({
  reason: Reason,
  /** When given, the case's document type must be this one. */
  docType: z.enum(DOC_TYPE_IDS).optional(),
  /** The case's last change as the preview saw it: when the case changed since, the request is refused. */
  previewedCaseAt: z.string().max(40).optional(),
});
export type RegenerateBody = z.infer<typeof RegenerateBody>;

export const PreviewBody = z.strictObject({
  /** When given, the case's document type must be this one. */
  docType: z.enum(DOC_TYPE_IDS).optional(),
});
export type PreviewBody = z.infer<typeof PreviewBody>;

const BulkFilterFields = {
  docType: z.enum(DOC_TYPE_IDS),
  approvedFrom: IsoDate.optional(),
  approvedTo: IsoDate.optional(),
};
const datesInOrder = {
  check: (b: { approvedFrom?: string | undefined; approvedTo?: string | undefined }) => !b.approvedFrom || !b.approvedTo || b.approvedFrom <= b.approvedTo,
  params: { error: 'approvedFrom must not be after approvedTo', path: ['approvedFrom'], params: { zh: '不能晚于成文日期（止）' } },
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

interface Regenerable {
  stored: StoredCase;
  docType: DocTypeId;
  current: VersionRecord;
}

/** The case and its current version, when a corrected version of its document can be made. */
async function regenerableDocument(deps: Pick<ApiDeps, 'cases' | 'versions'>, caseId: string, docType: DocTypeId | undefined): Promise<Regenerable> {
  const stored = await existingCase(deps, caseId);
  const type = caseDetail(stored).docType;
  if (!type) throw new ApiError(409, 'CASE_UNREADABLE', `case ${caseId} has no known document type; fix the case record first`);
  if (docType !== undefined && docType !== type) {
    throw new ApiError(409, 'DOC_TYPE_MISMATCH', `case ${caseId} is a ${type} case, not ${docType}; check the case id or the document type`);
  }
  const current = await deps.versions.currentVersion(caseId, type);
  if (!current) {
    throw new ApiError(409, 'NOT_ISSUED', `case ${caseId} has no issued document to regenerate yet; it is issued automatically once APPROVED`);
  }
  const revoked = revokedCardRefusal(caseId, current);
  if (revoked) throw new ApiError(409, 'CARD_REVOKED', revoked);
  return { stored, docType: type, current };
}

/** The case's last change, as the table records it. */
function caseUpdatedAt(stored: StoredCase): string | null {
  const at = (stored.data as { updatedAt?: unknown }).updatedAt;
  return typeof at === 'string' ? at : null;
}

export async function requestRegeneration(deps: ApiDeps, caseId: string, body: RegenerateBody, who: Identity): Promise<RegenerationAccepted> {
  const { stored, docType } = await regenerableDocument(deps, caseId, body.docType);
  if (body.previewedCaseAt !== undefined && body.previewedCaseAt !== caseUpdatedAt(stored)) {
    throw new ApiError(
      409,
      'CASE_CHANGED',
      `case ${caseId} changed after the preview (at ${caseUpdatedAt(stored) ?? 'an unknown time'}); preview it again before regenerating`,
    );
  }
  const requestId = `regen-${deps.newId()}`;
  const message: RegenerateMessage = { v: 1, kind: 'regenerate', caseId, docType, requestId, reason: body.reason, requestedBy: who.name };
  await deps.queue.send(message);
  deps.log.info('regeneration requested', { caseId, docType, requestId, requestedBy: who.name });
  return { requestId, caseId, docType };
}

export interface RegenerationPreview {
  caseId: string;
  docType: DocTypeId;
  typeName: string;
  documentNumber: string;
  /** Send it back with the regeneration: a case changed since the preview is refused. */
  caseUpdatedAt: string | null;
  /** The version a recipient holds now, with its PDF to show beside the preview (null: not in the bucket). */
  current: { version: number; docId: string; issuedAt: string; pages: number; sha256: string; pdfBase64: string | null };
  /** The would-be new version: a 样本 with a drawn seal, unsigned by the agency, stored nowhere. */
  preview: { pdfBase64: string; bytes: number; pages: number };
  /** Fields that differ from the case the current version was made from; null when that version did not record its case. */
  changes: FieldChange[] | null;
  /** The template or the fonts differ from those of the current version. */
  templateChanged: boolean;
  fontsChanged: boolean;
}

/** What a preview reads: the API's parts, or the CLI's. */
export type PreviewDeps = Pick<ApiDeps, 'cases' | 'versions' | 'bucket' | 'publicBaseUrl' | 'previewRenderer'>;

/**
 * Renders what a regeneration would issue now, without issuing it: no 发文字号 is taken (a
 * regeneration keeps the current one), nothing is written, queued or stored. The PDF carries the
 * 样本 watermark and the drawn demo seal, not the agency's seal or signature, and its QR code
 * points at no document, so a preview that leaves the office proves nothing.
 */
export async function previewRegeneration(deps: PreviewDeps, caseId: string, body: PreviewBody): Promise<RegenerationPreview> {
  const { stored, docType, current } = await regenerableDocument(deps, caseId, body.docType);
  const parsed = safeParseCase(stored.data);
  if (!parsed.success) throw new ApiError(422, parsed.error.code, readableReason(parsed.error.message));
  let rendered;
  try {
    // A card carries the photo the worker would print (read and checked as the worker does).
    const photo = await casePhoto(deps.bucket, parsed.data);
    rendered = await deps.previewRenderer().render({
      case: stored.data,
      photo,
      documentNumber: current.documentNumber,
      // The same length as a real docId, so the QR code and the page look as they will.
      verifyUrl: verifyLink(deps.publicBaseUrl, '0'.repeat(current.docId.length)),
    });
  } catch (error) {
    const problem = caseProblemOf(error);
    if (problem) throw new ApiError(422, problem.code, readableReason(problem.reason));
    throw error;
  }
  const held = await deps.bucket.getDocument(current.s3Key);
  return {
    caseId,
    docType,
    typeName: DOC_TYPES[docType].nameZh,
    documentNumber: current.documentNumber,
    caseUpdatedAt: caseUpdatedAt(stored),
    current: {
      version: current.version,
      docId: current.docId,
      issuedAt: current.issuedAt,
      pages: current.pages,
      sha256: current.sha256,
      pdfBase64: held ? Buffer.from(held.bytes).toString('base64') : null,
    },
    preview: { pdfBase64: rendered.pdf.toString('base64'), bytes: rendered.pdf.length, pages: rendered.pages },
    changes: current.caseData ? caseChanges(current.caseData, recordedCase(parsed.data)) : null,
    templateChanged: rendered.templateHash !== current.templateHash,
    fontsChanged: rendered.fontPackHash !== current.fontPackHash,
  };
}

export interface IssueAccepted {
  requestId: string;
  caseId: string;
}

/** Issues a case whose first issue failed, once it has been fixed (the worker validates it again). */
export async function requestIssue(deps: ApiDeps, caseId: string, who: Identity): Promise<IssueAccepted> {
  const stored = await existingCase(deps, caseId);
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
