// Pages of positioned items → PDF bytes. The only module that imports pdfkit.
// It decides nothing about where things go: the layout did that. Output is deterministic:
// fixed dates, a file ID derived from the metadata, subset tags derived from font ids.
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { FontPack, LoadedFont } from './fonts.js';
import type { DocumentMeta } from './model.js';
import { PAGE_HEIGHT, PAGE_WIDTH } from './layout/geometry.js';
import type { Colour, Layout, QrItem, RuleItem, SealItem, TextItem } from './layout/types.js';

export interface PaintOptions {
  /** Fixes every date inside the file (CreationDate, ModDate, XMP), so equal input gives equal bytes. */
  date: Date;
  /** Demo documents carry a diagonal 样本 watermark and a drawn seal. */
  demo: boolean;
  /** The operator's seal image (PNG); outside demo mode no seal is drawn without one. */
  sealImage?: Buffer | undefined;
  /** Colour of red elements (标志, red rule, seal). */
  red?: string;
}

const BLACK = '#000000';

type Doc = PDFKit.PDFDocument;

/** Splits text into runs that one font can draw, so a character missing from a role's face comes from the fallback. */
function fontRuns(text: string, item: TextItem, pack: FontPack): { font: LoadedFont; text: string }[] {
  const runs: { font: LoadedFont; text: string }[] = [];
  for (const ch of text) {
    // Layout and assertDrawable ran before: every character has a font here.
    const font = pack.fontFor(item.role, ch.codePointAt(0)!) ?? pack.role(item.role);
    const last = runs[runs.length - 1];
    if (last && last.font === font) last.text += ch;
    else runs.push({ font, text: ch });
  }
  return runs;
}

function paintText(doc: Doc, item: TextItem, pack: FontPack, colour: (c: Colour) => string): void {
  const options = {
    lineBreak: false,
    baseline: 'alphabetic' as const,
    characterSpacing: item.characterSpacing,
    horizontalScaling: item.horizontalScale,
    ...(item.features.length > 0 ? { features: [...item.features] } : {}),
  };
  doc.fillColor(colour(item.colour)).fontSize(item.size);
  const runs = fontRuns(item.text, item, pack);
  let x = item.x;
  for (const run of runs) {
    doc.font(run.font.name);
    // pdfkit's type for features is narrower than what fontkit accepts.
    doc.text(run.text, x, item.baseline, options as PDFKit.Mixins.TextOptions);
    if (runs.length > 1) {
      const n = [...run.text].length;
      // Measured in the font that drew the run: a fallback face may advance differently.
      const advance = (run.font.layout(run.text, item.features).advanceWidth * item.size) / run.font.font.unitsPerEm;
      x += ((advance + item.characterSpacing * n) * item.horizontalScale) / 100;
    }
  }
}

/**
 * Fills `text` as glyph outlines with its baseline origin at (x, y) in the current transform:
 * vector paths, not text, so the document's text layer (pdftotext, search, copy) holds only the
 * document's own words, never 样本 or the seal's lettering.
 */
function fillOutlines(doc: Doc, font: LoadedFont, text: string, x: number, y: number, size: number): void {
  const run = font.layout(text);
  const scale = size / font.font.unitsPerEm;
  let pen = 0;
  run.glyphs.forEach((glyph, i) => {
    const at = run.positions[i]!;
    const outline = glyph.path.toSVG();
    if (outline) {
      // Font units have y up; the page has y down.
      doc.save().translate(x + (pen + at.xOffset) * scale, y - at.yOffset * scale).scale(scale, -scale).path(outline).fill().restore();
    }
    pen += at.xAdvance;
  });
}

function paintRule(doc: Doc, rule: RuleItem, colour: (c: Colour) => string): void {
  doc.save().lineWidth(rule.width).strokeColor(colour(rule.colour)).moveTo(rule.x1, rule.y).lineTo(rule.x2, rule.y2 ?? rule.y).stroke().restore();
}

/**
 * The demo seal: a red ring, a five-pointed star, the issuer's name along the upper rim and 样本
 * above the star, the lettering drawn as outlines. The 署名 and date sit in the seal's lower half, so the rim text stays on the
 * upper arc (at most 200°) and nothing but the ring crosses them.
 */
