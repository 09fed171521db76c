// The demo document's marks: a drawn seal and the diagonal 样本 watermark, their lettering filled
// as glyph outlines so that the text layer holds only the document's own words. Each mark is a
// Form XObject whose content is worked out and deflated once per process (≈ 20 KB of outlines
// that every demo document would otherwise write and deflate again); a page draws it with one
// `Do`, and a mark on several pages of one PDF is one object (docs/scale.md).
import { deflateSync } from 'node:zlib';
import type { LoadedFont, FontPack } from './fonts.js';
import { PAGE_WIDTH } from './layout/geometry.js';
import { LruCache } from './layout/lru.js';
import type { SealItem } from './layout/types.js';

type Doc = PDFKit.PDFDocument;

/** A rectangle as a PDF writes it, [minX, minY, maxX, maxY], in the mark's own space (pdfkit's: y down). */
type Box = [number, number, number, number];

/** A mark's drawing: the content stream of its Form XObject, deflated, and the box it stays in. */
interface FormContent {
  bbox: Box;
  deflated: Buffer;
}

/**
 * The marks drawn in each font (a pack loaded again is a new font), by everything else that
 * decides their bytes. A process draws a few: a watermark per page size, a seal per issuer and
 * diameter; the bound keeps one fed ever-new issuers from growing without end.
 */
const drawnMarks = new WeakMap<LoadedFont, LruCache<FormContent>>();
const MARKS_PER_FONT = 16;

/** Per PDF, the Form XObject of each mark it has drawn, and the name its pages give it. */
const placed = new WeakMap<Doc, Map<FormContent, { name: string; form: PDFKit.PDFKitReference }>>();

/**
 * The operators pdfkit writes for `draw`, one a line as a content stream holds them. The
 * recorder has its own transform state, so the document's (pdfkit tracks the CTM) is untouched.
 */
function record(doc: Doc, draw: (recorder: Doc) => void): string {
  const operators: string[] = [];
  const recorder = Object.assign(Object.create(doc) as Doc, { _ctm: [1, 0, 0, 1, 0, 0], _ctmStack: [] });
  recorder.addContent = (op: string) => {
    operators.push(op);
    return recorder;
  };
  draw(recorder);
  return `${operators.join('\n')}\n`;
}

/** The mark `key` names in `font`: recorded and deflated on first use in the process, then kept. */
function formContent(doc: Doc, font: LoadedFont, key: string, draw: (recorder: Doc) => Box): FormContent {
  let marks = drawnMarks.get(font);
  if (!marks) drawnMarks.set(font, (marks = new LruCache(MARKS_PER_FONT)));
  let content = marks.get(key);
  if (!content) {
    let ink: Box = [0, 0, 0, 0];
    const operators = record(doc, (recorder) => (ink = draw(recorder)));
    // A point of room around the ink: a reader clips to the box, and would shave the antialiased edge.
    const bbox: Box = [ink[0] - 1, ink[1] - 1, ink[2] + 1, ink[3] + 1];
    // zlib's default level, as pdfkit deflates a page: the same compression as the page content had.
    content = { bbox, deflated: deflateSync(Buffer.from(operators, 'latin1')) };
    // Each mark weighs one: the cache holds the MARKS_PER_FONT last used.
    marks.set(key, content, 1);
  }
  return content;
}

/**
 * Draws a mark's Form XObject at the origin of the current transform: the PDF's one object for
 * it, written when its first page draws it. The ink (colour, opacity) is the page's, set before:
 * the form holds shapes only.
 */
function drawForm(doc: Doc, content: FormContent): void {
  let forms = placed.get(doc);
  if (!forms) placed.set(doc, (forms = new Map()));
  let mark = forms.get(content);
  if (!mark) {
    // A stream that names its filter is written as given: deflated once, for every document.
    const form = doc.ref({ Type: 'XObject', Subtype: 'Form', BBox: content.bbox, Resources: {}, Length: content.deflated.length, Filter: 'FlateDecode' });
    form.end(content.deflated);
    mark = { name: `Mark${forms.size + 1}`, form };
    forms.set(content, mark);
  }
  // pdfkit's page keeps its XObject resources here; its type does not list them.
  (doc.page as unknown as { xobjects: Record<string, PDFKit.PDFKitReference> }).xobjects[mark.name] = mark.form;
  doc.addContent(`/${mark.name} Do`);
}

