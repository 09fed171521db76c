// npm run fuzz -- --cases N [--seed S] [--type T] [--pdf-every K]
// Checks N generated cases (seeds S … S+N−1) and reports each failing rule with its seeds and
// the first failing case in full. Exit code 1 when anything fails.
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { DOC_TYPE_IDS } from '../../lambdas/catalogue/index.js';
import { describeFailure, runCorpus } from './run.js';

const { values } = parseArgs({ options: { cases: { type: 'string' }, seed: { type: 'string' }, type: { type: 'string' }, 'pdf-every': { type: 'string' } } });
const Args = z.object({
  cases: z.coerce.number().int().positive().default(1000),
  seed: z.coerce.number().int().min(0).default(1),
  type: z.enum(DOC_TYPE_IDS).optional(),
  'pdf-every': z.coerce.number().int().min(0).default(10),
});
const parsed = Args.safeParse(values);
if (!parsed.success) {
  console.error(`fuzz: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`);
  process.exit(2);
}
const a = parsed.data;
const started = performance.now();
const result = await runCorpus({ cases: a.cases, seed: a.seed, pdfEvery: a['pdf-every'], ...(a.type ? { type: a.type } : {}) });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`${result.checked} cases checked on the layout, ${result.readBack} read back from the PDF, in ${seconds} s; ${result.failures.length} failed`);
for (const [rule, seeds] of result.byRule) {
  console.log(`\n${rule}: ${seeds.length} case(s), seeds ${seeds.slice(0, 20).join(', ')}${seeds.length > 20 ? ', …' : ''}`);
  const first = result.failures.find((f) => f.problems.some((p) => p.rule === rule))!;
  console.log(describeFailure({ ...first, problems: first.problems.filter((p) => p.rule === rule) }));
}
process.exit(result.failures.length > 0 ? 1 : 0);
