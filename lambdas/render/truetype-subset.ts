// A subsetter for plain TrueType fonts that copies each glyph's bytes from the font file instead
// of decoding its outline, as fontkit's TTFSubset does for every glyph of every document. It
// writes exactly what TTFSubset writes, byte for byte, so PDFs do not change; each glyph is read
// from the file once per process. Fonts it does not handle (CFF outlines, variable fonts,
// collections, WOFF) say so, and keep fontkit's own subsetter (fonts.ts, "Embedding").

/** A subset in pdfkit's hands: glyphs added in first-use order (0 first), then encoded as an sfnt file. */
interface FontSubset {
  includeGlyph(glyph: number | { id: number }): number;
  encode(): Uint8Array;
}

/** How a font's subsets are made: by copying glyph bytes, or by fontkit, and why. */
export type Subsetter =
  | { by: 'glyph-copy'; create(): FontSubset }
  | { by: 'fontkit'; reason: 'CFF outlines' | 'variable font' | 'no glyf table' | 'not a single sfnt font' };

/** The subsetter for a font file's bytes. */
export function trueTypeSubsetter(file: Uint8Array): Subsetter {
  const kind = new DataView(file.buffer, file.byteOffset, file.byteLength).getUint32(0);
  if (kind === 0x4f54544f /* 'OTTO' */) return { by: 'fontkit', reason: 'CFF outlines' };
  const tables = sfntTables(file);
  if (tables.size === 0) return { by: 'fontkit', reason: 'not a single sfnt font' };
  if (!tables.has('glyf') || !tables.has('loca')) return { by: 'fontkit', reason: 'no glyf table' };
  // A variable font's glyphs depend on its instance: fontkit applies the variations as it subsets.
  if (tables.has('fvar')) return { by: 'fontkit', reason: 'variable font' };
  let glyphs: SubsetGlyphSource | undefined;
  return { by: 'glyph-copy', create: () => new GlyphSubset((glyphs ??= subsetGlyphSource(file, tables))) };
}

/** One glyph as fontkit's TTFSubset writes it: its glyf bytes, where its components' ids sit, its metrics. */
interface SubsetGlyph {
  data: Uint8Array;
  /** Components of a composite glyph, in order: the glyph id each names and where that id sits in `data`. */
  components: readonly { glyphID: number; pos: number }[] | null;
  advance: number;
  bearing: number;
}

interface SubsetGlyphSource {
  /** Table tags in the order fontkit writes them, with the bytes of those that do not depend on the glyphs. */
  tables: readonly { tag: string; bytes?: Uint8Array }[];
  locaVersion: 0 | 1;
  glyph(gid: number): SubsetGlyph;
}

