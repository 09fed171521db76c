// notice issue | regenerate | versions | redrive — the pipeline's operations for people, against
// the local stack or a deployed one. Where the table and queues are comes from the environment
// (lambdas/pipeline/config.ts: NOTICE_TABLE_NAME, NOTICE_RENDER_QUEUE_URL, … and, locally, the
// endpoints); `npm start` writes the local values to out/local-stack.env.
//
// issue and regenerate only queue requests: the render worker does the work, exactly as for
// approvals from the stream, so a request sent twice is served once.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { bulkFailureReport, bulkProgress, cancelBulkRun, createBulkDeps, listBulkRuns, planBulkRegeneration, resumeBulkRun, startBulkRegeneration } from '../lambdas/api/bulk-regeneration.js';
import type { BulkDeps, BulkProgress } from '../lambdas/api/bulk-regeneration.js';
import { actorLabel, caseHistory, EVENT_LABELS } from '../lambdas/api/audit.js';
import { beijingMinute } from '../lambdas/beijing-time.js';
import { previewRendererOnce } from '../lambdas/api/deps.js';
import { previewRegeneration } from '../lambdas/api/regeneration.js';
import { isDocTypeId } from '../lambdas/catalogue/index.js';
import { NoticeError } from '../lambdas/errors.js';
import { textTable } from '../local/text-table.js';
import { photoPutCommand, revokeCommand } from './card-ops.js';
import { createPipelineClients, destroyPipelineClients } from '../lambdas/pipeline/pipeline-clients.js';
import type { PipelineClients } from '../lambdas/pipeline/pipeline-clients.js';
import { opsConfig, workerConfig } from '../lambdas/pipeline/config.js';
import type { OpsConfig } from '../lambdas/pipeline/config.js';
import { issueMessage, RenderMessage } from '../lambdas/pipeline/messages.js';
import type { RegenerateMessage } from '../lambdas/pipeline/messages.js';
import { CasesTable } from '../lambdas/stores/cases-table.js';
import { AuditLog } from '../lambdas/stores/audit-log.js';
import { DocumentsBucket } from '../lambdas/stores/documents-bucket.js';
import { BulkId } from '../lambdas/stores/bulk-jobs-table.js';
import { RenderQueue } from '../lambdas/stores/render-queue.js';
import { DocumentVersionsTable } from '../lambdas/stores/versions-table.js';

export const OPS_USAGE = `  notice issue <caseId>
  notice regenerate <caseId> --reason "…" [--by <who>] [--request-id <id>]
  notice regenerate <caseId> --preview [--out <file.pdf>]      (what would change and the would-be PDF; queues nothing)
  notice regenerate --doc-type <type> [--from <YYYY-MM-DD>] [--to <YYYY-MM-DD>]      (dry run: what would be replaced)
  notice regenerate --doc-type <type> … --reason "…" --confirm <count> [--by <who>] [--no-wait]
  notice jobs
  notice job <bulkId> [--cancel | --resume | --failures <file.csv>] [--by <who>]
  notice versions <caseId>
  notice history <caseId>
  notice redrive
  notice revoke <caseId> --reason "…" [--by <who>]                                 (a 绿卡: once; again says when and why)
  notice photo put <caseId> <photo.jpg|png>                                       (a 绿卡 holder's photo, into the bucket)
  (table and queues from NOTICE_TABLE_NAME, NOTICE_RENDER_QUEUE_URL, NOTICE_DEAD_LETTER_QUEUE_URL, AWS_REGION;
   locally: set -a; . out/local-stack.env; set +a)`;

export type OpsCommand = 'issue' | 'regenerate' | 'jobs' | 'job' | 'versions' | 'history' | 'redrive' | 'revoke' | 'photo';

/** Wrong or missing arguments: exit 2 with the reason. */
class OpsUsageError extends NoticeError {
  readonly code = 'USAGE';
}

export interface OpsArgs {
  /** The positional after the command: a case id. */
  target?: string | undefined;
  reason?: string | undefined;
  by?: string | undefined;
  docType?: string | undefined;
  requestId?: string | undefined;
  /** 成文日期 range of a bulk regeneration. */
  from?: string | undefined;
  to?: string | undefined;
  /** The count the dry run showed: starts the bulk regeneration. */
  confirm?: string | undefined;
  noWait?: boolean | undefined;
  cancel?: boolean | undefined;
  resume?: boolean | undefined;
  /** Where `notice job` writes the failure report. */
  failures?: string | undefined;
  /** `regenerate <caseId> --preview`: show the would-be version instead of queueing it. */
  preview?: boolean | undefined;
  /** Where the preview's PDF goes. */
  out?: string | undefined;
  /** `notice photo put <caseId> <file>`: the verb and the file. */
  verb?: string | undefined;
  file?: string | undefined;
}

