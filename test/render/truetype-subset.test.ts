// The glyph-copying TrueType subsetter (lambdas/render/truetype-subset.ts) writes what fontkit's
// TTFSubset writes, byte for byte; fonts it does not handle say why and keep fontkit's subsetter.
// The CFF-flavoured font is EB Garamond (OFL, Debian's fonts-ebgaramond, which .ci/run installs),
// found through fontconfig.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { fontPack, loadFontPack } from '../../lambdas/render/fonts.js';
import { trueTypeSubsetter } from '../../lambdas/render/truetype-subset.js';

/** A small TrueType font with composite glyphs, short loca offsets and hinting tables (a devDependency's file). */
const LIBERATION = createRequire(import.meta.url).resolve('pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf');
const GARAMOND = execFileSync('fc-list', ['EB Garamond 12:style=Regular:fontformat=CFF', 'file'], { encoding: 'utf8' }).trim().replace(/:$/, '');

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

/** The subset of `ids` as the glyph-copying subsetter and as fontkit make it. */
function encodeBoth(file: string, ids: readonly number[]): { copied: Uint8Array; fontkit: Uint8Array } {
  const bytes = readFileSync(file);
  const subsetter = trueTypeSubsetter(bytes);
  if (subsetter.by !== 'glyph-copy') throw new Error(`${file}: ${subsetter.reason}`);
  const copied = subsetter.create();
  const reference = (fontkit.create(bytes) as fontkit.Font).createSubset();
  for (const id of ids) {
    copied.includeGlyph(id);
    // fontkit takes an id too; @types/fontkit says Glyph.
    reference.includeGlyph(id as never);
  }
  return { copied: copied.encode(), fontkit: reference.encode() };
}

const trueTypeFiles: [string, string][] = [
  ...fontPack().fonts.map((f): [string, string] => [`the default pack's ${f.font.postscriptName}`, f.file]),
  ['Liberation Sans (composites, short loca)', LIBERATION],
];

describe.each(trueTypeFiles)('subsets of %s', (_, file) => {
  const numGlyphsOfFont = (fontkit.create(readFileSync(file)) as fontkit.Font).numGlyphs;

  it('encode byte for byte as fontkit’s TTFSubset does', () => {
    for (const seed of [1, 2, 3]) {
      const { copied, fontkit: reference } = encodeBoth(file, glyphIds(150, numGlyphsOfFont, seed));
      expect(Buffer.from(copied).equals(Buffer.from(reference)), `seed ${seed}`).toBe(true);
    }
  });

  it('give the same bytes the second time, from the per-glyph cache', () => {
    const bytes = readFileSync(file);
    const subsetter = trueTypeSubsetter(bytes);
    if (subsetter.by !== 'glyph-copy') throw new Error(subsetter.reason);
    const ids = glyphIds(80, numGlyphsOfFont, 7);
    const encode = () => {
      const s = subsetter.create();
      for (const id of ids) s.includeGlyph(id);
      return Buffer.from(s.encode());
    };
    expect(encode().equals(encode())).toBe(true);
  });
});

describe('a subset with composite glyphs', () => {
  it('pulls in their components and renumbers them as fontkit does', () => {
    // Á, é, ñ, ü … are composites in Liberation Sans: accent + base glyph.
    const ids = (fontkit.create(readFileSync(LIBERATION)) as fontkit.Font).layout('ÁéñüÅçÿ').glyphs.map((g) => g.id);
    const { copied, fontkit: reference } = encodeBoth(LIBERATION, ids);
    expect(Buffer.from(copied).equals(Buffer.from(reference))).toBe(true);
    // The components came along: more glyphs than .notdef and the ones asked for.
    expect(numGlyphs(copied)).toBeGreaterThan(new Set([0, ...ids]).size);
  });
});

describe('a CFF-flavoured (OpenType/CFF) font', () => {
  it('is left to fontkit’s subsetter, and says why', () => {
    expect(trueTypeSubsetter(readFileSync(GARAMOND))).toEqual({ by: 'fontkit', reason: 'CFF outlines' });
  });

  it('loads into a font pack and embeds as CFF, the same bytes as pdfkit makes from fontkit alone', async () => {
    const pack = loadFontPack({ title: GARAMOND, body: GARAMOND, heading: GARAMOND, kai: GARAMOND, song: GARAMOND, fallback: [] });
    const f = pack.fonts[0]!;
    expect(f.subsetting).toBe('fontkit');
    expect(Object.hasOwn(f.embeddable, 'createSubset')).toBe(false);
    const pdf = (font: fontkit.Font) =>
      new Promise<Buffer>((done) => {
        const doc = new PDFDocument({ compress: false, info: { CreationDate: new Date(0) } });
        const parts: Buffer[] = [];
        doc.on('data', (b: Buffer) => parts.push(b)).on('end', () => done(Buffer.concat(parts)));
        // pdfkit accepts a parsed fontkit font; @types/pdfkit says a path or bytes.
        doc.registerFont('G', font as never);
        doc.font('G').fontSize(14).text('Ærenfried’s œuvre, ﬁne & ﬂuent — 1234', 72, 72);
        doc.end();
      });
    const mine = await pdf(f.embeddable);
    expect(mine.equals(await pdf(f.font))).toBe(true);
    expect(mine.toString('latin1')).toContain('/CIDFontType0C');
  });
});

describe('the fonts fontkit subsets', () => {
  it('include a variable font and anything that is not a single sfnt font (a collection, WOFF)', () => {
    const liberation = readFileSync(LIBERATION);
    // The same font with its fvar tag renamed in the table directory: a variable font to the subsetter.
    const variable = Buffer.from(liberation);
    const tags = variable.readUInt16BE(4);
    const renamed = Array.from({ length: tags }, (_, i) => 12 + 16 * i).find((at) => variable.toString('latin1', at, at + 4) === 'post')!;
    variable.write('fvar', renamed, 'latin1');
    expect(trueTypeSubsetter(variable)).toEqual({ by: 'fontkit', reason: 'variable font' });
    expect(trueTypeSubsetter(Buffer.from('ttcf\0\x01\0\0', 'latin1'))).toEqual({ by: 'fontkit', reason: 'not a single sfnt font' });
    expect(trueTypeSubsetter(Buffer.from('wOFF\0\x01\0\0', 'latin1'))).toEqual({ by: 'fontkit', reason: 'not a single sfnt font' });
  });
});
