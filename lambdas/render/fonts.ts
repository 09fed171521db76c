// The font pack: which font file plays which role, each read and parsed once per process, when
// the pack is loaded (at process start), so no document pays for it.
// pdfkit given a path re-reads and re-parses a 15 MB CJK font for every document; given the
// fontkit Font object parsed here it reuses the parsed tables (design.md "Fonts").
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import * as fontkit from 'fontkit';
import * as z from 'zod';
import { ConfigError, MissingGlyphError } from '../errors.js';
import { describeIssues } from '../zod-issues.js';
import type { FontRole } from './model.js';
import type { Measure } from './layout/types.js';
import { type Subsetter, trueTypeSubsetter } from './truetype-subset.js';
import { cachedLayout, embeddable, type CachedRun } from './font-embedding.js';

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
  /** Who subsets it for each PDF: the glyph-copying subsetter, or fontkit (CFF-flavoured and variable fonts). */
  subsetting: Subsetter['by'];
  /** The file's size in bytes (the pack's hash). */
  bytes: number;
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

/** A font of the pack, read and parsed now, and its line in the pack's hash. */
function openFont(file: string, index: number): { font: LoadedFont; identity: string } {
  let bytes: Buffer;
  let font: fontkit.Font;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new ConfigError(`font pack: cannot open ${file} (${(e as Error).message})`);
  }
  // WOFF2 tables are brotli-compressed, and the Lambdas carry no brotli decoder (cdk/bundling.ts).
  if (bytes.subarray(0, 4).toString('latin1') === 'wOF2') throw new ConfigError(`font pack: ${file} is a WOFF2 web font; name its TrueType or OpenType file`);
  try {
    // create may return a collection; a pack names single fonts.
    font = fontkit.create(bytes) as fontkit.Font;
  } catch (e) {
    throw new ConfigError(`font pack: cannot open ${file} (${(e as Error).message})`);
  }
  if (typeof font.layout !== 'function') throw new ConfigError(`font pack: ${file} is a font collection; name one font of it`);
  const layout = cachedLayout(font);
  const subsetter = trueTypeSubsetter(bytes);
  const checkSum = (font as unknown as { head: { checkSumAdjustment: number } }).head.checkSumAdjustment;
  return {
    font: { name: `F${index}`, file, font, embeddable: embeddable(font, subsetter, layout), subsetting: subsetter.by, bytes: bytes.length, layout },
    // The file's size too: a subset (the worker asset's heading face) keeps the full font's head table.
    identity: `${font.postscriptName}|${font.numGlyphs}|${checkSum}|${bytes.length}`,
  };
}

export function loadFontPack(config: FontPackConfig): FontPack {
  const byFile = new Map<string, { font: LoadedFont; identity: string }>();
  const load = (file: string) => {
    let f = byFile.get(file);
    if (!f) {
      f = openFont(file, byFile.size);
      byFile.set(file, f);
    }
    return f.font;
  };
  const roles = new Map<FontRole, LoadedFont>(ROLES.map((r) => [r, load(config[r])]));
  const fallback = config.fallback.map((file) => load(file));
  const has = glyphCoverage();
  const role = (r: FontRole) => roles.get(r)!;
  const fontFor = (r: FontRole, cp: number) => {
    const own = role(r);
    if (has(own, cp)) return own;
    return fallback.find((f) => has(f, cp));
  };

  const hash = createHash('sha256');
  for (const f of byFile.values()) hash.update(`${f.identity}\n`);

  return {
    role,
    fontFor,
    assertDrawable(text, r, field) {
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        if (!isInvisible(cp) && !fontFor(r, cp)) throw new MissingGlyphError(ch, field);
      }
    },
    measure: roleMeasure(role),
    hash: hash.digest('hex').slice(0, 16),
    fonts: [...byFile.values()].map((f) => f.font),
  };
}

/** Widths and ascents of each role's face (OpenType features as asked). */
function roleMeasure(role: (r: FontRole) => LoadedFont): Measure {
  const ascents = new Map<FontRole, number>();
  return {
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
}

/** Whether a font has a glyph for a code point, remembered per font and code point. */
function glyphCoverage(): (f: LoadedFont, cp: number) => boolean {
  const coverage = new Map<LoadedFont, Map<number, boolean>>();
  return (f, cp) => {
    let m = coverage.get(f);
    if (!m) coverage.set(f, (m = new Map()));
    let v = m.get(cp);
    if (v === undefined) m.set(cp, (v = f.font.hasGlyphForCodePoint(cp)));
    return v;
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
