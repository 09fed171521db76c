// The finished PDFs, read back glyph by glyph: the layout rules hold on paper, not only in the model.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOC_TYPES, exampleCase, type DocTypeId } from '../../lambdas/catalogue/index.js';
import { MissingGlyphError } from '../../lambdas/errors.js';
import {
  BLOCK_BOTTOM,
  BLOCK_LEFT,
  BLOCK_RIGHT,
  BLOCK_TOP,
  CELL,
  MM,
  NO_END,
  NO_START,
  PAGE_HEIGHT,
  PAGE_WIDTH,
  checkFit,
} from '../../lambdas/render/layout/index.js';
import { KEEP_TOGETHER, keepTogetherSpans } from '../../lambdas/render/layout/kinsoku.js';
import { documentModel, renderer, type RenderedDocument } from '../../lambdas/render/render-document.js';
import { linesOf, readPdf, type PdfLine, type PdfPage } from '../support/pdf.js';
import { SINGLE_ITEM_NOTICES } from '../support/examples.js';
import { tempDir } from '../support/temp-dirs.js';

// The 公文 types; the card has its own layout and tests (card.test.ts).
const ids = (Object.keys(DOC_TYPES) as DocTypeId[]).filter((id) => DOC_TYPES[id].family !== 'card');
const docs = new Map<DocTypeId, { doc: RenderedDocument; pages: PdfPage[] }>();
const numberOf = (id: DocTypeId) => `${DOC_TYPES[id].numberPrefix}〔2026〕17号`;

beforeAll(async () => {
  for (const id of ids) {
    const doc = await renderer().render({ case: exampleCase(id), documentNumber: numberOf(id), verifyUrl: `https://notice.example.gov.cn/v/${id}` });
    docs.set(id, { doc, pages: await readPdf(doc.pdf) });
  }
});

/** Running-text lines of the layout (body paragraphs), with the PDF line drawn at the same baseline. */
function bodyLines(id: DocTypeId) {
  const { doc, pages } = docs.get(id)!;
  return doc.layout.pages.flatMap((page, p) => {
    const drawn = linesOf(pages[p]!);
    return page.lines
      .filter((l) => documentModel(doc).blocks[l.block]?.kind === 'paragraph')
      .map((l) => ({ laid: l, drawn: drawn.find((d) => Math.abs(d.baseline - l.baseline) <= 0.5) }));
  });
}