/** Where each table of an sfnt file is: its table directory (empty for WOFF and collections); the build's font subsetting reads it too. */
export function sfntTables(file: Uint8Array): Map<string, { offset: number; length: number }> {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const tables = new Map<string, { offset: number; length: number }>();
  const version = view.getUint32(0);
  if (version !== 0x00010000 && version !== 0x74727565 /* 'true' */ && version !== 0x4f54544f /* 'OTTO' */) return tables;
  for (let i = 0; i < view.getUint16(4); i++) {
    const at = 12 + 16 * i;
    tables.set(String.fromCharCode(...file.subarray(at, at + 4)), { offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  return tables;
}

/** Tables a subset carries, in the order fontkit's TTFSubset writes them; loca, glyf and hmtx are built per subset. */
const SUBSET_TABLES = ['head', 'hhea', 'loca', 'maxp', 'cvt ', 'prep', 'glyf', 'hmtx', 'fpgm'] as const;
const BUILT_PER_SUBSET = new Set(['loca', 'glyf', 'hmtx']);

// Composite glyph flags (OpenType glyf table).
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/**
 * Per-glyph subset data of a plain TrueType font, read straight from the file: each glyph's
 * bytes, components and metrics are looked up once, on first use, without decoding outlines or
 * the whole loca table.
 */
function subsetGlyphSource(file: Uint8Array, where: Map<string, { offset: number; length: number }>): SubsetGlyphSource {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const table = (tag: string) => where.get(tag)!;
  const tables = SUBSET_TABLES.filter((tag) => where.has(tag)).map((tag) => {
    if (BUILT_PER_SUBSET.has(tag)) return { tag };
    const t = table(tag);
    return { tag, bytes: file.subarray(t.offset, t.offset + t.length) };
  });
  const locaVersion = view.getInt16(table('head').offset + 50) === 0 ? 0 : 1;
  const loca = table('loca').offset;
  const glyf = table('glyf').offset;
  const hmtx = table('hmtx').offset;
  const numberOfHMetrics = view.getUint16(table('hhea').offset + 34);
  const glyphOffset = (gid: number) => (locaVersion === 0 ? view.getUint16(loca + 2 * gid) * 2 : view.getUint32(loca + 4 * gid));

  const cache = new Map<number, SubsetGlyph>();
  const read = (gid: number): SubsetGlyph => {
    const start = glyphOffset(gid);
    // A copy (a Buffer's slice would be a view into the whole file), so offsets below start at 0.
    const data = new Uint8Array(file.subarray(glyf + start, glyf + glyphOffset(gid + 1)));
    const g = new DataView(data.buffer);
    let components: { glyphID: number; pos: number }[] | null = null;
    if (data.length > 0 && g.getInt16(0) < 0) {
      components = [];
      let at = 10; // past the glyph header
      let flags: number;
      do {
        flags = g.getUint16(at);
        components.push({ glyphID: g.getUint16(at + 2), pos: at + 2 });
        at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
        if (flags & WE_HAVE_A_SCALE) at += 2;
        else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
        else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
      } while (flags & MORE_COMPONENTS);
    }
    // hmtx: full metrics for the first numberOfHMetrics glyphs, then left side bearings only.
    const metric = Math.min(gid, numberOfHMetrics - 1);
    const advance = view.getUint16(hmtx + 4 * metric);
    const bearing = gid < numberOfHMetrics ? view.getInt16(hmtx + 4 * gid + 2) : view.getInt16(hmtx + 4 * numberOfHMetrics + 2 * (gid - numberOfHMetrics));
    return { data, components, advance, bearing };
  };
  return {
    tables,
    locaVersion,
    glyph(gid) {
      let g = cache.get(gid);
      if (g === undefined) cache.set(gid, (g = read(gid)));
      return g;
    },
  };
}

/** A subset in pdfkit's hands: glyph ids in first-use order (0 first), encoded as fontkit's TTFSubset encodes them. */
class GlyphSubset implements FontSubset {
  private readonly glyphs: number[] = [];
  private readonly mapping = new Map<number, number>();

  constructor(private readonly source: SubsetGlyphSource) {
    this.includeGlyph(0);
  }

  includeGlyph(glyph: number | { id: number }): number {
    const gid = typeof glyph === 'number' ? glyph : glyph.id;
    let id = this.mapping.get(gid);
    if (id === undefined) {
      id = this.glyphs.length;
      this.glyphs.push(gid);
      this.mapping.set(gid, id);
    }
    return id;
  }

  encode(): Uint8Array {
    const parts: Uint8Array[] = [];
    const offsets: number[] = [];
    const metrics: { advance: number; bearing: number }[] = [];
    let offset = 0;
    // Components join the subset as their composite is written, so the list may grow as it goes.
    for (let i = 0; i < this.glyphs.length; i++) {
      const g = this.source.glyph(this.glyphs[i]!);
      let data = g.data;
      if (g.components) {
        data = Uint8Array.from(data);
        const view = new DataView(data.buffer);
        for (const c of g.components) view.setUint16(c.pos, this.includeGlyph(c.glyphID));
      }
      parts.push(data);
      offsets.push(offset);
      metrics.push(g);
      offset += data.length;
    }
    offsets.push(offset);
    const n = parts.length;
    const built: Record<string, Uint8Array> = {
      glyf: concatBytes(parts),
      loca: this.source.locaVersion === 0 ? u16s(offsets.map((o) => o >>> 1)) : u32s(offsets),
      hmtx: hmtx(metrics),
    };
    const tables = this.source.tables.map(({ tag, bytes }) => {
      if (!bytes) return { tag, bytes: built[tag]! };
      if (tag === 'maxp') return { tag, bytes: withUint16(bytes, 4, n) };
      if (tag === 'hhea') return { tag, bytes: withUint16(bytes, 34, n) };
      return { tag, bytes };
    });
    return sfnt(tables);
  }
}

function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function u16s(values: readonly number[]): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setUint16(i * 2, v));
  return out;
}

function u32s(values: readonly number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setUint32(i * 4, v));
  return out;
}

function hmtx(metrics: readonly { advance: number; bearing: number }[]): Uint8Array {
  const out = new Uint8Array(metrics.length * 4);
  const view = new DataView(out.buffer);
  metrics.forEach((m, i) => {
    view.setUint16(i * 4, m.advance);
    view.setInt16(i * 4 + 2, m.bearing);
  });
  return out;
}

function withUint16(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  new DataView(out.buffer).setUint16(at, value);
  return out;
}

/** An sfnt file as fontkit writes a subset: tag `true`, zero checksums, tables packed in order without padding. */
function sfnt(tables: readonly { tag: string; bytes: Uint8Array }[]): Uint8Array {
  const n = tables.length;
  const power = 2 ** Math.floor(Math.log2(n));
  const header = new Uint8Array(12 + 16 * n);
  const view = new DataView(header.buffer);
  header.set([0x74, 0x72, 0x75, 0x65]);
  view.setUint16(4, n);
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, n * 16 - power * 16);
  let offset = header.length;
  tables.forEach(({ tag, bytes }, i) => {
    const at = 12 + 16 * i;
    for (let k = 0; k < 4; k++) header[at + k] = tag.charCodeAt(k);
    view.setUint32(at + 4, 0);
    view.setUint32(at + 8, offset);
    view.setUint32(at + 12, bytes.length);
    offset += bytes.length;
  });
  return concatBytes([header, ...tables.map((t) => t.bytes)]);
}
