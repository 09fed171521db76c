// Bulk regeneration, the one use case the staff console (through the API) and `notice regenerate
// --doc-type` share: plan (a dry run), start (only with the plan's count and fingerprint, so a
// set that changed since the clerk looked is refused), progress, cancel, resume, the failure
// report, and the sweeper that finishes runs whose sender died.
//
// A run is recorded with every case before anything is queued, so a crash of the sender (the API
// Lambda, the CLI, `npm start`) strands nothing: the sweeper sends again whatever has no outcome
// after SWEEP_AFTER_MS. Sending again is harmless — the worker makes one version per request id.
// The run's id is its plan's fingerprint, so confirming the same plan twice starts it once, and
// after a run the cases' updatedAt has moved, so the old confirmation cannot start it again.
import { createHash } from 'node:crypto';
import { DOC_TYPES } from '../catalogue/index.js';
import type { DocTypeId } from '../catalogue/index.js';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RenderMessage } from '../pipeline/messages.js';
import { BulkJobsTable, MAX_BULK_CASES, bulkRequestId } from '../stores/bulk-jobs-table.js';
import type { BulkJob } from '../stores/bulk-jobs-table.js';
import { RenderQueue } from '../stores/render-queue.js';
import { CaseDirectory } from './case-directory.js';
import type { BulkFilters } from './case-directory.js';
import { caseDetail } from './case-view.js';
import type { ApiLog } from './deps.js';
import { ApiError } from './http.js';

/** Requests without an outcome this long after they were queued are sent again. */
const SWEEP_AFTER_MS = 15 * 60_000;
/** After this many resends, what still has no outcome is reported as failed (see the dead-letter queue). */
const MAX_RESENDS = 3;
const EXAMPLES = 5;
const FAILURES_SHOWN = 50;

export interface BulkDeps {
  directory: CaseDirectory;
  bulkJobs: BulkJobsTable;
  queue: RenderQueue<RenderMessage>;
  now: () => Date;
  log: ApiLog;
}

/** What the CLI and the sweeper Lambda build (the API's own deps carry the same parts). */
export function createBulkDeps(documents: DynamoDBDocumentClient, sqs: SQSClient, settings: { tableName: string; renderQueueUrl: string }, log: ApiLog): BulkDeps {
  return {
    directory: new CaseDirectory(documents, settings.tableName),
    bulkJobs: new BulkJobsTable(documents, settings.tableName),
    queue: new RenderQueue(sqs, settings.renderQueueUrl, RenderMessage),
    now: () => new Date(),
    log,
  };
}

export interface BulkPlan {
  docType: DocTypeId;
  typeName: string;
  approvedFrom: string | null;
  approvedTo: string | null;
  /** How many documents the run would replace. */
  count: number;
  /** The earliest and latest 成文日期 among them. */
  earliest: string | null;
  latest: string | null;
  examples: { caseId: string; recipientMasked: string; documentNumber: string | null; approvedOn: string | null }[];
  /** Changes when any matching case is added, removed or changed; the start must carry it. */
  fingerprint: string;
}

export async function planBulkRegeneration(deps: BulkDeps, filters: BulkFilters): Promise<BulkPlan> {
  return (await selectCases(deps, filters)).plan;
}

async function selectCases(deps: BulkDeps, filters: BulkFilters): Promise<{ plan: BulkPlan; caseIds: string[] }> {
  const found = await deps.directory.issuedCases(filters, MAX_BULK_CASES);
  if (found.truncated) {
    throw new ApiError(422, 'TOO_MANY_CASES', `more than ${MAX_BULK_CASES} issued ${filters.docType} cases match; narrow the run with approvedFrom and approvedTo (成文日期)`);
  }
  const cases = found.items.map((stored) => ({ stored, detail: caseDetail(stored) })).sort((a, b) => a.stored.caseId.localeCompare(b.stored.caseId));
  const dates = cases.map((c) => c.detail.approvedOn).filter((d): d is string => d !== null).sort();
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify({
        docType: filters.docType,
        from: filters.approvedFrom ?? null,
        to: filters.approvedTo ?? null,
        cases: cases.map((c) => [c.stored.caseId, String((c.stored.data as { updatedAt?: unknown }).updatedAt ?? '')]),
      }),
    )
    .digest('hex');
  const plan: BulkPlan = {
    docType: filters.docType,
    typeName: DOC_TYPES[filters.docType].nameZh,
    approvedFrom: filters.approvedFrom ?? null,
    approvedTo: filters.approvedTo ?? null,
    count: cases.length,
    earliest: dates[0] ?? null,
    latest: dates.at(-1) ?? null,
    examples: cases.slice(0, EXAMPLES).map(({ detail }) => ({
      caseId: detail.caseId,
      recipientMasked: detail.recipientMasked,
      documentNumber: detail.documentNumber,
      approvedOn: detail.approvedOn,
    })),
    fingerprint,
  };
  return { plan, caseIds: cases.map((c) => c.stored.caseId) };
}

