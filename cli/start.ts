// npm start: the whole pipeline on one machine (design.md "Running on one machine").
// Starts dynalite-plus and fauxqs, creates the table, queues and bucket, runs the local Pipe
// (stream → filter → render queue) and the render worker behind a local SQS trigger, seeds the
// example case of every document type as APPROVED — so the Pipe issues each — writes every PDF
// to out/ and prints what was issued. Runs until Ctrl-C.
//
//   npm start                      keep running (write more cases, use `npm run notice`)
//   npm start -- --once            exit after the queue drains: 0 if every case was issued
//   npm start -- --data <dir>      keep the table, queues, objects and the demo signing key in <dir> across runs (and kill -9)
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DOC_TYPES, EXAMPLE_CASES } from '../lambdas/catalogue/index.js';
import { createWorkerLogger } from '../lambdas/handlers/logger.js';
import { createRenderBatchHandler } from '../lambdas/handlers/render-batch.js';
import { createLocalStreamsClient } from '../local/emulator-clients.js';
import { queueDepth, waitUntilDrained } from '../local/drain.js';
import { createBulkDeps, sweepBulkRuns } from '../lambdas/api/bulk-regeneration.js';
import { startPipePoller } from '../local/pipe-poller.js';
import { envFileText, localPipelineEnv } from '../local/pipeline-env.js';
import { startLocalApi } from '../local/http.js';
import { startSqsTrigger } from '../local/sqs-trigger.js';
import { startLocalStack } from '../local/stack.js';
import { padDisplay } from '../local/text-table.js';
import { ensureDemoSigningFiles } from '../lambdas/render/sign/signer.js';
import { createPipelineClients } from '../lambdas/pipeline/pipeline-clients.js';
import { workerConfig } from '../lambdas/pipeline/config.js';
import { withPlaceholderPhoto } from '../lambdas/pipeline/photo.js';
import { createPipelineDeps } from '../lambdas/pipeline/deps.js';
import { issueMessage, IssueMessage } from '../lambdas/pipeline/messages.js';
import type { PipelineOutcome } from '../lambdas/pipeline/outcome.js';
import { DEFAULT_RESOURCE_CONFIG } from '../lambdas/stores/resource-config.js';
import { RenderQueue } from '../lambdas/stores/render-queue.js';

const OUT_DIR = 'out';
/** Short, so that locally a failing message reaches the dead-letter queue within half a minute. */
const LOCAL_VISIBILITY_TIMEOUT_SECONDS = 10;
const DRAIN_TIMEOUT_MS = 180_000;

