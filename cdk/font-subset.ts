// Build-time subsetting of the worker's font files: a TrueType font keeps every table and every
// glyph id, but glyphs no kept character can reach are emptied and the cmap maps only the kept
// characters. So a character the subset keeps lays out, measures and embeds exactly as from the
// full file (same glyph ids, same GSUB/GPOS, same head/hhea/maxp, which pdfkit's subset copies),
// and one it drops reads as missing, so the font pack falls back to the next font that has it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';

interface TableEntry {
  tag: string;
  bytes: Uint8Array;
}

function tableDirectory(file: Uint8Array): TableEntry[] | undefined {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const version = view.getUint32(0);
  if (version !== 0x00010000 && version !== 0x74727565 /* 'true' */) return undefined;
  const tables: TableEntry[] = [];
  for (let i = 0; i < view.getUint16(4); i++) {
    const at = 12 + 16 * i;
    const offset = view.getUint32(at + 8);
    tables.push({ tag: String.fromCharCode(...file.subarray(at, at + 4)), bytes: file.subarray(offset, offset + view.getUint32(at + 12)) });
  }
  return tables;
}

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

// fontkit's parsed GSUB (restructure's lazy arrays or plain ones); only what the closure reads.
interface Coverage {
  version: 1 | 2;
  glyphs?: ArrayLike<number>;
  rangeRecords?: ArrayLike<{ start: number; end: number }>;
}
interface SubTable {
  version?: number;
  coverage: Coverage;
  deltaGlyphID?: number;
  substitute?: ArrayLike<number>;
  sequences?: ArrayLike<ArrayLike<number>>;
  alternateSet?: ArrayLike<ArrayLike<number>>;
  ligatureSets?: ArrayLike<ArrayLike<{ glyph: number; components: ArrayLike<number> }>>;
  lookupType?: number;
  extension?: SubTable;
}
interface Lookup {
  lookupType: number;
  subTables: ArrayLike<SubTable>;
}
type Lazy<T> = ArrayLike<T> & { toArray?: () => T[] };
const list = <T>(a: ArrayLike<T> | undefined): T[] => (a === undefined ? [] : (a as Lazy<T>).toArray ? (a as Lazy<T>).toArray!() : Array.from(a));

function coverageGlyphs(c: Coverage): number[] {
  if (c.version === 1) return list(c.glyphs);
  return list(c.rangeRecords).flatMap((r) => Array.from({ length: r.end - r.start + 1 }, (_, i) => r.start + i));
}

/**
 * Adds to `kept` every glyph a GSUB substitution can produce from kept glyphs (single, multiple,
 * alternate, ligature), until nothing changes. Context lookups only call these, so taking every
 * lookup regardless of context keeps a superset of what layout can reach.
 */
function closeOverGsub(lookups: readonly Lookup[], kept: Set<number>): void {
  let grew = true;
  const add = (g: number) => {
    if (!kept.has(g)) {
      kept.add(g);
      grew = true;
    }
  };
  while (grew) {
    grew = false;
    for (const lookup of lookups) {
      for (let sub of list(lookup.subTables)) {
        let type = lookup.lookupType;
        if (type === 7) {
          type = sub.lookupType!;
          sub = sub.extension!;
        }
        if (type === 5 || type === 6 || type === 8) continue;
        const covered = coverageGlyphs(sub.coverage);
        covered.forEach((g, i) => {
          if (!kept.has(g)) return;
          if (type === 1) add(sub.version === 1 ? (g + sub.deltaGlyphID!) & 0xffff : list(sub.substitute)[i]!);
          else if (type === 2) list(list(sub.sequences)[i]).forEach(add);
          else if (type === 3) list(list(sub.alternateSet)[i]).forEach(add);
          else if (type === 4) {
            for (const lig of list(list(sub.ligatureSets)[i])) if (list(lig.components).every((c) => kept.has(c))) add(lig.glyph);
          } else throw new Error(`font subset: GSUB lookup type ${type} is not known`);
        });
      }
    }
  }
}