describe.each(ids)('the %s document on paper', (id) => {
  it('has only A4 pages', () => {
    for (const p of docs.get(id)!.pages) {
      expect(p.width).toBeCloseTo(PAGE_WIDTH, 1);
      expect(p.height).toBeCloseTo(PAGE_HEIGHT, 1);
    }
  });

  it('keeps every upright glyph inside the text block, except the page number below it', () => {
    docs.get(id)!.pages.forEach((page) => {
      for (const g of page.glyphs.filter((g) => !g.rotated && g.fill !== '#c00000')) {
        const isPageNumber = g.baseline > BLOCK_BOTTOM + 10;
        // Punctuation pushed in at a line end takes half a cell: its ink is in the left half of its em.
        const inkWidth = NO_START.includes(g.char) ? g.width / 2 : g.width;
        expect(g.x, `“${g.char}” left of the block`).toBeGreaterThanOrEqual(BLOCK_LEFT - 0.5);
        expect(g.x + inkWidth, `“${g.char}” right of the block`).toBeLessThanOrEqual(BLOCK_RIGHT + 0.5);
        if (!isPageNumber) expect(g.baseline, `“${g.char}” below the block`).toBeLessThanOrEqual(BLOCK_BOTTOM + 0.5);
      }
    });
  });

  it('carries the document’s own text only: the 样本 watermark and the seal’s lettering are outlines, not text', () => {
    const { doc, pages } = docs.get(id)!;
    for (const page of pages) expect(page.glyphs.filter((g) => g.rotated || g.fill === '#c00000')).toEqual([]);
    const file = join(tempDir('notice-text-'), `${id}.pdf`);
    writeFileSync(file, doc.pdf);
    const read = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(read).not.toContain('样本');
    const chars = (s: string) => [...s.replace(/\s/g, '')].sort().join('');
    const laid = doc.layout.pages.flatMap((p) => p.items.flatMap((i) => (i.kind === 'text' ? [i.text] : []))).join('');
    expect(chars(read)).toBe(chars(laid));
  });

  it('keeps every fit and table rule (docs/layout.md)', () => {
    const { doc } = docs.get(id)!;
    expect(checkFit(doc.layout, documentModel(doc))).toEqual([]);
  });

  it('keeps every table rule inside the text block (TABLE-2)', () => {
    for (const page of docs.get(id)!.pages) {
      for (const s of page.strokes.filter((s) => s.colour === '#000000' && Math.abs(s.width - 0.5) < 0.01)) {
        for (const y of [s.y1, s.y2]) {
          expect(y).toBeGreaterThanOrEqual(BLOCK_TOP - 0.01);
          expect(y).toBeLessThanOrEqual(BLOCK_BOTTOM + 0.01);
        }
      }
    }
  });

  it('justifies every line of a paragraph but its last to both edges of the block', () => {
    const lines = bodyLines(id);
    expect(lines.length).toBeGreaterThan(0);
    for (const { laid, drawn } of lines) {
      expect(drawn, `a laid-out line at ${laid.baseline.toFixed(1)} is missing from the PDF`).toBeDefined();
      const d = drawn as PdfLine;
      expect(d.left).toBeCloseTo(laid.first ? BLOCK_LEFT + 2 * CELL : BLOCK_LEFT, 0);
      // A mark pushed in at the line end occupies half a cell; its ink sits in that half.
      const end = laid.units[laid.units.length - 1]!;
      const lastGlyph = d.glyphs[d.glyphs.length - 1]!;
      // A Latin run ending a line takes its slack before it, so its last glyph ends on the unit's edge.
      const drawnRight = end.kind === 'latin' ? lastGlyph.x + lastGlyph.width : lastGlyph.x + end.width;
      expect(Math.abs(drawnRight - (end.x + end.width))).toBeLessThanOrEqual(0.5);
      if (!laid.last) expect(Math.abs(drawnRight - BLOCK_RIGHT), `“${d.text}” is not flush right`).toBeLessThanOrEqual(0.5);
    }
  });

  it('sets the last line of a paragraph solid, one cell per ideograph', () => {
    for (const { laid, drawn } of bodyLines(id).filter((l) => l.laid.last)) {
      const g = drawn!.glyphs;
      for (let i = 1; i < g.length; i++) {
        const bothHan = /\p{Script=Han}/u.test(g[i - 1]!.char) && /\p{Script=Han}/u.test(g[i]!.char);
        if (bothHan) expect(g[i]!.x - g[i - 1]!.x).toBeCloseTo(CELL, 1);
      }
      expect(laid.last).toBe(true);
    }
  });

  it('starts no line with a closing mark and ends none with an opening mark', () => {
    for (const { drawn } of bodyLines(id)) {
      const chars = [...drawn!.text];
      expect(NO_START, `line starts with “${chars[0]}”: ${drawn!.text}`).not.toContain(chars[0]);
      expect(NO_END, `line ends with “${chars[chars.length - 1]}”: ${drawn!.text}`).not.toContain(chars[chars.length - 1]);
    }
  });

  it('never ends a body line inside a document number, a clause reference or a number with its unit', () => {
    const lines = bodyLines(id);
    lines.forEach(({ laid, drawn }, i) => {
      const next = lines[i + 1];
      if (laid.last || !next || next.laid.block !== laid.block) return;
      const joined = drawn!.text + next.drawn!.text;
      for (const k of keepTogetherSpans(joined, KEEP_TOGETHER)) {
        if (k.strength !== 'always') continue;
        expect(k.start >= drawn!.text.length || k.end <= drawn!.text.length, `“${joined.slice(k.start, k.end)}” split after “${drawn!.text}”`).toBe(true);
      }
    });
  });

  it('leaves no paragraph with a single line at the foot or the head of a page', () => {
    const { doc } = docs.get(id)!;
    const pages = doc.layout.pages.map((p) => p.lines.filter((l) => documentModel(doc).blocks[l.block]?.kind === 'paragraph'));
    pages.forEach((lines, p) => {
      const next = pages[p + 1];
      const foot = lines.at(-1);
      const head = next?.[0];
      if (!foot || !head || foot.block !== head.block) return;
      expect(lines.filter((l) => l.block === foot.block).length, `page ${p + 1} ends on an orphan`).toBeGreaterThanOrEqual(2);
      expect(next!.filter((l) => l.block === head.block).length, `page ${p + 2} opens on a widow`).toBeGreaterThanOrEqual(2);
    });
    expect(pages.length).toBe(docs.get(id)!.pages.length);
  });

  it('reads back the same body text that was laid out, astral characters included', () => {
    for (const { laid, drawn } of bodyLines(id)) {
      expect(drawn!.text).toBe(
        laid.units
          .map((u) => u.text)
          .join('')
          .replace(/\s/g, ''),
      );
    }
  });

  const letter = () => documentModel(docs.get(id)!.doc).format === 'letter';

  it('prints the 标志 in red, centred, with the rest of the text black', () => {
    const first = docs.get(id)!.pages[0]!;
    // The 标志's glyphs: red, upright and large (the demo seal's 样本 is red and upright too).
    const red = first.glyphs.filter((g) => !g.rotated && g.fill === '#ff0000' && g.size > 30);
    // 信函格式 shows the issuer's name; 文件格式 adds 文件.
    expect(red.map((g) => g.char).join('')).toBe(letter() ? '太原市人才工作领导小组办公室' : '太原市人才工作领导小组办公室文件');
    const left = Math.min(...red.map((g) => g.x));
    const right = Math.max(...red.map((g) => g.x + g.width));
    expect((left + right) / 2).toBeCloseTo((BLOCK_LEFT + BLOCK_RIGHT) / 2, 0);
    const others = first.glyphs.filter((g) => !g.rotated && g.fill !== '#ff0000' && g.fill !== '#c00000');
    expect(new Set(others.map((g) => g.fill))).toEqual(new Set(['#000000']));
  });

  it('numbers its pages “— N —” below the block, right on odd pages and left on even ones', () => {
    docs.get(id)!.pages.forEach((page, i) => {
      const foot = linesOf(page).filter((l) => l.baseline > BLOCK_BOTTOM + 5);
      // 信函格式 shows no number on page 1; a 版记 page after a blank page carries none.
      if (i === 0 && letter()) expect(foot).toHaveLength(0);
      if (foot.length === 0) return;
      const n = foot[0]!;
      expect(n.text.replace(/\s/g, '')).toBe(`—${i + 1}—`);
      expect(n.glyphs[0]!.size).toBeCloseTo(14, 1);
      if ((i + 1) % 2 === 1) expect(n.right).toBeCloseTo(BLOCK_RIGHT - 14, 0);
      else expect(n.left).toBeCloseTo(BLOCK_LEFT + 14, 0);
    });
  });

  it('puts body text on page 1', () => {
    const first = docs.get(id)!.pages[0]!;
    expect(linesOf(first).some((l) => l.baseline > BLOCK_TOP + 12 * 29 && l.glyphs[0]!.size < 16.01)).toBe(true);
  });
});

