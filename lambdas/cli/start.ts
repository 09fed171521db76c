// npm start (renderer stage): renders the example case of every document type into out/
// and prints a table — type, pages, bytes, milliseconds.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOC_TYPES, exampleCase } from '../catalogue/index.js';
import { renderer } from '../render/render-document.js';

const outDir = 'out';
mkdirSync(outDir, { recursive: true });
const started = performance.now();
const r = renderer();
process.stdout.write(`fonts loaded in ${Math.round(performance.now() - started)} ms (pack ${r.fonts.hash})\n`);

const rows: string[][] = [['type', '名称', 'pages', 'bytes', 'ms', 'file']];
let failed = 0;
for (const type of Object.values(DOC_TYPES)) {
  const t0 = performance.now();
  try {
    const c = exampleCase(type.id);
    const doc = await r.render({ case: c, documentNumber: `${type.numberPrefix}〔${c.approvedOn.slice(0, 4)}〕1号` });
    const file = join(outDir, `${type.id}.pdf`);
    writeFileSync(file, doc.pdf);
    rows.push([type.id, type.nameZh, String(doc.pages), String(doc.pdf.length), (performance.now() - t0).toFixed(1), file]);
  } catch (e) {
    failed++;
    rows.push([type.id, type.nameZh, '-', '-', '-', `FAILED: ${(e as Error).message}`]);
  }
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => [...row[i]!].length)));
for (const row of rows) process.stdout.write(`${row.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);
process.exitCode = failed > 0 ? 1 : 0;
