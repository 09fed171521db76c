// A render loop to profile: `node --cpu-prof --cpu-prof-dir <dir> --import tsx bench/profile.ts [doc] [renders]`,
// then open the .cpuprofile in Chrome DevTools (Performance → Load profile), or summarise it with
// `node bench/profile-summary.mjs <file.cpuprofile>`. Renders a different recipient each time,
// as the bench's warm loop does.
import { renderer } from '../lambdas/render/render-document.js';
import { benchCase, benchNumber, isBenchDocumentId } from './documents.js';

const doc = process.argv[2] ?? 'approval-letter';
if (!isBenchDocumentId(doc)) throw new Error(`profile: unknown document ${doc}`);
const renders = Number(process.argv[3] ?? 400);
const r = renderer();
const number = benchNumber(doc);
const cases = Array.from({ length: 33 }, (_, i) => benchCase(doc, i));
for (let i = 0; i < renders; i++) await r.render({ case: cases[i % cases.length], documentNumber: number });