describe('all examples together', () => {
  // Single-item award and subsidy notices (GB/T 9704 信函格式) fit on one page: keep it so.
  const singleItem = SINGLE_ITEM_NOTICES;

  it.each(singleItem)('renders the %s notice on one page', (id) => {
    expect(docs.get(id)!.pages).toHaveLength(1);
    expect(docs.get(id)!.doc.pages).toBe(1);
  });

  it('adjusts fewer than half of the full body lines: odd digit runs and pushed-out groups, not the rule', () => {
    const full = ids.flatMap((id) => bodyLines(id).filter((l) => !l.laid.last));
    const adjusted = full.filter((l) => l.laid.adjusted).length;
    expect(full.length).toBeGreaterThan(100);
    expect(adjusted / full.length, `${adjusted} of ${full.length} full lines adjusted`).toBeLessThan(0.5);
  });
});

// Approval letters (批复) are in 文件格式, award and subsidy notices in 信函格式 (templates/partials/document.hbs).
const documentIds = ids.filter((id) => DOC_TYPES[id].family === 'approval-letter');
const letterIds = ids.filter((id) => DOC_TYPES[id].family !== 'approval-letter');

describe.each(documentIds)('the %s document in 文件格式', (id) => {
  it('draws the red rule across the block 4 mm below the 发文字号', () => {
    const first = docs.get(id)!.pages[0]!;
    const number = linesOf(first).find((l) => /〔\d{4}〕\d+号$/.test(l.text));
    expect(number?.text).toMatch(/^[^〔〕\[\]【】]+〔\d{4}〕[1-9]\d*号$/);
    const rule = first.strokes.find((s) => s.colour === '#ff0000');
    expect(rule).toBeDefined();
    expect(rule!.x1).toBeCloseTo(BLOCK_LEFT, 0);
    expect(rule!.x2).toBeCloseTo(BLOCK_RIGHT, 0);
    const emBottom = number!.baseline + 0.12 * number!.glyphs[0]!.size;
    expect(Math.abs(rule!.y1 - emBottom - 4 * MM)).toBeLessThanOrEqual(0.5 * MM);
  });

  it('ends on a 版记 whose last rule lies on the block bottom', () => {
    const pages = docs.get(id)!.pages;
    const last = pages[pages.length - 1]!;
    const black = last.strokes.filter((s) => s.colour === '#000000' && Math.abs(s.x1 - BLOCK_LEFT) < 0.5 && Math.abs(s.x2 - BLOCK_RIGHT) < 0.5);
    const bottom = black.reduce((a, b) => (b.y1 > a.y1 ? b : a));
    expect(bottom.y1).toBeCloseTo(BLOCK_BOTTOM, 0);
    expect(bottom.width).toBeCloseTo(0.35 * MM, 1);
    expect(linesOf(last).some((l) => /印发$/.test(l.text))).toBe(true);
  });
});

