// The font pack: which font file plays which role, parsed once per process.
// pdfkit given a path re-reads and re-parses a 15 MB CJK font for every document; given the
// fontkit Font object parsed here it reuses the parsed tables (design.md "Fonts").
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import * as fontkit from 'fontkit';
import { z } from 'zod';
import { ConfigError, MissingGlyphError } from '../errors.js';
import { describeIssues } from '../issues.js';
import type { FontRole } from './model.js';
import type { Measure } from './layout/types.js';

const ROLES = ['title', 'body', 'heading', 'kai', 'song'] as const satisfies readonly FontRole[];

/** A font pack as configured: a file per role plus a fallback chain tried in order. */
export const FontPackConfig = z.object({
  title: z.string().min(1),
  body: z.string().min(1),
  heading: z.string().min(1),
  kai: z.string().min(1),
  song: z.string().min(1),
  fallback: z.array(z.string().min(1)).default([]),
});
export type FontPackConfig = z.infer<typeof FontPackConfig>;

const require = createRequire(import.meta.url);
function packageFont(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

/**
 * The default pack: open fonts installed from npm. GB/T 9704 names 小标宋, 仿宋, 黑体 and 楷体,
 * which are commercial; Noto Serif SC Bold stands in for 小标宋, Regular for 仿宋 and 宋体,
 * Noto Sans SC Bold for 黑体. There is no open 楷体 on npm, so kai falls back to the body face
 * until an operator configures a licensed one.
 */
export function defaultFontPackConfig(): FontPackConfig {
  const serif = (w: string) => packageFont('@expo-google-fonts/noto-serif-sc', `${w}/NotoSerifSC_${w}.ttf`);
  const sans = (w: string) => packageFont('@expo-google-fonts/noto-sans-sc', `${w}/NotoSansSC_${w}.ttf`);
  return {
    title: serif('700Bold'),
    body: serif('400Regular'),
    heading: sans('700Bold'),
    kai: serif('400Regular'),
    song: serif('400Regular'),
    fallback: [sans('400Regular')],
  };
}

/** Reads a pack from a JSON file whose relative paths are relative to the file itself. */
export function readFontPackConfig(file: string): FontPackConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(`font pack ${file}: cannot be read as JSON (${(e as Error).message})`);
  }
  const parsed = FontPackConfig.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(`font pack ${file}: ${describeIssues(parsed.error.issues)}`);
  }
  const base = dirname(resolve(file));
  const abs = (p: string) => (isAbsolute(p) ? p : join(base, p));
  const c = parsed.data;
  return { title: abs(c.title), body: abs(c.body), heading: abs(c.heading), kai: abs(c.kai), song: abs(c.song), fallback: c.fallback.map(abs) };
}

export interface LoadedFont {
  /** Stable name under which paint registers the font with pdfkit (one per file, so roles sharing a file share a subset). */
  name: string;
  file: string;
  font: fontkit.Font;
  /** The font as paint hands it to pdfkit: `font`, with its layouts and subset glyph data kept for the process (embedding below). */
  embeddable: fontkit.Font;
  /** fontkit's layout of `text`, remembered: measuring and painting ask for the same strings again and again. */
  layout(text: string, features?: readonly string[]): CachedRun;
}

export interface FontPack {
  /** The primary font of each role. */
  role(role: FontRole): LoadedFont;
  /** The font that draws `codePoint` in `role`: the role's own font, else the first fallback that has it; undefined if none. */
  fontFor(role: FontRole, codePoint: number): LoadedFont | undefined;
  /** Throws MissingGlyphError naming `field` for the first character of `text` that no font can draw. */
  assertDrawable(text: string, role: FontRole, field: string): void;
  measure: Measure;
  /** Identifies the pack's font files, recorded with every document version. */
  hash: string;
  fonts: readonly LoadedFont[];
}

/** Characters that are layout, not ink: never looked up in a font. */
function isInvisible(cp: number): boolean {
  return cp === 0x20 || cp === 0x3000 || cp === 0x0a || cp === 0x09;
}

/** `warm`: lay a string out now, for a font every document uses; a fallback pays that on first use, if ever. */
function openFont(file: string, index: number, warm: boolean): LoadedFont {
  let font: fontkit.Font;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
    // create may return a collection; a pack names single fonts.
    font = fontkit.create(bytes) as fontkit.Font;
  } catch (e) {
    throw new ConfigError(`font pack: cannot open ${file} (${(e as Error).message})`);
  }
  if (typeof font.layout !== 'function') throw new ConfigError(`font pack: ${file} is a font collection; name one font of it`);
  // The first layout parses cmap, GSUB and GPOS (20–60 ms): pay it here, once per process.
  if (warm) font.layout('国2026', ['hwid']);
  const layout = cachedLayout(font);
  return { name: `F${index}`, file, font, layout, embeddable: embeddable(font, bytes, layout) };
}

