// The render worker's cold start for this tree and a baseline, side by side: each checkout's
// worker asset built as `cdk synth` builds it, then run alone by test/cdk/bundled-worker-driver.mjs
// (init, then two SQS events, each a case never issued before) against one local stack, the two
// taking turns A, B, B, A … so a neighbour's burst lands on both alike. The worker-bundle test
// measures one process of this tree; this gives medians and a ratio (docs/scale.md "Cold start").
//   npx tsx bench/worker-cold.ts --baseline <ref> [--rounds 12] [--production | --key-files]
// --production: a stack deployed outside demo mode (`-c demo=false -c issuer=… -c sealImage=…`,
// the seal and issuer of bench/production.ts, so the seal is in the asset as a deployment ships
// it), signing with key files as KMS cannot here. --key-files: demo mode, but signing with key
// files, so no process makes a demo key (45–250 ms of CPU on another thread, by where the primes fall).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { App } from 'aws-cdk-lib';
import type { NoticeStack } from '../cdk/notice-stack.js';
import { exampleCase } from '../lambdas/catalogue/index.js';
import { issueMessage } from '../lambdas/pipeline/messages.js';
import { CasesTable } from '../lambdas/stores/cases-table.js';
import { startLocalStack } from '../local/stack.js';
import { localWorkerEnvironment, runWorkerAlone, sqsEvent, workerAssetOf } from '../test/cdk/worker-run.js';
import { type Checkout, baselineCheckout, currentCheckout, discardCheckout } from './checkouts.js';
import { renderEnv } from './processes.js';
import { PRODUCTION_ISSUER, productionEnv } from './production.js';
import { median } from './stats.js';

const { values } = parseArgs({
  options: {
    baseline: { type: 'string' },
    'baseline-paths': { type: 'string' },
    rounds: { type: 'string', default: '12' },
    production: { type: 'boolean', default: false },
    'key-files': { type: 'boolean', default: false },
  },
});
if (!values.baseline) throw new Error('worker-cold: --baseline <ref> is required');
const rounds = Number(values.rounds);

const settings = join(tmpdir(), 'notice-bench-worker-cold');
const extraEnv = values.production || values['key-files'] ? renderEnv(settings) : {};
const SETTINGS = ['NOTICE_SIGNING_KEY', 'NOTICE_SIGNING_CERT'] as const;
const context = values.production ? { demo: 'false', issuer: JSON.stringify(PRODUCTION_ISSUER), sealImage: productionEnv(settings).NOTICE_SEAL_IMAGE! } : {};

interface Worker {
  checkout: Checkout;
  assetDir: string;
  env: Record<string, string>;
  runs: { ms: number; cpuMs: number; initMs: number; firstMs: number }[];
}

/** The checkout's worker asset and the function's environment, pointed at the asset and the local stack. */
async function buildWorker(checkout: Checkout, outdir: string): Promise<Worker> {
  const { buildApp } = (await import(pathToFileURL(join(checkout.root, 'cdk/app.ts')).href)) as { buildApp(app: App): NoticeStack };
  const app = new App({ outdir, context });
  const stack = buildApp(app);
  const { assetDir, variables } = workerAssetOf(app.synth(), stack);
  const env = localWorkerEnvironment(variables, assetDir, local.endpoints, local.config);
  for (const name of SETTINGS) if (extraEnv[name] !== undefined) env[name] = extraEnv[name];
  return { checkout, assetDir, env, runs: [] };
}

const local = await startLocalStack();
const cases = new CasesTable(local.clients.documents, local.config.tableName);
const before = baselineCheckout(values.baseline, values['baseline-paths']?.split(','));
const scratch = mkdtempSync(join(tmpdir(), 'notice-bench-worker-cold-'));
let issued = 0;

/** An SQS event for a case put in the table just now, APPROVED and never issued. */
async function freshEvent(docType: 'talent-scout-award' | 'graduate-living-subsidy'): Promise<string> {
  const example = exampleCase(docType);
  const caseId = `${example.caseId}-${process.pid}-${++issued}`;
  await cases.putCase({ ...example, caseId, status: 'APPROVED' });
  return sqsEvent(JSON.stringify(issueMessage(caseId)), `m-${issued}`, local.resources.renderQueueArn);
}

try {
  const workers = [await buildWorker(currentCheckout(), join(scratch, 'after')), await buildWorker(before, join(scratch, 'before'))];
  for (let r = 0; r < rounds; r++) {
    for (const w of r % 2 === 0 ? workers : [...workers].reverse()) {
      const events = [await freshEvent('talent-scout-award'), await freshEvent('graduate-living-subsidy')];
      const o = await runWorkerAlone(w.assetDir, w.env, events);
      if (o.invocations.some((i) => i.response.batchItemFailures.length > 0))
        throw new Error(`worker-cold: ${w.checkout.name} failed an event: ${JSON.stringify(o)}`);
      const first = o.invocations[0]!;
      w.runs.push({ ms: o.importMs + first.ms, cpuMs: o.importCpuMs + first.cpuMs, initMs: o.importMs, firstMs: first.ms });
    }
  }
  const mode = values.production ? 'production' : values['key-files'] ? 'demo, key files' : 'demo, demo key';
  console.log(`worker cold start, ${rounds} processes each (${mode}); medians, ms`);
  const med = (w: Worker, k: keyof Worker['runs'][number]) => median(w.runs.map((x) => x[k]));
  for (const w of workers) {
    console.log(
      `${w.checkout.name.padEnd(8)} init + first event ${Math.round(med(w, 'ms'))} (CPU ${Math.round(med(w, 'cpuMs'))}; init ${Math.round(med(w, 'initMs'))}, first event ${Math.round(med(w, 'firstMs'))}); runs ${w.runs.map((x) => Math.round(x.ms)).join(' ')}`,
    );
  }
  const [after, base] = workers as [Worker, Worker];
  console.log(`before ÷ after: wall ${(med(base, 'ms') / med(after, 'ms')).toFixed(2)}, CPU ${(med(base, 'cpuMs') / med(after, 'cpuMs')).toFixed(2)}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
  discardCheckout(before);
  await local.stop();
}
