// Cold start as a person meets it: the whole `notice render <case.json> --out <file>` process,
// spawn to exit, in a fresh `node` each time. Medians over ctx.runs processes per document.
// Measured for bin/notice.js (tsx's loader) and for the proposed bundled launcher
// (bench/proposals/notice.js, this tree only), alternating, so their ratio is from one run.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exampleCaseFile } from './case-files.js';
import { rowName, type BenchContext, type Table } from './context.js';
import { runNodeOk } from './processes.js';
import { median, quantile, round } from './stats.js';

const BUNDLED_LAUNCHER = fileURLToPath(new URL('./proposals/notice.js', import.meta.url));
const BUNDLED_SUFFIX = ', bundled launcher';

interface Launcher {
  row(doc: string): string;
  script: string;
  cwd: string;
}

export async function benchCold(ctx: BenchContext): Promise<Table> {
  const launchers: Launcher[] = ctx.checkouts.map((c) => ({ row: (doc) => rowName(doc, c), script: join(c.root, 'bin/notice.js'), cwd: c.root }));
  const here = ctx.checkouts[0]!;
  launchers.push({ row: (doc) => `${doc}${BUNDLED_SUFFIX}`, script: BUNDLED_LAUNCHER, cwd: here.root });
  // Builds (or checks) the bundle once, so the runs below measure a start with the cache in place.
  await runNodeOk([BUNDLED_LAUNCHER, 'example', 'skill-grand-award'], { cwd: here.root });

  const walls = new Map<string, number[]>();
  for (let run = 0; run < ctx.runs; run++) {
    for (const doc of ctx.documents) {
      for (const l of launchers) {
        const row = l.row(doc);
        ctx.log(`cold: ${row}, process ${run + 1}/${ctx.runs}`);
        const out = join(ctx.tmp, `cold-${run}.pdf`);
        const r = await runNodeOk([l.script, 'render', exampleCaseFile(ctx.tmp, doc), '--out', out], { cwd: l.cwd });
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
