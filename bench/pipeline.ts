// End-to-end throughput of the issuing pipeline on the local stack: N approved cases, an issue
// message each on the render queue, the render worker behind the local SQS trigger, until every
// case has its recorded version. Measures documents per second, latency from enqueue to recorded
// version (p50/p95/max), and where the time goes: rendering vs our plumbing (stores, S3, SQS,
// the SDK and the in-process fauxqs). Then checks that nothing was lost or duplicated: one
// version, one object, one number per case, numbers gap-free per 机关代字, nothing rejected or
// dead-lettered.
//
//   npx tsx bench/pipeline.ts [--documents 1000] [--concurrency 4] [--warmup 200] [--rate <docs/s>]
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { EXAMPLE_CASES } from '../lambdas/catalogue/index.js';
import { createWorkerLogger } from '../lambdas/handlers/logger.js';
import { createRenderBatchHandler } from '../lambdas/handlers/render-batch.js';
import { queueDepth } from '../local/drain.js';
import { localPipelineEnv } from '../local/pipeline-env.js';
import { createResources, type CreatedResources } from '../local/resources.js';
import { startSqsTrigger } from '../local/sqs-trigger.js';
import { startLocalStack } from '../local/stack.js';
import type { LocalStack } from '../local/stack.js';
import { createPipelineClients, destroyPipelineClients } from '../lambdas/pipeline/pipeline-clients.js';
import { workerConfig } from '../lambdas/pipeline/config.js';
import { createPipelineDeps } from '../lambdas/pipeline/deps.js';
import { issueMessage } from '../lambdas/pipeline/messages.js';
import { parseDocumentNumber } from '../lambdas/pipeline/numbering.js';
import type { PipelineOutcome } from '../lambdas/pipeline/outcome.js';
import { parseResourceConfig } from '../lambdas/stores/resource-config.js';

/** For bench/run.ts: the whole run (stack start, 1,200 documents, checks) takes 25–40 s here. */
export const runByDefault = true;

