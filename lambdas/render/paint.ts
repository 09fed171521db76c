// Pages of positioned items → PDF bytes. The only module that imports pdfkit.
// It decides nothing about where things go: the layout did that. Output is deterministic:
// fixed dates, a file ID derived from the metadata, subset tags derived from font ids.
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import type { Glyph } from 'fontkit';
import PDFDocument from 'pdfkit';
import type { FontPack, LoadedFont } from './fonts.js';
import { qrMatrix } from './qr.js';
import type { Block, DocumentMeta } from './model.js';
import { structurePlan, type ItemTag, type StructNode } from './structure.js';
import { PAGE_HEIGHT, PAGE_WIDTH } from './layout/geometry.js';
import type { BoxItem, Colour, Item, Layout, Page, QrItem, RuleItem, SealItem, TextItem } from './layout/types.js';

export interface PaintOptions {
  /** Fixes every date inside the file (CreationDate, ModDate, XMP), so equal input gives equal bytes. */
  date: Date;
  /** Demo documents carry a diagonal 样本 watermark and a drawn seal. */
  demo: boolean;
  /** The operator's seal image (PNG); outside demo mode no seal is drawn without one. */
  sealImage?: Buffer | undefined;
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
    // Registered here, as it is used, not the whole pack up front: a face is parsed on first use
    // (fonts.ts); registering again only rewrites pdfkit's map entry. pdfkit 0.20 accepts a parsed
    // fontkit Font (the embeddable one, its caches kept per process); its type says string | Buffer.
    doc.registerFont(run.font.name, run.font.embeddable as unknown as Buffer).font(run.font.name);
    drawFragment(doc, run.text, x, item.baseline, options);
    if (runs.length > 1) {
      const n = [...run.text].length;
      // Measured in the font that drew the run: a fallback face may advance differently.
      const advance = (run.font.layout(run.text, item.features).advanceWidth * item.size) / run.font.font.unitsPerEm;
      x += ((advance + item.characterSpacing * n) * item.horizontalScale) / 100;
    }
  }
}

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
      doc.save().translate(x + (pen + at.xOffset) * scale, y - at.yOffset * scale).scale(scale, -scale).addContent(outline).fill().restore();
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

