// The tagged-PDF structure of a laid-out document (ISO 32000-1 14.7–14.8): which structure
// element each painted item belongs to, or that it is an artifact. Pure: paint.ts turns the plan
// into marked content and the structure tree. Reading order is the model's block order, which is
// the visual order of a 公文 (the QR in page 1's top margin comes first); docs/layout.md.
import type { Block } from './model.js';
import type { Item, Layout, Line, Page, TextItem } from './layout/types.js';
import { CHECK_EPS } from './layout/geometry.js';

type StructType = 'Document' | 'H1' | 'H2' | 'H3' | 'H4' | 'H5' | 'P' | 'Table' | 'TR' | 'TH' | 'TD' | 'Figure';

export interface StructNode {
  type: StructType;
  /** Alternate description (Figure): what a screen reader says for the image. */
  alt?: string;
  children: StructNode[];
}

/** Artifact kinds of ISO 32000-1 14.8.2.2: page furniture (page numbers, watermark), rules, backgrounds. */
type ArtifactType = 'Pagination' | 'Layout' | 'Background';

export type ItemTag = { node: StructNode } | { artifact: ArtifactType };

export interface StructurePlan {
  root: StructNode;
  tags: Map<Item, ItemTag>;
}

/** The caption printed beside a verification QR code, so a reader without a camera can still check. */
export const QR_CAPTION = '扫码核验';

const node = (type: StructType, alt?: string): StructNode => ({ type, ...(alt ? { alt } : {}), children: [] });

const lineText = (line: Line) => line.units.map((u) => u.text).join('');

/** The layout line a text item was drawn from: same baseline, starting inside the line's extent. */
function lineOf(page: Page, item: TextItem): Line | undefined {
  return page.lines.find((l) => {
    const first = l.units[0];
    const last = l.units[l.units.length - 1];
    return first && last && Math.abs(l.baseline - item.baseline) < CHECK_EPS && item.x >= first.x - CHECK_EPS && item.x <= last.x + last.width + CHECK_EPS;
  });
}

/** A QR code as a Figure, with its caption and URL as a paragraph after it. */
function qrNodes(url: string): { figure: StructNode; caption: StructNode } {
  return { figure: node('Figure', `核验二维码：${url}`), caption: node('P') };
}

/**
 * Tags a card (no blocks): each text a paragraph in the order the card layout placed it, the QR
 * and the photo as figures, bands and hairlines as artifacts.
 */
function cardPlan(layout: Layout): StructurePlan {
  const root = node('Document');
  const tags = new Map<Item, ItemTag>();
  for (const page of layout.pages) {
    const qr = page.items.find((i) => i.kind === 'qr');
    const qrCaption = qr ? qrNodes(qr.url) : undefined;
    for (const item of page.items) {
      if (item.kind === 'text') {
        if (qrCaption && (item.text === qr?.url || item.text === QR_CAPTION)) {
          tags.set(item, { node: qrCaption.caption });
          continue;
        }
        const p = node('P');
        root.children.push(p);
        tags.set(item, { node: p });
      } else if (item.kind === 'qr' && qrCaption) {
        root.children.push(qrCaption.figure, qrCaption.caption);
        tags.set(item, { node: qrCaption.figure });
      } else if (item.kind === 'image') {
        const figure = node('Figure', '持卡人照片');
        root.children.push(figure);
        tags.set(item, { node: figure });
      } else if (item.kind === 'seal') {
        const figure = node('Figure', `印章：${item.issuer}`);
        root.children.push(figure);
        tags.set(item, { node: figure });
      } else {
        tags.set(item, { artifact: item.kind === 'box' && item.fill ? 'Background' : 'Layout' });
      }
    }
  }
  return { root, tags: prune(root, tags) };
}

/** Per block of a 公文, the elements its items go into, in reading order. */
interface BlockNodes {
  /** Elements appended to the Document for this block. */
  top: StructNode[];
  /** The element a line of this block goes into (tables: decided per cell). */
  forLine(line: Line, item: TextItem): StructNode | undefined;
}

function blockNodes(block: Block): BlockNodes {
  switch (block.kind) {
    case 'title': {
      const h = node('H1');
      return { top: [h], forLine: () => h };
    }
    case 'heading': {
      const h = node(`H${block.level + 1}` as StructType);
      return { top: [h], forLine: () => h };
    }
    case 'signature': {
      const issuer = node('P');
      const date = node('P');
      return { top: [issuer, date], forLine: (line) => (lineText(line).includes(block.date) ? date : issuer) };
    }
    case 'imprint': {
      const copyTo = node('P');
      const printed = node('P');
      return {
        top: [copyTo, printed],
        forLine: (line) => (lineText(line).includes(block.printedBy) || lineText(line).includes(block.printedDate) || !block.copyTo ? printed : copyTo),
      };
    }
    case 'table': {
      const table = node('Table');
      for (const row of block.rows) {
        const tr = node('TR');
        for (let c = 0; c < row.cells.length; c++) tr.children.push(node(row.header ? 'TH' : 'TD'));
        table.children.push(tr);
      }
      return { top: [table], forLine: () => undefined };
    }
    default: {
      const p = node('P');
      return { top: [p], forLine: () => p };
    }
  }
}

/**
 * A table's text on one page, cell by cell: rows are told apart by the full-width rules above
 * them, columns by the vertical rules left of them. On a page that continues a table, the 续表
 * label and the repeated header rows are artifacts (the header is tagged once, where it first
 * stands).
 */
