// Bulk regeneration, the one use case the staff console (through the API) and `notice regenerate
// --doc-type` share: plan (a dry run), start (only with the plan's count and fingerprint, so a
// set that changed since the clerk looked is refused), cancel, resume, and the sweeper that
// finishes runs whose sender died. A run's progress and failure report: bulk-progress.ts.
//
// A run is recorded with every case (in parts) before anything is queued, so a crash of the sender
// (the API Lambda, the CLI, `npm start`) strands nothing: a part never queued is queued by the
// sweeper's next pass, and the sweeper sends again whatever has no outcome after SWEEP_AFTER_MS.
// Sending again is harmless — the worker makes one version per request id. The API queues only
// the first part itself, so a start answers in about a second whatever the run's size; the CLI
// queues the whole run; the sweeper (every minute) queues what is left.
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
import { CaseDirectory } from '../stores/case-directory.js';
import type { BulkFilters } from '../stores/case-directory.js';
import { RejectionsTable } from '../stores/rejections-table.js';
import { RenderQueue } from '../stores/render-queue.js';
import { bulkProgress, existingJob, MAX_RESENDS, outcomes, SWEEP_AFTER_MS } from './bulk-progress.js';
import type { BulkProgress, BulkProgressDeps } from './bulk-progress.js';
import { caseDetail } from './case-view.js';
import type { ApiLog } from './deps.js';
import { ApiError } from './http.js';

const EXAMPLES = 5;
/** SendMessageBatch calls (10 messages each) in flight at once. */
const SEND_CONCURRENCY = 20;

export interface BulkDeps extends BulkProgressDeps {
  queue: RenderQueue<RenderMessage>;
  log: ApiLog;
}

/** What the CLI and the sweeper Lambda build (the API's own deps carry the same parts). */
export function createBulkDeps(
  documents: DynamoDBDocumentClient,
  sqs: SQSClient,
  settings: { tableName: string; renderQueueUrl: string },
  log: ApiLog,
): BulkDeps {
  return {
    directory: new CaseDirectory(documents, settings.tableName),
    bulkJobs: new BulkJobsTable(documents, settings.tableName),
    rejections: new RejectionsTable(documents, settings.tableName),
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
  /** Cards among the matches that were revoked: left out, since a revoked card is never regenerated. */
  revokedExcluded: number;
  /** Changes when any matching case is added, removed or changed; the start must carry it. */
  fingerprint: string;
}

export async function planBulkRegeneration(deps: BulkDeps, filters: BulkFilters): Promise<BulkPlan> {
  return (await selectCases(deps, filters)).plan;
}

async function selectCases(deps: BulkDeps, filters: BulkFilters): Promise<{ plan: BulkPlan; caseIds: string[] }> {
  const [found, revoked] = await Promise.all([deps.directory.issuedCases(filters, MAX_BULK_CASES + 1), deps.directory.revokedCaseIds(filters.docType)]);
  const matching = found.items.filter((c) => !revoked.has(c.caseId));
  if (found.truncated || matching.length > MAX_BULK_CASES) {
    throw new ApiError(
      422,
      'TOO_MANY_CASES',
      `more than ${MAX_BULK_CASES} issued ${filters.docType} cases match; narrow the run with approvedFrom and approvedTo (成文日期)`,
    );
  }
  // The index gives them in date order; the run, its parts and the fingerprint take them by case id.
  const cases = matching.sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
  const dates = matching.map((c) => c.approvedOn).sort();
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify({
        docType: filters.docType,
        from: filters.approvedFrom ?? null,
        to: filters.approvedTo ?? null,
        cases: cases.map((c) => [c.caseId, c.updatedAt]),
      }),
    )
    .digest('hex');
  const examples = await deps.directory.getCases(cases.slice(0, EXAMPLES).map((c) => c.caseId));
  const plan: BulkPlan = {
    docType: filters.docType,
    typeName: DOC_TYPES[filters.docType].nameZh,
    approvedFrom: filters.approvedFrom ?? null,
    approvedTo: filters.approvedTo ?? null,
    count: cases.length,
    earliest: dates[0] ?? null,
    latest: dates.at(-1) ?? null,
    examples: cases
      .slice(0, EXAMPLES)
      .flatMap((c) => {
        const stored = examples.get(c.caseId);
        return stored ? [caseDetail(stored)] : [];
      })
      .map((detail) => ({
        caseId: detail.caseId,
        recipientMasked: detail.recipientMasked,
        documentNumber: detail.documentNumber,
        approvedOn: detail.approvedOn,
      })),
    revokedExcluded: found.items.length - matching.length,
    fingerprint,
  };
  return { plan, caseIds: cases.map((c) => c.caseId) };
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
  /** Requests handed to the queue by this call; the sweeper queues the rest of a larger run within a minute. */
  enqueued: number;
  /** Cases in the run. */
  total: number;
  /** False when this plan had been started already: nothing new was queued. */
  started: boolean;
}

/**
 * Records the run and queues its first part (`parts: 'all'`: every part, as the CLI does, having
 * no timeout). What is not queued here is queued by the sweeper.
 */
