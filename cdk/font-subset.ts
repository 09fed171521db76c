// Build-time subsetting of the worker's font files: a TrueType font keeps every table and every
// glyph id, but glyphs no kept character can reach are emptied and the cmap maps only the kept
// characters. So a character the subset keeps lays out, measures and embeds exactly as from the
// full file (same glyph ids, same GSUB/GPOS, same head/hhea/maxp, which pdfkit's subset copies),
// and one it drops reads as missing, so the font pack falls back to the next font that has it.
import * as fontkit from 'fontkit';
import { Writer, concat, readFormat14, sfnt, subsetCmap, tableDirectory, view } from './font-tables.js';

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
  if (!tables || !glyf || !loca || !head || !cmap || table('fvar')) return undefined;
  const font = fontkit.create(Buffer.from(file.buffer, file.byteOffset, file.byteLength)) as fontkit.Font;
  const map = new Map<number, number>();
  for (const cp of font.characterSet) if (keep(cp)) map.set(cp, font.glyphForCodePoint(cp).id);
  const glyphs = glyphTable(glyf, loca, view(head).getInt16(50) === 1);
  const kept = keptGlyphs(font, map, cmap, glyphs.glyph);
  const replaced: Record<string, Uint8Array> = { ...emptiedGlyphs(glyphs, kept, font.numGlyphs), cmap: subsetCmap(cmap, map, keep) };
  return sfnt(
    file,
    tables.map((t) => ({ tag: t.tag, bytes: replaced[t.tag] ?? t.bytes })),
  );
}

/** The glyf table read through loca: each glyph's bytes by id. */
interface GlyphTable {
  longLoca: boolean;
  glyph: (gid: number) => Uint8Array;
}

function glyphTable(glyf: Uint8Array, loca: Uint8Array, longLoca: boolean): GlyphTable {
  const lv = view(loca);
  const offsetOf = (gid: number) => (longLoca ? lv.getUint32(4 * gid) : lv.getUint16(2 * gid) * 2);
  return { longLoca, glyph: (gid) => glyf.subarray(offsetOf(gid), offsetOf(gid + 1)) };
}

/**
 * Every glyph a kept character can reach: its own (cmap `map`), its variation sequences'
 * (format 14), the GSUB substitutions from those, and the components of kept composites.
 */
function keptGlyphs(font: fontkit.Font, map: ReadonlyMap<number, number>, cmap: Uint8Array, glyph: (gid: number) => Uint8Array): Set<number> {
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
  return kept;
}

/** glyf and loca with every glyph but the kept ones emptied; glyph ids do not change. */
function emptiedGlyphs({ longLoca, glyph }: GlyphTable, kept: ReadonlySet<number>, numGlyphs: number): { glyf: Uint8Array; loca: Uint8Array } {
  const parts: Uint8Array[] = [];
  const offsets: number[] = [0];
  for (let gid = 0; gid < numGlyphs; gid++) {
    // Each glyph keeps its own padding, so offsets stay even for a short loca.
    if (kept.has(gid)) parts.push(glyph(gid));
    offsets.push(offsets.at(-1)! + (kept.has(gid) ? glyph(gid).length : 0));
  }
  const newLoca = new Writer();
  for (const o of offsets) longLoca ? newLoca.u32(o) : newLoca.u16(o / 2);
  return { glyf: concat(parts), loca: newLoca.done() };
}