function tagTableOnPage(
  page: Page,
  blockIndex: number,
  block: Extract<Block, { kind: 'table' }>,
  table: StructNode,
  nextRow: number,
  tags: Map<Item, ItemTag>,
): number {
  const lines = page.lines.filter((l) => l.block === blockIndex);
  if (lines.length === 0) return nextRow;
  const rules = page.items.filter((i) => i.kind === 'rule');
  const columnEdges = [...new Set(rules.filter((r) => r.y2 !== undefined).map((r) => r.x1))].sort((a, b) => a - b);
  const top = Math.min(...lines.map((l) => l.top));
  const bottom = Math.max(...lines.map((l) => l.baseline));
  // Full-width rules within the table's extent (each lies half a line gap above its row): one above each row.
  const rowRules = [...new Set(rules.filter((r) => r.y2 === undefined && r.y >= top - 10 && r.y <= bottom).map((r) => r.y))].sort((a, b) => a - b);
  const rowOf = (line: Line) => rowRules.filter((y) => y < line.baseline).length - 1;
  const pageRows = [...new Set(lines.map(rowOf).filter((r) => r >= 0))].sort((a, b) => a - b);
  const continued = nextRow > 0;
  const modelRow = new Map<number, number | null>();
  let leading = true;
  for (const r of pageRows) {
    const header = lines.filter((l) => rowOf(l) === r).every((l) => l.role === 'heading');
    leading &&= header;
    if (continued && leading) modelRow.set(r, null);
    else modelRow.set(r, nextRow++);
  }
  for (const item of page.items) {
    if (item.kind !== 'text') continue;
    const line = lineOf(page, item);
    if (!line || line.block !== blockIndex) continue;
    const r = modelRow.get(rowOf(line));
    const column = columnEdges.filter((x) => x <= item.x + CHECK_EPS).length - 1;
    const cell = r === null || r === undefined ? undefined : table.children[r]?.children[column];
    tags.set(item, cell && r! < block.rows.length ? { node: cell } : { artifact: 'Pagination' });
  }
  return nextRow;
}

/** Drops elements that received nothing (an imprint without 抄送), keeping table cells, which stand for their place in the grid. */
function prune(root: StructNode, tags: Map<Item, ItemTag>): Map<Item, ItemTag> {
  const used = new Set<StructNode>();
  for (const tag of tags.values()) if ('node' in tag) used.add(tag.node);
  const keep = (n: StructNode): boolean => {
    n.children = n.children.filter(keep);
    return used.has(n) || n.children.length > 0 || n.type === 'TH' || n.type === 'TD' || n.type === 'TR';
  };
  keep(root);
  return tags;
}

/**
 * The structure of a document: a 公文's blocks when given (title H1, headings H2–H5, 主送,
 * paragraphs, 署名 and date, 版记 lines as P, tables as Table/TR/TH/TD, seal and QR as figures),
 * else a card's items in their order. The watermark is painted as an artifact by paint itself.
 */
export function structurePlan(layout: Layout, blocks?: readonly Block[]): StructurePlan {
  if (!blocks) return cardPlan(layout);
  const root = node('Document');
  const tags = new Map<Item, ItemTag>();
  const perBlock = blocks.map(blockNodes);
  const qr = layout.pages[0]?.items.find((i) => i.kind === 'qr');
  const qrCaption = qr ? qrNodes(qr.url) : undefined;
  if (qrCaption) root.children.push(qrCaption.figure, qrCaption.caption);
  for (const b of perBlock) root.children.push(...b.top);
  const signature = blocks.findIndex((b) => b.kind === 'signature');
  const headerBlock = blocks.findIndex((b) => b.kind === 'header');
  const tableRows = new Map<number, number>();

  for (const page of layout.pages) {
    blocks.forEach((block, i) => {
      if (block.kind === 'table') tableRows.set(i, tagTableOnPage(page, i, block, perBlock[i]!.top[0]!, tableRows.get(i) ?? 0, tags));
    });
    for (const item of page.items) {
      if (tags.has(item)) continue;
      switch (item.kind) {
        case 'text': {
          if (qrCaption && (item.text === QR_CAPTION || item.text === qr?.url)) {
            tags.set(item, { node: qrCaption.caption });
            break;
          }
          const line = lineOf(page, item);
          const target = line ? perBlock[line.block]?.forLine(line, item) : undefined;
          if (target) tags.set(item, { node: target });
          // The 标志 is set as one item without a line; anything else without a line is a page number or a 续表 label.
          else if (!line && headerBlock >= 0 && blocks[headerBlock]!.kind === 'header' && item.colour === 'red')
            tags.set(item, { node: perBlock[headerBlock]!.top[0]! });
          else tags.set(item, { artifact: 'Pagination' });
          break;
        }
        case 'qr':
          tags.set(item, qrCaption ? { node: qrCaption.figure } : { artifact: 'Layout' });
          break;
        case 'seal': {
          const figure = node('Figure', `印章：${item.issuer}`);
          // The seal is read after the 署名 and date it presses on.
          if (signature >= 0) perBlock[signature]!.top.push(figure);
          const at = signature >= 0 ? root.children.indexOf(perBlock[signature]!.top[1]!) + 1 : root.children.length;
          root.children.splice(at, 0, figure);
          tags.set(item, { node: figure });
          break;
        }
        case 'image': {
          const figure = node('Figure', '照片');
          root.children.push(figure);
          tags.set(item, { node: figure });
          break;
        }
        default:
          tags.set(item, { artifact: item.kind === 'box' && item.fill ? 'Background' : 'Layout' });
      }
    }
  }
  return { root, tags: prune(root, tags) };
}
