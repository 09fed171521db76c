// The renderer's speed-ups keep the bytes: the font pack's cached layouts and per-glyph subsets
// (lambdas/render/fonts.ts, "Embedding") give exactly what fontkit and pdfkit give without them.
// The bench's before/after figures rest on this (its `sameBytes` line checks the same per run).
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { DOC_TYPES, exampleCase, type DocTypeId } from '../../lambdas/catalogue/index.js';
import { fontPack, loadFontPack, type FontPack, type LoadedFont } from '../../lambdas/render/fonts.js';
import { paint } from '../../lambdas/render/paint.js';
import { renderer } from '../../lambdas/render/render-document.js';

/** A small TrueType font with composite glyphs, short loca offsets and hinting tables (a devDependency's file). */
const LIBERATION = createRequire(import.meta.url).resolve('pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf');
const liberation = loadFontPack({ title: LIBERATION, body: LIBERATION, heading: LIBERATION, kai: LIBERATION, song: LIBERATION, fallback: [] });

/** Deterministic pseudo-random glyph ids, so a failure reproduces. */
function glyphIds(count: number, numGlyphs: number, seed: number): number[] {
  let x = seed;
  return Array.from({ length: count }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x % numGlyphs;
  });
}

/** maxp.numGlyphs of an encoded subset. */
function numGlyphs(sfnt: Uint8Array): number {
  const view = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  for (let i = 0; i < view.getUint16(4); i++) {
    const at = 12 + 16 * i;
    if (String.fromCharCode(...sfnt.subarray(at, at + 4)) === 'maxp') return view.getUint16(view.getUint32(at + 8) + 4);
  }
  throw new Error('no maxp table');
}

function encodeBoth(f: LoadedFont, ids: readonly number[]): { fast: Uint8Array; fontkit: Uint8Array } {
  const fast = f.embeddable.createSubset();
  const reference = f.font.createSubset();
  for (const id of ids) {
    // Both take an id; @types/fontkit says Glyph.
    fast.includeGlyph(id as never);
    reference.includeGlyph(id as never);
  }
  return { fast: fast.encode(), fontkit: reference.encode() };
}

const packs: [string, FontPack][] = [
  ['default pack', fontPack()],
  ['Liberation Sans (composites, short loca)', liberation],
];

describe.each(packs)('subsets of the %s', (_, pack) => {
  it('encode byte for byte as fontkit’s TTFSubset does', () => {
    for (const f of pack.fonts) {
      // The pack's own subsetter, not fontkit's reached through the prototype.
      expect(Object.hasOwn(f.embeddable, 'createSubset'), f.file).toBe(true);
      for (const seed of [1, 2, 3]) {
        const { fast, fontkit } = encodeBoth(f, glyphIds(150, f.font.numGlyphs, seed));
        expect(Buffer.from(fast).equals(Buffer.from(fontkit)), `${f.file} seed ${seed}`).toBe(true);
      }
    }
  });

  it('give the same bytes the second time, from the per-glyph cache', () => {
    const f = pack.fonts[0]!;
    const ids = glyphIds(80, f.font.numGlyphs, 7);
    expect(Buffer.from(encodeBoth(f, ids).fast).equals(Buffer.from(encodeBoth(f, ids).fontkit))).toBe(true);
  });
});

describe('a subset with composite glyphs', () => {
  it('pulls in their components and renumbers them as fontkit does', () => {
    const f = liberation.fonts[0]!;
    // Á, é, ñ, ü … are composites in Liberation Sans: accent + base glyph.
    const ids = f.font.layout('ÁéñüÅçÿ').glyphs.map((g) => g.id);
    const { fast, fontkit } = encodeBoth(f, ids);
    expect(Buffer.from(fast).equals(Buffer.from(fontkit))).toBe(true);
    // The components came along: more glyphs than .notdef and the ones asked for.
    expect(numGlyphs(fast)).toBeGreaterThan(new Set([0, ...ids]).size);
  });
});

describe('cached layouts', () => {
  const f = fontPack().role('body');

  it('give fontkit’s glyphs and positions, with and without OpenType features', () => {
    for (const [text, features] of [['太原市人才工作领导小组办公室（并发〔2018〕2号）', undefined], ['¥500,000.00', ['hwid']]] as const) {
      const cached = f.embeddable.layout(text, features ? [...features] : undefined);
      const direct = f.font.layout(text, features ? [...features] : undefined);
      expect(cached.glyphs.map((g) => g.id)).toEqual(direct.glyphs.map((g) => g.id));
      expect(cached.positions.map((p) => ({ ...p }))).toEqual(direct.positions.map(({ xAdvance, yAdvance, xOffset, yOffset }) => ({ xAdvance, yAdvance, xOffset, yOffset })));
      expect(cached.advanceWidth).toBe(direct.advanceWidth);
    }
  });

  it('hand out fresh positions each time, since pdfkit scales them in place', () => {
    const first = f.embeddable.layout('通知');
    for (const p of first.positions) p.xAdvance *= 0.5;
    expect(f.embeddable.layout('通知').positions[0]!.xAdvance).toBe(f.font.layout('通知').positions[0]!.xAdvance);
  });
});

describe('every example document', () => {
  it('paints the same bytes through the caches as through fontkit and pdfkit alone', async () => {
    const pack = fontPack();
    // The same pack, but pdfkit gets the parsed fonts themselves: its own layout and subsetting.
    const plain: FontPack = { ...pack, fonts: pack.fonts.map((f) => ({ ...f, embeddable: f.font })) };
    const options = { date: new Date('2026-11-24T00:00:00+08:00'), demo: true };
    for (const id of Object.keys(DOC_TYPES) as DocTypeId[]) {
      const doc = await renderer().render({ case: exampleCase(id), documentNumber: `${DOC_TYPES[id].numberPrefix}〔2026〕17号`, verifyUrl: `https://notice.example.gov.cn/v/${id}` });
      const cached = await paint(doc.layout, doc.model.meta, pack, options);
      const direct = await paint(doc.layout, doc.model.meta, plain, options);
      expect(cached.equals(direct), `${id}: ${cached.length} vs ${direct.length} bytes`).toBe(true);
    }
  });
});