describe.each(letterIds)('the %s notice in 信函格式', (id) => {
  it('is laid out as a letter', () => {
    expect(documentModel(docs.get(id)!.doc).format).toBe('letter');
  });

  it('draws 信函格式 double rules 170 mm long, 4 mm under the 标志 and 20 mm above the paper foot, the 发文字号 flush right under them', () => {
    const first = docs.get(id)!.pages[0]!;
    const red = first.strokes.filter((s) => s.colour === '#ff0000');
    expect(red).toHaveLength(4);
    for (const r of red) {
      expect(r.x2 - r.x1).toBeCloseTo(170 * MM, 0);
      expect((r.x1 + r.x2) / 2).toBeCloseTo((BLOCK_LEFT + BLOCK_RIGHT) / 2, 0);
    }
    const [upperThick, upperThin, lowerThin, lowerThick] = [...red].sort((a, b) => a.y1 - b.y1);
    expect(upperThick!.width).toBeGreaterThan(upperThin!.width);
    expect(lowerThick!.width).toBeGreaterThan(lowerThin!.width);
    const header = first.glyphs.filter((g) => !g.rotated && g.fill === '#ff0000' && g.size > 30);
    const headerBottom = header[0]!.baseline + 0.12 * header[0]!.size;
    expect(Math.abs(upperThick!.y1 - upperThick!.width / 2 - headerBottom - 4 * MM)).toBeLessThanOrEqual(0.5 * MM);
    expect(lowerThick!.y1 + lowerThick!.width / 2).toBeCloseTo(PAGE_HEIGHT - 20 * MM, 0);
    const number = linesOf(first).find((l) => /〔\d{4}〕\d+号$/.test(l.text))!;
    expect(number.text).toMatch(/^[^〔〕\[\]【】]+〔\d{4}〕[1-9]\d*号$/);
    expect(number.right).toBeCloseTo(BLOCK_RIGHT, 0);
    expect(number.baseline).toBeGreaterThan(upperThin!.y1);
  });

  it('ends a 信函 on its 抄送 at the foot of the block, without 印发 row or rules', () => {
    const pages = docs.get(id)!.pages;
    const last = pages[pages.length - 1]!;
    expect(last.strokes.filter((s) => s.colour === '#000000' && Math.abs(s.x1 - BLOCK_LEFT) < 0.5 && Math.abs(s.x2 - BLOCK_RIGHT) < 0.5)).toHaveLength(0);
    const lines = linesOf(last).filter((l) => l.baseline < BLOCK_BOTTOM + 5);
    expect(lines.some((l) => /印发$/.test(l.text))).toBe(false);
    const copyTo = lines.filter((l) => l.glyphs[0]!.size < 14.01 && l.glyphs[0]!.size > 13.99);
    expect(copyTo[0]!.text).toMatch(/^抄送：/);
    expect(copyTo.at(-1)!.text).toMatch(/。$/);
    expect(copyTo.at(-1)!.baseline).toBeLessThanOrEqual(BLOCK_BOTTOM);
    expect(copyTo.at(-1)!.baseline).toBeGreaterThan(BLOCK_BOTTOM - 29.7);
  });
});

