// The rules every generated document is checked against (docs/layout.md): on the layout (pure
// data, thousands of cases a run) and on the finished PDF read back (hundreds). Each problem is
// one line starting with its rule's name, so failures group by rule.
import type { Block } from '../../lambdas/render/model.js';
import {
  BLOCK_BOTTOM,
  BLOCK_LEFT,
  BLOCK_RIGHT,
  BLOCK_TOP,
  NO_END,
  NO_START,
  MM,
  checkFit,
  justificationViolations,
  layoutDocument,
  retitled,
  titleLineTexts,
  titleNameViolations,
  titleShapeViolations,
  type Line,
  type Page,
} from '../../lambdas/render/layout/index.js';
import { cardViolations } from '../../lambdas/render/card/checks.js';
import { documentModel, type LaidOutDocument } from '../../lambdas/render/render-document.js';
import { corpusRenderer } from './run.js';
import { SINGLE_ITEM_NOTICES } from '../support/examples.js';
import { linesOf, type PdfPage } from '../support/pdf.js';

/**
 * The rules written here, by name. The fit, table, justification and title rules come from the
 * layout's own pure checks and keep their docs/layout.md ids (FIT-n, TABLE-n, JUST-n, TITLE-n).
 */
export const RULES = [
  'render: no error',
  'bounds: text inside the block',
  'kinsoku: line start',
  'kinsoku: line end',
  'fit: one-item notice on one page',
  'punctuation: no ASCII marks beside Chinese',
  'text: every printed case field in the lines',
  'pdf: every laid-out line in the text',
  'pdf: no watermark or seal text in the text',
  'card: printer checks',
] as const;
/** One of RULES, or the id of a rule the layout checks itself (checkFit, justificationViolations, titleShapeViolations), such as `FIT-4`. */
export type Rule = (typeof RULES)[number] | `${'FIT' | 'TABLE' | 'JUST' | 'TITLE'}-${number}`;

export interface Problem {
  rule: Rule;
  detail: string;
}

const EPS = 0.5;
const lineText = (l: Line) => l.units.map((u) => u.text).join('');
const lineLeft = (l: Line) => l.units[0]?.x ?? 0;
const lineRight = (l: Line) => {
  const u = l.units.at(-1);
  return u ? u.x + u.width : 0;
};
const chars = (s: string) => [...s];
const HAN = String.raw`\p{Script=Han}`;
const ASCII_MARK = String.raw`[,;:?!()"']`;
/** An ASCII mark typed beside an ideograph: normalisation should have made it Chinese. */
const ASCII_BESIDE_CHINESE = new RegExp(`${HAN}${ASCII_MARK}|${ASCII_MARK}${HAN}`, 'u');

function kindOf(doc: LaidOutDocument, line: Line): Block['kind'] {
  return documentModel(doc).blocks[line.block]!.kind;
}

function pageKinds(doc: LaidOutDocument, page: Page): Set<Block['kind']> {
  return new Set(page.lines.filter((l) => l.units.length > 0).map((l) => kindOf(doc, l)));
}

function boundsProblems(doc: LaidOutDocument, page: Page, p: number, out: Problem[]): void {
  for (const l of page.lines) {
    const k = kindOf(doc, l);
    if (k === 'header' || k === 'copyNumber' || k === 'number' || l.units.length === 0) continue;
    if (lineLeft(l) < BLOCK_LEFT - EPS || lineRight(l) > BLOCK_RIGHT + EPS || l.top < BLOCK_TOP - EPS || l.top + l.size > BLOCK_BOTTOM + EPS) {
      out.push({
        rule: 'bounds: text inside the block',
        detail: `page ${p + 1} <${k}> “${lineText(l)}” x ${lineLeft(l).toFixed(1)}–${lineRight(l).toFixed(1)}, top ${l.top.toFixed(1)}`,
      });
    }
  }
}

function lineProblems(doc: LaidOutDocument, page: Page, p: number, out: Problem[]): void {
  for (const l of page.lines) {
    const text = lineText(l);
    if (text === '') continue;
    const where = `page ${p + 1} <${kindOf(doc, l)}> “${text}”`;
    if (NO_START.includes(chars(text)[0]!) && !l.first) out.push({ rule: 'kinsoku: line start', detail: where });
    if (NO_END.includes(chars(text).at(-1)!) && !l.last) out.push({ rule: 'kinsoku: line end', detail: where });
    if (ASCII_BESIDE_CHINESE.test(text)) out.push({ rule: 'punctuation: no ASCII marks beside Chinese', detail: where });
  }
}