export interface OpsIo {
  out: (line: string) => void;
  /** Progress goes to stderr, so stdout stays clean for scripts. */
  progress: (text: string) => void;
  env: Record<string, string | undefined>;
  /** How long `--confirm` waits between progress reads. */
  pollMs?: number;
}

const defaultIo: OpsIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  progress: (text) => {
    if (process.stderr.isTTY) process.stderr.write(`\r${text}`);
  },
  env: process.env,
};

interface Ops {
  config: OpsConfig;
  clients: PipelineClients;
  cases: CasesTable;
  versions: DocumentVersionsTable;
  audit: AuditLog;
  queue: RenderQueue<RenderMessage>;
  bulk: BulkDeps;
  io: OpsIo;
}

export async function runOpsCommand(command: OpsCommand, args: OpsArgs, io: OpsIo = defaultIo): Promise<void> {
  const config = opsConfig(io.env);
  // The project runs on Node 20 with pinned SDK versions; the SDK's Node 22 notice only adds noise.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const clients = createPipelineClients(config.aws);
  const ops: Ops = {
    config,
    clients,
    cases: new CasesTable(clients.documents, config.tableName),
    versions: new DocumentVersionsTable(clients.documents, config.tableName),
    audit: new AuditLog(clients.documents, config.tableName),
    queue: new RenderQueue(clients.sqs, config.renderQueueUrl, RenderMessage),
    // The command prints what happened; the use case's log lines are for the API's logs.
    bulk: createBulkDeps(clients.documents, clients.sqs, config, { info: () => undefined, warn: () => undefined, error: () => undefined }),
    io,
  };
  try {
    switch (command) {
      case 'issue':
        return await issue(ops, required(args.target, 'issue needs a case id: notice issue <caseId>'));
      case 'regenerate':
        return await regenerate(ops, args);
      case 'jobs':
        return await jobs(ops);
      case 'job':
        return await job(ops, required(args.target, 'job needs a bulk run id: notice job <bulkId> (notice jobs lists them)'), args);
      case 'versions':
        return await versions(ops, required(args.target, 'versions needs a case id: notice versions <caseId>'));
      case 'history':
        return await history(ops, required(args.target, 'history needs a case id: notice history <caseId>'));
      case 'redrive':
        return await redrive(ops);
      case 'revoke':
        return await revokeCommand({ config, clients, out: io.out }, required(args.target, 'revoke needs a case id: notice revoke <caseId> --reason "…"'), args.reason, requester(ops, args));
      case 'photo':
        if (args.verb !== 'put') throw new OpsUsageError('photo takes put: notice photo put <caseId> <photo.jpg>');
        return await photoPutCommand({ config, clients, out: io.out }, required(args.target, 'photo put needs a case id and a file'), required(args.file, 'photo put needs a file: notice photo put <caseId> <photo.jpg>'));
    }
  } finally {
    destroyPipelineClients(clients);
  }
}

function required(value: string | undefined, message: string): string {
  if (value === undefined || value.trim() === '') throw new OpsUsageError(message);
  return value.trim();
}

async function existingCase(ops: Ops, caseId: string) {
  const stored = await ops.cases.getCase(caseId);
  if (!stored) throw new OpsUsageError(`case ${caseId} is not in table ${ops.config.tableName}; check the case id`);
  return stored;
}

async function issue(ops: Ops, caseId: string): Promise<void> {
  const stored = await existingCase(ops, caseId);
  if (stored.status === 'ISSUED') {
    throw new OpsUsageError(`case ${caseId} is ISSUED already; \`notice regenerate ${caseId} --reason "…"\` makes a new version`);
  }
  const message = issueMessage(caseId);
  const messageId = await ops.queue.send(message);
  ops.io.out(`queued: issue ${caseId} (status ${stored.status}; request ${message.requestId}; message ${messageId})`);
}

