// Pages of positioned items → PDF bytes. The only module that imports pdfkit (pdf-file.ts hooks
// into the document it makes; demo-marks.ts draws the demo seal and watermark on it).
// It decides nothing about where things go: the layout did that. Output is deterministic:
// fixed dates, a file ID derived from the metadata, subset tags derived from font ids.
import PDFDocument from 'pdfkit';
import type { FontPack, LoadedFont } from './fonts.js';
import { paintDemoSeal, paintWatermark } from './demo-marks.js';
import { appendModifyDate, escapeXmpValues, gatherFile, gatherPageContent, useSharedOutputIntent } from './pdf-file.js';
import { qrMatrix } from './qr.js';
import { drawSealImage, type SealImage } from './seal-image.js';
import type { Block, DocumentMeta } from './model.js';
import { structurePlan, type ItemTag, type StructNode } from './structure.js';
import { PAGE_HEIGHT, PAGE_WIDTH } from './layout/geometry.js';
import type { BoxItem, Colour, Item, Layout, Page, QrItem, RuleItem, TextItem } from './layout/types.js';

export interface PaintOptions {
  /** Fixes every date inside the file (CreationDate, ModDate, XMP), so equal input gives equal bytes. */
  date: Date;
  /** Demo documents carry a diagonal 样本 watermark and a drawn seal. */
  demo: boolean;
  /** The operator's seal image (PNG); outside demo mode no seal is drawn without one. */
  sealImage?: SealImage | undefined;
  /** Colour of red elements (标志, red rule, seal). */
  red?: string;
  /** The image an `image` item draws (a card holder's photo, PNG or JPEG). */
  photo?: Buffer | undefined;
  /** A 公文's blocks, which the structure tree follows; a card (none) is tagged item by item. */
  blocks?: readonly Block[] | undefined;
}

/** The card's inks: a 绿卡 green, white type on it, grey hairlines. */
const INK: Record<Exclude<Colour, 'red'>, string> = { black: '#000000', green: '#1A7F37', white: '#FFFFFF', grey: '#808080' };

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

/** The options of pdfkit's `_fragment`, which writes one line of text (BT … ET) where it is told. */
interface FragmentOptions {
  baseline: 'alphabetic';
  characterSpacing: number;
  horizontalScaling: number;
  features?: string[];
  /** pdfkit measures a fragment only to place a link, underline or strike-through, which no item has. */
  textWidth: number;
  wordCount: number;
}

/**
 * pdfkit's text(…) with `lineBreak: false` draws a line of text through `_fragment`, after
 * measuring it twice (a fresh shaping each time when there are features) for what only wrapping,
 * links and underlines use. Drawing the fragment directly writes the same operators.
 */
const drawFragment = (doc: Doc, text: string, x: number, y: number, options: FragmentOptions) =>
  (doc as unknown as { _fragment(text: string, x: number, y: number, options: FragmentOptions): void })._fragment(text, x, y, options);

function paintText(doc: Doc, item: TextItem, pack: FontPack, colour: (c: Colour) => string): void {
  const options: FragmentOptions = {
    baseline: 'alphabetic',
    characterSpacing: item.characterSpacing,
    horizontalScaling: item.horizontalScale,
    ...(item.features.length > 0 ? { features: [...item.features] } : {}),
    textWidth: 0,
    wordCount: 1,
  };
  doc.fillColor(colour(item.colour)).fontSize(item.size);
  const runs = fontRuns(item.text, item, pack);
  let x = item.x;
  for (const run of runs) {
    doc.font(run.font.name);
    drawFragment(doc, run.text, x, item.baseline, options);
    if (runs.length > 1) {
      const n = [...run.text].length;
      // Measured in the font that drew the run: a fallback face may advance differently.
      const advance = (run.font.layout(run.text, item.features).advanceWidth * item.size) / run.font.font.unitsPerEm;
      x += ((advance + item.characterSpacing * n) * item.horizontalScale) / 100;
    }
  }
}