export interface BulkStart {
  filters: BulkFilters;
  reason: string;
  /** The plan the person confirmed: its count and fingerprint. */
  expectedCount: number;
  fingerprint: string;
}

export interface BulkAccepted {
  bulkId: string;
  docType: DocTypeId;
  enqueued: number;
  /** False when this plan had been started already: nothing new was queued. */
  started: boolean;
}

export async function startBulkRegeneration(deps: BulkDeps, start: BulkStart, requestedBy: string, source: BulkJob['source']): Promise<BulkAccepted> {
  const { plan, caseIds } = await selectCases(deps, start.filters);
  const bulkId = plan.fingerprint.slice(0, 32);
  if (plan.fingerprint !== start.fingerprint || plan.count !== start.expectedCount) {
    const existing = await deps.bulkJobs.get(start.fingerprint.slice(0, 32));
    if (existing) return { bulkId: existing.bulkId, docType: existing.docType, enqueued: 0, started: false };
    throw new ApiError(
      409,
      'PLAN_CHANGED',
      `the matching cases changed since the dry run (now ${plan.count}, confirmed ${start.expectedCount}); run the dry run again and confirm the new count`,
    );
  }
  if (plan.count === 0) {
    throw new ApiError(422, 'NO_MATCHING_CASES', `no issued ${plan.docType} case matches${plan.approvedFrom || plan.approvedTo ? ' the date range' : ''}; nothing to regenerate`);
  }
  const at = deps.now().toISOString();
  const job: BulkJob = {
    bulkId,
    docType: plan.docType,
    ...(plan.approvedFrom ? { approvedFrom: plan.approvedFrom } : {}),
    ...(plan.approvedTo ? { approvedTo: plan.approvedTo } : {}),
    reason: start.reason,
    requestedBy,
    source,
    createdAt: at,
    caseIds,
    enqueuedAt: at,
    resends: 0,
  };
  if (!(await deps.bulkJobs.create(job))) return { bulkId, docType: plan.docType, enqueued: 0, started: false };
  await enqueue(deps, job, caseIds);
  deps.log.info('bulk regeneration started', { bulkId, docType: plan.docType, cases: caseIds.length, requestedBy, source });
  return { bulkId, docType: plan.docType, enqueued: caseIds.length, started: true };
}

