// The shape of a run at scale, simulated on this machine: one local stack (DynamoDB, SQS, S3 in
// this process) and W render worker processes (bench/scale-worker.ts, each one Lambda execution
// environment with `--concurrency` batches of ten in flight), for W = 1, 2, 4 … in turn. Per W:
//   first issue   N approved cases of one document type, so every number comes from the same
//                 发文字号 counter item (the contended one on AWS);
//   regeneration  a new version of each of the same N cases (reuses its number: no counter);
//                 with --bulk, as one bulk run: dry run, start (first part), sweeper (the rest).
// Then checks the table and bucket: two versions and two objects per case, one number per case,
// numbers without gaps. Reports documents per second, the CPU the workers and the stack used per document, and how
// busy the machine's cores were: where adding workers stops paying is where it saturates.
//   npx tsx bench/scale.ts [--workers 1,2,4] [--documents 300] [--concurrency 2] [--doc-type skill-grand-award] [--bulk]
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { createBulkDeps } from '../lambdas/api/bulk-regeneration.js';
import { DOC_TYPE_IDS, exampleCase } from '../lambdas/catalogue/index.js';
import { localPipelineEnv } from '../local/pipeline-env.js';
import type { CreatedResources } from '../local/resources.js';
import { startLocalStack } from '../local/stack.js';
import { createPipelineClients, destroyPipelineClients } from '../lambdas/pipeline/pipeline-clients.js';
import { workerConfig } from '../lambdas/pipeline/config.js';
import { createPipelineDeps } from '../lambdas/pipeline/deps.js';
import { issueMessage, type RegenerateMessage } from '../lambdas/pipeline/messages.js';
import { parseDocumentNumber } from '../lambdas/pipeline/numbering.js';
import type { Figures, Table } from './context.js';
import { formatTable } from './format.js';
import { queueBulkRun, spreadDate } from './scale-bulk.js';
import { countObjects, freshResources, scanAll } from './pipeline.js';
import { TSX_LOADER, renderEnv } from './processes.js';
import { round } from './stats.js';

const WORKER = fileURLToPath(new URL('./scale-worker.ts', import.meta.url));

const Settings = z.object({
  workers: z.array(z.coerce.number().int().min(1).max(16)).min(1),
  documents: z.coerce.number().int().min(10),
  concurrency: z.coerce.number().int().min(1).max(10),
  docType: z.enum(DOC_TYPE_IDS),
  bulk: z.boolean(),
});

const WorkerLine = z.union([
  z.object({ ready: z.literal(true) }),
  z.object({ recorded: z.number(), other: z.number(), done: z.undefined().optional() }),
  z.object({ done: z.literal(true), recorded: z.number(), other: z.number(), cpuMs: z.number() }),
]);

interface Worker {
  child: ChildProcess;
  ready: Promise<void>;
  finished: Promise<{ cpuMs: number }>;
  outcomes(): number;
}

function startWorker(env: NodeJS.ProcessEnv, concurrency: number, queueArn: string, log: (line: string) => void): Worker {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, WORKER, '--concurrency', String(concurrency), '--queue-arn', queueArn], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let outcomes = 0;
  let ready: () => void = () => {};
  let finished: (r: { cpuMs: number }) => void = () => {};
  const readyP = new Promise<void>((resolve) => (ready = resolve));
  const finishedP = new Promise<{ cpuMs: number }>((resolve) => (finished = resolve));
  createInterface({ input: child.stdout! }).on('line', (text) => {
    const line = WorkerLine.safeParse(JSON.parse(text));
    if (!line.success) return;
    const l = line.data;
    if ('ready' in l) ready();
    else {
      outcomes = l.recorded + l.other;
      if (l.done) finished({ cpuMs: l.cpuMs });
    }
  });
  createInterface({ input: child.stderr! }).on('line', (text) => log(`worker ${child.pid}: ${text}`));
  child.on('exit', (code) => {
    if (code !== 0) log(`worker ${child.pid} exited with ${code}`);
  });
  return { child, ready: readyP, finished: finishedP, outcomes: () => outcomes };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Settings = z.infer<typeof Settings>;
type Stack = Awaited<ReturnType<typeof startLocalStack>>;
type Clients = ReturnType<typeof createPipelineClients>;

/** Nothing lost, nothing doubled: two versions and two objects per case, one number per case, no gaps. */
async function storesHold(clients: Clients, resources: CreatedResources, cases: number): Promise<boolean> {
  const items = await scanAll(clients, resources.tableName);
  const versions = items.filter((i) => String(i.sk).startsWith('DOC#'));
  const numbers = new Set(versions.map((v) => String(v.documentNumber)));
  const seqs = [...numbers].map((n) => parseDocumentNumber(n)?.seq ?? 0).sort((a, b) => a - b);
  const objects = await countObjects(clients, resources.bucketName);
  return versions.length === 2 * cases && objects === 2 * cases && numbers.size === cases && seqs.every((q, i) => q === i + 1);
}

