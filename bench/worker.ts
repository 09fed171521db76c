// One document type in a fresh process: how long the import, the font pack and the first PDF
// take, then warm renders, then the process's peak RSS. Prints one JSON line (WorkerReport).
// Every stage is timed twice: wall clock, and CPU time of this process (user + system), which a
// neighbour's load on a shared machine disturbs far less.
//
// It imports nothing of the project before the clock starts, so `importMs` is the renderer's own
// import (through the same tsx loader the CLI uses), and renders from `--root`, so the bench can
// measure another checkout (a baseline) with the same harness.
//   node --import tsx bench/worker.ts --root <dir> --cases <cases.json> --number <发文字号> --warm 60 --warmup 10
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const started = performance.now();
const startedCpu = process.cpuUsage();
const cpuMs = (since?: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

const { values } = parseArgs({
  options: {
    root: { type: 'string' },
    cases: { type: 'string' },
    number: { type: 'string' },
    warm: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '10' },
  },
});
if (!values.root || !values.cases || !values.number) throw new Error('worker needs --root, --cases and --number');
const cases = JSON.parse(readFileSync(values.cases, 'utf8')) as unknown[];
const documentNumber = values.number;
const warm = Number(values.warm);
const warmup = Number(values.warmup);

interface RenderedLike {
  pdf: Buffer;
  pages: number;
}
interface RendererModule {
  renderer(): { render(r: { case: unknown; documentNumber: string }): Promise<RenderedLike> };
}

let t = performance.now();
let c = process.cpuUsage();
/** Wall and CPU milliseconds since the last lap. */
const lap = () => {
  const now = performance.now();
  const ms = { wall: now - t, cpu: cpuMs(c) };
  t = now;
  c = process.cpuUsage();
  return ms;
};
// Typed by hand: the module comes from --root, which may be another checkout.
const mod = (await import(pathToFileURL(join(values.root, 'lambdas/render/render-document.ts')).href)) as RendererModule;
const importMs = lap();
const r = mod.renderer();
const fontsMs = lap();
const first = await r.render({ case: cases[0], documentNumber });
const firstPdfMs = lap();

// Each recipient once: the warm-up's, then the timed renders' (the file holds 1 + warmup + warm cases).
if (cases.length < 1 + warmup + warm) throw new Error(`worker: ${values.cases} holds ${cases.length} cases, fewer than 1 + warmup + warm`);
for (let i = 0; i < warmup; i++) await r.render({ case: cases[1 + i], documentNumber });
const samples: number[] = [];
const cpuSamples: number[] = [];
for (let i = 0; i < warm; i++) {
  const a = performance.now();
  const b = process.cpuUsage();
  await r.render({ case: cases[1 + warmup + i], documentNumber });
  cpuSamples.push(cpuMs(b));
  samples.push(performance.now() - a);
}

process.stdout.write(
  `${JSON.stringify({
    boot: { wall: started, cpu: (startedCpu.user + startedCpu.system) / 1000 },
    import: importMs,
    fonts: fontsMs,
    firstPdf: firstPdfMs,
    samples,
    cpuSamples,
    bytes: first.pdf.length,
    pages: first.pages,
    sha256: createHash('sha256').update(first.pdf).digest('hex'),
    maxRssKb: process.resourceUsage().maxRSS,
  })}\n`,
);