function paintDemoSeal(doc: Doc, seal: SealItem, pack: FontPack, red: string): void {
  const r = seal.diameter / 2;
  const rim = r * 0.74;
  doc.save();
  doc.lineWidth(r * 0.045).strokeColor(red).circle(seal.cx, seal.cy, r * 0.95).stroke();
  const star: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? r * 0.26 : r * 0.1;
    star.push([seal.cx + rr * Math.cos(a), seal.cy + rr * Math.sin(a)]);
  }
  doc.polygon(...star).fillColor(red).fill();
  const chars = [...seal.issuer];
  const maxSweep = (200 / 180) * Math.PI;
  const size = Math.min(r * 0.24, (maxSweep * rim) / Math.max(chars.length, 1) / 1.05);
  const sweep = Math.min(maxSweep, (chars.length * size * 1.05) / rim);
  const font = pack.role('body');
  doc.fillColor(red);
  chars.forEach((ch, i) => {
    const a = -Math.PI / 2 - sweep / 2 + (sweep * (i + 0.5)) / chars.length;
    doc.save().translate(seal.cx + rim * Math.cos(a), seal.cy + rim * Math.sin(a)).rotate(((a + Math.PI / 2) * 180) / Math.PI);
    fillOutlines(doc, font, ch, -size / 2, size / 2 - size * 0.12, size);
    doc.restore();
  });
  const label = r * 0.16;
  fillOutlines(doc, font, '样本', seal.cx - label, seal.cy - r * 0.3, label);
  doc.restore();
}

function paintQr(doc: Doc, qr: QrItem): void {
  const code = QRCode.create(qr.url, { errorCorrectionLevel: 'M' });
  const n = code.modules.size;
  const m = qr.size / n;
  doc.save().fillColor(BLACK);
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (code.modules.get(row, col)) doc.rect(qr.x + col * m, qr.y + row * m, m, m);
    }
  }
  doc.fill().restore();
}

/** A diagonal 样本 across the page, light enough to read through. */
function paintWatermark(doc: Doc, pack: FontPack): void {
  doc.save().fillOpacity(0.1).fillColor('#C00000');
  doc.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2).rotate(-35);
  fillOutlines(doc, pack.role('title'), '样本', -150, 52, 150);
  doc.restore();
}

export async function paint(layout: Layout, meta: DocumentMeta, pack: FontPack, options: PaintOptions): Promise<Buffer> {
  const red = options.red ?? '#FF0000';
  const colour = (c: Colour) => (c === 'red' ? red : BLACK);
  const doc = new PDFDocument({
    size: [PAGE_WIDTH, PAGE_HEIGHT],
    margin: 0,
    autoFirstPage: false,
    // No default font: pdfkit would read Helvetica's AFM file from disk for every document.
    font: null as unknown as string,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    lang: meta.lang,
    displayTitle: true,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      Keywords: meta.keywords,
      Creator: 'notice-pipeline',
      Producer: 'notice-pipeline (pdfkit)',
      CreationDate: options.date,
      ModDate: options.date,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // pdfkit 0.20 accepts a parsed fontkit Font (here the embeddable one, its caches kept per process); its type says string | Buffer.
  for (const f of pack.fonts) doc.registerFont(f.name, f.embeddable as unknown as Buffer);

  for (const page of layout.pages) {
    doc.addPage({ size: [PAGE_WIDTH, PAGE_HEIGHT], margin: 0 });
    if (options.demo) paintWatermark(doc, pack);
    // Seals first: the red ink sits under the 署名 and date it presses on, which stay legible.
    const items = [...page.items.filter((i) => i.kind === 'seal'), ...page.items.filter((i) => i.kind !== 'seal')];
    for (const item of items) {
      switch (item.kind) {
        case 'text':
          paintText(doc, item, pack, colour);
          break;
        case 'rule':
          paintRule(doc, item, colour);
          break;
        case 'qr':
          paintQr(doc, item);
          break;
        case 'seal':
          if (options.demo) paintDemoSeal(doc, item, pack, red);
          else if (options.sealImage) doc.image(options.sealImage, item.cx - item.diameter / 2, item.cy - item.diameter / 2, { width: item.diameter });
          break;
      }
    }
  }
  doc.end();
  return done;
}
