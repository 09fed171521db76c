// `npm run bench`: the renderer's figures (one-page award notice, five-page approval
// letter) and, on request, the pipeline's. Human tables by default; `-- --json` prints the same
// figures as one JSON object on stdout (progress goes to stderr; `npm run -s` keeps npm's own
// banner off stdout too).
//
//   npm run bench                                  everything that runs by default
//   npm run bench -- --json                        one JSON object
//   npm run bench -- --only renderer,cold          named benches (see BENCHES)
//   npm run bench -- --baseline HEAD~3             before/after: also measure that commit, interleaved
//   npm run bench -- --baseline HEAD --baseline-paths lambdas/render/paint.ts,lambdas/render/fonts.ts
//                                                  before/after of one change: this tree, those paths as HEAD has them
//   npm run bench -- --pipeline | --no-pipeline    run or skip bench/pipeline.ts (see pipeline-bench.ts for the default)
//   npm run bench -- --runs 5 --warm 100 --chromium-renders 10 --typst-renders 32
//   npm run bench -- --keep                        keep the scratch directory (Chromium's HTML and PDFs)
//   npm run bench -- --production                  render as a worker does outside demo mode: an issuer, the
//                                                  operator's seal image and a signing key (bench/production.ts)
//
// The machine is shared: compare figures as ratios from one run (the before/after table does).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { baselineCheckout, currentCheckout, discardCheckout, type Checkout } from './checkouts.js';
import { benchChromium } from './chromium-bench.js';
import { benchCold } from './cold-bench.js';
import type { BenchContext, Table } from './context.js';
import { BENCH_DOCUMENT_IDS, isBenchDocumentId, type BenchDocumentId } from './documents.js';
import { formatTable } from './format.js';
import { loadPipelineBench } from './pipeline-bench.js';
import { productionEnv } from './production.js';
import { benchRenderer } from './renderer-bench.js';
import { beforeAfter, targets } from './summary.js';
import { benchTypst } from './typst-bench.js';

const Settings = z.object({
  json: z.boolean(),
  runs: z.coerce.number().int().min(1),
  warm: z.coerce.number().int().min(1),
  warmup: z.coerce.number().int().min(0),
  chromiumRenders: z.coerce.number().int().min(1),
  typstRenders: z.coerce.number().int().min(1),
  only: z.array(z.string()).optional(),
  skip: z.array(z.string()),
  documents: z.array(z.string().refine(isBenchDocumentId, { error: (i) => `unknown document “${String(i.input)}”: one of ${BENCH_DOCUMENT_IDS.join(', ')}` })),
  baseline: z.string().optional(),
  baselinePaths: z.array(z.string()),
  pipeline: z.boolean().optional(),
  keep: z.boolean(),
  production: z.boolean(),
});
type Settings = z.infer<typeof Settings>;