const { values: args } = parseArgs({
  options: { once: { type: 'boolean', default: false }, data: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
if (args.help) {
  process.stdout.write('usage: npm start [-- --once] [-- --data <dir>]\n');
  process.exit(0);
}
const say = (line: string) => process.stdout.write(`${line}\n`);

say(`starting the local stack (dynalite-plus, fauxqs)${args.data ? ` with data in ${args.data}` : ', in memory'}…`);
const stack = await startLocalStack({
  ...(args.data ? { dataDir: args.data } : {}),
  log: (line) => say(`  ${line}`),
  resources: { ...DEFAULT_RESOURCE_CONFIG, visibilityTimeoutSeconds: LOCAL_VISIBILITY_TIMEOUT_SECONDS },
});

// The HTTP API (local/http.ts) starts first: the QR codes encode its /v/<docId> pages.
// Recipient links are signed with NOTICE_LINK_SECRET: from the environment, else (with --data) from
// the data folder, made there on the first run, so links printed before a restart keep working.
const linkSecret = localLinkSecret(process.env.NOTICE_LINK_SECRET, args.data);
const api = await startLocalApi({
  env: { ...localPipelineEnv(stack.endpoints, stack.resources), ...(linkSecret ? { NOTICE_LINK_SECRET: linkSecret } : {}) },
  log: (line) => say(`  ${line}`),
});
say(api.banner());
const demoLinks = async () => say(await api.documentLinks(Object.values(EXAMPLE_CASES).map((c) => c.caseId)));
const env = localPipelineEnv(stack.endpoints, stack.resources, { verifyBaseUrl: process.env.NOTICE_VERIFY_BASE_URL ?? api.url });
if (args.data) {
  // A demo signing key kept with the data, so documents are signed by the same key across runs.
  const signing = ensureDemoSigningFiles(join(args.data, 'signing'));
  const signingEnv = { NOTICE_SIGNING_KEY: signing.keyPath, NOTICE_SIGNING_CERT: signing.certificatePath };
  // The worker's renderer reads process.env; local-stack.env hands the same key to the CLI.
  Object.assign(env, signingEnv);
  Object.assign(process.env, signingEnv);
}
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(join(OUT_DIR, 'local-stack.env'), envFileText(env));
say(`  settings for the notice CLI in ${OUT_DIR}/local-stack.env (set -a; . ${OUT_DIR}/local-stack.env; set +a)`);

const fontsStarted = performance.now();
const config = workerConfig(env);
const clients = createPipelineClients(config.aws);
const deps = createPipelineDeps(config, clients);
say(`render worker ready: fonts loaded in ${Math.round(performance.now() - fontsStarted)} ms (pack ${deps.renderer.fonts.hash})`);

function localLinkSecret(fromEnv: string | undefined, dataDir: string | undefined): string | undefined {
  if (fromEnv) return fromEnv;
  if (!dataDir) return undefined; // in memory: a fresh secret per run, like the data
  const file = join(dataDir, 'link-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    // Written aside and renamed: a run killed mid-write leaves no empty secret behind.
    writeFileSync(`${file}.${process.pid}`, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
    renameSync(`${file}.${process.pid}`, file);
  }
  return readFileSync(file, 'utf8').trim();
}

// ---- the issued-documents table, printed as outcomes arrive ------------------------------------
const COLUMNS: [string, number, 'left' | 'right'][] = [
  ['case', 15, 'left'],
  ['type', 26, 'left'],
  ['文号', 20, 'left'],
  ['version', 7, 'right'],
  ['bytes', 8, 'right'],
  ['ms', 6, 'right'],
];
const row = (cells: string[]) =>
  say(
    cells
      .map((c, i) => padDisplay(c, COLUMNS[i]![1], COLUMNS[i]![2]))
      .join('  ')
      .trimEnd(),
  );
let printedHeader = false;
const counts = { issued: 0, failed: 0, rejected: 0 };
const writes: Promise<void>[] = [];

function show(outcome: PipelineOutcome): void {
  if (!printedHeader) {
    row(COLUMNS.map(([name]) => name));
    printedHeader = true;
  }
  switch (outcome.kind) {
    case 'recorded':
      if (!outcome.fresh) return; // a repeat delivery: already shown
      counts.issued++;
      row([outcome.caseId, outcome.docType, outcome.documentNumber, String(outcome.version), String(outcome.bytes), outcome.timings.totalMs.toFixed(0)]);
      writes.push(savePdf(outcome.caseId, outcome.docType, outcome.version, outcome.s3Key));
      return;
    case 'failed':
      counts.failed++;
      row([outcome.caseId, `FAILED ${outcome.code}`]);
      say(`    ${outcome.reason.replace(/\n/g, '\n    ')}`);
      return;
    case 'rejected':
      counts.rejected++;
      row([outcome.caseId ?? '-', `REJECTED ${outcome.code}`]);
      say(`    ${outcome.reason}`);
      return;
    case 'skipped':
      return;
  }
}

async function savePdf(caseId: string, docType: string, version: number, s3Key: string): Promise<void> {
  const stored = await deps.bucket.getDocument(s3Key);
  if (!stored) throw new Error(`${s3Key} was recorded but is not in the bucket`);
  writeFileSync(join(OUT_DIR, `${caseId}-${docType}-v${version}.pdf`), stored.bytes);
}

// ---- the local Pipe and the worker ---------------------------------------------------------------
const streams = createLocalStreamsClient(stack.endpoints.dynamodb);
const reportError = (where: string) => (error: unknown) => say(`  ${where}: ${error instanceof Error ? error.message : String(error)}`);
// LATEST: a restart over a kept table does not replay its old approvals (pending ones are sent below).
const poller = startPipePoller({
  streams,
  streamArn: stack.resources.tableStreamArn,
  sqs: clients.sqs,
  queueUrl: stack.resources.renderQueueUrl,
  startAt: 'LATEST',
  onError: reportError('local Pipe'),
});
await poller.caughtUp();
const trigger = startSqsTrigger({
  sqs: clients.sqs,
  queueUrl: stack.resources.renderQueueUrl,
  queueArn: stack.resources.renderQueueArn,
  concurrency: 2,
  waitTimeSeconds: args.once ? 1 : 20,
  handler: createRenderBatchHandler(deps, {
    logger: createWorkerLogger({ logLevel: process.env.POWERTOOLS_LOG_LEVEL === undefined ? 'ERROR' : undefined }),
    observe: show,
  }),
  onError: reportError('render trigger'),
});
say(`local Pipe reads the table's stream into ${stack.config.renderQueueName}; the render worker takes batches of 10, two at a time`);

// ---- seed ----------------------------------------------------------------------------------------
say(`seeding the example case of every document type as APPROVED; the local Pipe turns each into an issue message`);
const seededIds = new Set<string>();
for (const example of Object.values(EXAMPLE_CASES)) {
  if (await deps.cases.getCase(example.caseId)) continue;
  await deps.cases.putCase({ ...(await withPlaceholderPhoto(deps.bucket, example)), status: 'APPROVED' });
  seededIds.add(example.caseId);
}
const seeded = seededIds.size;
if (seeded < Object.keys(DOC_TYPES).length) say(`  ${Object.keys(DOC_TYPES).length - seeded} of them were in the kept table already`);
if (args.data) {
  // APPROVED cases not seeded just now were left by an earlier run. The kept queue holds the
  // messages the Pipe had sent, but an approval whose stream record the Pipe had not yet
  // forwarded when the run was killed is only in the table (the Pipe restarts at LATEST).
  const pending = (await deps.cases.approvedCaseIds()).filter((id) => !seededIds.has(id)); // the Pipe sends those
  if (pending.length > 0) {
    await new RenderQueue(clients.sqs, stack.resources.renderQueueUrl, IssueMessage).sendBatch(pending.map(issueMessage));
    // Their messages may be in the kept queue already; the issue request id makes a repeat harmless.
    say(`queued ${pending.length} case(s) that were APPROVED but not issued when the last run stopped`);
  }
}

// Bulk regenerations a previous run recorded but may not have finished queueing (with --data).
const bulkDeps = createBulkDeps(
  clients.documents,
  clients.sqs,
  { tableName: config.tableName, renderQueueUrl: stack.resources.renderQueueUrl },
  { info: () => undefined, warn: () => undefined, error: reportError('bulk sweeper') },
);
const swept = await sweepBulkRuns(bulkDeps, 0);
for (const [bulkId, count] of Object.entries(swept.resent))
  say(`queued again ${count} request(s) of bulk run ${bulkId} that had no result when the last run stopped`);
// Then every minute, as the stack's BulkSweeper does: queues the parts of runs the API started.
setInterval(() => void sweepBulkRuns(bulkDeps).catch(reportError('bulk sweeper')), 60_000).unref();

// ---- run -----------------------------------------------------------------------------------------
async function shutdown(): Promise<number> {
  await Promise.all([poller.stop(), trigger.stop()]);
  const saved = await Promise.allSettled(writes);
  const lost = saved.filter((s) => s.status === 'rejected');
  for (const s of lost) say(`  ${(s as PromiseRejectedResult).reason}`);
  const dead = await queueDepth(clients.sqs, stack.resources.deadLetterQueueUrl);
  streams.destroy();
  await api.stop();
  await stack.stop();
  say(
    `issued ${counts.issued}, failed ${counts.failed}, rejected ${counts.rejected}` +
      `${dead > 0 ? `, ${dead} in the dead-letter queue` : ''}; PDFs in ${OUT_DIR}/`,
  );
  return counts.failed + counts.rejected + dead + lost.length > 0 ? 1 : 0;
}

if (args.once) {
  const drained = await waitUntilDrained({ sqs: clients.sqs, queueUrl: stack.resources.renderQueueUrl, trigger, poller, timeoutMs: DRAIN_TIMEOUT_MS });
  if (!drained) say(`the queue did not drain within ${DRAIN_TIMEOUT_MS / 1000} s`);
  if (!printedHeader) say('nothing to issue');
  await demoLinks();
  const code = await shutdown();
  process.exit(drained ? code : 1);
} else {
  say('running; Ctrl-C stops');
  void waitUntilDrained({ sqs: clients.sqs, queueUrl: stack.resources.renderQueueUrl, trigger, poller }).then(demoLinks, reportError('HTTP API'));
  process.once('SIGINT', () => {
    say('\nstopping…');
    void shutdown().then((code) => process.exit(code));
  });
}
