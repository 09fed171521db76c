// In-process figures per document, from fresh worker processes: the cold breakdown (boot, import,
// font pack, first PDF; medians over ctx.runs processes), then warm milliseconds per document,
// documents per second and peak RSS from the first process, which goes on to a long warm loop
// (short loops in many processes would measure V8 still compiling, not the steady state).
// Runs alternate between documents and checkouts, so a neighbour's burst spreads over all of them.
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { variantsFile } from './case-files.js';
import { rowName, type BenchContext, type Table } from './context.js';
import { benchNumber } from './documents.js';
import { TSX_LOADER, renderEnv, runNodeOk } from './processes.js';
import { median, quantile, round, sum } from './stats.js';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

const Lap = z.object({ wall: z.number(), cpu: z.number() });

const WorkerReport = z.object({
  boot: Lap,
  import: Lap,
  fonts: Lap,
  firstPdf: Lap,
  samples: z.array(z.number()),
  cpuSamples: z.array(z.number()),
  bytes: z.number().int(),
  pages: z.number().int(),
  sha256: z.string(),
  maxRssKb: z.number(),
});
type WorkerReport = z.infer<typeof WorkerReport>;

function parseReport(stdout: string): WorkerReport {
  const last = stdout.trim().split('\n').at(-1) ?? '';
  const parsed = WorkerReport.safeParse(JSON.parse(last));
  if (!parsed.success) throw new Error(`bench worker printed an unexpected report: ${parsed.error.message}`);
  return parsed.data;
}

export async function benchRenderer(ctx: BenchContext): Promise<Table> {
  const reports = new Map<string, WorkerReport[]>();
  for (let run = 0; run < ctx.runs; run++) {
    for (const doc of ctx.documents) {
      for (const checkout of ctx.checkouts) {
        ctx.log(`renderer: ${rowName(doc, checkout)}, process ${run + 1}/${ctx.runs}`);
        const out = await runNodeOk(
          [
            '--import',
            TSX_LOADER,
            WORKER,
            '--root',
            checkout.root,
            '--cases',
            variantsFile(ctx.tmp, doc, ctx.warmup + ctx.warm),
            '--number',
            benchNumber(doc),
            '--warm',
            String(run === 0 ? ctx.warm : 0),
            '--warmup',
            String(run === 0 ? ctx.warmup : 0),
          ],
          { cwd: checkout.root, env: renderEnv(ctx.tmp) },
        );
        const key = rowName(doc, checkout);
        reports.set(key, [...(reports.get(key) ?? []), parseReport(out.stdout)]);
      }
    }
  }
  const table: Table = {};
  for (const [row, rs] of reports) {
    const first = rs[0]!;
    const samples = first.samples;
    const cpu = first.cpuSamples;
    const stage = (name: 'boot' | 'import' | 'fonts' | 'firstPdf', clock: 'wall' | 'cpu') => round(median(rs.map((r) => r[name][clock])));
    table[row] = {
      pages: first.pages,
      bytes: first.bytes,
      sha256: first.sha256.slice(0, 16),
      deterministic: rs.every((r) => r.sha256 === first.sha256),
      warmMedianMs: round(median(samples)),
      warmP95Ms: round(quantile(samples, 0.95)),
      warmCpuMedianMs: round(median(cpu)),
      warmCpuP95Ms: round(quantile(cpu, 0.95)),
      warmRenders: samples.length,
      // Documents per CPU-second: what one core sustains, whatever else the machine runs.
      docsPerSecondOneCore: round((1000 * cpu.length) / sum(cpu)),
      peakRssMb: round(first.maxRssKb / 1024),
      freshProcessBootMs: stage('boot', 'wall'),
      freshProcessImportMs: stage('import', 'wall'),
      freshProcessFontsMs: stage('fonts', 'wall'),
      freshProcessFirstPdfMs: stage('firstPdf', 'wall'),
      freshProcessBootCpuMs: stage('boot', 'cpu'),
      freshProcessImportCpuMs: stage('import', 'cpu'),
      freshProcessFontsCpuMs: stage('fonts', 'cpu'),
      freshProcessFirstPdfCpuMs: stage('firstPdf', 'cpu'),
    };
  }
  return table;
}
