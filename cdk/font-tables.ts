// The TrueType tables the build-time subsetter reads and rewrites: the sfnt container (its table
// directory, checksums, 4-byte alignment) and the cmap, rebuilt with the same encoding records
// (formats 4, 12 and 14) mapping only the kept characters.
import { sfntTables } from '../lambdas/render/truetype-subset.js';

export interface TableEntry {
  tag: string;
  bytes: Uint8Array;
}

/** The tables of an sfnt file with their bytes, in directory order; undefined for WOFF or a collection. */
export function tableDirectory(file: Uint8Array): TableEntry[] | undefined {
  const where = sfntTables(file);
  if (where.size === 0) return undefined;
  return [...where].map(([tag, { offset, length }]) => ({ tag, bytes: file.subarray(offset, offset + length) }));
}

export const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

export class Writer {
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
  w.u16(4)
    .u16(length)
    .u16(0)
    .u16(2 * n)
    .u16(2 * power)
    .u16(Math.log2(power))
    .u16(2 * n - 2 * power);
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
  const w = new Writer()
    .u16(12)
    .u16(0)
    .u32(16 + 12 * groups.length)
    .u32(0)
    .u32(groups.length);
  for (const g of groups) w.u32(g.start).u32(g.end).u32(g.glyph);
  return w.done();
}

interface VariationSelector {
  selector: number;
  defaults: { start: number; count: number }[];
  glyphs: { cp: number; glyph: number }[];
}

export function readFormat14(t: Uint8Array): VariationSelector[] {
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

export const concat = (parts: readonly Uint8Array[]): Uint8Array => Buffer.concat(parts);

/** The cmap rebuilt with the same encoding records, each subtable holding only `map` (and the kept variation sequences). */
export function subsetCmap(cmap: Uint8Array, map: ReadonlyMap<number, number>, keep: (cp: number) => boolean): Uint8Array {
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
export function sfnt(original: Uint8Array, tables: readonly TableEntry[]): Uint8Array {
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
