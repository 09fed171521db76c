// notice issue | regenerate | versions | redrive — the pipeline's operations for people, against
// the local stack or a deployed one. Where the table and queues are comes from the environment
// (lambdas/pipeline/config.ts: NOTICE_TABLE_NAME, NOTICE_RENDER_QUEUE_URL, … and, locally, the
// endpoints); `npm start` writes the local values to out/local-stack.env.
//
// issue and regenerate only queue requests: the render worker does the work, exactly as for
// approvals from the stream, so a request sent twice is served once. A bulk regeneration and its
// runs (regenerate --doc-type, jobs, job) are in bulk-ops.ts.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { createBulkDeps } from '../lambdas/api/bulk-regeneration.js';
import { actorLabel, caseHistory, EVENT_LABELS } from '../lambdas/api/audit.js';
import { beijingMinute } from '../lambdas/beijing-time.js';
import { previewRendererOnce } from '../lambdas/api/deps.js';
import { previewRegeneration } from '../lambdas/api/regeneration.js';
import { textTable } from '../local/text-table.js';
import { bulkRegenerate, job, jobs } from './bulk-ops.js';
import { photoPutCommand, revokeCommand } from './card-ops.js';
import { type OpsCommand, UsageError, required, requester } from './ops-context.js';
import type { Ops, OpsArgs, OpsIo } from './ops-context.js';
import { createPipelineClients, destroyPipelineClients } from '../lambdas/pipeline/pipeline-clients.js';
import { opsConfig, workerConfig } from '../lambdas/pipeline/config.js';
import { issueMessage, RenderMessage } from '../lambdas/pipeline/messages.js';
import type { RegenerateMessage } from '../lambdas/pipeline/messages.js';
import { CasesTable } from '../lambdas/stores/cases-table.js';
import { AuditLog } from '../lambdas/stores/audit-log.js';
import { DocumentsBucket } from '../lambdas/stores/documents-bucket.js';
import { RenderQueue } from '../lambdas/stores/render-queue.js';
import { DocumentVersionsTable } from '../lambdas/stores/versions-table.js';

export type { OpsCommand };

const defaultIo: OpsIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  progress: (text) => {
    if (process.stderr.isTTY) process.stderr.write(`\r${text}`);
  },
  env: process.env,
};

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
        return await revokeCommand(
          { config, clients, out: io.out },
          required(args.target, 'revoke needs a case id: notice revoke <caseId> --reason "…"'),
          args.reason,
          requester(ops, args),
        );
      case 'photo':
        if (args.verb !== 'put') throw new UsageError('photo takes put: notice photo put <caseId> <photo.jpg>');
        return await photoPutCommand(
          { config, clients, out: io.out },
          required(args.target, 'photo put needs a case id and a file'),
          required(args.file, 'photo put needs a file: notice photo put <caseId> <photo.jpg>'),
        );
    }
  } finally {
    destroyPipelineClients(clients);
  }
}

async function existingCase(ops: Ops, caseId: string) {
  const stored = await ops.cases.getCase(caseId);
  if (!stored) throw new UsageError(`case ${caseId} is not in table ${ops.config.tableName}; check the case id`);
  return stored;
}

async function issue(ops: Ops, caseId: string): Promise<void> {
  const stored = await existingCase(ops, caseId);
  if (stored.status === 'ISSUED') {
    throw new UsageError(`case ${caseId} is ISSUED already; \`notice regenerate ${caseId} --reason "…"\` makes a new version`);
  }
  const message = issueMessage(caseId);
  const messageId = await ops.queue.send(message);
  ops.io.out(`queued: issue ${caseId} (status ${stored.status}; request ${message.requestId}; message ${messageId})`);
}

async function regenerate(ops: Ops, args: OpsArgs): Promise<void> {
  if (args.target !== undefined && args.docType !== undefined) {
    throw new UsageError('regenerate takes a case id or --doc-type <type>, not both');
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
  else
    ops.io.out(
      textTable(
        ['项目', '当前版本', '新版本'],
        p.changes.map((c) => [c.label, c.before ?? '（无）', c.after ?? '（删除）']),
      ),
    );
  if (p.templateChanged || p.fontsChanged) ops.io.out('the template or the font pack changed since the current version');
  ops.io.out(`${file}: the would-be new version as a 样本 (not signed), ${p.preview.pages} page(s)`);
  ops.io.out(`to issue it: notice regenerate ${caseId} --reason "…"`);
}

async function versions(ops: Ops, caseId: string): Promise<void> {
  const stored = await existingCase(ops, caseId);
  const failure = (stored.data as { failure?: { code?: string; reason?: string; at?: string } }).failure;
  ops.io.out(`case ${caseId}: ${stored.status}${stored.documentNumber ? `, ${stored.documentNumber}` : ''}`);
  if (stored.status === 'FAILED' && failure)
    ops.io.out(`  failed ${failure.at ? `${beijingMinute(failure.at)} 北京时间` : ''} ${failure.code ?? ''}: ${failure.reason ?? ''}`);
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
  if (!dlq) throw new UsageError('redrive needs NOTICE_DEAD_LETTER_QUEUE_URL');
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
        Entries: Messages.map((m, i) => ({
          Id: String(i),
          MessageBody: m.Body ?? '',
          ...(m.MessageAttributes ? { MessageAttributes: m.MessageAttributes } : {}),
        })),
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
