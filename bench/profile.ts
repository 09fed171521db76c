// A render loop to profile: `node --cpu-prof --cpu-prof-dir <dir> --import tsx bench/profile.ts [doc] [renders] [--production]`,
// then open the .cpuprofile in Chrome DevTools (Performance → Load profile), or summarise it with
// `node bench/profile-summary.mjs <file.cpuprofile>`. Renders a different recipient each time,
// as the bench's warm loops do. --production renders as a worker does outside demo mode (bench/production.ts).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderer } from '../lambdas/render/render-document.js';
import { benchCase, benchNumber, isBenchDocumentId } from './documents.js';
import { productionEnv } from './production.js';

const [doc = 'approval-letter', rendersArg] = process.argv.slice(2).filter((a) => a !== '--production');
if (!isBenchDocumentId(doc)) throw new Error(`profile: unknown document ${doc}`);
const renders = Number(rendersArg ?? 400);
if (process.argv.includes('--production')) Object.assign(process.env, productionEnv(join(tmpdir(), 'notice-bench-profile')));
const r = renderer();
const number = benchNumber(doc);
for (let i = 1; i <= renders; i++) await r.render({ case: benchCase(doc, i), documentNumber: number });
