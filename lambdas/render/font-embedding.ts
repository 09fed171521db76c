// Embedding: what pdfkit asks of a font for every document, worked out once per process.
//
// pdfkit makes a fresh EmbeddedFont per document, so by itself it lays out every string again
// (twice or three times per text() with OpenType features, which bypass its own cache), and
// fontkit's TTFSubset decodes every glyph's outline again to subset it. The object paint hands
// to pdfkit is the parsed font with two methods replaced: `layout` answers from a per-process
// cache, and `createSubset` returns a subset that copies each glyph's bytes from the font file,
// looked up once per glyph (truetype-subset.ts). Both give exactly what fontkit gives, byte for
// byte (tested against fontkit), so the PDFs do not change. CFF-based and variable fonts keep
// fontkit's subsetter.
import type * as fontkit from 'fontkit';
import type { Subsetter } from './truetype-subset.js';

/** One string laid out: fontkit's glyphs, and positions in font units kept as fontkit returned them. */
export interface CachedRun {
  glyphs: fontkit.Glyph[];
  positions: readonly GlyphPositionLike[];
  /** In font units. */
  advanceWidth: number;
}

interface GlyphPositionLike {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

/** Strings remembered per font; past this the cache starts over (a worker may live for days). */
const RUN_CACHE_LIMIT = 20_000;

export function cachedLayout(font: fontkit.Font): (text: string, features?: readonly string[]) => CachedRun {
  const runs = new Map<string, CachedRun>();
  return (text, features) => {
    // `layout(text)` and `layout(text, [])` are kept apart: pdfkit calls the first, measure the second.
    const key = features === undefined ? `\u0001${text}` : `${features.join(',')}\u0000${text}`;
    let run = runs.get(key);
    if (run === undefined) {
      if (runs.size >= RUN_CACHE_LIMIT) runs.clear();
      const r = font.layout(text, features === undefined ? undefined : [...features]);
      const positions = r.positions.map(({ xAdvance, yAdvance, xOffset, yOffset }) => ({ xAdvance, yAdvance, xOffset, yOffset }));
      run = { glyphs: r.glyphs, positions, advanceWidth: r.advanceWidth };
      runs.set(key, run);
    }
    return run;
  };
}

/** A position as fontkit makes them: one class, so pdfkit's `for … in` over its fields stays on V8's fast path. */
class Position implements GlyphPositionLike {
  constructor(
    public xAdvance: number,
    public yAdvance: number,
    public xOffset: number,
    public yOffset: number,
  ) {}
}

/** What pdfkit reads of a layout result: it scales the positions in place, so each call gets fresh ones. */
function freshRun(run: CachedRun): { glyphs: fontkit.Glyph[]; positions: GlyphPositionLike[]; readonly advanceWidth: number } {
  const positions = run.positions.map((p) => new Position(p.xAdvance, p.yAdvance, p.xOffset, p.yOffset));
  return {
    glyphs: run.glyphs,
    positions,
    // Read after pdfkit has scaled the positions, as fontkit's GlyphRun getter is.
    get advanceWidth() {
      let width = 0;
      for (const p of positions) width += p.xAdvance;
      return width;
    },
  };
}

export function embeddable(font: fontkit.Font, subsetter: Subsetter, layout: (text: string, features?: readonly string[]) => CachedRun): fontkit.Font {
  // Everything else pdfkit reads (metrics, tables, names) comes from the parsed font through the prototype.
  const source = Object.create(font) as fontkit.Font;
  source.layout = ((text: string, features?: string[]) => freshRun(layout(text, features))) as unknown as fontkit.Font['layout'];
  // Otherwise fontkit's own subsetter, through the prototype (see trueTypeSubsetter for which fonts).
  if (subsetter.by === 'glyph-copy') source.createSubset = () => subsetter.create() as unknown as fontkit.Subset;
  return source;
}
