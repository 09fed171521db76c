// The demo document's marks: a drawn seal and the diagonal 样本 watermark, their lettering filled
// as glyph outlines so that the text layer holds only the document's own words.
import type { Glyph } from 'fontkit';
import type { FontPack, LoadedFont } from './fonts.js';
import { PAGE_WIDTH } from './layout/geometry.js';
import type { SealItem } from './layout/types.js';

type Doc = PDFKit.PDFDocument;

const outlines = new WeakMap<Glyph, string | null>();

/**
 * A glyph's outline as the operators `doc.path` writes for it (in font units), one operator a
 * line: worked out once per glyph and process (pdfkit parses the SVG path data on every call),
 * then added in one piece (addContent ends it with the last line's newline). Null for a blank glyph.
 */
function outlineOperators(doc: Doc, glyph: Glyph): string | null {
  let operators = outlines.get(glyph);
  if (operators === undefined) {
    const outline = glyph.path.toSVG();
    operators = null;
    if (outline) {
      const recorded: string[] = [];
      const recorder = Object.create(doc) as Doc;
      recorder.addContent = (op: string) => {
        recorded.push(op);
        return recorder;
      };
      recorder.path(outline);
      operators = recorded.join('\n');
    }
    outlines.set(glyph, operators);
  }
  return operators;
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
    const outline = outlineOperators(doc, glyph);
    if (outline) {
      // Font units have y up; the page has y down.
      doc
        .save()
        .translate(x + (pen + at.xOffset) * scale, y - at.yOffset * scale)
        .scale(scale, -scale)
        .addContent(outline)
        .fill()
        .restore();
    }
    pen += at.xAdvance;
  });
}

/**
 * The demo seal: a red ring, a five-pointed star, the issuer's name along the upper rim and 样本
 * above the star, the lettering drawn as outlines. The 署名 and date sit in the seal's lower half, so the rim text stays on the
 * upper arc (at most 200°) and nothing but the ring crosses them.
 */
export function paintDemoSeal(doc: Doc, seal: SealItem, pack: FontPack, red: string): void {
  const r = seal.diameter / 2;
  const rim = r * 0.74;
  doc.save();
  doc
    .lineWidth(r * 0.045)
    .strokeColor(red)
    .circle(seal.cx, seal.cy, r * 0.95)
    .stroke();
  const star: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? r * 0.26 : r * 0.1;
    star.push([seal.cx + rr * Math.cos(a), seal.cy + rr * Math.sin(a)]);
  }
  doc
    .polygon(...star)
    .fillColor(red)
    .fill();
  const chars = [...seal.issuer];
  const maxSweep = (200 / 180) * Math.PI;
  const size = Math.min(r * 0.24, (maxSweep * rim) / Math.max(chars.length, 1) / 1.05);
  const sweep = Math.min(maxSweep, (chars.length * size * 1.05) / rim);
  const font = pack.role('body');
  doc.fillColor(red);
  chars.forEach((ch, i) => {
    const a = -Math.PI / 2 - sweep / 2 + (sweep * (i + 0.5)) / chars.length;
    doc
      .save()
      .translate(seal.cx + rim * Math.cos(a), seal.cy + rim * Math.sin(a))
      .rotate(((a + Math.PI / 2) * 180) / Math.PI);
    fillOutlines(doc, font, ch, -size / 2, size / 2 - size * 0.12, size);
    doc.restore();
  });
  const label = r * 0.16;
  fillOutlines(doc, font, '样本', seal.cx - label, seal.cy - r * 0.3, label);
  doc.restore();
}

/** A diagonal 样本 across the page, light enough to read through; scaled to a smaller page (a card). */
export function paintWatermark(doc: Doc, pack: FontPack, width: number, height: number): void {
  const scale = Math.min(1, width / PAGE_WIDTH);
  doc.save().fillOpacity(0.1).fillColor('#C00000');
  doc.translate(width / 2, height / 2).rotate(-35);
  fillOutlines(doc, pack.role('title'), '样本', -150 * scale, 52 * scale, 150 * scale);
  doc.restore();
}