// Composite glyph flags (OpenType glyf table).
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

function components(glyph: Uint8Array): number[] {
  if (glyph.length === 0 || view(glyph).getInt16(0) >= 0) return [];
  const g = view(glyph);
  const ids: number[] = [];
  let at = 10;
  let flags: number;
  do {
    flags = g.getUint16(at);
    ids.push(g.getUint16(at + 2));
    at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) at += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
  } while (flags & MORE_COMPONENTS);
  return ids;
}

class Writer {
  private readonly bytes: number[] = [];
  u8(v: number) {
    this.bytes.push(v & 0xff);
    return this;
  }
  u16(v: number) {
    return this.u8(v >>> 8).u8(v);
  }
  u24(v: number) {
    return this.u8(v >>> 16).u16(v);
  }
  u32(v: number) {
    return this.u16(v >>> 16).u16(v);
  }
  get length() {
    return this.bytes.length;
  }
  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/** cmap format 4 (BMP): one segment per run of consecutive code points, glyph ids in glyphIdArray. */
function format4(map: ReadonlyMap<number, number>): Uint8Array {
  const cps = [...map.keys()].filter((cp) => cp <= 0xfffe).sort((a, b) => a - b);
  const segments: { start: number; end: number }[] = [];
  for (const cp of cps) {
    const last = segments.at(-1);
    if (last && last.end === cp - 1) last.end = cp;
    else segments.push({ start: cp, end: cp });
  }
  segments.push({ start: 0xffff, end: 0xffff }); // the required last segment
  const n = segments.length;
  const w = new Writer();
  const length = 16 + 8 * n + 2 * cps.length;
  if (length > 0xffff) throw new Error(`font subset: ${cps.length} BMP characters do not fit a cmap format 4 subtable`);
  const power = 2 ** Math.floor(Math.log2(n));
  w.u16(4).u16(length).u16(0).u16(2 * n).u16(2 * power).u16(Math.log2(power)).u16(2 * n - 2 * power);
  for (const s of segments) w.u16(s.end);
  w.u16(0);
  for (const s of segments) w.u16(s.start);
  for (let i = 0; i < n; i++) w.u16(i === n - 1 ? 1 : 0); // idDelta: 0xFFFF → glyph 0
  let glyphIndex = 0;
  segments.forEach((s, i) => {
    if (i === n - 1) return void w.u16(0);
    // idRangeOffset: from this word to the segment's first entry in glyphIdArray.
    w.u16(2 * (n - i) + 2 * glyphIndex);
    glyphIndex += s.end - s.start + 1;
  });
  for (const cp of cps) w.u16(map.get(cp)!);
  return w.done();
}

/** cmap format 12: groups of consecutive code points with consecutive glyph ids. */
function format12(map: ReadonlyMap<number, number>): Uint8Array {
  const groups: { start: number; end: number; glyph: number }[] = [];
  for (const cp of [...map.keys()].sort((a, b) => a - b)) {
    const gid = map.get(cp)!;
    const last = groups.at(-1);
    if (last && last.end === cp - 1 && last.glyph + (cp - last.start) === gid) last.end = cp;
    else groups.push({ start: cp, end: cp, glyph: gid });
  }
  const w = new Writer().u16(12).u16(0).u32(16 + 12 * groups.length).u32(0).u32(groups.length);
  for (const g of groups) w.u32(g.start).u32(g.end).u32(g.glyph);
  return w.done();
}

interface VariationSelector {
  selector: number;
  defaults: { start: number; count: number }[];
  glyphs: { cp: number; glyph: number }[];
}

function readFormat14(t: Uint8Array): VariationSelector[] {
  const v = view(t);
  const u24 = (at: number) => (v.getUint8(at) << 16) | v.getUint16(at + 1);
  const out: VariationSelector[] = [];
  for (let i = 0; i < v.getUint32(6); i++) {
    const at = 10 + 11 * i;
    const defaults: VariationSelector['defaults'] = [];
    const glyphs: VariationSelector['glyphs'] = [];
    const d = v.getUint32(at + 3);
    if (d) for (let k = 0; k < v.getUint32(d); k++) defaults.push({ start: u24(d + 4 + 4 * k), count: v.getUint8(d + 7 + 4 * k) });
    const nd = v.getUint32(at + 7);
    if (nd) for (let k = 0; k < v.getUint32(nd); k++) glyphs.push({ cp: u24(nd + 4 + 5 * k), glyph: v.getUint16(nd + 7 + 5 * k) });
    out.push({ selector: u24(at), defaults, glyphs });
  }
  return out;
}

function format14(selectors: readonly VariationSelector[]): Uint8Array {
  const header = 10 + 11 * selectors.length;
  const bodies: Uint8Array[] = [];
  const offsets: [number, number][] = [];
  let at = header;
  for (const s of selectors) {
    let d = 0;
    let nd = 0;
    if (s.defaults.length) {
      const w = new Writer().u32(s.defaults.length);
      for (const r of s.defaults) w.u24(r.start).u8(r.count);
      bodies.push(w.done());
      d = at;
      at += w.length;
    }
    if (s.glyphs.length) {
      const w = new Writer().u32(s.glyphs.length);
      for (const g of s.glyphs) w.u24(g.cp).u16(g.glyph);
      bodies.push(w.done());
      nd = at;
      at += w.length;
    }
    offsets.push([d, nd]);
  }
  const w = new Writer().u16(14).u32(at).u32(selectors.length);
  selectors.forEach((s, i) => w.u24(s.selector).u32(offsets[i]![0]).u32(offsets[i]![1]));
  return concat([w.done(), ...bodies]);
}

const concat = (parts: readonly Uint8Array[]): Uint8Array => Buffer.concat(parts);

/** The cmap rebuilt with the same encoding records, each subtable holding only `map` (and the kept variation sequences). */
function subsetCmap(cmap: Uint8Array, map: ReadonlyMap<number, number>, keep: (cp: number) => boolean): Uint8Array {
  const v = view(cmap);
  const records: { platform: number; encoding: number; offset: number }[] = [];
  for (let i = 0; i < v.getUint16(2); i++) records.push({ platform: v.getUint16(4 + 8 * i), encoding: v.getUint16(6 + 8 * i), offset: v.getUint32(8 + 8 * i) });
  const built = new Map<number, Uint8Array>();
  for (const { offset } of records) {
    if (built.has(offset)) continue;
    const format = v.getUint16(offset);
    if (format === 4) built.set(offset, format4(map));
    else if (format === 12) built.set(offset, format12(map));
    else if (format === 14) {
      const selectors = readFormat14(cmap.subarray(offset, offset + v.getUint32(offset + 2)));
      built.set(
        offset,
        format14(selectors.map((s) => ({ selector: s.selector, defaults: s.defaults, glyphs: s.glyphs.filter((g) => keep(g.cp) && map.has(g.cp)) }))),
      );
    } else throw new Error(`font subset: cmap format ${format} is not supported`);
  }
  const header = new Writer().u16(0).u16(records.length);
  const placed = new Map<number, number>();
  let at = 4 + 8 * records.length;
  for (const [offset, bytes] of built) {
    placed.set(offset, at);
    at += bytes.length;
  }
  for (const r of records) header.u16(r.platform).u16(r.encoding).u32(placed.get(r.offset)!);
  return concat([header.done(), ...built.values()]);
}

function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array((bytes.length + 3) & ~3);
  padded.set(bytes);
  const v = view(padded);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  return sum;
}

