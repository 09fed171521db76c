// Which errors are the case's own problem — recorded on the case for a clerk (or a template
// author) to fix, never retried — and how they are recorded.
//
// Only problems that the case or its template can fix go on the case: bad data or policy
// (CASE_INVALID), a character no font has (MISSING_GLYPH), a template, markup or layout error, a
// card photo that is missing or unusable (PHOTO_MISSING, PHOTO_INVALID).
// Everything else — throttling, timeouts, a broken configuration, an item this code cannot read —
// is thrown, so SQS retries it and, if it keeps failing, the dead-letter queue alarms an operator.
// Marking every case FAILED because one setting was wrong would bury the real cause.
import { CaseInvalidError } from '../catalogue/index.js';
import { MarkupError, MissingGlyphError, NoticeError } from '../errors.js';
import { LayoutError } from '../render/layout/errors.js';
import { PhotoMissingError } from '../render/render-document.js';
import { TemplateError } from '../render/template-compiler.js';
import { maskIdNumbers } from '../catalogue/id-number.js';
import { CaseNotFoundError } from '../stores/errors.js';
import type { PipelineDeps } from './deps.js';
import type { FailedOutcome, RejectedOutcome } from './outcome.js';
import { PhotoInvalidError } from './photo.js';

/** A clerk reads the reason in a list: a few lines at most. */
const MAX_REASON_CHARS = 400;
const MAX_LISTED_CHOICES = 3;

/** The case is not in a status its request can act on (an issue request for a withdrawn case). */
export class CaseStatusError extends NoticeError {
  readonly code = 'CASE_NOT_APPROVED';
}

interface CaseProblem {
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
    error instanceof CaseStatusError ||
    error instanceof PhotoMissingError ||
    error instanceof PhotoInvalidError;
  return ours ? { code: error.code, reason: error.message } : undefined;
}

/**
 * The reason as a clerk should read it: no dumped case (a value shown as a whole JSON object), one
 * problem per field, long lists of choices cut, no NaN from arithmetic on a bad value, and short.
 */
export function readableReason(reason: string): string {
  const seen = new Set<string>();
  const [head, ...problems] = reason.split(/(?<=is invalid): /);
  const parts = (problems.length > 0 ? problems.join(': ') : reason).split('; ').filter((part) => {
    const field = /^([\w.[\]]+): /.exec(part)?.[1];
    if (!field) return true;
    if (seen.has(field)) return false;
    seen.add(field);
    return true;
  });
  const text = (problems.length > 0 ? `${head}: ` : '') + parts.join('; ');
  const readable = text
    .replace(/\{"[^]*?\}(?= is | does | must | has )/g, 'the value')
    .replace(
      /(use one of )((?:[\w-]+, ){3,}[\w-]+)/g,
      (_m, lead: string, list: string) => `${lead}${list.split(', ').slice(0, MAX_LISTED_CHOICES).join(', ')}, …`,
    )
    .replace(/ = NaN\b/g, ' (cannot be computed from the invalid amounts)');
  return readable.length > MAX_REASON_CHARS ? `${readable.slice(0, MAX_REASON_CHARS - 1)}…` : readable;
}

/**
 * Records the problem on the case (ID numbers masked, made readable) and marks it FAILED — or,
 * with `keepStatus`, leaves its status as it is (a regeneration whose current version stands).
 */
async function failCase(
  deps: PipelineDeps,
  caseId: string,
  problem: CaseProblem,
  options: { keepStatus?: boolean } = {},
): Promise<FailedOutcome | RejectedOutcome> {
  const reason = readableReason(problem.reason);
  try {
    await deps.cases.markCaseFailed(caseId, { code: problem.code, reason }, options);
  } catch (error) {
    // Deleted between our read and this write: nothing left to mark.
    if (error instanceof CaseNotFoundError) return { kind: 'rejected', caseId, code: error.code, reason: error.message };
    throw error;
  }
  return { kind: 'failed', caseId, code: problem.code, reason: maskIdNumbers(reason) };
}

/** Runs a use case; a case problem it throws is recorded with failCase, anything else propagates. */
export async function withCaseFailures<T>(
  deps: PipelineDeps,
  caseId: string,
  useCase: () => Promise<T>,
  options: { keepStatus?: boolean } = {},
): Promise<T | FailedOutcome | RejectedOutcome> {
  try {
    return await useCase();
  } catch (error) {
    const problem = caseProblemOf(error);
    if (!problem) throw error;
    return failCase(deps, caseId, problem, options);
  }
}
