// notice issue | regenerate | versions | redrive — the pipeline's operations for people, against
// the local stack or a deployed one. Where the table and queues are comes from the environment
// (lambdas/pipeline/config.ts: NOTICE_TABLE_NAME, NOTICE_RENDER_QUEUE_URL, … and, locally, the
// endpoints); `npm start` writes the local values to out/local-stack.env.
//
// issue and regenerate only queue requests: the render worker does the work, exactly as for
// approvals from the stream, so a request sent twice is served once.
import { randomBytes, randomUUID } from 'node:crypto';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { isDocTypeId } from '../catalogue/index.js';
import { NoticeError } from '../errors.js';
import { textTable } from '../local/text-table.js';
import { createPipelineClients, destroyPipelineClients } from '../pipeline/aws-clients.js';
import type { PipelineClients } from '../pipeline/aws-clients.js';
import { opsConfig } from '../pipeline/config.js';
import type { OpsConfig } from '../pipeline/config.js';
import { issueMessage, RenderMessage } from '../pipeline/messages.js';
import type { RegenerateMessage } from '../pipeline/messages.js';
import { CasesTable } from '../stores/cases-table.js';
import { versionSkPrefix } from '../stores/keys.js';
import { RenderQueue } from '../stores/render-queue.js';
import { DocumentVersionsTable } from '../stores/versions-table.js';

export const OPS_USAGE = `  notice issue <caseId>
  notice regenerate <caseId> --reason "…" [--by <who>] [--request-id <id>]
  notice regenerate --doc-type <type> --reason "…" [--by <who>]
  notice versions <caseId>
  notice redrive
  (table and queues from NOTICE_TABLE_NAME, NOTICE_RENDER_QUEUE_URL, NOTICE_DEAD_LETTER_QUEUE_URL, AWS_REGION;
   locally: set -a; . out/local-stack.env; set +a)`;

export const OPS_COMMANDS = ['issue', 'regenerate', 'versions', 'redrive'] as const;
export type OpsCommand = (typeof OPS_COMMANDS)[number];

export function isOpsCommand(command: string): command is OpsCommand {
  return (OPS_COMMANDS as readonly string[]).includes(command);
}

/** Wrong or missing arguments: exit 2 with the reason. */
export class OpsUsageError extends NoticeError {
  readonly code = 'USAGE';
}

export interface OpsArgs {
  /** The positional after the command: a case id. */
  target?: string | undefined;
  reason?: string | undefined;
  by?: string | undefined;
  docType?: string | undefined;
  requestId?: string | undefined;
}

export interface OpsIo {
  out: (line: string) => void;
  /** Progress goes to stderr, so stdout stays clean for scripts. */
  progress: (text: string) => void;
  env: Record<string, string | undefined>;
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
  queue: RenderQueue<RenderMessage>;
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
    queue: new RenderQueue(clients.sqs, config.renderQueueUrl, RenderMessage),
    io,
  };
  try {
    switch (command) {
      case 'issue':
        return await issue(ops, required(args.target, 'issue needs a case id: notice issue <caseId>'));
      case 'regenerate':
        return await regenerate(ops, args);
      case 'versions':
        return await versions(ops, required(args.target, 'versions needs a case id: notice versions <caseId>'));
      case 'redrive':
        return await redrive(ops);
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
  const reason = required(args.reason, 'regenerate needs --reason "…": say why the document is regenerated');
  const requestedBy = required(args.by ?? ops.io.env.USER, 'regenerate needs --by <who> (or $USER): say who asks for it');
  if (args.target !== undefined && args.docType !== undefined) {
    throw new OpsUsageError('regenerate takes a case id or --doc-type <type>, not both');
  }
  if (args.target !== undefined) {
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
    return;
  }
  const docType = required(args.docType, 'regenerate needs a case id or --doc-type <type>');
  if (!isDocTypeId(docType)) throw new OpsUsageError(`“${docType}” is not a document type; \`notice preview --list\` shows them`);
  if (args.requestId !== undefined) throw new OpsUsageError('--request-id names one request; a bulk regeneration makes one per case');

  // One run id for the whole bulk request: each case's request id says which run it came from.
  const run = randomBytes(4).toString('hex');
  const caseIds = await casesWithCurrent(ops, docType);
  if (caseIds.length === 0) {
    ops.io.out(`no case has an issued ${docType} document; nothing queued`);
    return;
  }
  let queued = 0;
  ops.io.progress(progressBar(0, caseIds.length));
  for (let start = 0; start < caseIds.length; start += 10) {
    const chunk = caseIds.slice(start, start + 10);
    await ops.queue.sendBatch(
      chunk.map((caseId) => ({ v: 1, kind: 'regenerate', caseId, docType, requestId: `bulk-${run}-${caseId}`, reason, requestedBy }) as const),
    );
    queued += chunk.length;
    ops.io.progress(progressBar(queued, caseIds.length));
  }
  ops.io.progress('\n');
  ops.io.out(`queued: regenerate ${queued} ${docType} document(s) (requests bulk-${run}-<caseId>)`);
}

/** Case ids with a CURRENT version of the type. A scan: bulk regeneration is rare and operator-driven. */
async function casesWithCurrent(ops: Ops, docType: string): Promise<string[]> {
  const ids: string[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  let scanned = 0;
  do {
    const page = await ops.clients.documents.send(
      new ScanCommand({
        TableName: ops.config.tableName,
        FilterExpression: 'begins_with(sk, :prefix) AND #status = :current',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':prefix': versionSkPrefix(docType), ':current': 'CURRENT' },
        ProjectionExpression: 'caseId',
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) if (typeof item.caseId === 'string') ids.push(item.caseId);
    scanned += page.ScannedCount ?? 0;
    ops.io.progress(`finding ${docType} documents: ${scanned} items read, ${ids.length} found`);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  ops.io.progress('\n');
  return ids.sort();
}

export function progressBar(done: number, total: number, width = 30): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} queued`;
}

async function versions(ops: Ops, caseId: string): Promise<void> {
  const stored = await existingCase(ops, caseId);
  const failure = (stored.data as { failure?: { code?: string; reason?: string; at?: string } }).failure;
  ops.io.out(`case ${caseId}: ${stored.status}${stored.documentNumber ? `, ${stored.documentNumber}` : ''}`);
  if (stored.status === 'FAILED' && failure) ops.io.out(`  failed ${failure.at ?? ''} ${failure.code ?? ''}: ${failure.reason ?? ''}`);
  const all = await ops.versions.listVersions(caseId);
  if (all.length === 0) {
    ops.io.out('  no document versions');
    return;
  }
  const rows = all.map((v) => [
    v.docType,
    String(v.version),
    v.status,
    v.documentNumber,
    v.docId,
    v.issuedAt.replace(/\.\d{3}Z$/, 'Z'),
    v.requestedBy,
    v.reason,
    String(v.bytes),
    v.sha256.slice(0, 12),
  ]);
  ops.io.out(textTable(['type', 'v', 'status', '文号', 'docId', 'issued', 'by', 'reason', 'bytes', 'sha256'], rows, new Set([1, 8])));
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
