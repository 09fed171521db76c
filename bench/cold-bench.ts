// Cold start as a person meets it: the whole `notice render <case.json> --out <file>` process,
// spawn to exit, in a fresh `node` each time, and the CPU time that process used (report-cpu.mjs).
// Medians over ctx.runs processes per document.
// Measured for bin/notice.js (an esbuild bundle cached by content hash) and, in this tree only,
// for the same CLI run through tsx's loader (what bin/notice.js did before), alternating, so
// their ratio is from one run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as z from 'zod';
import { exampleCaseFile } from './case-files.js';
import { rowName, type BenchContext, type Table } from './context.js';
import { renderEnv, runNodeOk } from './processes.js';
import { median, quantile, round } from './stats.js';

const REPORT_CPU = pathToFileURL(fileURLToPath(new URL('./report-cpu.mjs', import.meta.url))).href;
const CpuReport = z.object({ cpuMs: z.number(), maxRssKb: z.number() });
const TSX_SUFFIX = ', through tsx';

interface Launcher {
  row(doc: string): string;
  /** What node is given before the CLI's own arguments (tsx's loader runs in-process, so the CPU report counts it). */
  script: string[];
  cwd: string;
}

export async function benchCold(ctx: BenchContext): Promise<Table> {
  const launchers: Launcher[] = ctx.checkouts.map((c) => ({ row: (doc) => rowName(doc, c), script: [join(c.root, 'bin/notice.js')], cwd: c.root }));
  const here = ctx.checkouts[0]!;
  launchers.push({ row: (doc) => `${doc}${TSX_SUFFIX}`, script: ['--import', 'tsx', 'cli/notice.ts'], cwd: here.root });
  // Builds (or checks) each checkout's bundle once, so the runs below measure a start with the cache in place.
  for (const c of ctx.checkouts) await runNodeOk([join(c.root, 'bin/notice.js'), 'example', 'skill-grand-award'], { cwd: c.root });

  const runs = new Map<string, { wall: number; cpu: number; rssKb: number }[]>();
  const cpuFile = join(ctx.tmp, 'cold-cpu.json');
  for (let run = 0; run < ctx.runs; run++) {
    for (const doc of ctx.documents) {
      for (const l of launchers) {
        const row = l.row(doc);
        ctx.log(`cold: ${row}, process ${run + 1}/${ctx.runs}`);
        const out = join(ctx.tmp, `cold-${run}.pdf`);
        const r = await runNodeOk(['--import', REPORT_CPU, ...l.script, 'render', exampleCaseFile(ctx.tmp, doc), '--out', out], {
          cwd: l.cwd,
          env: { ...renderEnv(ctx.tmp), NOTICE_BENCH_CPU_FILE: cpuFile },
        });
        const own = CpuReport.parse(JSON.parse(readFileSync(cpuFile, 'utf8')));
        runs.set(row, [...(runs.get(row) ?? []), { wall: r.wallMs, cpu: own.cpuMs, rssKb: own.maxRssKb }]);
      }
    }
  }
  const table: Table = {};
  for (const [row, rs] of runs) {
    const wall = rs.map((r) => r.wall);
    table[row] = {
      coldProcessMedianMs: round(median(wall)),
      coldProcessMaxMs: round(quantile(wall, 1)),
      coldProcessCpuMedianMs: round(median(rs.map((r) => r.cpu))),
      coldProcessPeakRssMb: round(median(rs.map((r) => r.rssKb / 1024))),
      coldProcesses: rs.length,
    };
  }
  return table;
}
