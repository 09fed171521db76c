// A render loop to profile: `node --cpu-prof --cpu-prof-dir <dir> --import tsx bench/profile.ts [doc] [renders]`,
// then open the .cpuprofile in Chrome DevTools (Performance → Load profile), or summarise it with
// `node bench/profile-summary.mjs <file.cpuprofile>`. Renders a different recipient each time,
// as the bench's warm loops do.
import { renderer } from '../lambdas/render/render-document.js';
import { benchCase, benchNumber, isBenchDocumentId } from './documents.js';

const doc = process.argv[2] ?? 'approval-letter';
if (!isBenchDocumentId(doc)) throw new Error(`profile: unknown document ${doc}`);
const renders = Number(process.argv[3] ?? 400);
const r = renderer();
const number = benchNumber(doc);
for (let i = 1; i <= renders; i++) await r.render({ case: benchCase(doc, i), documentNumber: number });