async function regenerate(ops: Ops, args: OpsArgs): Promise<void> {
  if (args.target !== undefined && args.docType !== undefined) {
    throw new OpsUsageError('regenerate takes a case id or --doc-type <type>, not both');
  }
  if (args.target === undefined) return bulkRegenerate(ops, args);
  if (args.preview) return previewOne(ops, args.target, args.out);
  const reason = required(args.reason, 'regenerate needs --reason "…": say why the document is regenerated');
  const requestedBy = requester(ops, args);
  const stored = await existingCase(ops, args.target);
  const message: RegenerateMessage = {
    v: 1,
    kind: 'regenerate',
    caseId: stored.caseId,
    requestId: args.requestId ?? `regen-${randomUUID()}`,
    reason,
    requestedBy,
  };
  const messageId = await ops.queue.send(message);
  ops.io.out(`queued: regenerate ${stored.caseId} (request ${message.requestId}; message ${messageId}); \`notice versions ${stored.caseId}\` shows the result`);
}

/**
 * What a regeneration would issue now (the console's 预览新版本): the changed fields and the
 * would-be PDF, a 样本 written to a file. Nothing is queued, numbered, recorded or stored.
 */
async function previewOne(ops: Ops, caseId: string, out: string | undefined): Promise<void> {
  // The bucket holding the current versions, and the verify URL the QR code is sized for.
  const where = workerConfig(ops.io.env);
  const p = await previewRegeneration(
    {
      cases: ops.cases,
      versions: ops.versions,
      bucket: new DocumentsBucket(ops.clients.s3, where.bucketName),
      publicBaseUrl: where.verifyBaseUrl ?? 'https://verify.invalid',
      previewRenderer: previewRendererOnce(),
    },
    caseId,
    {},
  );
  const file = out ?? `preview-${caseId}.pdf`;
  await writeFile(file, Buffer.from(p.preview.pdfBase64, 'base64'));
  ops.io.out(`preview of ${caseId} (${p.typeName}, ${p.documentNumber}): would replace version ${p.current.version}; nothing was queued or stored`);
  if (p.changes === null) ops.io.out('changed fields: unknown (the current version did not record its case)');
  else if (p.changes.length === 0) ops.io.out('changed fields: none');
  else ops.io.out(textTable(['项目', '当前版本', '新版本'], p.changes.map((c) => [c.label, c.before ?? '（无）', c.after ?? '（删除）'])));
  if (p.templateChanged || p.fontsChanged) ops.io.out('the template or the font pack changed since the current version');
  ops.io.out(`${file}: the would-be new version as a 样本 (not signed), ${p.preview.pages} page(s)`);
  ops.io.out(`to issue it: notice regenerate ${caseId} --reason "…"`);
}

function requester(ops: Ops, args: OpsArgs): string {
  return required(args.by ?? ops.io.env.USER, 'needs --by <who> (or $USER): say who asks for it');
}

const IsoDate = z.iso.date();

function dateArg(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (!IsoDate.safeParse(value).success) throw new OpsUsageError(`${flag} takes a date YYYY-MM-DD, not “${value}”`);
  return value;
}

