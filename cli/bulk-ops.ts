// notice regenerate --doc-type, jobs, job: a bulk regeneration from the command line — the dry run,
// the start with the count it showed, its progress until done, and the runs with their state.
import { writeFile } from 'node:fs/promises';
import * as z from 'zod';
import { bulkFailureReport, bulkProgress, listBulkRuns } from '../lambdas/api/bulk-progress.js';
import type { BulkProgress } from '../lambdas/api/bulk-progress.js';
import { cancelBulkRun, planBulkRegeneration, resumeBulkRun, startBulkRegeneration } from '../lambdas/api/bulk-regeneration.js';
import { beijingMinute } from '../lambdas/beijing-time.js';
import { isDocTypeId } from '../lambdas/catalogue/index.js';
import { BulkId } from '../lambdas/stores/bulk-jobs-table.js';
import { textTable } from '../local/text-table.js';
import { UsageError, required, requester } from './ops-context.js';
import type { Ops, OpsArgs } from './ops-context.js';

const IsoDate = z.iso.date();

function dateArg(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (!IsoDate.safeParse(value).success) throw new UsageError(`${flag} takes a date YYYY-MM-DD, not “${value}”`);
  return value;
}

/** Without --confirm a dry run: what would be replaced. With it, the run, and its progress until done. */
export async function bulkRegenerate(ops: Ops, args: OpsArgs): Promise<void> {
  const docType = required(args.docType, 'regenerate needs a case id or --doc-type <type>');
  if (!isDocTypeId(docType)) throw new UsageError(`“${docType}” is not a document type; \`notice preview --list\` shows them`);
  if (args.requestId !== undefined) throw new UsageError('--request-id names one request; a bulk regeneration makes one per case');
  const from = dateArg(args.from, '--from');
  const to = dateArg(args.to, '--to');
  const filters = { docType, ...(from ? { approvedFrom: from } : {}), ...(to ? { approvedTo: to } : {}) };
  const plan = await planBulkRegeneration(ops.bulk, filters);
  ops.io.out(`${plan.typeName} (${plan.docType}): ${plan.count} issued document(s)` + (plan.count > 0 ? `, 成文日期 ${plan.earliest} … ${plan.latest}` : ''));
  for (const e of plan.examples) ops.io.out(`  ${e.caseId}  ${e.documentNumber ?? ''}  ${e.recipientMasked}  ${e.approvedOn ?? ''}`);
  if (plan.count > plan.examples.length) ops.io.out(`  … and ${plan.count - plan.examples.length} more`);
  if (plan.revokedExcluded > 0) ops.io.out(`  left out: ${plan.revokedExcluded} revoked card(s) (已注销), which are never regenerated`);
  if (args.confirm === undefined) {
    ops.io.out(
      plan.count === 0
        ? 'nothing to regenerate'
        : `dry run: nothing queued. To replace these ${plan.count} document(s): add --reason "…" --confirm ${plan.count}`,
    );
    return;
  }
  const reason = required(args.reason, 'regenerate needs --reason "…": say why the documents are regenerated');
  const requestedBy = requester(ops, args);
  const expectedCount = Number(args.confirm);
  if (!Number.isInteger(expectedCount) || expectedCount !== plan.count) {
    throw new UsageError(`--confirm ${args.confirm} does not match the ${plan.count} document(s) found; check the list above and confirm that count`);
  }
  const accepted = await startBulkRegeneration(ops.bulk, { filters, reason, expectedCount, fingerprint: plan.fingerprint }, requestedBy, 'cli', 'all');
  ops.io.out(
    accepted.started
      ? `started bulk run ${accepted.bulkId}: ${accepted.enqueued} document(s) queued; \`notice job ${accepted.bulkId}\` shows its progress`
      : `bulk run ${accepted.bulkId} was started already for these documents; nothing new queued`,
  );
  if (!args.noWait) await waitForRun(ops, accepted.bulkId);
}

async function waitForRun(ops: Ops, bulkId: string): Promise<void> {
  for (;;) {
    const p = await bulkProgress(ops.bulk, bulkId);
    ops.io.progress(progressBar(p.done, p.failed, p.total));
    if (p.finished) {
      ops.io.progress('\n');
      ops.io.out(runLine(p));
      return;
    }
    await new Promise((r) => setTimeout(r, ops.io.pollMs ?? 2000));
  }
}

export function progressBar(done: number, failed: number, total: number, width = 30): string {
  const filled = total === 0 ? width : Math.round(((done + failed) / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done + failed}/${total} (failed ${failed})`;
}

function runLine(p: BulkProgress): string {
  const state = p.cancelledAt ? `cancelled by ${p.cancelledBy ?? '?'} ${beijingMinute(p.cancelledAt)}` : p.finished ? 'finished' : 'running';
  return `bulk run ${p.bulkId}: ${state}; done ${p.done}, failed ${p.failed}, waiting ${p.waiting}${p.cancelled ? `, not run ${p.cancelled}` : ''} of ${p.total}`;
}

export async function jobs(ops: Ops): Promise<void> {
  const runs = await listBulkRuns(ops.bulk);
  if (runs.length === 0) {
    ops.io.out('no bulk regeneration has been run');
    return;
  }
  const rows = runs.map((p) => [
    p.bulkId,
    beijingMinute(p.createdAt),
    p.requestedBy,
    p.source,
    p.docType,
    p.reason,
    String(p.total),
    String(p.done),
    String(p.failed),
    String(p.waiting),
    p.cancelledAt ? 'cancelled' : p.finished ? 'finished' : 'running',
  ]);
  ops.io.out(
    textTable(['bulkId', 'started (北京时间)', 'by', 'from', 'type', 'reason', 'total', 'done', 'failed', 'waiting', 'state'], rows, new Set([6, 7, 8, 9])),
  );
}

export async function job(ops: Ops, bulkId: string, args: OpsArgs): Promise<void> {
  if (!BulkId.safeParse(bulkId).success) throw new UsageError(`“${bulkId}” is not a bulk run id; \`notice jobs\` lists them`);
  if ([args.cancel, args.resume, args.failures !== undefined].filter(Boolean).length > 1) {
    throw new UsageError('job takes one of --cancel, --resume, --failures <file.csv>');
  }
  let progress: BulkProgress;
  if (args.cancel) progress = await cancelBulkRun(ops.bulk, bulkId, requester(ops, args));
  else if (args.resume) progress = await resumeBulkRun(ops.bulk, bulkId, requester(ops, args));
  else progress = await bulkProgress(ops.bulk, bulkId);
  if (args.failures !== undefined) {
    await writeFile(args.failures, await bulkFailureReport(ops.bulk, bulkId));
    ops.io.out(`wrote ${progress.failed} failure(s) to ${args.failures}`);
  }
  ops.io.out(runLine(progress));
  ops.io.out(`  ${progress.typeName}; ${progress.reason}; by ${progress.requestedBy} (${progress.source}) ${beijingMinute(progress.createdAt)} 北京时间`);
  for (const f of progress.failures) ops.io.out(`  failed ${f.caseId} ${f.code}: ${f.reason}`);
}
