// Regenerate a case's document on staff request (a corrected name, a template fix): a new
// version with the same 发文字号; the previous version becomes SUPERSEDED in the same
// transaction. load → served already? → the case can take it? → validate → render → S3 →
// version n+1 → ISSUED.
//
// A request the case cannot take (no document issued yet, another document type, a status such
// as WITHDRAWN) is rejected and recorded, and the case is left as it is: the request was wrong,
// not the case. A case that no longer validates or renders gets the failure recorded beside its
// status: its current version stays CURRENT and the case stays ISSUED, so the case's status keeps
// describing the document a recipient holds.
import { parseCase } from '../catalogue/index.js';
import { assertCaseDrawable } from '../render/coverage.js';
import type { StoredCase } from '../stores/cases-table.js';
import type { VersionRecord } from '../stores/versions-table.js';
import { withCaseFailures } from './case-failure.js';
import { beijingToday } from '../beijing-time.js';
import { casePhoto } from './photo.js';
import type { PipelineDeps } from './deps.js';
import type { RegenerateMessage } from './messages.js';
import type { PipelineOutcome } from './outcome.js';
import { stopwatch } from './stopwatch.js';
import { alreadyRecorded, produceVersion } from './produce-version.js';

/** APPROVED: issued, but the worker died before marking it; FAILED: an earlier regeneration failed. */
const REGENERABLE = new Set(['ISSUED', 'APPROVED', 'FAILED']);

export async function regenerateDocument(deps: PipelineDeps, message: RegenerateMessage): Promise<PipelineOutcome> {
  const timer = stopwatch();
  const { caseId, requestId } = message;
  const stored = await deps.cases.getCase(caseId);
  if (!stored) return { kind: 'rejected', caseId, code: 'CASE_NOT_FOUND', reason: `case ${caseId} is not in the table; check the case id` };

  const done = await alreadyRecorded(deps, stored, requestId, timer);
  if (done) return done;
  if (await deps.bulkJobs.isCancelledRequest(requestId)) {
    return { kind: 'skipped', caseId, reason: `request ${requestId} belongs to a cancelled bulk regeneration; resuming the run sends it again` };
  }

  const refused = requestRefusal(stored, message);
  if (refused) return refused;

  return withCaseFailures(
    deps,
    caseId,
    async () => {
      const validCase = parseCase(stored.data);
      const current = await deps.versions.currentVersion(caseId, validCase.docType);
      if (!current) {
        return {
          kind: 'rejected',
          caseId,
          code: 'NOT_ISSUED',
          reason: `case ${caseId} has no issued ${validCase.docType} document to regenerate; it is issued when approved (or with \`notice issue ${caseId}\`)`,
        } as const;
      }
      const revoked = revokedCardRefusal(caseId, current);
      if (revoked) return { kind: 'rejected', caseId, code: 'CARD_REVOKED', reason: revoked } as const;
      assertCaseDrawable(validCase, deps.renderer.fonts);
      const photo = await casePhoto(deps.bucket, validCase);
      const loadMs = timer.lap();

      return produceVersion(
        deps,
        {
          stored,
          validCase,
          // A regeneration keeps the number the document was first issued under.
          documentNumber: current.documentNumber,
          requestId,
          reason: message.reason,
          requestedBy: message.requestedBy,
          knownCurrentVersion: current.version,
          photo,
        },
        timer,
        { loadMs, numberMs: 0 },
      );
    },
    { keepStatus: true },
  );
}

/** The request, when the case cannot take it: another document type, or a status not REGENERABLE. */
function requestRefusal(stored: StoredCase, message: RegenerateMessage): PipelineOutcome | undefined {
  const { caseId } = message;
  const storedType = (stored.data as { docType?: unknown }).docType;
  if (message.docType !== undefined && storedType !== message.docType) {
    return {
      kind: 'rejected',
      caseId,
      code: 'DOC_TYPE_MISMATCH',
      reason: `regeneration asked for a ${message.docType} document, but case ${caseId} is a ${String(storedType)} case; check the case id or the document type`,
    };
  }
  if (!REGENERABLE.has(stored.status)) {
    return {
      kind: 'rejected',
      caseId,
      code: 'CASE_NOT_REGENERABLE',
      reason: `case ${caseId} is ${stored.status}; a document is regenerated only for an ISSUED case (or one whose last regeneration FAILED)`,
    };
  }
  return undefined;
}

/**
 * A revoked card is not regenerated: a new version would print a card that looks valid. The API
 * refuses first; this catches a request queued before the revocation (or by a bulk run).
 */
export function revokedCardRefusal(caseId: string, current: VersionRecord): string | undefined {
  return current.revokedAt
    ? `case ${caseId}: the card was revoked on ${beijingToday(new Date(current.revokedAt))} (Beijing) and is not regenerated; issue a new card as a new case`
    : undefined;
}