export interface BenchPipelineOptions {
  /** Approved cases to issue; 1,000 by default. */
  documents?: number;
  /** Batches of ten the local trigger keeps in flight (Lambda's concurrent environments). */
  concurrency?: number;
  /**
   * Enqueue at this many documents per second instead of all at once. All at once measures
   * throughput, and its latency is mostly waiting in the queue; a rate below the throughput
   * measures the latency of a pipeline that keeps up.
   */
  rate?: number;
  /** Documents issued first, untimed, to warm the worker and the stack; 200 by default. */
  warmup?: number;
  /** Use a running local stack instead of starting one. */
  stack?: LocalStack;
  log?: (line: string) => void;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

export async function benchPipeline(opts: BenchPipelineOptions = {}): Promise<Record<string, number | string>> {
  const documents = opts.documents ?? 1000;
  const concurrency = opts.concurrency ?? 4;
  const warmup = opts.warmup ?? 200;
  const log = opts.log ?? (() => {});
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

  const stack = opts.stack ?? (await startLocalStack({ log: (l) => log(`  ${l}`) }));
  const { resources } = await freshResources(stack, 'bench', 120);
  const config = workerConfig(localPipelineEnv(stack.endpoints, resources));
  const clients = createPipelineClients(config.aws);
  const deps = createPipelineDeps(config, clients);

  try {
    // ---- cases: every document type in turn, written APPROVED (not timed) -------------------------
    const examples = Object.values(EXAMPLE_CASES);
    const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(6, '0')}`);
    const warmupIds = ids('WARMUP', warmup);
    const caseIds = ids('BENCH', documents);
    log(`writing ${warmup} + ${documents} approved cases across ${examples.length} document types`);
    const all = [...warmupIds, ...caseIds];
    for (let start = 0; start < all.length; start += 50) {
      await Promise.all(
        all.slice(start, start + 50).map((caseId, j) => deps.cases.putCase({ ...examples[(start + j) % examples.length]!, caseId, status: 'APPROVED' })),
      );
    }

    // ---- the worker, and a run = enqueue a set of cases and wait for each one's outcome -----------
    const enqueuedAt = new Map<string, number>();
    const recordedAt = new Map<string, number>();
    let outcomes: PipelineOutcome[] = [];
    let expected = 0;
    let allDone: () => void = () => {};
    const observe = (outcome: PipelineOutcome) => {
      outcomes.push(outcome);
      if (outcome.kind === 'recorded' && outcome.fresh) recordedAt.set(outcome.caseId, performance.now());
      if (outcomes.length >= expected) allDone();
    };
    const trigger = startSqsTrigger({
      sqs: clients.sqs,
      queueUrl: resources.renderQueueUrl,
      queueArn: resources.renderQueueArn,
      concurrency,
      waitTimeSeconds: 1,
      handler: createRenderBatchHandler(deps, { logger: createWorkerLogger({ logLevel: 'ERROR' }), observe }),
    });
    const run = async (runIds: string[], rate?: number) => {
      outcomes = [];
      expected = runIds.length;
      const done = new Promise<void>((resolve) => (allDone = resolve));
      const started = performance.now();
      for (let start = 0; start < runIds.length; start += 10) {
        const chunk = runIds.slice(start, start + 10);
        if (rate !== undefined) {
          const due = started + (start / rate) * 1000;
          if (due > performance.now()) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
        }
        const at = performance.now();
        await clients.sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: resources.renderQueueUrl,
            Entries: chunk.map((caseId, i) => ({ Id: String(i), MessageBody: JSON.stringify(issueMessage(caseId)) })),
          }),
        );
        for (const caseId of chunk) enqueuedAt.set(caseId, at);
      }
      const enqueueMs = performance.now() - started;
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, Math.max(120_000, runIds.length * 200)))]);
      return { enqueueMs, wallMs: performance.now() - started };
    };

    // Warm up as a running service is warm: the worker's JIT and connections.
    if (warmup > 0) {
      log(`warming up with ${warmup} documents`);
      await run(warmupIds);
    }
    // Rendering's CPU cost per type, alone (median of 5, warm): inside the pipeline a render's
    // CPU cannot be told apart from the other records' work done while it awaited.
    const renderCpuByType = new Map<string, number>();
    for (const example of examples) {
      const samples: number[] = [];
      for (let i = 0; i < 5; i++) {
        const before = process.cpuUsage();
        await deps.renderer.render({ case: example, documentNumber: '并人才奖〔2026〕1号' });
        const used = process.cpuUsage(before);
        samples.push((used.user + used.system) / 1000);
      }
      renderCpuByType.set(example.docType, samples.sort((a, b) => a - b)[2]!);
    }
    log(`enqueueing ${documents} issue messages; the worker takes batches of 10, ${concurrency} at a time`);
    const cpuBefore = process.cpuUsage();
    const { enqueueMs, wallMs } = await run(caseIds, opts.rate);
    const cpu = process.cpuUsage(cpuBefore);
    await trigger.stop();

    // ---- where the time went -------------------------------------------------------------------
    const recorded = outcomes.filter((o) => o.kind === 'recorded');
    const renderMs = recorded.reduce((sum, o) => sum + o.timings.renderMs, 0);
    const workerMs = recorded.reduce((sum, o) => sum + o.timings.totalMs, 0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const renderCpuMs = recorded.reduce((sum, o) => sum + (renderCpuByType.get(o.docType) ?? 0), 0);
    const latencies = caseIds.flatMap((id) => (recordedAt.has(id) ? [recordedAt.get(id)! - enqueuedAt.get(id)!] : [])).sort((a, b) => a - b);
    const serviceTimes = recorded.map((o) => o.timings.totalMs).sort((a, b) => a - b);

    // ---- nothing lost, nothing duplicated --------------------------------------------------------
    log('verifying counts in the table, the bucket and the queues');
    const items = await scanAll(clients, config.tableName);
    const versions = items.filter((i) => String(i.sk).startsWith('DOC#'));
    const issuedCases = items.filter((i) => i.sk === 'CASE' && i.status === 'ISSUED');
    const objects = await countObjects(clients, config.bucketName);
    const numbers = versions.map((v) => String(v.documentNumber));
    const byPrefix = new Map<string, number[]>();
    for (const n of numbers) {
      const parsed = parseDocumentNumber(n);
      if (parsed) byPrefix.set(parsed.prefix, [...(byPrefix.get(parsed.prefix) ?? []), parsed.seq]);
    }
    const gapFree = [...byPrefix.values()].every((seqs) => seqs.sort((a, b) => a - b).every((s, i) => s === i + 1));
    const rejected = (await deps.rejections.list()).length;
    const dead = await queueDepth(clients.sqs, resources.deadLetterQueueUrl);
    const total = warmup + documents; // the warm-up's documents are checked too
    const countsOk =
      versions.length === total &&
      new Set(versions.map((v) => v.caseId)).size === total &&
      issuedCases.length === total &&
      objects === total &&
      new Set(numbers).size === total &&
      gapFree &&
      rejected === 0 &&
      dead === 0;

    return {
      documents,
      warmup,
      concurrency,
      enqueue: opts.rate === undefined ? 'all at once' : `${opts.rate}/s`,
      cores: cpus().length,
      enqueueSeconds: round(enqueueMs / 1000, 2),
      wallSeconds: round(wallMs / 1000, 2),
      documentsPerSecond: round(recorded.length / (wallMs / 1000)),
      latencyP50Ms: Math.round(percentile(latencies, 50)),
      latencyP95Ms: Math.round(percentile(latencies, 95)),
      latencyMaxMs: Math.round(latencies.at(-1) ?? NaN),
      workerP95Ms: Math.round(percentile(serviceTimes, 95)),
      ...stepMeans(recorded),
      renderWallMsPerDocument: round(renderMs / recorded.length),
      otherStepsWallMsPerDocument: round((workerMs - renderMs) / recorded.length),
      // CPU, the resource 2 cores run out of: rendering (measured per type, alone) vs our plumbing,
      // all in this process (SDK marshalling and signing, dynalite-plus' DynamoDB and streams,
      // fauxqs' SQS and S3, JSON, zod, the trigger).
      renderCpuMsPerDocument: round(renderCpuMs / recorded.length),
      plumbingCpuMsPerDocument: round((cpuMs - renderCpuMs) / recorded.length),
      cpuMsPerDocument: round(cpuMs / recorded.length),
      cpuSplit: `render ${Math.round((renderCpuMs / cpuMs) * 100)}% / plumbing ${Math.round(((cpuMs - renderCpuMs) / cpuMs) * 100)}%`,
      coresBusy: round(cpuMs / wallMs, 2),
      loadAverage1m: round(loadavg()[0] ?? 0, 2),
      versions: versions.length,
      objects,
      issuedCases: issuedCases.length,
      distinctNumbers: new Set(numbers).size,
      numbersGapFree: gapFree ? 'yes' : 'NO',
      rejected,
      deadLetters: dead,
      counts: countsOk ? 'ok' : 'MISMATCH',
    };
  } finally {
    destroyPipelineClients(clients);
    if (!opts.stack) await stack.stop();
  }
}

/** Mean wall time of each step of the worker, per document. */
function stepMeans(recorded: Extract<PipelineOutcome, { kind: 'recorded' }>[]): Record<string, number> {
  const mean = (pick: (o: (typeof recorded)[number]) => number) => round(recorded.reduce((sum, o) => sum + pick(o), 0) / recorded.length);
  return {
    loadMs: mean((o) => o.timings.loadMs),
    numberMs: mean((o) => o.timings.numberMs),
    storeMs: mean((o) => o.timings.storeMs),
    recordMs: mean((o) => o.timings.recordMs),
  };
}

/** A table, queues and bucket of a run's own on the local stack, named `<prefix>-…-<random suffix>`. */
export async function freshResources(
  stack: Pick<LocalStack, 'clients'>,
  prefix: string,
  visibilityTimeoutSeconds?: number,
): Promise<{ suffix: string; resources: CreatedResources }> {
  const suffix = randomBytes(3).toString('hex');
  const resources = await createResources(
    stack.clients,
    parseResourceConfig({
      tableName: `${prefix}-${suffix}`,
      renderQueueName: `${prefix}-render-${suffix}`,
      deadLetterQueueName: `${prefix}-render-dlq-${suffix}`,
      bucketName: `${prefix}-documents-${suffix}`,
      visibilityTimeoutSeconds,
    }),
  );
  return { suffix, resources };
}

export async function scanAll(clients: ReturnType<typeof createPipelineClients>, tableName: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await clients.documents.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

export async function countObjects(clients: ReturnType<typeof createPipelineClients>, bucket: string): Promise<number> {
  let count = 0;
  let ContinuationToken: string | undefined;
  do {
    const page = await clients.s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken }));
    count += page.KeyCount ?? page.Contents?.length ?? 0;
    ContinuationToken = page.NextContinuationToken;
  } while (ContinuationToken);
  return count;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: { documents: { type: 'string' }, concurrency: { type: 'string' }, warmup: { type: 'string' }, rate: { type: 'string' } },
  });
  const result = await benchPipeline({
    ...(values.documents ? { documents: Number(values.documents) } : {}),
    ...(values.warmup ? { warmup: Number(values.warmup) } : {}),
    ...(values.rate ? { rate: Number(values.rate) } : {}),
    ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const width = Math.max(...Object.keys(result).map((k) => k.length));
  for (const [key, value] of Object.entries(result)) process.stdout.write(`${key.padEnd(width)}  ${value}\n`);
  process.exitCode = result.counts === 'ok' ? 0 : 1;
}
