// The renderer's speed-ups keep the bytes: the font pack's cached layouts and per-glyph subsets
// (lambdas/render/fonts.ts, "Embedding") give exactly what fontkit and pdfkit give without them.
// The subsetter itself is tested in truetype-subset.test.ts. The bench's before/after figures
// rest on this (its `sameBytes` line checks the same per run).
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { renderConfig } from '../../lambdas/config.js';
import { DOC_TYPES, exampleCase, type DocTypeId } from '../../lambdas/catalogue/index.js';
import { ConfigError } from '../../lambdas/errors.js';
import { defaultFontPackConfig, fontPack, loadFontPack, type FontPack } from '../../lambdas/render/fonts.js';
import { paint } from '../../lambdas/render/paint.js';
import { createRenderer, renderer } from '../../lambdas/render/render-document.js';
import { tempDir } from '../support/temp-dirs.js';

describe('the default pack', () => {
  it('subsets every font with the glyph-copying subsetter, not fontkit’s', () => {
    for (const f of fontPack().fonts) {
      expect(f.subsetting, f.file).toBe('glyph-copy');
      expect(Object.hasOwn(f.embeddable, 'createSubset'), f.file).toBe(true);
    }
  });
});

describe('loading a pack', () => {
  it('reads and parses every font once, at load, and names and hashes them from their own tables', () => {
    const config = defaultFontPackConfig();
    const pack = loadFontPack(config);
    expect(pack.fonts.map((f) => [f.name, f.font.numGlyphs > 0])).toEqual([
      ['F0', true],
      ['F1', true],
      ['F2', true],
      ['F3', true],
    ]);
    // Each file's PostScript name, glyph count, head checksum and size, from fontkit's parse.
    const files = [...new Set([config.title, config.body, config.heading, config.kai, config.song, ...config.fallback])];
    const lines = files.map((file) => {
      const f = fontkit.create(readFileSync(file)) as fontkit.Font;
      return `${f.postscriptName}|${f.numGlyphs}|${(f as unknown as { head: { checkSumAdjustment: number } }).head.checkSumAdjustment}|${statSync(file).size}\n`;
    });
    expect(pack.hash).toBe(createHash('sha256').update(lines.join('')).digest('hex').slice(0, 16));
  });

  it('opens no font again for a document: rendering uses the faces parsed at load', async () => {
    const pack = loadFontPack(defaultFontPackConfig());
    const loaded = pack.fonts.map((f) => [f.font, f.embeddable]);
    const r = createRenderer(renderConfig({ NOTICE_DEMO: 'true' }), pack);
    await r.render({ case: exampleCase('skill-grand-award'), documentNumber: '并人才奖〔2026〕1号' });
    await r.render({ case: exampleCase('staffing-pool-approval'), documentNumber: '并人才批〔2026〕1号' });
    expect(pack.fonts.map((f) => [f.font, f.embeddable])).toEqual(loaded);
    for (const [i, f] of pack.fonts.entries()) expect(f.font).toBe(loaded[i]![0]);
  });

  it('stops at load, naming the file, when a font file cannot be opened', () => {
    const load = () => loadFontPack({ ...defaultFontPackConfig(), heading: '/nonexistent/heading.ttf' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow('/nonexistent/heading.ttf');
  });

  it('refuses a WOFF2 web font, naming the file and what to use instead', () => {
    const file = join(tempDir('notice-woff2-'), 'heading.woff2');
    writeFileSync(file, Buffer.concat([Buffer.from('wOF2', 'latin1'), Buffer.alloc(44)]));
    const load = () => loadFontPack({ ...defaultFontPackConfig(), heading: file });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(`font pack: ${file} is a WOFF2 web font; name its TrueType or OpenType file`);
  });
});

describe('cached layouts', () => {
  const f = fontPack().role('body');

  it('give fontkit’s glyphs and positions, with and without OpenType features', () => {
    for (const [text, features] of [
      ['太原市人才工作领导小组办公室（并发〔2018〕2号）', undefined],
      ['¥500,000.00', ['hwid']],
    ] as const) {
      const cached = f.embeddable.layout(text, features ? [...features] : undefined);
      const direct = f.font.layout(text, features ? [...features] : undefined);
      expect(cached.glyphs.map((g) => g.id)).toEqual(direct.glyphs.map((g) => g.id));
      expect(cached.positions.map((p) => ({ ...p }))).toEqual(
        direct.positions.map(({ xAdvance, yAdvance, xOffset, yOffset }) => ({ xAdvance, yAdvance, xOffset, yOffset })),
      );
      expect(cached.advanceWidth).toBe(direct.advanceWidth);
    }
  });

  it('hand out fresh positions each time, since pdfkit scales them in place', () => {
    const first = f.embeddable.layout('通知');
    for (const p of first.positions) p.xAdvance *= 0.5;
    expect(f.embeddable.layout('通知').positions[0]!.xAdvance).toBe(f.font.layout('通知').positions[0]!.xAdvance);
  });
});

describe('every example document', () => {
  it('paints the same bytes through the caches as through fontkit and pdfkit alone', async () => {
    const pack = fontPack();
    // The same pack, but pdfkit gets the parsed fonts themselves: its own layout and subsetting.
    const plain: FontPack = { ...pack, fonts: pack.fonts.map((f) => ({ ...f, embeddable: f.font })) };
    const options = { date: new Date('2026-11-24T00:00:00+08:00'), demo: true };
    for (const id of Object.keys(DOC_TYPES) as DocTypeId[]) {
      const doc = await renderer().render({
        case: exampleCase(id),
        documentNumber: `${DOC_TYPES[id].numberPrefix}〔2026〕17号`,
        verifyUrl: `https://notice.example.gov.cn/v/${id}`,
      });
      const cached = await paint(doc.layout, doc.model.meta, pack, options);
      const direct = await paint(doc.layout, doc.model.meta, plain, options);
      expect(cached.equals(direct), `${id}: ${cached.length} vs ${direct.length} bytes`).toBe(true);
    }
  });
});