/**
 * FIT-7 (docs/layout.md): a one-item notice stays on one page when its 抄送 has at most this many
 * entries (CHOICE: a longer 抄送 may take the 版记 to page 2) …
 */
const ONE_PAGE_COPY_TO = 5;
/**
 * … and its title, 主送, body and 版记 come to at most this many lines (measured: page 1 holds 18
 * grid lines from the title down, less the seal under the body). A longer one may take two pages,
 * FIT-4 and FIT-5 holding.
 */
const ONE_PAGE_LINES = 16;
const ONE_PAGE_KINDS: ReadonlySet<Block['kind']> = new Set(['title', 'to', 'paragraph', 'heading', 'attachments', 'imprint']);

function fitProblems(doc: LaidOutDocument, out: Problem[]): void {
  const pages = doc.layout.pages;
  if (!SINGLE_ITEM_NOTICES.includes(doc.case.docType) || (doc.case.copyTo?.length ?? 0) > ONE_PAGE_COPY_TO || pages.length === 1) return;
  const lines = pages.reduce((n, p) => n + p.lines.filter((l) => l.units.length > 0 && ONE_PAGE_KINDS.has(kindOf(doc, l))).length, 0);
  if (lines <= ONE_PAGE_LINES) {
    out.push({
      rule: 'fit: one-item notice on one page',
      detail: `${lines} lines on ${pages.length} pages; page 2 holds ${[...pageKinds(doc, pages[1]!)].join(', ')}`,
    });
  }
}

/**
 * TITLE-6 (docs/layout.md): the document takes no more pages than with its title in the fewest
 * lines, and a title set in fewer lines than TITLE-1 … TITLE-5 choose saves a page by it. Returns
 * whether the title was so shortened (its shape then compares with choices of as many lines).
 */
function titleProblems(doc: LaidOutDocument, out: Problem[]): boolean {
  const model = documentModel(doc);
  const index = model.blocks.findIndex((b) => b.kind === 'title');
  const block = model.blocks[index];
  if (block?.kind !== 'title') return false;
  const measure = corpusMeasure();
  const laid = doc.layout.pages[0]!.lines.filter((l) => l.block === index).map(lineText);
  const pages = doc.layout.pages.length;
  // The corpus renderer is the demo one, so its documents are sealed.
  const pagesWith = (lines: string[]) =>
    layoutDocument(retitled(model, lines), measure, { seal: { diameter: corpusRenderer().config.sealDiameterMm * MM } }).pages.length;
  const fewest = titleLineTexts(block.lines, measure, true, undefined, block.names);
  if (pages > 1 && laid.length > fewest.length) {
    const fewer = pagesWith(fewest);
    if (fewer < pages)
      out.push({
        rule: 'TITLE-6',
        detail: `the title in ${laid.length} lines (${laid.join(' / ')}) takes the document to ${pages} pages; in ${fewest.length} (${fewest.join(' / ')}) it takes ${fewer}`,
      });
  }
  const best = titleLineTexts(block.lines, measure, false, undefined, block.names);
  if (laid.length >= best.length) return false;
  const more = pagesWith(best);
  if (more <= pages)
    out.push({
      rule: 'TITLE-6',
      detail: `the title is set in ${laid.length} lines (${laid.join(' / ')}) where the rules choose ${best.join(' / ')}, which takes ${more} page(s), not more`,
    });
  return true;
}

/** The layout's own checks, their violations filed under the rule id each starts with. */
function layoutChecks(doc: LaidOutDocument, out: Problem[]): void {
  const paragraphs = doc.layout.pages.flatMap((p) => p.lines.filter((l) => kindOf(doc, l) === 'paragraph'));
  const model = documentModel(doc);
  const title = model.blocks.findIndex((b) => b.kind === 'title');
  const block = model.blocks[title];
  // Only a title whose breaks the layout chose (a template may force its own lines).
  const titleLines = block?.kind === 'title' && block.lines.length === 1 ? doc.layout.pages[0]!.lines.filter((l) => l.block === title) : [];
  const names = block?.kind === 'title' ? block.names : undefined;
  const shortened = titleProblems(doc, out);
  const violations = [
    ...checkFit(doc.layout, model),
    ...justificationViolations(paragraphs),
    ...titleShapeViolations(titleLines, corpusMeasure(), undefined, shortened, names),
    ...titleNameViolations(titleLines, corpusMeasure(), names ?? []),
  ];
  for (const v of violations) {
    const [id = '', ...rest] = v.split(' ');
    out.push({ rule: id as Rule, detail: rest.join(' ') });
  }
}

