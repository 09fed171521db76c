// The steps an issue and a regeneration share, once the case is valid and has its 发文字号:
// render → put to S3 (never overwrite) → record the version (one transaction) → mark the case
// ISSUED → tell subscribers. And the short way for a request that was already served.
//
// Every step is safe to repeat. If the worker dies anywhere, the redelivered message renders the
// same bytes (same case, number and recorded docId), puts the same key (S3 refuses, the sha256 matches:
// success), and the version transaction's REQUEST# condition lets only one delivery record.
import type { Case } from '../catalogue/index.js';
import type { StoredCase } from '../stores/cases-table.js';
import { StoredItemInvalidError } from '../stores/errors.js';
import type { VersionRecord } from '../stores/versions-table.js';
import type { PipelineDeps } from './deps.js';
import { documentKey, downloadFilename } from './document-identity.js';
import type { RecordedOutcome, StepTimings } from './outcome.js';
import type { stopwatch } from './stopwatch.js';
import { recordVersion } from './versions.js';

export interface VersionRequest {
  stored: StoredCase;
  /** The validated case (parseCase of `stored.data`). */
  validCase: Case;
  documentNumber: string;
  requestId: string;
  reason: string;
  requestedBy: string;
  /** The CURRENT version if known (0: none yet); saves the reads when it is right. */
  knownCurrentVersion?: number;
  /** A card holder's photo, read and checked (pipeline/photo.ts). */
  photo?: Buffer | undefined;
  /** The request's docId when it was drawn already (issue.ts, beside the number); drawn here otherwise. */
  docId?: string;
}

export type Timer = ReturnType<typeof stopwatch>;
export type PartialTimings = Pick<StepTimings, 'loadMs' | 'numberMs'>;

/**
 * The validated case as a version records it (caseData): plain JSON, no undefined members, so a
 * later preview compares like with like (api/regeneration.ts).
 */
export function recordedCase(validCase: Case): Record<string, unknown> {
  return JSON.parse(JSON.stringify(validCase)) as Record<string, unknown>;
}

export async function produceVersion(deps: PipelineDeps, request: VersionRequest, timer: Timer, before: PartialTimings): Promise<RecordedOutcome> {
  const { stored, validCase } = request;
  const docId = request.docId ?? (await deps.docIds.forRequest(stored.caseId, request.requestId));
  const verifyUrl = deps.verifyBaseUrl ? `${deps.verifyBaseUrl}/v/${docId}` : undefined;

  timer.lap();
  const rendered = await deps.renderer.render({ case: stored.data, documentNumber: request.documentNumber, verifyUrl, photo: request.photo });
  const renderMs = timer.lap();

  const s3Key = documentKey(stored.caseId, validCase.docType, docId, rendered.sha256);
  await deps.bucket.putDocument(s3Key, rendered.pdf, {
    sha256: rendered.sha256,
    filename: downloadFilename(rendered.title, request.documentNumber),
  });
  const storeMs = timer.lap();

  const { record, fresh } = await recordVersion(
    deps.versions,
    {
      caseId: stored.caseId,
      docType: validCase.docType,
      docId,
      documentNumber: request.documentNumber,
      s3Key,
      sha256: rendered.sha256,
      bytes: rendered.pdf.length,
      pages: rendered.pages,
      templateHash: rendered.templateHash,
      fontPackHash: rendered.fontPackHash,
      requestId: request.requestId,
      reason: request.reason,
      requestedBy: request.requestedBy,
      issuedAt: deps.now().toISOString(),
      caseData: recordedCase(validCase),
    },
    request.knownCurrentVersion === undefined ? {} : { knownCurrentVersion: request.knownCurrentVersion },
  );
  await deps.cases.setCaseStatus(stored.caseId, 'ISSUED', { expected: stored.status });
  const notifyError = fresh ? await notify(deps, record) : undefined;
  const recordMs = timer.lap();
  const outcome = recordedOutcome(record, fresh, { ...before, renderMs, storeMs, recordMs, totalMs: timer.total() });
  return notifyError === undefined ? outcome : { ...outcome, notifyError };
}

/**
 * The version this request already recorded, if any (a redelivered message). When the attempt
 * that recorded it died before marking the case ISSUED, marks it now — but never over a failure
 * that came after this version.
 */
export async function alreadyRecorded(deps: PipelineDeps, stored: StoredCase, requestId: string, timer: Timer): Promise<RecordedOutcome | undefined> {
  const marker = await deps.versions.requestMarker(stored.caseId, requestId);
  if (!marker) return undefined;
  const record = await deps.versions.getVersion(stored.caseId, marker.docType, marker.version);
  if (!record) {
    throw new StoredItemInvalidError(
      `request ${requestId} of case ${stored.caseId} points at version ${marker.version} of ${marker.docType}, which is missing`,
    );
  }
  if (statusLagsBehind(stored, record)) await deps.cases.setCaseStatus(stored.caseId, 'ISSUED', { expected: stored.status });
  const loadMs = timer.lap();
  return recordedOutcome(record, false, { loadMs, numberMs: 0, renderMs: 0, storeMs: 0, recordMs: 0, totalMs: timer.total() });
}

function statusLagsBehind(stored: StoredCase, record: VersionRecord): boolean {
  if (stored.status === 'APPROVED') return true;
  if (stored.status !== 'FAILED') return false;
  const failedAt = (stored.data as { failure?: { at?: unknown } }).failure?.at;
  return typeof failedAt === 'string' && failedAt < record.issuedAt;
}

/**
 * Tells subscribers once, when the version is first recorded. A failure is returned, not thrown:
 * the document is issued and recorded, and a retry of the message would find it recorded and
 * not notify again; the handler logs the failure with the docId for an operator to resend.
 */
async function notify(deps: PipelineDeps, record: VersionRecord): Promise<string | undefined> {
  if (!deps.notifier) return undefined;
  try {
    await deps.notifier.versionRecorded({
      kind: record.version === 1 ? 'issued' : 'regenerated',
      caseId: record.caseId,
      docType: record.docType,
      docId: record.docId,
      version: record.version,
      documentNumber: record.documentNumber,
      issuedAt: record.issuedAt,
    });
    return undefined;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

function recordedOutcome(record: VersionRecord, fresh: boolean, timings: StepTimings): RecordedOutcome {
  return {
    kind: 'recorded',
    fresh,
    caseId: record.caseId,
    docType: record.docType,
    docId: record.docId,
    version: record.version,
    documentNumber: record.documentNumber,
    s3Key: record.s3Key,
    sha256: record.sha256,
    bytes: record.bytes,
    pages: record.pages,
    requestId: record.requestId,
    timings,
  };
}
