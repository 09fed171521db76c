// Which errors are the case's own problem — recorded on the case for a clerk (or a template
// author) to fix, never retried — and how they are recorded.
//
// Only problems that the case or its template can fix go on the case: bad data or policy
// (CASE_INVALID), a character no font has (MISSING_GLYPH), a template, markup or layout error.
// Everything else — throttling, timeouts, a broken configuration, an item this code cannot read —
// is thrown, so SQS retries it and, if it keeps failing, the dead-letter queue alarms an operator.
// Marking every case FAILED because one setting was wrong would bury the real cause.
import { CaseInvalidError } from '../catalogue/index.js';
import { MarkupError, MissingGlyphError, NoticeError } from '../errors.js';
import { LayoutError } from '../render/layout/errors.js';
import { TemplateError } from '../render/template.js';
import { maskIdNumbers } from '../catalogue/id-number.js';
import { CaseNotFoundError } from '../stores/errors.js';
import type { PipelineDeps } from './deps.js';
import type { FailedOutcome, RejectedOutcome } from './outcome.js';

const MAX_REASON_CHARS = 4000;

/** The case is not in a status its request can act on (an issue request for a withdrawn case). */
export class CaseStatusError extends NoticeError {
  readonly code = 'CASE_NOT_APPROVED';
}

export interface CaseProblem {
  code: string;
  reason: string;
}

export function caseProblemOf(error: unknown): CaseProblem | undefined {
  const ours =
    error instanceof CaseInvalidError ||
    error instanceof MissingGlyphError ||
    error instanceof TemplateError ||
    error instanceof MarkupError ||
    error instanceof LayoutError ||
    error instanceof CaseStatusError;
  return ours ? { code: error.code, reason: error.message } : undefined;
}

/** Marks the case FAILED with the problem (ID numbers masked, long lists cut). */
export async function failCase(deps: PipelineDeps, caseId: string, problem: CaseProblem): Promise<FailedOutcome | RejectedOutcome> {
  const reason = problem.reason.length > MAX_REASON_CHARS ? `${problem.reason.slice(0, MAX_REASON_CHARS - 1)}…` : problem.reason;
  try {
    await deps.cases.markCaseFailed(caseId, { code: problem.code, reason });
  } catch (error) {
    // Deleted between our read and this write: nothing left to mark.
    if (error instanceof CaseNotFoundError) return { kind: 'rejected', caseId, code: error.code, reason: error.message };
    throw error;
  }
  return { kind: 'failed', caseId, code: problem.code, reason: maskIdNumbers(reason) };
}

/** Runs a use case; a case problem it throws marks the case FAILED, anything else propagates. */
export async function withCaseFailures<T>(
  deps: PipelineDeps,
  caseId: string,
  useCase: () => Promise<T>,
): Promise<T | FailedOutcome | RejectedOutcome> {
  try {
    return await useCase();
  } catch (error) {
    const problem = caseProblemOf(error);
    if (!problem) throw error;
    return failCase(deps, caseId, problem);
  }
}