/** A diagonal 样本 across the page, light enough to read through; scaled to a smaller page (a card). */
function paintWatermark(doc: Doc, pack: FontPack, width: number, height: number): void {
  const scale = Math.min(1, width / PAGE_WIDTH);
  doc.save().fillOpacity(0.1).fillColor('#C00000');
  doc.translate(width / 2, height / 2).rotate(-35);
  fillOutlines(doc, pack.role('title'), '样本', -150 * scale, 52 * scale, 150 * scale);
  doc.restore();
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

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * pdfkit copies the Info strings into the XMP packet unescaped, so a title naming "R&D" or "<…>"
 * would make the packet malformed XML (and not PDF/A). Each value it writes as an element's text
 * is escaped there; the Info dictionary keeps the string as it is, and both read the same.
 */
function escapeXmpValues(doc: PDFKit.PDFDocument, values: (string | undefined)[]): void {
  const risky = values.filter((v): v is string => v !== undefined && /[&<>]/.test(v));
  if (risky.length === 0) return;
  const append = doc.appendXML.bind(doc);
  doc.appendXML = (xml: string, newLine?: boolean) =>
    append(
      risky.reduce((x, v) => x.replaceAll(`>${v}<`, `>${v.replace(/[&<>]/g, (c) => XML_ESCAPES[c]!)}<`), xml),
      newLine,
    );
}

/** The sRGB profile pdfkit embeds as the PDF/A output intent: the file pdfkit reads, deflated as pdfkit deflates it. */
let deflatedOutputProfile: Buffer | undefined;

/**
 * pdfkit's output intent, but with the profile deflated once per process: pdfkit deflates the
 * same 3 KB for every document. The objects, their order and their bytes are pdfkit's own.
 */
function addColorOutputIntent(doc: Doc): void {
  // Found as pdfkit finds it: beside the module Node loads for `pdfkit`.
  deflatedOutputProfile ??= deflateSync(readFileSync(new URL('data/sRGB_IEC61966_2_1.icc', import.meta.resolve('pdfkit'))));
  // A stream that already names its filter is written as given.
  const profile = doc.ref({ Length: deflatedOutputProfile.length, N: 3, Filter: 'FlateDecode' });
  profile.end(deflatedOutputProfile);
  const intent = doc.ref({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    Info: new String('sRGB IEC61966-2.1'),
    OutputConditionIdentifier: new String('sRGB IEC61966-2.1'),
    DestOutputProfile: profile,
  });
  intent.end(undefined); // a dictionary, no stream
  // pdfkit types neither the catalog's data nor this method.
  (doc as unknown as { _root: { data: Record<string, unknown> } })._root.data.OutputIntents = [intent];
}

/**
 * pdfkit turns each operator into a byte array of its own as it is added, and joins them when the
 * page ends: most of the allocations of a page. Here a page's operators are kept as text, each
 * ending in a newline as pdfkit ends it, and handed to the page as one piece before pdfkit ends
 * the page (when the next page is added, or the document ends): the same bytes.
 */
function gatherPageContent(doc: Doc): void {
  let operators: string[] = [];
  const flush = () => {
    if (operators.length === 0) return;
    // pdfkit's page content; its type does not list `write`.
    (doc.page as unknown as { write(chunk: Uint8Array): void }).write(Buffer.from(operators.join(''), 'latin1'));
    operators = [];
  };
  // Every operator pdfkit draws comes through addContent: text, paths, colours, marked content, images.
  doc.addContent = (data: string | Uint8Array) => {
    operators.push(typeof data === 'string' ? `${data}\n` : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1'));
    return doc;
  };
  const addPage = doc.addPage.bind(doc);
  doc.addPage = (options) => {
    flush();
    return addPage(options);
  };
  const end = doc.end.bind(doc);
  doc.end = () => {
    flush();
    end();
  };
}

/**
 * The file's bytes. pdfkit pushes every piece of the file (an object's first line, its dictionary,
 * its stream, each line of the xref table) through a Node stream, each as a byte array made from
 * its text. Here they are kept as they come, in order, and joined once: the same bytes.
 */
function gatherFile(doc: Doc): Promise<Buffer> {
  // What the constructor wrote (the header) is already in the stream.
  const head = doc.read() as Buffer | null;
  const chunks: Uint8Array[] = head ? [head] : [];
  // pdfkit's writer; its type does not list it.
  const file = doc as unknown as { _write(data: string | Uint8Array): void; _offset: number };
  file._write = (data) => {
    const bytes = typeof data === 'string' ? Buffer.from(`${data}\n`, 'latin1') : data;
    chunks.push(bytes);
    file._offset += bytes.length;
  };
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.resume();
  return done;
}

export async function paint(layout: Layout, meta: DocumentMeta, pack: FontPack, options: PaintOptions): Promise<Buffer> {
  const red = options.red ?? '#FF0000';
  const colour = (c: Colour) => (c === 'red' ? red : INK[c]);
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
      CreationDate: options.date,
      ModDate: options.date,
    },
  });
  escapeXmpValues(doc, [meta.title, meta.author, meta.subject, meta.keywords]);
  (doc as unknown as { _addColorOutputIntent: () => void })._addColorOutputIntent = () => addColorOutputIntent(doc);
  gatherPageContent(doc);
  const done = gatherFile(doc);
  // Only what is drawn is tagged: no empty Figure for a seal or photo left out.
  const drawn = (item: Item) => (item.kind === 'seal' ? options.demo || options.sealImage !== undefined : item.kind !== 'image' || options.photo !== undefined);
  const shown: Layout = { pages: layout.pages.map((p) => ({ ...p, items: p.items.filter(drawn) })) };
  const plan = structurePlan(shown, options.blocks);
  const elements = structureElements(doc, plan.root);

  for (const page of shown.pages) {
    const width = page.size?.width ?? PAGE_WIDTH;
    const height = page.size?.height ?? PAGE_HEIGHT;
    doc.addPage({ size: [width, height], margin: 0 });
    markPrinterBoxes(doc, page);
    // Backgrounds (card bands) lie under everything, the watermark included.
    for (const item of page.items) if (item.kind === 'box' && item.fill) marked(doc, plan.tags.get(item), elements, () => paintBox(doc, item, colour));
    if (options.demo) marked(doc, { artifact: 'Pagination' }, elements, () => paintWatermark(doc, pack, width, height));
    // Seals first: the red ink sits under the 署名 and date it presses on, which stay legible.
    const items = [...page.items.filter((i) => i.kind === 'seal'), ...page.items.filter((i) => i.kind !== 'seal')];
    for (const item of items) {
      if (item.kind === 'box' && item.fill) continue;
      marked(doc, plan.tags.get(item), elements, () => paintItem(item));
    }
  }
  // PDF/A: the XMP carries the Info dictionary's ModDate too (pdfkit writes only xmp:CreateDate).
  doc.appendXML(`
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:ModifyDate>${options.date.toISOString().split('.')[0]}Z</xmp:ModifyDate>
        </rdf:Description>
        `);
  doc.end();
  return done;

  function paintItem(item: Item): void {
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
      case 'box':
        paintBox(doc, item, colour);
        break;
      case 'image':
        if (options.photo) doc.image(options.photo, item.x, item.y, { fit: [item.width, item.height], align: 'center', valign: 'center' });
        break;
    }
  }
}
