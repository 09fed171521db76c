// The operator's seal image outside demo mode: split and deflated once per process, and written
// into every document as pdfkit's own `doc.image` writes it (docs/scale.md).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { productionEnv, sealPng } from '../../bench/production.js';
import { exampleCase } from '../../lambdas/catalogue/index.js';
import { renderConfig } from '../../lambdas/config.js';
import type { SealItem } from '../../lambdas/render/layout/types.js';
import { createRenderer, type RenderedDocument, type Renderer } from '../../lambdas/render/render-document.js';
import { sealStreams, sealStreamsPath } from '../../lambdas/render/seal-image.js';
import { tempDir } from '../support/temp-dirs.js';

const dir = tempDir('seal-image-');
const env = productionEnv(dir);
const config = renderConfig(env);
const NUMBER = '并人才〔2026〕17号';
const award = { case: exampleCase('skill-grand-award'), documentNumber: NUMBER };
const letter = { case: exampleCase('staffing-pool-approval'), documentNumber: NUMBER };

/** The renderer as it was before: paint.ts drawing the seal with pdfkit's own `doc.image`, from a module graph of its own. */
async function pdfkitsRenderer(sealImagePath: string, fonts: Renderer['fonts']): Promise<Renderer> {
  vi.resetModules();
  vi.doMock('../../lambdas/render/seal-image.js', async (importOriginal) => ({
    ...(await importOriginal<typeof import('../../lambdas/render/seal-image.js')>()),
    // Never split: drawSealImage hands the bytes to pdfkit's `doc.image`.
    prepareSealImage: async (image: Buffer) => ({ image, split: null }),
  }));
  const m = await import('../../lambdas/render/render-document.js');
  vi.doUnmock('../../lambdas/render/seal-image.js');
  return m.createRenderer({ ...config, sealImagePath }, fonts);
}