/** An sfnt with the original header fields, tables in the original order, 4-byte aligned. */
function sfnt(original: Uint8Array, tables: readonly TableEntry[]): Uint8Array {
  const head = new Uint8Array(12 + 16 * tables.length);
  head.set(original.subarray(0, 12));
  const hv = view(head);
  const parts: Uint8Array[] = [head];
  let offset = head.length;
  tables.forEach(({ tag, bytes }, i) => {
    const at = 12 + 16 * i;
    for (let k = 0; k < 4; k++) head[at + k] = tag.charCodeAt(k);
    hv.setUint32(at + 4, checksum(bytes));
    hv.setUint32(at + 8, offset);
    hv.setUint32(at + 12, bytes.length);
    const padded = new Uint8Array((bytes.length + 3) & ~3);
    padded.set(bytes);
    parts.push(padded);
    offset += padded.length;
  });
  return concat(parts);
}

/**
 * The font in `file` keeping only the characters `keep` accepts, or undefined where the file is
 * not a plain TrueType font (CFF-flavoured, a collection, WOFF): those are copied whole. The head
 * table is left as it is, checkSumAdjustment included, so that what pdfkit embeds of a kept glyph
 * is byte for byte what the full file gives; nothing here reads that checksum.
 */
export function subsetFont(file: Uint8Array, keep: (codePoint: number) => boolean): Uint8Array | undefined {
  const tables = tableDirectory(file);
  const table = (tag: string) => tables?.find((t) => t.tag === tag)?.bytes;
  const [glyf, loca, head, cmap] = [table('glyf'), table('loca'), table('head'), table('cmap')];
  if (!glyf || !loca || !head || !cmap || table('fvar')) return undefined;
  const font = fontkit.create(Buffer.from(file.buffer, file.byteOffset, file.byteLength)) as fontkit.Font;
  const map = new Map<number, number>();
  for (const cp of font.characterSet) if (keep(cp)) map.set(cp, font.glyphForCodePoint(cp).id);

  const kept = new Set<number>([0, ...map.values()]);
  const cmapView = view(cmap);
  for (let i = 0; i < cmapView.getUint16(2); i++) {
    const offset = cmapView.getUint32(8 + 8 * i);
    if (cmapView.getUint16(offset) !== 14) continue;
    for (const s of readFormat14(cmap.subarray(offset, offset + cmapView.getUint32(offset + 2)))) {
      for (const g of s.glyphs) if (map.has(g.cp)) kept.add(g.glyph);
    }
  }
  const gsub = (font as unknown as { GSUB?: { lookupList: ArrayLike<Lookup> } }).GSUB;
  if (gsub) closeOverGsub(list(gsub.lookupList), kept);

  const longLoca = view(head).getInt16(50) === 1;
  const lv = view(loca);
  const offsetOf = (gid: number) => (longLoca ? lv.getUint32(4 * gid) : lv.getUint16(2 * gid) * 2);
  const glyph = (gid: number) => glyf.subarray(offsetOf(gid), offsetOf(gid + 1));
  // Components of kept composites are kept too (they may nest).
  const pending = [...kept];
  while (pending.length) {
    for (const c of components(glyph(pending.pop()!))) {
      if (!kept.has(c)) {
        kept.add(c);
        pending.push(c);
      }
    }
  }

  const parts: Uint8Array[] = [];
  const offsets: number[] = [0];
  for (let gid = 0; gid < font.numGlyphs; gid++) {
    // Each glyph keeps its own padding, so offsets stay even for a short loca.
    if (kept.has(gid)) parts.push(glyph(gid));
    offsets.push(offsets.at(-1)! + (kept.has(gid) ? glyph(gid).length : 0));
  }
  const newLoca = new Writer();
  for (const o of offsets) longLoca ? newLoca.u32(o) : newLoca.u16(o / 2);
  const replaced: Record<string, Uint8Array> = { glyf: concat(parts), loca: newLoca.done(), cmap: subsetCmap(cmap, map, keep) };
  return sfnt(
    file,
    tables!.map((t) => ({ tag: t.tag, bytes: replaced[t.tag] ?? t.bytes })),
  );
}