/** First issue, then regeneration, of `s.documents` fresh cases by `w` worker processes; one column of the table. */
async function runWith(stack: Stack, s: Settings, w: number, log: (line: string) => void): Promise<Figures> {
  const { suffix, resources } = await freshResources(stack, 'scale', 120);
  const env = localPipelineEnv(stack.endpoints, resources);
  const clients = createPipelineClients(workerConfig(env).aws);
  try {
    const deps = createPipelineDeps(workerConfig(env), clients);
    const example = exampleCase(s.docType);
    const ids = Array.from({ length: s.documents }, (_, i) => `SCALE-${String(i + 1).padStart(7, '0')}`);
    // 成文日期 spread over 2025, as real cases are (see spreadDate); one counter year for all.
    for (let i = 0; i < ids.length; i += 50) {
      await Promise.all(ids.slice(i, i + 50).map((caseId, j) => deps.cases.putCase({ ...example, caseId, status: 'APPROVED', approvedOn: spreadDate(i + j) })));
    }

    log(`${w} worker(s), ${s.concurrency} batches in flight each: starting`);
    const workers = Array.from({ length: w }, () =>
      startWorker({ ...renderEnv(join(tmpdir(), 'notice-bench-scale')), ...env }, s.concurrency, resources.renderQueueArn, log),
    );
    await Promise.all(workers.map((x) => x.ready));
    const outcomes = () => workers.reduce((sum, x) => sum + x.outcomes(), 0);

    const sendAll = async (messages: object[]) => {
      for (let i = 0; i < messages.length; i += 10) {
        await clients.sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: resources.renderQueueUrl,
            Entries: messages.slice(i, i + 10).map((m, j) => ({ Id: String(j), MessageBody: JSON.stringify(m) })),
          }),
        );
      }
    };
    /** Queues the phase's N messages and waits for their outcomes; the CPU this process (the stack) used meanwhile. */
    const phase = async (name: string, send: () => Promise<unknown>, before: number) => {
      const cpu = process.cpuUsage();
      const started = performance.now();
      await send();
      const queuedMs = performance.now() - started;
      const deadline = started + Math.max(120_000, s.documents * 500);
      while (outcomes() < before + s.documents && performance.now() < deadline) await sleep(20);
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      const done = outcomes() - before;
      log(`${w} worker(s): ${name} ${done}/${s.documents} in ${seconds.toFixed(1)} s (all queued after ${(queuedMs / 1000).toFixed(1)} s)`);
      return { seconds, queuedMs, done, stackCpuMs: (used.user + used.system) / 1000 };
    };
    const issue = await phase('first issue', () => sendAll(ids.map((caseId) => issueMessage(caseId))), 0);
    const regenerate = await phase(
      s.bulk ? 'bulk regeneration' : 'regeneration',
      s.bulk
        ? () => queueBulkRun(createBulkDeps(clients.documents, clients.sqs, resources, { info: () => undefined, warn: () => undefined, error: log }), s.docType)
        : () =>
            sendAll(
              ids.map(
                (caseId): RegenerateMessage => ({
                  v: 1,
                  kind: 'regenerate',
                  caseId,
                  requestId: `scale-regen-${suffix}-${caseId}`,
                  reason: '模板更正',
                  requestedBy: 'bench',
                }),
              ),
            ),
      issue.done,
    );
    for (const x of workers) x.child.kill('SIGTERM');
    const workerCpuMs = (await Promise.all(workers.map((x) => x.finished))).reduce((sum, r) => sum + r.cpuMs, 0);
    const checked = await storesHold(clients, resources, s.documents);

    const docs = issue.done + regenerate.done;
    const stackCpuMs = issue.stackCpuMs + regenerate.stackCpuMs;
    return {
      firstIssueDocsPerSecond: round(issue.done / issue.seconds),
      regenerationDocsPerSecond: round(regenerate.done / regenerate.seconds),
      regenerationQueuedMs: round(regenerate.queuedMs),
      lost: 2 * s.documents - docs,
      versionsObjectsNumbers: checked ? 'ok' : 'MISMATCH',
      workerCpuMsPerDocument: round(workerCpuMs / docs),
      stackCpuMsPerDocument: round(stackCpuMs / docs),
      coresBusy: round((workerCpuMs + stackCpuMs) / 1000 / (issue.seconds + regenerate.seconds)),
      // What this machine's cores would sustain were they ours alone: a shared machine's wall
      // clock says more about the neighbours than about the pipeline.
      docsPerSecondAllCores: round((cpus().length * 1000 * docs) / (workerCpuMs + stackCpuMs)),
    };
  } finally {
    destroyPipelineClients(clients);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      workers: { type: 'string', default: '1,2,4' },
      documents: { type: 'string', default: '300' },
      concurrency: { type: 'string', default: '2' },
      'doc-type': { type: 'string', default: 'skill-grand-award' },
      bulk: { type: 'boolean', default: false },
    },
  });
  const s = Settings.parse({
    workers: values.workers.split(','),
    documents: values.documents,
    concurrency: values.concurrency,
    docType: values['doc-type'],
    bulk: values.bulk,
  });
  const log = (line: string) => process.stderr.write(`scale: ${line}\n`);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const stack = await startLocalStack({ log: (l) => log(`  ${l}`) });
  const table: Table = {};
  try {
    for (const w of s.workers) table[`${w} worker${w > 1 ? 's' : ''}`] = await runWith(stack, s, w, log);
  } finally {
    await stack.stop();
  }
  process.stdout.write(
    formatTable(`scale — ${s.documents} ${s.docType} cases, first issue then regeneration; ${cpus().length} cores, load ${round(loadavg()[0] ?? 0)}`, table),
  );
}

await main();