/** Without --confirm a dry run: what would be replaced. With it, the run, and its progress until done. */
async function bulkRegenerate(ops: Ops, args: OpsArgs): Promise<void> {
  const docType = required(args.docType, 'regenerate needs a case id or --doc-type <type>');
  if (!isDocTypeId(docType)) throw new OpsUsageError(`“${docType}” is not a document type; \`notice preview --list\` shows them`);
  if (args.requestId !== undefined) throw new OpsUsageError('--request-id names one request; a bulk regeneration makes one per case');
  const from = dateArg(args.from, '--from');
  const to = dateArg(args.to, '--to');
  const filters = { docType, ...(from ? { approvedFrom: from } : {}), ...(to ? { approvedTo: to } : {}) };
  const plan = await planBulkRegeneration(ops.bulk, filters);
  ops.io.out(
    `${plan.typeName} (${plan.docType}): ${plan.count} issued document(s)` +
      (plan.count > 0 ? `, 成文日期 ${plan.earliest} … ${plan.latest}` : ''),
  );
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
    throw new OpsUsageError(`--confirm ${args.confirm} does not match the ${plan.count} document(s) found; check the list above and confirm that count`);
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

async function jobs(ops: Ops): Promise<void> {
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
  ops.io.out(textTable(['bulkId', 'started (北京时间)', 'by', 'from', 'type', 'reason', 'total', 'done', 'failed', 'waiting', 'state'], rows, new Set([6, 7, 8, 9])));
}

async function job(ops: Ops, bulkId: string, args: OpsArgs): Promise<void> {
  if (!BulkId.safeParse(bulkId).success) throw new OpsUsageError(`“${bulkId}” is not a bulk run id; \`notice jobs\` lists them`);
  if ([args.cancel, args.resume, args.failures !== undefined].filter(Boolean).length > 1) {
    throw new OpsUsageError('job takes one of --cancel, --resume, --failures <file.csv>');
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

async function versions(ops: Ops, caseId: string): Promise<void> {
  const stored = await existingCase(ops, caseId);
  const failure = (stored.data as { failure?: { code?: string; reason?: string; at?: string } }).failure;
  ops.io.out(`case ${caseId}: ${stored.status}${stored.documentNumber ? `, ${stored.documentNumber}` : ''}`);
  if (stored.status === 'FAILED' && failure) ops.io.out(`  failed ${failure.at ? `${beijingMinute(failure.at)} 北京时间` : ''} ${failure.code ?? ''}: ${failure.reason ?? ''}`);
  const all = await ops.versions.listVersions(caseId);
  if (all.length === 0) {
    ops.io.out('  no document versions');
    return;
  }
  const rows = all.map((v) => [
    v.docType,
    String(v.version),
    v.revokedAt ? `${v.status} 已注销` : v.status,
    v.documentNumber,
    v.docId,
    beijingMinute(v.issuedAt),
    v.requestedBy,
    v.reason,
    String(v.bytes),
    v.sha256.slice(0, 12),
  ]);
  ops.io.out(textTable(['type', 'v', 'status', '文号', 'docId', 'issued (北京时间)', 'by', 'reason', 'bytes', 'sha256'], rows, new Set([1, 8])));
}

/** The case's audit trail, newest first, in Beijing time. */
async function history(ops: Ops, caseId: string): Promise<void> {
  await existingCase(ops, caseId);
  const events = await caseHistory(ops.audit, caseId);
  if (events.length === 0) {
    ops.io.out(`case ${caseId}: no events recorded`);
    return;
  }
  const rows = events.map((e) => [
    beijingMinute(e.at),
    EVENT_LABELS[e.type] ?? e.type,
    actorLabel(e.by),
    e.version === null ? '' : String(e.version),
    e.documentNumber ?? '',
    [e.code, e.reason].filter(Boolean).join(': '),
  ]);
  ops.io.out(textTable(['time (北京时间)', 'event', 'by', 'v', '文号', 'reason'], rows, new Set([3])));
}

/** DLQ → render queue: receive, send (body and attributes as they were), then delete. */
async function redrive(ops: Ops): Promise<void> {
  const dlq = ops.config.deadLetterQueueUrl;
  if (!dlq) throw new OpsUsageError('redrive needs NOTICE_DEAD_LETTER_QUEUE_URL');
  let moved = 0;
  for (;;) {
    const { Messages } = await ops.clients.sqs.send(
      // Hidden long enough to be sent and deleted; if this stops half-way they reappear in the DLQ.
      new ReceiveMessageCommand({ QueueUrl: dlq, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 60, MessageAttributeNames: ['All'] }),
    );
    if (!Messages || Messages.length === 0) break;
    const { Failed } = await ops.clients.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: ops.config.renderQueueUrl,
        Entries: Messages.map((m, i) => ({ Id: String(i), MessageBody: m.Body ?? '', ...(m.MessageAttributes ? { MessageAttributes: m.MessageAttributes } : {}) })),
      }),
    );
    const failed = new Set((Failed ?? []).map((f) => f.Id));
    const sent = Messages.filter((_, i) => !failed.has(String(i)));
    if (sent.length > 0) {
      await ops.clients.sqs.send(
        new DeleteMessageBatchCommand({ QueueUrl: dlq, Entries: sent.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })) }),
      );
    }
    moved += sent.length;
    ops.io.progress(`moved ${moved} message(s) back to the render queue`);
    if (failed.size > 0) throw new Error(`the render queue refused ${failed.size} message(s); they stay in the dead-letter queue (moved ${moved})`);
  }
  ops.io.progress('\n');
  ops.io.out(moved === 0 ? 'the dead-letter queue is empty' : `moved ${moved} message(s) from the dead-letter queue back to the render queue`);
}
