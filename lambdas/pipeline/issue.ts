// Issue a case's first document: a case became APPROVED (or an operator asks again after fixing
// a template). load (consistent read) → served already? → status → validate → 发文字号 (allocated
// here, kept forever) → render → S3 → version 1 → ISSUED.
//
// Statuses: APPROVED is issued. FAILED is tried again (an operator re-issuing after a template
// fix; a case still broken fails again with the same reason). ISSUED means done. Any other status
// (a case withdrawn after its approval was queued) marks the case FAILED with the reason.
import { docTypeOf, parseCase, type Case } from '../catalogue/index.js';
import type { StoredCase } from '../stores/cases-table.js';
import { assertCaseDrawable } from '../render/coverage.js';
import { CaseStatusError, withCaseFailures } from './case-failure.js';
import { assertNotFutureDated } from './issue-date.js';
import type { PipelineDeps } from './deps.js';
import type { IssueMessage } from './messages.js';
import type { PipelineOutcome } from './outcome.js';
import { stopwatch } from './stopwatch.js';
import { casePhoto } from './photo.js';
import { alreadyRecorded, produceVersion } from './produce-version.js';

const ISSUABLE = new Set(['APPROVED', 'FAILED']);

/** Recorded with version 1 as its reason (staff see it in `notice versions`). */
const FIRST_ISSUE_REASON = '案件批准后首次签发';
const PIPELINE_REQUESTER = 'pipeline';

/** The case's 发文字号: the one it has, or one allocated now for its type and year (`fresh`: taken by this call). */
async function documentNumberOf(deps: PipelineDeps, stored: StoredCase, validCase: Case): Promise<{ documentNumber: string; fresh: boolean }> {
  if (stored.documentNumber !== undefined) return { documentNumber: stored.documentNumber, fresh: false };
  const type = docTypeOf(validCase.docType);
  return deps.numbers.assign({
    caseId: stored.caseId,
    prefix: type.numberPrefix,
    digits: type.numberDigits,
    year: Number(validCase.approvedOn.slice(0, 4)),
  });
}

export async function issueDocument(deps: PipelineDeps, message: IssueMessage): Promise<PipelineOutcome> {
  const timer = stopwatch();
  const { caseId, requestId } = message;
  const stored = await deps.cases.getCase(caseId);
  if (!stored) return { kind: 'rejected', caseId, code: 'CASE_NOT_FOUND', reason: `case ${caseId} is not in the table; check the case id` };

  // Only a numbered case can have recorded a version: skip the read for the rest.
  if (stored.documentNumber !== undefined) {
    const done = await alreadyRecorded(deps, stored, requestId, timer);
    if (done) return done;
  }
  if (stored.status === 'ISSUED') {
    return { kind: 'skipped', caseId, reason: `case ${caseId} is ISSUED already; use regenerate for a new version` };
  }

  return withCaseFailures(deps, caseId, async () => {
    if (!ISSUABLE.has(stored.status)) {
      throw new CaseStatusError(
        `case ${caseId} is ${stored.status}, so its document was not issued; a document is issued only for an APPROVED case — approve it again if that is what was meant`,
      );
    }
    const validCase = parseCase(stored.data);
    // Before the number is taken: a case with a character no font has, dated in the future, or
    // naming a photo that is missing or unusable must not use one up.
    assertCaseDrawable(validCase, deps.renderer.fonts);
    if (stored.documentNumber === undefined) assertNotFutureDated(caseId, validCase.approvedOn, deps.now());
    const photo = await casePhoto(deps.bucket, validCase);
    const loadMs = timer.lap();

    // The docId is drawn while the number is taken: two independent writes, one round trip instead
    // of two. Should the number fail, the drawn docId waits for the redelivery, which gets it again.
    const [{ documentNumber, fresh }, docId] = await Promise.all([documentNumberOf(deps, stored, validCase), deps.docIds.forRequest(caseId, requestId)]);
    const numberMs = timer.lap();

    return produceVersion(
      deps,
      {
        stored,
        validCase,
        documentNumber,
        requestId,
        reason: FIRST_ISSUE_REASON,
        requestedBy: PIPELINE_REQUESTER,
        photo,
        docId,
        // A number taken just now means no version can exist yet: write version 1 without reading.
        ...(fresh ? { knownCurrentVersion: 0 } : {}),
      },
      timer,
      { loadMs, numberMs },
    );
  });
}