/** A card is not a 公文: its own printer checks (safe area, ≥ 6 pt, QR quiet zone, bleed) and its printed fields. */
function cardProblems(doc: LaidOutDocument): Problem[] {
  const out: Problem[] = cardViolations(doc.layout, corpusMeasure()).map((detail) => ({ rule: 'card: printer checks', detail }));
  const text = squash(doc.layout.pages.flatMap((p) => p.items.flatMap((i) => (i.kind === 'text' ? [i.text] : []))).join(''));
  for (const [path, value] of printedFields(doc)) {
    if (!text.includes(squash(value))) out.push({ rule: 'text: every printed case field in the lines', detail: `${path} “${value}”` });
  }
  return out;
}

/** Every layout rule's problems in one laid-out document. */
export function layoutProblems(doc: LaidOutDocument): Problem[] {
  if ('front' in doc.model) return cardProblems(doc);
  const out: Problem[] = [];
  doc.layout.pages.forEach((page, p) => {
    boundsProblems(doc, page, p, out);
    lineProblems(doc, page, p, out);
  });
  fitProblems(doc, out);
  layoutChecks(doc, out);
  fieldProblems(doc, out);
  return out;
}

const corpusMeasure = () => corpusRenderer().fonts.measure;
const squash = (s: string) => s.replace(/\s+/gu, '');
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function stringLeaves(v: unknown, path: string, out: [string, string][]): void {
  if (typeof v === 'string') out.push([path, v]);
  else if (Array.isArray(v)) v.forEach((x, i) => stringLeaves(x, `${path}[${i}]`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) stringLeaves(x, path ? `${path}.${k}` : k, out);
}

/** The page's upright lines without its page number (— 2 —), which may fall inside a sentence. */
function textLines(page: PdfPage) {
  return linesOf(page).filter((l) => !/^—\s*\d+\s*—$/u.test(l.text));
}

/** The case's text fields that the document prints (their text is in the markup), as [path, normalised value]. */
function printedFields(doc: LaidOutDocument): [string, string][] {
  const leaves: [string, string][] = [];
  stringLeaves(doc.case, '', leaves);
  return leaves.filter(([path, value]) => path !== 'caseId' && path !== 'docType' && chars(value).length >= 2 && doc.markup.includes(escapeXml(value)));
}

/**
 * The first half of the round trip: every printed case field, as normalised, is in the laid-out
 * lines read in the layout's order (a table cell's lines follow one another there).
 */
function fieldProblems(doc: LaidOutDocument, out: Problem[]): void {
  const text = squash(doc.layout.pages.flatMap((p) => p.lines.map(lineText)).join(''));
  for (const [path, value] of printedFields(doc)) {
    if (!text.includes(squash(value))) out.push({ rule: 'text: every printed case field in the lines', detail: `${path} “${value}”` });
  }
}

/**
 * The second half of the round trip, on the PDF read back glyph by glyph (test/support/pdf.ts):
 * the upright text of each page holds every laid-out line of that page, so every case field comes
 * back as normalised; and the page's text holds no watermark or seal lettering (graphics, not text).
 */
export function pdfProblems(doc: LaidOutDocument, pdf: readonly PdfPage[]): Problem[] {
  const out: Problem[] = [];
  const upright = pdf.map((page) =>
    squash(
      textLines(page)
        .map((l) => l.text)
        .join(''),
    ),
  );
  doc.layout.pages.forEach((page, p) => {
    for (const l of page.lines) {
      const t = squash(lineText(l));
      if (t !== '' && !(upright[p] ?? '').includes(t)) out.push({ rule: 'pdf: every laid-out line in the text', detail: `page ${p + 1} “${t}”` });
    }
  });
  const sample = printedFields(doc).some(([, v]) => v.includes('样本'));
  const lettering = pdf.flatMap((page, p) => (page.glyphs.some((g) => g.rotated) || (/样本/u.test(page.text) && !sample) ? [p + 1] : []));
  if (lettering.length > 0)
    out.push({ rule: 'pdf: no watermark or seal text in the text', detail: `page(s) ${lettering.join(', ')} carry rotated or 样本 text` });
  return out;
}