describe('the PDF file', () => {
  const file = (id: DocTypeId) => {
    const dir = tempDir('notice-');
    const path = join(dir, `${id}.pdf`);
    writeFileSync(path, docs.get(id)!.doc.pdf);
    return path;
  };

  it('embeds every font as a subset with a ToUnicode map', () => {
    const out = execFileSync('pdffonts', [file('staffing-pool-approval')], { encoding: 'utf8' });
    const rows = out.trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/yes\s+yes\s+yes\s+\d+\s+\d+\s*$/);
  });

  it('passes qpdf --check', () => {
    for (const id of ['skill-grand-award', 'staffing-pool-approval'] as const) {
      expect(execFileSync('qpdf', ['--check', file(id)], { encoding: 'utf8' })).toMatch(/No syntax or stream encoding errors/);
    }
  });

  it('carries title, author, keywords with the document number, and zh-CN', () => {
    const raw = docs.get('skill-grand-award')!.doc.pdf.toString('latin1');
    expect(raw).toContain('/Lang (zh-CN)');
    expect(raw).toMatch(/\/Title/);
    expect(raw).toMatch(/\/Keywords/);
    expect(raw).toContain('pdfaid:part>2<');
  });

  it('is byte-identical when the same case is rendered again', async () => {
    const again = await renderer().render({
      case: exampleCase('skill-grand-award'),
      documentNumber: numberOf('skill-grand-award'),
      verifyUrl: 'https://notice.example.gov.cn/v/skill-grand-award',
    });
    expect(again.sha256).toBe(docs.get('skill-grand-award')!.doc.sha256);
  });
});

describe('rendering refuses what it cannot print', () => {
  it('stops a name with a character no font has, naming the character and the field', async () => {
    const c = exampleCase('skill-grand-award');
    const bad = { ...c, recipient: { ...c.recipient, name: '杨𬎆' } };
    const err = await renderer()
      .render({ case: bad, documentNumber: numberOf('skill-grand-award') })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingGlyphError);
    expect((err as MissingGlyphError).message).toContain('𬎆');
    expect((err as MissingGlyphError).message).toContain('U+2C386');
    expect((err as MissingGlyphError).field).toBe('case.recipient.name');
  });

  it('prints markup in case data as text, never as layout', async () => {
    const c = exampleCase('skill-grand-award');
    const sneaky = { ...c, copyTo: ['市委组织部<p>额外段落</p>'] };
    const doc = await renderer().render({ case: sneaky, documentNumber: numberOf('skill-grand-award') });
    const text = (await readPdf(doc.pdf)).map((p) => p.text).join('');
    expect(text.replace(/\s/g, '')).toContain('<p>额外段落</p>');
    expect(
      documentModel(doc)
        .blocks.filter((b) => b.kind === 'paragraph')
        .some((b) => b.kind === 'paragraph' && b.spans.some((s) => s.text === '额外段落')),
    ).toBe(false);
  });
});
