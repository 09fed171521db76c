// Cold start as a person meets it: the whole `notice render <case.json> --out <file>` process,
// spawn to exit, in a fresh `node` each time. Medians over ctx.runs processes per document.
import { join } from 'node:path';
import { exampleCaseFile } from './case-files.js';
import { rowName, type BenchContext, type Table } from './context.js';
import { runNodeOk } from './processes.js';
import { median, quantile, round } from './stats.js';

export async function benchCold(ctx: BenchContext): Promise<Table> {
  const walls = new Map<string, number[]>();
  for (let run = 0; run < ctx.runs; run++) {
    for (const doc of ctx.documents) {
      for (const checkout of ctx.checkouts) {
        const row = rowName(doc, checkout);
        ctx.log(`cold: ${row}, process ${run + 1}/${ctx.runs}`);
        const out = join(ctx.tmp, `cold-${run}-${doc}-${checkout.name}.pdf`);
        const r = await runNodeOk([join(checkout.root, 'bin/notice.js'), 'render', exampleCaseFile(ctx.tmp, doc), '--out', out], { cwd: checkout.root });
        walls.set(row, [...(walls.get(row) ?? []), r.wallMs]);
      }
    }
  }
  const table: Table = {};
  for (const [row, ms] of walls) {
    table[row] = { coldProcessMedianMs: round(median(ms)), coldProcessMaxMs: round(quantile(ms, 1)), coldProcesses: ms.length };
  }
  return table;
}