/**
 * Which characters the asset keeps of a font file (all of a file any body role uses):
 *   common      the title and heading faces (小标宋, 黑体): every character but the ideographs outside
 *               GB 2312 and the project's own text, which fall back to the full body face;
 *   body-lacks  a fallback font: only what the body face lacks.
 */
export type FontKeep = 'common' | 'body-lacks';

/** CJK ideographs: the unified blocks, extension A and beyond, and the compatibility ideographs. */
function isIdeograph(cp: number): boolean {
  return (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || cp >= 0x20000;
}

/** Every character of GB 2312 (rows 0xA1–0xF7, cells 0xA1–0xFE), decoded with the WHATWG GBK decoder. */
function gb2312(): Set<number> {
  const decoder = new TextDecoder('gbk');
  const out = new Set<number>();
  for (let row = 0xa1; row <= 0xf7; row++) {
    for (let cell = 0xa1; cell <= 0xfe; cell++) {
      const ch = decoder.decode(Uint8Array.of(row, cell));
      if (ch.length === 1 && ch !== '\ufffd') out.add(ch.codePointAt(0)!);
    }
  }
  return out;
}

/** Files whose text titles and headings print besides case data: the templates and the document types' names. */
function projectTextFiles(projectRoot: string): string[] {
  const templates = join(projectRoot, 'templates');
  return [
    ...readdirSync(templates, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.hbs'))
      .sort()
      .map((f) => join(templates, f)),
    join(projectRoot, 'lambdas/catalogue/doc-types.ts'),
  ];
}

/** Bumped whenever subsetFont's output changes for the same input, so the cache below is not trusted across it. */
const SUBSET_FORMAT = 1;

/**
 * The worker's subset font files, made on first use and kept in .cache/worker-fonts/ under a
 * hash of everything they depend on (the font, the body font, the kept text), so a synth after
 * the first copies them instead of subsetting again.
 */
export class FontSubsets {
  private bodyChars: Set<number> | undefined;
  private commonChars: Set<number> | undefined;
  private readonly dependencyHashes = new Map<FontKeep, string>();
  private readonly cacheDir: string;

  constructor(
    private readonly projectRoot: string,
    private readonly bodyFile: string,
  ) {
    this.cacheDir = join(projectRoot, '.cache/worker-fonts');
  }

  private body(): Set<number> {
    this.bodyChars ??= new Set((fontkit.create(readFileSync(this.bodyFile)) as fontkit.Font).characterSet);
    return this.bodyChars;
  }

  private common(): Set<number> {
    if (!this.commonChars) {
      this.commonChars = gb2312();
      for (const file of projectTextFiles(this.projectRoot)) for (const ch of readFileSync(file, 'utf8')) this.commonChars.add(ch.codePointAt(0)!);
    }
    return this.commonChars;
  }

  private keeper(keep: FontKeep): (cp: number) => boolean {
    const body = this.body();
    if (keep === 'body-lacks') return (cp) => !body.has(cp);
    const common = this.common();
    return (cp) => !isIdeograph(cp) || common.has(cp) || !body.has(cp);
  }

  /** A hash of what every subset depends on besides its own font: the body font, and for 'common' the kept text (read once). */
  private dependencyHash(keep: FontKeep): string {
    let hash = this.dependencyHashes.get(keep);
    if (!hash) {
      const h = createHash('sha256').update(readFileSync(this.bodyFile));
      if (keep === 'common') for (const file of projectTextFiles(this.projectRoot)) h.update(readFileSync(file));
      hash = h.digest('hex');
      this.dependencyHashes.set(keep, hash);
    }
    return hash;
  }

  /** The path of `from` subset as `keep` says; `from` itself where it cannot be subset. */
  file(from: string, keep: FontKeep): string {
    const font = readFileSync(from);
    const key = createHash('sha256').update(`${SUBSET_FORMAT}\0${keep}\0${this.dependencyHash(keep)}\0`).update(font);
    const cached = join(this.cacheDir, `${key.digest('hex').slice(0, 24)}.ttf`);
    if (existsSync(cached)) return cached;
    const subset = subsetFont(font, this.keeper(keep));
    if (!subset) return from;
    mkdirSync(this.cacheDir, { recursive: true });
    // Written under a private name and renamed: a concurrent synth never copies half a file.
    writeFileSync(`${cached}.${process.pid}`, subset);
    renameSync(`${cached}.${process.pid}`, cached);
    return cached;
  }
}
