// LATIN, PUNCT and TITLE rules read back from finished PDFs: what a reader gets, not what the layout meant.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleCase } from '../../../lambdas/catalogue/index.js';
import { fontPack } from '../../../lambdas/render/fonts.js';
import { BLOCK_RIGHT, CELL } from '../../../lambdas/render/layout/index.js';
import { WORD_FEATURES } from '../../../lambdas/render/layout/segment.js';
import { renderer } from '../../../lambdas/render/render-document.js';
import { linesOf, readPdf, type PdfPage } from '../../support/pdf.js';
import { tempDir } from '../../support/temp-dirs.js';

const EMPLOYER = 'José Álvarez-Núñez Taiyuan Heavy Machinery Ltd';
let latin: { pdf: Buffer; pages: PdfPage[] };
let expert: PdfPage[];

beforeAll(async () => {
  const c = exampleCase('city-talent-title') as { recipient: { employer: string } };
  c.recipient.employer = EMPLOYER;
  const doc = await renderer().render({ case: c, documentNumber: '并人才奖〔2026〕17号' });
  latin = { pdf: doc.pdf, pages: await readPdf(doc.pdf) };
  const e = await renderer().render({ case: exampleCase('expert-package'), documentNumber: '并人才〔2026〕17号' });
  expert = await readPdf(e.pdf);
});

describe('a notice with a Latin name, read back from the PDF', () => {
  it('draws é with the font’s proportional advance, not a full cell', () => {
    const glyphs = latin.pages[0]!.glyphs.filter((g) => g.char === 'é' || g.char === 'ñ');
    expect(glyphs.length).toBeGreaterThanOrEqual(2);
    for (const g of glyphs) {
      expect(g.width).toBeCloseTo(fontPack().measure.advance(g.char, 'body', 16, WORD_FEATURES), 0);
      expect(g.width).toBeLessThan(CELL * 0.75);
    }
  });

  it('keeps every word of the name whole on one line and no glyph past the block', () => {
    const lines = linesOf(latin.pages[0]!).filter((l) => /[A-Za-z]/.test(l.text));
    expect(lines.length).toBeGreaterThan(0);
    // A reader sees no drawn space: each line's Latin must be whole words of the name, run together.
    const words = EMPLOYER.split(' ');
    const wholeRuns = new Set(words.flatMap((_, i) => words.slice(i).map((__, j) => words.slice(i, i + j + 1).join(''))));
    const found = lines.flatMap((l) => l.text.split(/[^\p{Script=Latin}-]+/u).filter(Boolean));
    expect(found.join('')).toBe(words.join(''));
    for (const w of found) expect(wholeRuns.has(w)).toBe(true);
    for (const l of lines) expect(l.right).toBeLessThanOrEqual(BLOCK_RIGHT + 0.5);
  });

  it('gives pdftotext the name as typed', () => {
    const dir = tempDir('latin-');
    writeFileSync(join(dir, 'n.pdf'), latin.pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'n.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('José Álvarez-Núñez');
  });
});

describe('the expert-package title, read back from the PDF', () => {
  it('is upright: the addressee starts the second, longer line (TITLE-2)', () => {
    const titleLines = linesOf(expert[0]!).filter((l) => l.glyphs[0]!.size === 22);
    expect(titleLines.map((l) => l.text.replace(/\s/g, ''))).toEqual(['关于核准“万人计划”专家', '赵一鸣同志科研经费、安家费和津贴的通知']);
  });
});
