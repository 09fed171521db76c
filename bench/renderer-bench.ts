// In-process figures per document, from fresh worker processes: the cold breakdown (boot, import,
// font pack, first PDF), warm milliseconds per document, documents per second, bytes, peak RSS.
// Runs alternate between documents and checkouts, so a neighbour's burst spreads over all of them.
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { variantsFile } from './case-files.js';
import { rowName, type BenchContext, type Table } from './context.js';
import { benchNumber } from './documents.js';
import { TSX_LOADER, runNodeOk } from './processes.js';
import { median, quantile, round, sum } from './stats.js';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

const WorkerReport = z.object({
  bootMs: z.number(),
  importMs: z.number(),
  fontsMs: z.number(),
  firstPdfMs: z.number(),
  samples: z.array(z.number()),
  loopMs: z.number(),
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
  const perRun = Math.ceil(ctx.warm / ctx.runs);
  const reports = new Map<string, WorkerReport[]>();
  for (let run = 0; run < ctx.runs; run++) {
    for (const doc of ctx.documents) {
      for (const checkout of ctx.checkouts) {
        ctx.log(`renderer: ${rowName(doc, checkout)}, process ${run + 1}/${ctx.runs}`);
        const out = await runNodeOk(
          ['--import', TSX_LOADER, WORKER, '--root', checkout.root, '--cases', variantsFile(ctx.tmp, doc), '--number', benchNumber(doc), '--warm', String(perRun), '--warmup', String(ctx.warmup)],
          { cwd: checkout.root },
        );
        const key = rowName(doc, checkout);
        reports.set(key, [...(reports.get(key) ?? []), parseReport(out.stdout)]);
      }
    }
  }
  const table: Table = {};
  for (const [row, rs] of reports) {
    const samples = rs.flatMap((r) => r.samples);
    const first = rs[0]!;
    table[row] = {
      pages: first.pages,
      bytes: first.bytes,
      sha256: first.sha256.slice(0, 16),
      deterministic: rs.every((r) => r.sha256 === first.sha256),
      warmMedianMs: round(median(samples)),
      warmP95Ms: round(quantile(samples, 0.95)),
      warmRenders: samples.length,
      docsPerSecondOneCore: round((1000 * samples.length) / sum(samples)),
      peakRssMb: round(median(rs.map((r) => r.maxRssKb / 1024))),
      freshProcessBootMs: round(median(rs.map((r) => r.bootMs))),
      freshProcessImportMs: round(median(rs.map((r) => r.importMs))),
      freshProcessFontsMs: round(median(rs.map((r) => r.fontsMs))),
      freshProcessFirstPdfMs: round(median(rs.map((r) => r.firstPdfMs))),
    };
  }
  return table;
}