function enqueue(deps: BulkDeps, job: BulkJob, caseIds: readonly string[]): Promise<string[]> {
  return deps.queue.sendBatch(
    caseIds.map((caseId) => ({
      v: 1,
      kind: 'regenerate',
      caseId,
      docType: job.docType,
      requestId: bulkRequestId(job.bulkId, caseId),
      reason: job.reason,
      requestedBy: job.requestedBy,
    })),
  );
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

async function existingJob(deps: BulkDeps, bulkId: string): Promise<BulkJob> {
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
async function outcomes(deps: BulkDeps, job: BulkJob): Promise<Outcomes> {
  const served = await deps.directory.servedRequests(job.caseIds.map((caseId) => ({ caseId, requestId: bulkRequestId(job.bulkId, caseId) })));
  const unserved = job.caseIds.filter((id) => !served.has(id));
  const [rejected, cases] = await Promise.all([deps.directory.rejectedCaseIdsSince(job.createdAt), deps.directory.getCases(unserved)]);
  const gaveUp = job.resends >= MAX_RESENDS && deps.now().getTime() - Date.parse(job.enqueuedAt) >= SWEEP_AFTER_MS;
  const failures: BulkFailure[] = [];
  const open: string[] = [];
  for (const caseId of unserved) {
    const stored = cases.get(caseId);
    const failure = stored ? caseDetail(stored).failure : null;
    if (failure && failure.at >= job.createdAt) failures.push({ caseId, code: failure.code, reason: failure.reason });
    else if (!stored) failures.push({ caseId, code: 'CASE_NOT_FOUND', reason: '批量任务开始后，该案件已被删除' });
    else if (rejected.has(caseId)) failures.push({ caseId, code: 'REJECTED', reason: '生成程序拒绝了该请求（案件状态或文书类型不符），详见运维的拒绝记录' });
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

export async function bulkProgress(deps: BulkDeps, bulkId: string): Promise<BulkProgress> {
  return progressOf(await outcomes(deps, await existingJob(deps, bulkId)));
}

const JOBS_LISTED = 20;

/** The latest runs, newest first, with their progress. */
export async function listBulkRuns(deps: BulkDeps): Promise<BulkProgress[]> {
  const jobs = (await deps.bulkJobs.list()).slice(0, JOBS_LISTED);
  return Promise.all(jobs.map((j) => bulkProgress(deps, j.bulkId)));
}

/** Stops a run: the worker leaves its remaining requests undone (a resume sends them again). */
export async function cancelBulkRun(deps: BulkDeps, bulkId: string, by: string): Promise<BulkProgress> {
  const progress = await bulkProgress(deps, bulkId);
  if (progress.cancelledAt) return progress;
  if (progress.finished) throw new ApiError(409, 'BULK_FINISHED', `bulk regeneration ${bulkId} has finished; there is nothing left to cancel`);
  await deps.bulkJobs.setCancelled(bulkId, { at: deps.now().toISOString(), by });
  deps.log.info('bulk regeneration cancelled', { bulkId, by });
  return bulkProgress(deps, bulkId);
}

/** Undoes a cancel and sends again every request of the run that has no outcome. */
export async function resumeBulkRun(deps: BulkDeps, bulkId: string, by: string): Promise<BulkProgress> {
  const job = await existingJob(deps, bulkId);
  if (job.cancelledAt) await deps.bulkJobs.setCancelled(bulkId, null);
  const found = await outcomes(deps, { ...job, cancelledAt: undefined });
  if (found.open.length === 0 && !job.cancelledAt) throw new ApiError(409, 'BULK_FINISHED', `bulk regeneration ${bulkId} has finished; every case has a result`);
  await enqueue(deps, job, found.open);
  await deps.bulkJobs.markEnqueued(bulkId, deps.now().toISOString(), false);
  deps.log.info('bulk regeneration resumed', { bulkId, by, resent: found.open.length });
  return bulkProgress(deps, bulkId);
}

export interface SweepResult {
  /** bulkId → how many requests were sent again. */
  resent: Record<string, number>;
}

/**
 * Finishes runs whose sender died: every run that is not cancelled, whose requests were last
 * queued at least `afterMs` ago, gets its requests without an outcome sent again (up to
 * MAX_RESENDS times; after that they count as failed). Run on a schedule, and at `npm start`.
 */
export async function sweepBulkRuns(deps: BulkDeps, afterMs: number = SWEEP_AFTER_MS): Promise<SweepResult> {
  const resent: Record<string, number> = {};
  const now = deps.now();
  for (const summary of await deps.bulkJobs.list()) {
    if (summary.cancelledAt || summary.resends >= MAX_RESENDS) continue;
    if (now.getTime() - Date.parse(summary.enqueuedAt) < afterMs) continue;
    const found = await outcomes(deps, await existingJob(deps, summary.bulkId));
    if (found.open.length === 0) continue;
    await enqueue(deps, found.job, found.open);
    await deps.bulkJobs.markEnqueued(summary.bulkId, now.toISOString(), true);
    resent[summary.bulkId] = found.open.length;
    deps.log.warn('bulk regeneration requests sent again', { bulkId: summary.bulkId, resent: found.open.length });
  }
  return { resent };
}

/** The run's failures as CSV, UTF-8 with a BOM so Excel reads the Chinese. */
export async function bulkFailureReport(deps: BulkDeps, bulkId: string): Promise<string> {
  const found = await outcomes(deps, await existingJob(deps, bulkId));
  const rows = [['案件编号', '错误代码', '原因'], ...found.failures.map((f) => [f.caseId, f.code, f.reason])];
  return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

function csvField(value: string): string {
  // A leading = + - @ would be read by Excel as a formula: quote it as text.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}
