// Build-time subsetting of the worker's fonts, on the default pack's own files.
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { subsetFont } from '../../cdk/font-subset.js';
import { defaultFontPackConfig } from '../../lambdas/render/fonts.js';

const fullBytes = readFileSync(defaultFontPackConfig().heading);
const full = fontkit.create(fullBytes) as fontkit.Font;
const KEPT = 'ABC，。国字2026';
const keep = new Set([...KEPT].map((ch) => ch.codePointAt(0)!));
const subset = fontkit.create(Buffer.from(subsetFont(fullBytes, (cp) => keep.has(cp))!)) as fontkit.Font;

describe('subsetFont', () => {
  it('maps exactly the kept characters, to the full font’s glyph ids, outlines and advances', () => {
    expect(new Set(subset.characterSet)).toEqual(new Set([...keep].filter((cp) => full.hasGlyphForCodePoint(cp))));
    for (const features of [[], ['hwid'], ['vert']]) {
      const a = subset.layout(KEPT, features);
      const b = full.layout(KEPT, features);
      expect(a.glyphs.map((g) => g.id)).toEqual(b.glyphs.map((g) => g.id));
      expect(a.positions).toEqual(b.positions);
      // Glyphs GSUB reaches (half-width and vertical forms) keep their outlines too.
      expect(a.glyphs.map((g) => g.path.toSVG())).toEqual(b.glyphs.map((g) => g.path.toSVG()));
      expect(a.glyphs.every((g) => g.id === 0 || g.path.commands.length > 0 || /\s/.test(String.fromCodePoint(...g.codePoints)))).toBe(true);
    }
    expect(subset.numGlyphs).toBe(full.numGlyphs);
  });

  it('drops every other character: it reads as missing, so the pack falls back to the next font', () => {
    expect(full.hasGlyphForCodePoint('黑'.codePointAt(0)!)).toBe(true);
    expect(subset.hasGlyphForCodePoint('黑'.codePointAt(0)!)).toBe(false);
    expect(subset.glyphForCodePoint('黑'.codePointAt(0)!).id).toBe(0);
    expect(subsetFont(fullBytes, (cp) => keep.has(cp))!.length).toBeLessThan(fullBytes.length / 10);
  });

  it('leaves what it cannot subset to be copied whole', () => {
    expect(subsetFont(Buffer.from('wOFF not a TrueType file'), () => true)).toBeUndefined();
  });
});