export function loadFontPack(config: FontPackConfig): FontPack {
  const byFile = new Map<string, LoadedFont>();
  const load = (file: string, warm: boolean) => {
    let f = byFile.get(file);
    if (!f) {
      f = openFont(file, byFile.size, warm);
      byFile.set(file, f);
    }
    return f;
  };
  const roles = new Map<FontRole, LoadedFont>(ROLES.map((r) => [r, load(config[r], true)]));
  const fallback = config.fallback.map((file) => load(file, false));
  const coverage = new Map<LoadedFont, Map<number, boolean>>();
  const has = (f: LoadedFont, cp: number) => {
    let m = coverage.get(f);
    if (!m) coverage.set(f, (m = new Map()));
    let v = m.get(cp);
    if (v === undefined) m.set(cp, (v = f.font.hasGlyphForCodePoint(cp)));
    return v;
  };
  const role = (r: FontRole) => roles.get(r)!;
  const fontFor = (r: FontRole, cp: number) => {
    const own = role(r);
    if (has(own, cp)) return own;
    return fallback.find((f) => has(f, cp));
  };

  const ascents = new Map<FontRole, number>();
  const measure: Measure = {
    advance(text, r, size, features = []) {
      const f = role(r);
      return (f.layout(text, features).advanceWidth * size) / f.font.unitsPerEm;
    },
    ascent(r, size) {
      let a = ascents.get(r);
      if (a === undefined) {
        // The ideographic em box: OS/2 typo metrics span exactly one em in CJK fonts (880/−120 in Noto).
        const f = role(r).font;
        const os2 = f['OS/2'] as { typoAscender?: number; typoDescender?: number } | undefined;
        const asc = os2?.typoAscender ?? f.ascent;
        const desc = os2?.typoDescender ?? f.descent;
        a = asc / (asc - desc);
        ascents.set(r, a);
      }
      return a * size;
    },
  };

  const fonts = [...byFile.values()];
  const hash = createHash('sha256');
  // The file's size too: a subset (the worker asset's title and heading faces) keeps the full font's head table.
  for (const f of fonts) hash.update(`${f.font.postscriptName}|${f.font.numGlyphs}|${(f.font as unknown as { head: { checkSumAdjustment: number } }).head.checkSumAdjustment}|${statSync(f.file).size}\n`);

  return {
    role,
    fontFor,
    assertDrawable(text, r, field) {
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        if (!isInvisible(cp) && !fontFor(r, cp)) throw new MissingGlyphError(ch, field);
      }
    },
    measure,
    hash: hash.digest('hex').slice(0, 16),
    fonts,
  };
}

let cached: FontPack | undefined;

/**
 * The process's font pack, loaded on first use and kept: from the JSON file named by
 * NOTICE_FONT_PACK when set, else the default open pack.
 */
export function fontPack(): FontPack {
  if (!cached) {
    const file = process.env.NOTICE_FONT_PACK;
    cached = loadFontPack(file ? readFontPackConfig(file) : defaultFontPackConfig());
  }
  return cached;
}

// ---------------------------------------------------------------------------------------------
// Embedding: what pdfkit asks of a font for every document, worked out once per process.
//
// pdfkit makes a fresh EmbeddedFont per document, so by itself it lays out every string again
// (twice or three times per text() with OpenType features, which bypass its own cache), and
// fontkit's TTFSubset decodes every glyph's outline again to subset it. The object paint hands
// to pdfkit is the parsed font with two methods replaced: `layout` answers from a per-process
// cache, and `createSubset` returns a subset that copies each glyph's bytes from the font file,
// looked up once per glyph. Both give exactly what fontkit gives, byte for byte (tested against
// fontkit), so the PDFs do not change. CFF-based and variable fonts keep fontkit's subsetter.

/** One string laid out: fontkit's glyphs, and positions in font units kept as fontkit returned them. */
interface CachedRun {
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

function cachedLayout(font: fontkit.Font): (text: string, features?: readonly string[]) => CachedRun {
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

function embeddable(font: fontkit.Font, file: Uint8Array, layout: (text: string, features?: readonly string[]) => CachedRun): fontkit.Font {
  // Everything else pdfkit reads (metrics, tables, names) comes from the parsed font through the prototype.
  const source = Object.create(font) as fontkit.Font;
  source.layout = ((text: string, features?: string[]) => freshRun(layout(text, features))) as unknown as fontkit.Font['layout'];
  const tables = sfntTables(file);
  if (tables.has('glyf') && tables.has('loca') && !tables.has('fvar')) {
    let glyphs: SubsetGlyphSource | undefined;
    source.createSubset = () => new GlyphSubset((glyphs ??= subsetGlyphSource(file, tables))) as unknown as fontkit.Subset;
  }
  return source;
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

/** Where each table of a TrueType file is: its table directory (empty for WOFF, collections and CFF-flavoured files). */
function sfntTables(file: Uint8Array): Map<string, { offset: number; length: number }> {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const tables = new Map<string, { offset: number; length: number }>();
  const version = view.getUint32(0);
  if (version !== 0x00010000 && version !== 0x74727565 /* 'true' */) return tables;
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
class GlyphSubset {
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