/**
 * Fills `text` as glyph outlines with its baseline origin at (x, y) in the current transform:
 * vector paths, not text, so the document's text layer (pdftotext, search, copy) holds only the
 * document's own words, never 样本 or the seal's lettering. Returns a box holding its ink (and the origin).
 */
function fillOutlines(doc: Doc, font: LoadedFont, text: string, x: number, y: number, size: number): Box {
  const run = font.layout(text);
  const scale = size / font.font.unitsPerEm;
  const box: Box = [x, y, x, y];
  let pen = 0;
  run.glyphs.forEach((glyph, i) => {
    const at = run.positions[i]!;
    const outline = glyph.path.toSVG();
    if (outline) {
      const left = x + (pen + at.xOffset) * scale;
      const baseline = y - at.yOffset * scale;
      // Font units have y up; the page has y down.
      doc.save().translate(left, baseline).scale(scale, -scale).path(outline).fill().restore();
      const b = glyph.bbox;
      box[0] = Math.min(box[0], left + b.minX * scale);
      box[1] = Math.min(box[1], baseline - b.maxY * scale);
      box[2] = Math.max(box[2], left + b.maxX * scale);
      box[3] = Math.max(box[3], baseline - b.minY * scale);
    }
    pen += at.xAdvance;
  });
  return box;
}

/**
 * The demo seal, centred on the origin: a ring, a five-pointed star, the issuer's name along the
 * upper rim and 样本 above the star, the lettering drawn as outlines. The 署名 and date sit in the
 * seal's lower half, so the rim text stays on the upper arc (at most 200°) and nothing but the
 * ring crosses them. Everything lies inside the seal's circle.
 */
function drawSeal(doc: Doc, font: LoadedFont, issuer: string, diameter: number): Box {
  const r = diameter / 2;
  const rim = r * 0.74;
  doc
    .lineWidth(r * 0.045)
    .circle(0, 0, r * 0.95)
    .stroke();
  const star: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? r * 0.26 : r * 0.1;
    star.push([rr * Math.cos(a), rr * Math.sin(a)]);
  }
  doc.polygon(...star).fill();
  const chars = [...issuer];
  const maxSweep = (200 / 180) * Math.PI;
  const size = Math.min(r * 0.24, (maxSweep * rim) / Math.max(chars.length, 1) / 1.05);
  const sweep = Math.min(maxSweep, (chars.length * size * 1.05) / rim);
  chars.forEach((ch, i) => {
    const a = -Math.PI / 2 - sweep / 2 + (sweep * (i + 0.5)) / chars.length;
    doc
      .save()
      .translate(rim * Math.cos(a), rim * Math.sin(a))
      .rotate(((a + Math.PI / 2) * 180) / Math.PI);
    fillOutlines(doc, font, ch, -size / 2, size / 2 - size * 0.12, size);
    doc.restore();
  });
  const label = r * 0.16;
  fillOutlines(doc, font, '样本', -label, -r * 0.3, label);
  return [-r, -r, r, r];
}

/** The demo seal in red where the layout put it. */
export function paintDemoSeal(doc: Doc, seal: SealItem, pack: FontPack, red: string): void {
  const font = pack.role('body');
  const content = formContent(doc, font, `seal\n${seal.issuer}\n${seal.diameter}`, (recorder) => drawSeal(recorder, font, seal.issuer, seal.diameter));
  doc.save().strokeColor(red).fillColor(red).translate(seal.cx, seal.cy);
  drawForm(doc, content);
  doc.restore();
}

/** A diagonal 样本 across the page, light enough to read through; scaled to a smaller page (a card). */
export function paintWatermark(doc: Doc, pack: FontPack, width: number, height: number): void {
  const scale = Math.min(1, width / PAGE_WIDTH);
  const font = pack.role('title');
  const content = formContent(doc, font, `watermark\n样本\n${scale}`, (recorder) =>
    fillOutlines(recorder, font, '样本', -150 * scale, 52 * scale, 150 * scale),
  );
  doc.save().fillOpacity(0.1).fillColor('#C00000');
  doc.translate(width / 2, height / 2).rotate(-35);
  drawForm(doc, content);
  doc.restore();
}
