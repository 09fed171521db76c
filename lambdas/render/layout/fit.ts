// The fitting and table rules of docs/layout.md (“Fitting a page”, “Tables”) as checks on a
// laid-out document: pure, so a layout test, the corpus and a read-back test can all call them.
// Each violation names its rule id, the page and what is wrong.
import type { Block, DocumentModel } from '../model.js';
import { BLOCK_BOTTOM, BLOCK_HEIGHT, BLOCK_LEFT, BLOCK_RIGHT, BLOCK_TOP, BODY_SIZE, CHECK_EPS, LINE_PITCH, SIZE, TABLE_RULE } from './geometry.js';
import { CONTINUED_LABEL } from './table.js';
import type { Layout, Line, Page, RuleItem, SealItem } from './types.js';

const BODY_KINDS: ReadonlySet<Block['kind']> = new Set(['paragraph', 'heading', 'table', 'attachments']);
const text = (l: Line) => l.units.map((u) => u.text).join('');

export interface FitOptions {
  /** Printed duplex: a 文件格式 版记 may then stand alone on an even page (the back of the last sheet). */
  duplex?: boolean;
}

export function checkFit(layout: Layout, model: DocumentModel, options: FitOptions = {}): string[] {
  const out: string[] = [];
  const kind = (l: Line) => model.blocks[l.block]?.kind;
  const isBody = (l: Line) => BODY_KINDS.has(kind(l)!) && text(l) !== CONTINUED_LABEL;
  const totalBody = layout.pages.reduce((n, p) => n + p.lines.filter(isBody).length, 0);

  layout.pages.forEach((page: Page, i) => {
    const lines: PageLines = {
      where: `page ${i + 1}`,
      all: page.lines,
      body: page.lines.filter(isBody),
      imprint: page.lines.filter((l) => kind(l) === 'imprint'),
      signature: page.lines.filter((l) => kind(l) === 'signature'),
    };
    out.push(...closingGroupChecks(lines, i, totalBody, model, options), ...sealChecks(page, lines), ...tableRuleChecks(page, lines.where));
  });
  out.push(...continuedTableChecks(layout, model));
  return out;
}

/** One page's lines, by what they belong to; `where` names the page in a violation. */
interface PageLines {
  where: string;
  all: readonly Line[];
  body: readonly Line[];
  imprint: readonly Line[];
  signature: readonly Line[];
}

/** FIT-4 on page `i`: the 版记 and the signature are not left without body text. */
function closingGroupChecks(lines: PageLines, i: number, totalBody: number, model: DocumentModel, options: FitOptions): string[] {
  const out: string[] = [];
  const { where, imprint, body } = lines;
  // FIT-4: the 版记 never stands alone, but on the back of a duplex 文件格式 document, or when it
  // is taller than half the block.
  if (imprint.length > 0 && imprint.length === lines.all.length) {
    const back = options.duplex === true && model.format === 'document' && (i + 1) % 2 === 0;
    const tall = BLOCK_BOTTOM - Math.min(...imprint.map((l) => l.top)) > BLOCK_HEIGHT / 2;
    if (!back && !tall) out.push(`FIT-4 ${where}: holds only the 版记`);
  }
  // FIT-4: the signature shares its page with two body lines — fewer only if the document has
  // fewer, less the line page 1 must keep when the signature is on a later page.
  if (lines.signature.length > 0 && body.length < Math.min(2, totalBody - (i > 0 ? 1 : 0)))
    out.push(`FIT-4 ${where}: the signature has ${body.length} body line(s) with it`);
  return out;
}

/** FIT-6: the seal stays in the block, clear of the body text above it and of the 版记 under it. */
function sealChecks(page: Page, lines: PageLines): string[] {
  const out: string[] = [];
  const { where, body, imprint } = lines;
  for (const seal of page.items.filter((x): x is SealItem => x.kind === 'seal')) {
    const r = seal.diameter / 2;
    const [top, bottom] = [seal.cy - r, seal.cy + r];
    if (top < BLOCK_TOP - CHECK_EPS || bottom > BLOCK_BOTTOM + CHECK_EPS || seal.cx - r < BLOCK_LEFT - CHECK_EPS || seal.cx + r > BLOCK_RIGHT + CHECK_EPS) {
      out.push(`FIT-6 ${where}: the seal (${top.toFixed(1)}–${bottom.toFixed(1)} pt) leaves the block`);
    }
    const above = body.filter((l) => l.top < seal.cy);
    const lastBottom = Math.max(...above.map((l) => l.top + BODY_SIZE));
    if (above.length > 0 && (top < lastBottom - CHECK_EPS || top - lastBottom > LINE_PITCH + CHECK_EPS)) {
      out.push(`FIT-6 ${where}: the seal's top is ${(top - lastBottom).toFixed(1)} pt under the last body line (0 … one line)`);
    }
    if (imprint.length > 0) {
      const imprintTop = Math.min(...imprint.map((l) => l.top)) - (LINE_PITCH - SIZE.small) / 2;
      if (bottom > imprintTop + CHECK_EPS) out.push(`FIT-6 ${where}: the seal reaches into the 版记`);
    }
  }
  return out;
}

/** TABLE-2: table rules stay in the block. */
function tableRuleChecks(page: Page, where: string): string[] {
  const out: string[] = [];
  for (const rule of page.items.filter((x): x is RuleItem => x.kind === 'rule' && x.width === TABLE_RULE && x.colour === 'black')) {
    const ys = [rule.y, rule.y2 ?? rule.y];
    if (
      Math.min(...ys) < BLOCK_TOP - CHECK_EPS ||
      Math.max(...ys) > BLOCK_BOTTOM + CHECK_EPS ||
      rule.x1 < BLOCK_LEFT - CHECK_EPS ||
      rule.x2 > BLOCK_RIGHT + CHECK_EPS
    ) {
      out.push(`TABLE-2 ${where}: a table rule at y ${ys.map((y) => y.toFixed(1)).join('–')} pt leaves the block`);
    }
  }
  return out;
}

/** TABLE-1: every page a table continues on starts its part with 续表 and the header rows. */
function continuedTableChecks(layout: Layout, model: DocumentModel): string[] {
  const out: string[] = [];
  model.blocks.forEach((b, index) => {
    if (b.kind !== 'table') return;
    const parts = layout.pages.map((p, page) => ({ page, lines: p.lines.filter((l) => l.block === index) })).filter((p) => p.lines.length > 0);
    const header = (lines: Line[]) => lines.filter((l) => l.role === 'heading').map(text);
    const first = parts[0];
    if (!first) return;
    for (const part of parts.slice(1)) {
      const where = `page ${part.page + 1}, table <table> #${index + 1}`;
      if (text(part.lines[0]!) !== CONTINUED_LABEL) out.push(`TABLE-1 ${where}: the continued table does not open with ${CONTINUED_LABEL}`);
      if (header(part.lines).join('|') !== header(first.lines).join('|')) out.push(`TABLE-1 ${where}: the header rows are not repeated`);
    }
  });
  return out;
}
