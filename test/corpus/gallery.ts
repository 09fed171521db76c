// Renders the corpus's hardest cases and writes chosen pages as 70 dpi PNGs to docs/gallery/
// (pdftoppm from poppler-utils). Run: npx tsx test/corpus/gallery.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleCase, type DocTypeId } from '../../lambdas/catalogue/index.js';
import { corpusCase, type AnyCaseInput } from './generate.js';
import { corpusRenderer } from './run.js';

const OUT = 'docs/gallery';
const SEEDS = 3_000;

const seeds = Array.from({ length: SEEDS }, (_, i) => i + 1);
/** The seed of `type` whose case scores highest. */
function worst(type: DocTypeId, score: (c: AnyCaseInput) => number): AnyCaseInput {
  return seeds.map((s) => corpusCase(s, type)).reduce((a, b) => (score(b) > score(a) ? b : a));
}
/** A person's name length, in a case whose 抄送 is short enough for one page (docs/layout.md). */
const nameLength = (c: AnyCaseInput) => (c.recipient.kind === 'person' && (c.copyTo?.length ?? 0) <= 5 ? [...c.recipient.name].length : 0);

const typed = exampleCase('skill-grand-award');
typed.recipient = { kind: 'person', name: '欧阳振华', idNumber: '140106198512030002', employer: '"太原重型"机械集团(有限公司)' };

const entries: { file: string; case: AnyCaseInput; pages: number[] }[] = [
  { file: 'skill-grand-award-normalised', case: typed, pages: [1] },
  { file: 'national-technical-expert-longest-name', case: worst('national-technical-expert', nameLength), pages: [1] },
  { file: 'graduate-living-subsidy-most-copy-to', case: worst('graduate-living-subsidy', (c) => c.copyTo?.length ?? 0), pages: [1, 2] },
  {
    file: 'staffing-pool-approval-most-rows',
    case: worst('staffing-pool-approval', (c) => (c.docType === 'staffing-pool-approval' ? c.details.posts.length : 0)),
    pages: [3],
  },
  {
    file: 'academician-workstation-most-academicians',
    case: worst('academician-workstation', (c) => (c.docType === 'academician-workstation' ? c.details.academicians.length : 0)),
    pages: [1],
  },
  { file: 'hr-park-rent-free-latin-name', case: worst('hr-park-rent-free', (c) => (/^[A-Za-z]/.test(c.recipient.name) ? 1 : 0)), pages: [1] },
];

const work = mkdtempSync(join(tmpdir(), 'gallery-'));
for (const e of entries) {
  const doc = await corpusRenderer().render({ case: e.case, documentNumber: '并人才奖〔2026〕1234号' });
  const pdf = join(work, `${e.file}.pdf`);
  writeFileSync(pdf, doc.pdf);
  for (const page of e.pages.filter((p) => p <= doc.pages)) {
    execFileSync('pdftoppm', ['-r', '70', '-png', '-f', String(page), '-l', String(page), '-singlefile', pdf, join(work, `${e.file}-p${page}`)]);
    renameSync(join(work, `${e.file}-p${page}.png`), join(OUT, `${e.file}-p${page}.png`));
  }
  console.log(`${e.file}: ${e.case.caseId}, ${doc.pages} page(s)`);
}
rmSync(work, { recursive: true });
console.log(readdirSync(OUT).join('\n'));
