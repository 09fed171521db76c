// How long a bulk regeneration takes to select and queue its cases, with no worker draining the
// queue: for each N, N issued cases of one type are written straight into a fresh table (case
// items with a 发文字号; no versions, nothing is rendered), then the run goes the API's way:
//   dry run   the Query on the byTypeAndDate index, the fingerprint;
//   start     the same selection again, the run recorded in parts, the first part queued;
//   sweep     the sweeper's next pass queues the other parts.
// Reports each step's wall time, time to all queued, and checks the queue holds N messages.
//   npx tsx bench/scale-bulk.ts [--cases 5000,20000] [--doc-type skill-grand-award]
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { createBulkDeps, planBulkRegeneration, startBulkRegeneration, sweepBulkRuns } from '../lambdas/api/bulk-regeneration.js';
import type { BulkDeps } from '../lambdas/api/bulk-regeneration.js';
import { DOC_TYPE_IDS, exampleCase } from '../lambdas/catalogue/index.js';
import type { DocTypeId } from '../lambdas/catalogue/index.js';
import { queueDepth } from '../local/drain.js';
import { localPipelineEnv } from '../local/pipeline-env.js';
import { startLocalStack } from '../local/stack.js';
import { createPipelineClients, destroyPipelineClients } from '../lambdas/pipeline/pipeline-clients.js';
import { workerConfig } from '../lambdas/pipeline/config.js';
import { createPipelineDeps } from '../lambdas/pipeline/deps.js';
import type { Figures, Table } from './context.js';
import { formatTable } from './format.js';
import { freshResources } from './pipeline.js';
import { round } from './stats.js';

export interface BulkQueueTimes {
  dryRunMs: number;
  /** From the confirmation to the API's answer: selection, the run recorded, its first part queued. */
  startMs: number;
  /** The sweeper's pass that queues the other parts. */
  sweepMs: number;
  /** From the dry run's start to the last request queued. */
  toQueuedMs: number;
  queuedByStart: number;
  total: number;
}

/** A bulk run of every issued case of the type, the way the staff console and the sweeper do it. */
export async function queueBulkRun(deps: BulkDeps, docType: DocTypeId): Promise<BulkQueueTimes> {
  const t0 = performance.now();
  const plan = await planBulkRegeneration(deps, { docType });
  const t1 = performance.now();
  const accepted = await startBulkRegeneration(
    deps,
    { filters: { docType }, reason: '模板更正', expectedCount: plan.count, fingerprint: plan.fingerprint },
    'bench',
    'api',
  );
  const t2 = performance.now();
  await sweepBulkRuns(deps);
  const t3 = performance.now();
  return {
    dryRunMs: round(t1 - t0),
    startMs: round(t2 - t1),
    sweepMs: round(t3 - t2),
    toQueuedMs: round(t3 - t0),
    queuedByStart: accepted.enqueued,
    total: accepted.total,
  };
}

/**
 * A 成文日期 in 2025, one of 365. The local DynamoDB (dynalite) tells index entries with the same
 * index keys apart by only 24 bits of a hash of the table key, so thousands of cases on one date
 * would lose a few from the index locally (never on AWS); spread over a year, as real cases are, none.
 */
export function spreadDate(seq: number): string {
  return new Date(Date.UTC(2025, 0, 1 + (seq % 365))).toISOString().slice(0, 10);
}

const Settings = z.object({ cases: z.array(z.coerce.number().int().min(1).max(100_000)).min(1), docType: z.enum(DOC_TYPE_IDS) });
type Stack = Awaited<ReturnType<typeof startLocalStack>>;

async function runWith(stack: Stack, docType: DocTypeId, n: number, log: (line: string) => void): Promise<Figures> {
  const { resources } = await freshResources(stack, 'bulk');
  const env = localPipelineEnv(stack.endpoints, resources);
  const config = workerConfig(env);
  const clients = createPipelineClients(config.aws);
  try {
    const pipeline = createPipelineDeps(config, clients);
    const example = exampleCase(docType);
    for (let i = 0; i < n; i += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, n - i) }, (_, j) => {
          const seq = i + j + 1;
          return pipeline.cases.putCase({
            ...example,
            caseId: `BULK-${String(seq).padStart(7, '0')}`,
            status: 'ISSUED',
            documentNumber: `并人才奖〔2025〕${seq}号`,
            approvedOn: spreadDate(seq),
          });
        }),
      );
    }
    log(`${n} issued cases written; starting the run`);
    const deps = createBulkDeps(
      clients.documents,
      clients.sqs,
      { tableName: resources.tableName, renderQueueUrl: resources.renderQueueUrl },
      {
        info: () => undefined,
        warn: () => undefined,
        error: (message) => log(message),
      },
    );
    const times = await queueBulkRun(deps, docType);
    const depth = await queueDepth(clients.sqs, resources.renderQueueUrl);
    log(`${n}: all queued in ${times.toQueuedMs} ms`);
    return {
      ...times,
      queueDepth: depth,
      allQueued: depth === n && times.total === n ? 'ok' : 'MISMATCH',
      requestsPerSecond: round((n * 1000) / times.toQueuedMs),
    };
  } finally {
    destroyPipelineClients(clients);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { cases: { type: 'string', default: '5000,20000' }, 'doc-type': { type: 'string', default: 'skill-grand-award' } } });
  const s = Settings.parse({ cases: values.cases.split(','), docType: values['doc-type'] });
  const log = (line: string) => process.stderr.write(`scale-bulk: ${line}\n`);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const stack = await startLocalStack({ log: (l) => log(`  ${l}`) });
  const table: Table = {};
  try {
    for (const n of s.cases) table[`${n} cases`] = await runWith(stack, s.docType, n, log);
  } finally {
    await stack.stop();
  }
  process.stdout.write(formatTable(`bulk run, select and queue (no workers) — ${s.docType}; ${cpus().length} cores, load ${round(loadavg()[0] ?? 0)}`, table));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
