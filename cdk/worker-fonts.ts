// Which characters each of the worker's font files keeps, and the subset files made from them,
// cached across synths (see font-subset.ts for how a file is subset).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { writeAtomically } from './cache-file.js';
import { subsetFont } from './font-subset.js';

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
    const key = createHash('sha256')
      .update(`${SUBSET_FORMAT}\0${keep}\0${this.dependencyHash(keep)}\0`)
      .update(font);
    const cached = join(this.cacheDir, `${key.digest('hex').slice(0, 24)}.ttf`);
    if (existsSync(cached)) return cached;
    const subset = subsetFont(font, this.keeper(keep));
    if (!subset) return from;
    mkdirSync(this.cacheDir, { recursive: true });
    writeAtomically(cached, subset);
    return cached;
  }
}