export async function startBulkRegeneration(
  deps: BulkDeps,
  start: BulkStart,
  requestedBy: string,
  source: BulkJob['source'],
  parts: 'first' | 'all' = 'first',
): Promise<BulkAccepted> {
  const { plan, caseIds } = await selectCases(deps, start.filters);
  const bulkId = plan.fingerprint.slice(0, 32);
  if (plan.fingerprint !== start.fingerprint || plan.count !== start.expectedCount) {
    const existing = await deps.bulkJobs.get(start.fingerprint.slice(0, 32));
    if (existing) return { bulkId: existing.bulkId, docType: existing.docType, enqueued: 0, total: existing.caseIds.length, started: false };
    throw new ApiError(
      409,
      'PLAN_CHANGED',
      `the matching cases changed since the dry run (now ${plan.count}, confirmed ${start.expectedCount}); run the dry run again and confirm the new count`,
    );
  }
  if (plan.count === 0) {
    throw new ApiError(
      422,
      'NO_MATCHING_CASES',
      `no issued ${plan.docType} case matches${plan.approvedFrom || plan.approvedTo ? ' the date range' : ''}; nothing to regenerate`,
    );
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
  if (!(await deps.bulkJobs.create(job))) return { bulkId, docType: plan.docType, enqueued: 0, total: caseIds.length, started: false };
  const enqueued = await queueParts(deps, job, parts === 'first' ? 1 : Number.POSITIVE_INFINITY);
  deps.log.info('bulk regeneration started', { bulkId, docType: plan.docType, cases: caseIds.length, enqueued, requestedBy, source });
  return { bulkId, docType: plan.docType, enqueued, total: caseIds.length, started: true };
}

/** Queues up to `most` of the run's parts that were never queued; how many requests it sent. */
async function queueParts(deps: BulkDeps, job: Pick<BulkJob, 'bulkId' | 'docType' | 'reason' | 'requestedBy'>, most: number): Promise<number> {
  const open = (await deps.bulkJobs.parts(job.bulkId)).filter((p) => !p.queuedAt).slice(0, most);
  let sent = 0;
  for (const part of open) {
    await enqueue(deps, job, part.caseIds);
    await deps.bulkJobs.markPartQueued(job.bulkId, part.index, deps.now().toISOString());
    sent += part.caseIds.length;
  }
  return sent;
}

/** One request per case, ten to a SendMessageBatch, SEND_CONCURRENCY calls at a time. */
async function enqueue(deps: BulkDeps, job: Pick<BulkJob, 'bulkId' | 'docType' | 'reason' | 'requestedBy'>, caseIds: readonly string[]): Promise<void> {
  const messages = caseIds.map(
    (caseId): RenderMessage => ({
      v: 1,
      kind: 'regenerate',
      caseId,
      docType: job.docType,
      requestId: bulkRequestId(job.bulkId, caseId),
      reason: job.reason,
      requestedBy: job.requestedBy,
    }),
  );
  await deps.queue.sendBatch(messages, SEND_CONCURRENCY);
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
  if (found.open.length === 0 && !job.cancelledAt)
    throw new ApiError(409, 'BULK_FINISHED', `bulk regeneration ${bulkId} has finished; every case has a result`);
  await enqueue(deps, job, found.open);
  // That covered the parts never queued too (a run cancelled before the sweeper reached them).
  for (const part of await deps.bulkJobs.parts(bulkId)) if (!part.queuedAt) await deps.bulkJobs.markPartQueued(bulkId, part.index, deps.now().toISOString());
  await deps.bulkJobs.markEnqueued(bulkId, deps.now().toISOString(), false);
  deps.log.info('bulk regeneration resumed', { bulkId, by, resent: found.open.length });
  return bulkProgress(deps, bulkId);
}

export interface SweepResult {
  /** bulkId → how many requests of parts never queued were queued. */
  queued: Record<string, number>;
  /** bulkId → how many requests were sent again. */
  resent: Record<string, number>;
}

/**
 * Finishes runs whose sender stopped: every run that is not cancelled gets its parts that were
 * never queued queued now; a run whose requests were last queued at least `afterMs` ago gets its
 * requests without an outcome sent again (up to MAX_RESENDS times; after that they count as
 * failed). Run on a schedule, and at `npm start`.
 */
export async function sweepBulkRuns(deps: BulkDeps, afterMs: number = SWEEP_AFTER_MS): Promise<SweepResult> {
  const queued: Record<string, number> = {};
  const resent: Record<string, number> = {};
  const now = deps.now();
  for (const summary of await deps.bulkJobs.list()) {
    if (summary.cancelledAt) continue;
    const sent = await queueParts(deps, summary, Number.POSITIVE_INFINITY);
    if (sent > 0) {
      await deps.bulkJobs.markEnqueued(summary.bulkId, deps.now().toISOString(), false);
      queued[summary.bulkId] = sent;
      deps.log.info('bulk regeneration parts queued', { bulkId: summary.bulkId, queued: sent });
      continue;
    }
    if (summary.resends >= MAX_RESENDS) continue;
    if (now.getTime() - Date.parse(summary.enqueuedAt) < afterMs) continue;
    const found = await outcomes(deps, await existingJob(deps, summary.bulkId));
    if (found.open.length === 0) continue;
    await enqueue(deps, found.job, found.open);
    await deps.bulkJobs.markEnqueued(summary.bulkId, now.toISOString(), true);
    resent[summary.bulkId] = found.open.length;
    deps.log.warn('bulk regeneration requests sent again', { bulkId: summary.bulkId, resent: found.open.length });
  }
  return { queued, resent };
}
