// Before/after of a renderer change, render by render: this tree's renderer and a baseline's
// (a commit, or this tree with some paths as a commit has them) loaded side by side in one
// process, alternating A, B, B, A … on the same recipients, each render's CPU time taken. On a
// shared machine a neighbour's burst then lands on both sides alike, which separate processes
// (`npm run bench -- --baseline`) cannot promise.
//   npx tsx bench/ab.ts --baseline <ref> [--baseline-paths a,b] [--documents award-notice,approval-letter] [--renders 300] [--production]
// --production renders both sides as a worker does outside demo mode: a real issuer and the
// operator's seal image (bench/production.ts).
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { baselineCheckout, checkoutRenderer, currentCheckout, discardCheckout } from './checkouts.js';
import { BENCH_DOCUMENT_IDS, benchCase, benchNumber, isBenchDocumentId } from './documents.js';
import { renderEnv } from './processes.js';
import { productionEnv } from './production.js';
import { median, quantile, round } from './stats.js';

const { values } = parseArgs({
  options: {
    baseline: { type: 'string' },
    'baseline-paths': { type: 'string' },
    documents: { type: 'string', default: BENCH_DOCUMENT_IDS.join(',') },
    renders: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '40' },
    production: { type: 'boolean', default: false },
  },
});
if (!values.baseline) throw new Error('ab: --baseline <ref> is required');
const documents = values.documents.split(',');
for (const d of documents) if (!isBenchDocumentId(d)) throw new Error(`ab: unknown document ${d}: one of ${BENCH_DOCUMENT_IDS.join(', ')}`);
const renders = Number(values.renders);
const warmup = Number(values.warmup);

// One signing key (and seal) for both sides, so their bytes compare.
const dir = join(tmpdir(), 'notice-bench-ab');
Object.assign(process.env, values.production ? productionEnv(dir) : renderEnv(dir));
const after = currentCheckout();
const before = baselineCheckout(
  values.baseline,
  values['baseline-paths']?.split(',').filter((p) => p !== ''),
);
process.on('exit', () => discardCheckout(before));
const sides = [
  { name: 'after', r: await checkoutRenderer(after) },
  { name: `before (${before.name})`, r: await checkoutRenderer(before) },
];

const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

const lines: string[] = [];
for (const doc of documents) {
  if (!isBenchDocumentId(doc)) continue;
  const number = benchNumber(doc);
  // Warm-up recipients first, then a new one for every timed render: none comes back (bench/documents.ts).
  const cases = Array.from({ length: 1 + warmup + renders }, (_, i) => benchCase(doc, i));
  const sha = await Promise.all(
    sides.map(async (s) =>
      createHash('sha256')
        .update((await s.r.render({ case: cases[0], documentNumber: number })).pdf)
        .digest('hex'),
    ),
  );
  for (let i = 0; i < warmup; i++) for (const s of sides) await s.r.render({ case: cases[1 + i], documentNumber: number });
  const cpu = sides.map(() => [] as number[]);
  for (let i = 0; i < renders; i++) {
    // A B then B A: neither side always goes first.
    const order = i % 2 === 0 ? [0, 1] : [1, 0];
    for (const k of order) {
      const c = process.cpuUsage();
      await sides[k]!.r.render({ case: cases[1 + warmup + i], documentNumber: number });
      cpu[k]!.push(cpuMs(c));
    }
  }
  const [a, b] = cpu.map((xs) => median(xs));
  lines.push(
    `${doc}: CPU ms median after ${round(a!)}, before ${round(b!)}; before ÷ after ${round(b! / a!)} ` +
      `(p25 ${round(quantile(cpu[1]!, 0.25) / quantile(cpu[0]!, 0.25))}, p75 ${round(quantile(cpu[1]!, 0.75) / quantile(cpu[0]!, 0.75))}); ` +
      `same bytes: ${sha[0] === sha[1]}; ${renders} renders each`,
  );
}
process.stdout.write(`${lines.join('\n')}\n`);