function paintRule(doc: Doc, rule: RuleItem, colour: (c: Colour) => string): void {
  doc
    .save()
    .lineWidth(rule.width)
    .strokeColor(colour(rule.colour))
    .moveTo(rule.x1, rule.y)
    .lineTo(rule.x2, rule.y2 ?? rule.y)
    .stroke()
    .restore();
}

function paintQr(doc: Doc, qr: QrItem): void {
  const code = qrMatrix(qr.url);
  const n = code.size;
  const m = qr.size / n;
  doc.save().fillColor(INK.black);
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (code.dark(row, col)) doc.rect(qr.x + col * m, qr.y + row * m, m, m);
    }
  }
  doc.fill().restore();
}

function paintBox(doc: Doc, box: BoxItem, colour: (c: Colour) => string): void {
  doc.save();
  if (box.radius > 0) doc.roundedRect(box.x, box.y, box.width, box.height, box.radius);
  else doc.rect(box.x, box.y, box.width, box.height);
  if (box.fill && box.stroke) doc.lineWidth(box.lineWidth ?? 0.5).fillAndStroke(colour(box.fill), colour(box.stroke));
  else if (box.fill) doc.fill(colour(box.fill));
  else if (box.stroke) doc.lineWidth(box.lineWidth ?? 0.5).stroke(colour(box.stroke));
  doc.restore();
}

/** A card page tells a printer where to trim (TrimBox) and how far its background runs (BleedBox). */
function markPrinterBoxes(doc: Doc, page: Page): void {
  const size = page.size;
  if (!size) return;
  const box = (r: { x: number; y: number; width: number; height: number }) => [r.x, size.height - r.y - r.height, r.x + r.width, size.height - r.y];
  // pdfkit exposes the page dictionary's data but does not type it.
  const data = (doc.page as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data;
  if (size.trim) data.TrimBox = box(size.trim);
  if (size.bleed) data.BleedBox = box(size.bleed);
}

/** Builds pdfkit's structure elements for the plan's tree (children in reading order). */
function structureElements(doc: Doc, root: StructNode): Map<StructNode, PDFKit.PDFStructureElement> {
  const elements = new Map<StructNode, PDFKit.PDFStructureElement>();
  const build = (n: StructNode): PDFKit.PDFStructureElement => {
    const element = doc.struct(n.type, n.alt ? { alt: n.alt } : {});
    elements.set(n, element);
    for (const child of n.children) element.add(build(child));
    return element;
  };
  doc.addStructure(build(root));
  return elements;
}

/** Paints inside marked content: the structure element's, or an artifact's. */
function marked(doc: Doc, tag: ItemTag | undefined, elements: Map<StructNode, PDFKit.PDFStructureElement>, draw: () => void): void {
  if (!tag || 'artifact' in tag) {
    // pdfkit's type lists Pagination, Layout and Page; Background (ISO 32000-1 14.8.2.2) passes through as well.
    doc.markContent('Artifact', { type: (tag?.artifact ?? 'Layout') as 'Layout' });
    draw();
    doc.endMarkedContent();
    return;
  }
  const content = doc.markStructureContent(tag.node.type);
  draw();
  doc.endMarkedContent();
  elements.get(tag.node)!.add(content);
}

export async function paint(layout: Layout, meta: DocumentMeta, pack: FontPack, options: PaintOptions): Promise<Buffer> {
  const { doc, done } = openDocument(meta, options.date);
  // pdfkit 0.20 accepts a parsed fontkit Font (here the embeddable one, its caches kept per
  // process); its type says string | Buffer. It names a font in the PDF when it is first drawn.
  for (const f of pack.fonts) doc.registerFont(f.name, f.embeddable as unknown as Buffer);
  // Only what is drawn is tagged: no empty Figure for a seal or photo left out.
  const drawn = (item: Item) => (item.kind === 'seal' ? options.demo || options.sealImage !== undefined : item.kind !== 'image' || options.photo !== undefined);
  const shown: Layout = { pages: layout.pages.map((p) => ({ ...p, items: p.items.filter(drawn) })) };
  const plan = structurePlan(shown, options.blocks);
  const red = options.red ?? '#FF0000';
  const painter: Painter = {
    doc,
    pack,
    options,
    red,
    colour: (c) => (c === 'red' ? red : INK[c]),
    tags: plan.tags,
    elements: structureElements(doc, plan.root),
  };
  for (const page of shown.pages) paintPage(painter, page);
  appendModifyDate(doc, options.date);
  doc.end();
  return done;
}

/** A PDF/A-2a document with the metadata's Info and fixed dates, and the promise of its bytes. */
function openDocument(meta: DocumentMeta, date: Date): { doc: Doc; done: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: [PAGE_WIDTH, PAGE_HEIGHT],
    margin: 0,
    autoFirstPage: false,
    // No default font: pdfkit would read Helvetica's AFM file from disk for every document.
    font: null as unknown as string,
    pdfVersion: '1.7',
    subset: 'PDF/A-2a',
    tagged: true,
    lang: meta.lang,
    displayTitle: true,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      Keywords: meta.keywords,
      Creator: 'notice-pipeline',
      Producer: 'notice-pipeline (pdfkit)',
      CreationDate: date,
      ModDate: date,
    },
  });
  escapeXmpValues(doc, [meta.title, meta.author, meta.subject, meta.keywords]);
  useSharedOutputIntent(doc);
  gatherPageContent(doc);
  return { doc, done: gatherFile(doc) };
}