function sealPath(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** The seal on the document's page, in points from the page's top-left corner. */
function sealOf(doc: RenderedDocument): { page: number; seal: SealItem } {
  for (const [i, p] of doc.layout.pages.entries()) for (const item of p.items) if (item.kind === 'seal') return { page: i + 1, seal: item };
  throw new Error('no seal in the layout');
}

/** The page at 1 px per point, as RGB (pdftoppm's PPM). */
function pagePixels(pdf: Buffer, page: number): { width: number; rgb: (x: number, y: number) => [number, number, number] } {
  const file = join(dir, `page-${page}.pdf`);
  writeFileSync(file, pdf);
  const ppm = execFileSync('pdftoppm', ['-r', '72', '-f', String(page), '-l', String(page), '-singlefile', file], { maxBuffer: 1 << 24 });
  const [, w, , body] = /^P6\s+(\d+)\s+(\d+)\s+255\s([\s\S]*)$/.exec(ppm.toString('latin1'))!;
  const width = Number(w);
  const bytes = Buffer.from(body!, 'latin1');
  return {
    width,
    rgb: (x, y) => {
      const at = (Math.round(y) * width + Math.round(x)) * 3;
      return [bytes[at]!, bytes[at + 1]!, bytes[at + 2]!];
    },
  };
}

const isRed = ([r, g, b]: [number, number, number]) => r > 170 && g < 110 && b < 110;

/** How many of 36 points around the seal's ring (at 94 % of its radius, where the bench's seal has its ring) are red. */
function redOnRing(doc: RenderedDocument): number {
  const { page, seal } = sealOf(doc);
  const pixels = pagePixels(doc.pdf, page);
  let red = 0;
  for (let k = 0; k < 36; k++) {
    const a = (k * Math.PI) / 18;
    const r = (seal.diameter / 2) * 0.94;
    if (isRed(pixels.rgb(seal.cx + r * Math.cos(a), seal.cy + r * Math.sin(a)))) red++;
  }
  return red;
}

function qpdfCheck(pdf: Buffer): string {
  const file = join(dir, 'check.pdf');
  writeFileSync(file, pdf);
  return execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
}

describe('the operator’s seal image', () => {
  let ours: Renderer;
  beforeAll(() => {
    ours = createRenderer(config);
  });

  it('gives the same bytes as pdfkit’s own doc.image for an RGBA seal, on a one-page notice and a five-page letter', async () => {
    const theirs = await pdfkitsRenderer(config.sealImagePath!, ours.fonts);
    for (const request of [award, letter]) {
      const a = await ours.render(request);
      const b = await theirs.render(request);
      expect(a.pdf.equals(b.pdf)).toBe(true);
    }
  });

  it('gives identical bytes on every render, with other documents in between', async () => {
    const first = await ours.render(award);
    await ours.render(letter);
    const again = await ours.render(award);
    expect(again.sha256).toBe(first.sha256);
    expect(again.pdf.equals(first.pdf)).toBe(true);
  });

  it('shows the seal on its page, red where the seal’s ring is, and the file passes qpdf --check', async () => {
    const doc = await ours.render(award);
    expect(redOnRing(doc)).toBeGreaterThanOrEqual(30);
    expect(qpdfCheck(doc.pdf)).toMatch(/No syntax or stream encoding errors found/);
    // The image and its soft mask are written once: one of each per document.
    expect(doc.pdf.toString('latin1').match(/\/SMask \d+ 0 R/g)).toHaveLength(1);
  });

  it('draws an RGB seal (red on white) and a JPEG seal as pdfkit draws them', async () => {
    const rgb = sealPath('seal-rgb.png', sealPng({ alpha: false }));
    const rgbRenderer = createRenderer({ ...config, sealImagePath: rgb }, ours.fonts);
    const rgbDoc = await rgbRenderer.render(award);
    expect((await (await pdfkitsRenderer(rgb, ours.fonts)).render(award)).pdf.equals(rgbDoc.pdf)).toBe(true);
    expect(redOnRing(rgbDoc)).toBeGreaterThanOrEqual(30);
    expect(qpdfCheck(rgbDoc.pdf)).toMatch(/No syntax or stream encoding errors found/);

    // A JPEG of the seal: the RGB seal's page cut out around the seal by pdftoppm.
    const { page, seal } = sealOf(rgbDoc);
    const scale = 300 / 72;
    const box = (v: number) => String(Math.round(v * scale));
    writeFileSync(join(dir, 'rgb.pdf'), rgbDoc.pdf);
    execFileSync('pdftoppm', [
      '-jpeg',
      '-r',
      '300',
      '-f',
      String(page),
      '-l',
      String(page),
      '-x',
      box(seal.cx - seal.diameter / 2),
      '-y',
      box(seal.cy - seal.diameter / 2),
      '-W',
      box(seal.diameter),
      '-H',
      box(seal.diameter),
      '-singlefile',
      join(dir, 'rgb.pdf'),
      join(dir, 'seal'),
    ]);
    const jpeg = join(dir, 'seal.jpg');
    const jpegDoc = await createRenderer({ ...config, sealImagePath: jpeg }, ours.fonts).render(award);
    expect((await (await pdfkitsRenderer(jpeg, ours.fonts)).render(award)).pdf.equals(jpegDoc.pdf)).toBe(true);
    expect(jpegDoc.pdf.toString('latin1')).toContain('/Filter /DCTDecode');
    expect(redOnRing(jpegDoc)).toBeGreaterThanOrEqual(30);
    expect(qpdfCheck(jpegDoc.pdf)).toMatch(/No syntax or stream encoding errors found/);
  });

  it('draws the seal from the streams file beside it, made when an asset is built, with the same bytes', async () => {
    for (const [name, png] of [
      ['with-streams.png', sealPng()],
      ['rgb-with-streams.png', sealPng({ alpha: false })],
    ] as const) {
      const path = sealPath(name, png);
      writeFileSync(sealStreamsPath(path), await sealStreams(png));
      const doc = await createRenderer({ ...config, sealImagePath: path }, ours.fonts).render(award);
      expect(doc.pdf.equals((await (await pdfkitsRenderer(path, ours.fonts)).render(award)).pdf), name).toBe(true);
    }
    // What is drawn comes from the file: a colour stream changed there is the one in the PDF.
    const png = sealPng();
    const path = sealPath('tampered-streams.png', png);
    const streams = await sealStreams(png);
    const tampered = Buffer.from(streams);
    const at = streams.length - 100;
    tampered[at] = tampered[at]! ^ 0xff;
    writeFileSync(sealStreamsPath(path), tampered);
    const doc = await createRenderer({ ...config, sealImagePath: path }, ours.fonts).render(award);
    expect(doc.pdf.includes(tampered.subarray(at - 40, at + 40))).toBe(true);
    expect(doc.pdf.includes(streams.subarray(at - 40, at + 40))).toBe(false);
  });

  it('passes by a streams file made from another image, and splits the seal as pdfkit does', async () => {
    const path = sealPath('other-streams.png', sealPng());
    writeFileSync(sealStreamsPath(path), await sealStreams(sealPng({ alpha: false })));
    const doc = await createRenderer({ ...config, sealImagePath: path }, ours.fonts).render(award);
    expect(doc.pdf.equals((await (await pdfkitsRenderer(path, ours.fonts)).render(award)).pdf)).toBe(true);
  });

  it('refuses a seal file that is no image with a configuration error naming NOTICE_SEAL_IMAGE, on every render', async () => {
    const broken = createRenderer({ ...config, sealImagePath: sealPath('seal.txt', Buffer.from('not an image')) }, ours.fonts);
    for (let i = 0; i < 2; i++)
      await expect(broken.render(award)).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
        message: expect.stringMatching(/^NOTICE_SEAL_IMAGE: .*Unknown image format/),
      });
  });
});
