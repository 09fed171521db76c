// A bulk regeneration's progress, read from what the worker left: each case's request served
// (done), refused or failed (failed), or neither yet (open) — and the failures as a CSV report.
// Starting, cancelling, resuming and sweeping runs is in bulk-regeneration.ts.
import { DOC_TYPES } from '../catalogue/index.js';
import type { DocTypeId } from '../catalogue/index.js';
import { bulkRequestId } from '../stores/bulk-jobs-table.js';
import type { BulkJob, BulkJobsTable } from '../stores/bulk-jobs-table.js';
import type { CaseDirectory } from '../stores/case-directory.js';
import type { RejectionsTable } from '../stores/rejections-table.js';
import { caseDetail } from './case-view.js';
import { ApiError } from './http.js';

/** Requests without an outcome this long after they were queued are sent again. */
export const SWEEP_AFTER_MS = 15 * 60_000;
/** After this many resends, what still has no outcome is reported as failed (see the dead-letter queue). */
export const MAX_RESENDS = 3;
const FAILURES_SHOWN = 50;

/** What reading a run's progress takes: the run, its cases and the refused requests. */
export interface BulkProgressDeps {
  directory: CaseDirectory;
  bulkJobs: BulkJobsTable;
  rejections: RejectionsTable;
  now: () => Date;
}

interface BulkFailure {
  caseId: string;
  code: string;
  reason: string;
}

export interface BulkProgress {
  bulkId: string;
  docType: DocTypeId;
  typeName: string;
  approvedFrom: string | null;
  approvedTo: string | null;
  reason: string;
  requestedBy: string;
  source: BulkJob['source'];
  createdAt: string;
  cancelledAt: string | null;
  cancelledBy: string | null;
  total: number;
  done: number;
  failed: number;
  /** Not run because the run was cancelled. */
  cancelled: number;
  waiting: number;
  /** Every request has an outcome (or was cancelled): nothing more will happen without a resume. */
  finished: boolean;
  /** The failed cases and why (the first 50; the CSV report has all). */
  failures: BulkFailure[];
}

interface Outcomes {
  job: BulkJob;
  done: number;
  failures: BulkFailure[];
  /** Case ids with no outcome yet. */
  open: string[];
}

export async function existingJob(deps: BulkProgressDeps, bulkId: string): Promise<BulkJob> {
  const job = await deps.bulkJobs.get(bulkId);
  if (!job) throw new ApiError(404, 'BULK_NOT_FOUND', `no bulk regeneration ${bulkId}; check the id returned when it was started`);
  return job;
}

/**
 * Done: the worker recorded a version for the case's request. Failed: the worker rejected the
 * request, or recorded a failure on the case after the run started, or the request still had no
 * outcome after MAX_RESENDS resends. Open: none of these yet — including a failed case that was
 * fixed since (its failure is cleared when the case is written again), so the sweeper retries it.
 */
export async function outcomes(deps: BulkProgressDeps, job: BulkJob, rejections?: ReadonlyMap<string, string>): Promise<Outcomes> {
  const served = await deps.directory.servedRequests(job.caseIds.map((caseId) => ({ caseId, requestId: bulkRequestId(job.bulkId, caseId) })));
  const unserved = job.caseIds.filter((id) => !served.has(id));
  // `rejections`: case → latest rejection time, read once for several runs (listBulkRuns).
  const [rejectedAt, cases] = await Promise.all([rejections ?? deps.rejections.casesRejectedSince(job.createdAt), deps.directory.getCases(unserved)]);
  const gaveUp = job.resends >= MAX_RESENDS && deps.now().getTime() - Date.parse(job.enqueuedAt) >= SWEEP_AFTER_MS;
  const failures: BulkFailure[] = [];
  const open: string[] = [];
  for (const caseId of unserved) {
    const stored = cases.get(caseId);
    const failure = stored ? caseDetail(stored).failure : null;
    if (failure && failure.at >= job.createdAt) failures.push({ caseId, code: failure.code, reason: failure.reason });
    else if (!stored) failures.push({ caseId, code: 'CASE_NOT_FOUND', reason: '批量任务开始后，该案件已被删除' });
    else if ((rejectedAt.get(caseId) ?? '') >= job.createdAt)
      failures.push({ caseId, code: 'REJECTED', reason: '生成程序拒绝了该请求（案件状态或文书类型不符），详见运维的拒绝记录' });
    else if (gaveUp) failures.push({ caseId, code: 'NO_OUTCOME', reason: `重新排队 ${MAX_RESENDS} 次后仍无结果，请运维人员检查死信队列` });
    else open.push(caseId);
  }
  return { job, done: served.size, failures, open };
}

function progressOf({ job, done, failures, open }: Outcomes): BulkProgress {
  const cancelled = job.cancelledAt ? open.length : 0;
  const waiting = open.length - cancelled;
  return {
    bulkId: job.bulkId,
    docType: job.docType,
    typeName: DOC_TYPES[job.docType].nameZh,
    approvedFrom: job.approvedFrom ?? null,
    approvedTo: job.approvedTo ?? null,
    reason: job.reason,
    requestedBy: job.requestedBy,
    source: job.source,
    createdAt: job.createdAt,
    cancelledAt: job.cancelledAt ?? null,
    cancelledBy: job.cancelledBy ?? null,
    total: job.caseIds.length,
    done,
    failed: failures.length,
    cancelled,
    waiting,
    finished: waiting === 0,
    failures: failures.slice(0, FAILURES_SHOWN),
  };
}

export async function bulkProgress(deps: BulkProgressDeps, bulkId: string): Promise<BulkProgress> {
  return progressOf(await outcomes(deps, await existingJob(deps, bulkId)));
}

const JOBS_LISTED = 20;

/** The latest runs, newest first, with their progress: the rejections are read once for all of them. */
export async function listBulkRuns(deps: BulkProgressDeps): Promise<BulkProgress[]> {
  const jobs = (await deps.bulkJobs.list()).slice(0, JOBS_LISTED);
  const earliest = jobs.at(-1)?.createdAt;
  if (earliest === undefined) return [];
  const rejections = await deps.rejections.casesRejectedSince(earliest);
  return Promise.all(jobs.map(async (j) => progressOf(await outcomes(deps, await existingJob(deps, j.bulkId), rejections))));
}

/** The run's failures as CSV, UTF-8 with a BOM so Excel reads the Chinese. */
export async function bulkFailureReport(deps: BulkProgressDeps, bulkId: string): Promise<string> {
  const found = await outcomes(deps, await existingJob(deps, bulkId));
  const rows = [['案件编号', '错误代码', '原因'], ...found.failures.map((f) => [f.caseId, f.code, f.reason])];
  return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

function csvField(value: string): string {
  // A leading = + - @ would be read by Excel as a formula: quote it as text.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}