function settings(argv: string[]): Settings {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      runs: { type: 'string', default: '5' },
      warm: { type: 'string', default: '100' },
      warmup: { type: 'string', default: '30' },
      'chromium-renders': { type: 'string', default: '10' },
      'typst-renders': { type: 'string', default: '32' },
      only: { type: 'string' },
      skip: { type: 'string', default: '' },
      documents: { type: 'string', default: BENCH_DOCUMENT_IDS.join(',') },
      baseline: { type: 'string' },
      'baseline-paths': { type: 'string' },
      pipeline: { type: 'boolean' },
      'no-pipeline': { type: 'boolean' },
      keep: { type: 'boolean', default: false },
      production: { type: 'boolean', default: false },
    },
  });
  const list = (s: string | undefined) => (s === undefined ? undefined : s.split(',').filter((x) => x !== ''));
  const parsed = Settings.safeParse({
    json: values.json,
    runs: values.runs,
    warm: values.warm,
    warmup: values.warmup,
    chromiumRenders: values['chromium-renders'],
    typstRenders: values['typst-renders'],
    only: list(values.only),
    skip: list(values.skip) ?? [],
    documents: list(values.documents) ?? [],
    baseline: values.baseline,
    baselinePaths: list(values['baseline-paths']) ?? [],
    pipeline: values['no-pipeline'] ? false : values.pipeline,
    keep: values.keep,
    production: values.production,
  });
  if (!parsed.success) throw new Error(`bench: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

interface Bench {
  name: string;
  title: string;
  run(ctx: BenchContext, s: Settings): Promise<Table>;
}

/** Named benches, in the order they run; `--only` and `--skip` take these names. */
const BENCHES: Bench[] = [
  { name: 'renderer', title: 'renderer, in fresh processes (ms, MB)', run: (ctx) => benchRenderer(ctx) },
  { name: 'cold', title: 'whole `notice render` process, spawn to exit (ms)', run: (ctx) => benchCold(ctx) },
  {
    name: 'typst',
    title: 'Typst (typst-ts-node-compiler) on the same documents, interleaved with ours (warm)',
    run: (ctx, s) => benchTypst(ctx, s.typstRenders),
  },
  { name: 'chromium', title: 'headless Chromium printing the same document as HTML (warm browser)', run: (ctx, s) => benchChromium(ctx, s.chromiumRenders) },
];

async function pipelineBench(s: Settings): Promise<Bench | undefined> {
  const pipeline = await loadPipelineBench();
  if (!pipeline) {
    if (s.pipeline) throw new Error('--pipeline: bench/pipeline.ts does not exist yet');
    return undefined;
  }
  if (s.pipeline === false || (s.pipeline === undefined && !pipeline.runByDefault)) return undefined;
  return { name: 'pipeline', title: 'pipeline (bench/pipeline.ts)', run: async (ctx) => ({ pipeline: await pipeline.run(ctx.log) }) };
}

async function main(): Promise<void> {
  const s = settings(process.argv.slice(2));
  if (s.baselinePaths.length > 0 && !s.baseline) throw new Error('--baseline-paths needs --baseline <ref>');
  const checkouts: Checkout[] = [currentCheckout(), ...(s.baseline ? [baselineCheckout(s.baseline, s.baselinePaths)] : [])];
  const tmp = mkdtempSync(join(tmpdir(), 'notice-bench-'));
  // However the run ends (a failed bench too), unless --keep asks to look at them afterwards.
  process.on('exit', () => {
    if (s.keep) return;
    rmSync(tmp, { recursive: true, force: true });
    for (const c of checkouts) discardCheckout(c);
  });
  // Before any renderer is made: in-process benches read the environment, child processes inherit it (renderEnv).
  if (s.production) Object.assign(process.env, productionEnv(tmp));
  const ctx: BenchContext = {
    checkouts,
    documents: s.documents as BenchDocumentId[],
    runs: s.runs,
    warm: s.warm,
    warmup: s.warmup,
    tmp,
    log: (line) => process.stderr.write(`bench: ${line}\n`),
  };
  const pipeline = await pipelineBench(s);
  const selected = [...BENCHES, ...(pipeline ? [pipeline] : [])].filter((b) => (s.only ? s.only.includes(b.name) : true) && !s.skip.includes(b.name));

  const results: Record<string, Table> = {};
  for (const b of selected) results[b.name] = await b.run(ctx, s);
  const tables = Object.values(results);
  const baseline = checkouts[1];
  const judged = ctx.documents.includes('award-notice') ? targets(tables, 'award-notice') : undefined;
  const derived: Record<string, Table> = {
    ...(judged && Object.values(judged.value).some((v) => v !== null) ? { targets: judged } : {}),
    ...(baseline ? { beforeAfter: beforeAfter(tables, ctx.documents, baseline.name) } : {}),
  };
  const machine = { node: process.version, cpus: cpus().length, load1: Number(loadavg()[0]!.toFixed(2)), at: new Date().toISOString() };

  if (s.json) {
    const { json: _json, ...shown } = s;
    process.stdout.write(`${JSON.stringify({ machine, settings: shown, checkouts, ...results, ...derived })}\n`);
  } else {
    const out = [`notice-pipeline bench — node ${machine.node}, ${machine.cpus} cores, load ${machine.load1}; medians; ratios are from this one run`, ''];
    for (const b of selected) out.push(formatTable(b.title, results[b.name]!));
    if (derived.targets) out.push(formatTable('targets, one-page award notice', derived.targets));
    if (derived.beforeAfter && baseline) out.push(formatTable(`before (${baseline.name}) ÷ after (this tree): > 1 is better`, derived.beforeAfter));
    process.stdout.write(`${out.join('\n')}\n`);
  }
  if (s.keep) ctx.log(`kept the cases, PDFs and Chromium's HTML in ${tmp}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