/** What painting one document needs at every item. */
interface Painter {
  doc: Doc;
  pack: FontPack;
  options: PaintOptions;
  red: string;
  colour: (c: Colour) => string;
  tags: ReadonlyMap<Item, ItemTag>;
  elements: Map<StructNode, PDFKit.PDFStructureElement>;
}

function paintPage(p: Painter, page: Page): void {
  const { doc, options, pack, elements } = p;
  const width = page.size?.width ?? PAGE_WIDTH;
  const height = page.size?.height ?? PAGE_HEIGHT;
  doc.addPage({ size: [width, height], margin: 0 });
  markPrinterBoxes(doc, page);
  // Backgrounds (card bands) lie under everything, the watermark included.
  for (const item of page.items) if (item.kind === 'box' && item.fill) marked(doc, p.tags.get(item), elements, () => paintBox(doc, item, p.colour));
  if (options.demo) marked(doc, { artifact: 'Pagination' }, elements, () => paintWatermark(doc, pack, width, height));
  // Seals first: the red ink sits under the 署名 and date it presses on, which stay legible.
  const items = [...page.items.filter((i) => i.kind === 'seal'), ...page.items.filter((i) => i.kind !== 'seal')];
  for (const item of items) {
    if (item.kind === 'box' && item.fill) continue;
    marked(doc, p.tags.get(item), elements, () => paintItem(p, item));
  }
}

function paintItem(p: Painter, item: Item): void {
  const { doc, options } = p;
  switch (item.kind) {
    case 'text':
      paintText(doc, item, p.pack, p.colour);
      break;
    case 'rule':
      paintRule(doc, item, p.colour);
      break;
    case 'qr':
      paintQr(doc, item);
      break;
    case 'seal':
      if (options.demo) paintDemoSeal(doc, item, p.pack, p.red);
      else if (options.sealImage) drawSealImage(doc, options.sealImage, item.cx - item.diameter / 2, item.cy - item.diameter / 2, item.diameter);
      break;
    case 'box':
      paintBox(doc, item, p.colour);
      break;
    case 'image':
      if (options.photo) doc.image(options.photo, item.x, item.y, { fit: [item.width, item.height], align: 'center', valign: 'center' });
      break;
  }
}
