// 版头 on page 1 (§1.3, §2.1): 份号 on grid line 0; the red 发文机关标志 with its top edge
// 35 mm below the block top; the 发文字号 centred two blank lines below it; the red separator
// 4 mm below the 发文字号. Returns where the title may start.
import {
  BLOCK_CENTRE_X,
  BLOCK_LEFT,
  BLOCK_RIGHT,
  BLOCK_WIDTH,
  BODY_SIZE,
  HEADER_TOP,
  SEPARATOR_GAP,
  SEPARATOR_WIDTH,
  SIZE,
  firstGridLineBelow,
  gridLineHolding,
  gridLineTop,
} from './geometry.js';
import { emitLine } from './runs.js';
import { setText, type Typesetter } from './typeset.js';
import type { Item, Line, TextItem } from './types.js';

export interface MastheadBlocks {
  copyNumber?: { block: number; text: string };
  header?: { block: number; text: string };
  number?: { block: number; text: string };
}

export interface Masthead {
  items: Item[];
  lines: Line[];
  /** The grid line where the page-1 flow (the title) starts. */
  firstLine: number;
}

const frame = { width: BLOCK_WIDTH, firstIndent: 0, indent: 0 };

/** The 标志: title font, red, centred; compressed horizontally when wider than the block. */
function headerItem(text: string, ts: Typesetter): TextItem {
  const size = SIZE.header;
  const natural = ts.measure.advance(text, 'title', size);
  const scale = natural > BLOCK_WIDTH ? (BLOCK_WIDTH / natural) * 100 : 100;
  return {
    kind: 'text',
    text,
    x: BLOCK_CENTRE_X - (natural * scale) / 100 / 2,
    baseline: HEADER_TOP + ts.measure.ascent('title', size),
    size,
    role: 'title',
    colour: 'red',
    characterSpacing: 0,
    horizontalScale: scale,
    features: [],
  };
}

function oneLine(block: number, text: string, line: number, align: 'left' | 'center', ts: Typesetter): { items: Item[]; lines: Line[] } {
  const items: Item[] = [];
  const lines: Line[] = [];
  setText(text, frame, ts, 'body', BODY_SIZE, align).forEach((set, i) => {
    const out = emitLine(set, block, BLOCK_LEFT, gridLineTop(line + i), 'black', ts.measure);
    items.push(...out.items);
    lines.push(out.line);
  });
  return { items, lines };
}

export function setMasthead(blocks: MastheadBlocks, ts: Typesetter): Masthead {
  const items: Item[] = [];
  const lines: Line[] = [];
  const add = (o: { items: Item[]; lines: Line[] }) => {
    items.push(...o.items);
    lines.push(...o.lines);
  };
  let next = 0;
  if (blocks.copyNumber) {
    add(oneLine(blocks.copyNumber.block, blocks.copyNumber.text, 0, 'left', ts));
    next = 2;
  }
  let separatorAfter: number | undefined;
  if (blocks.header) {
    items.push(headerItem(blocks.header.text, ts));
    const bottom = HEADER_TOP + SIZE.header;
    // 下空二行: two whole empty grid lines after the line the 标志 ends in.
    next = gridLineHolding(bottom) + 3;
    separatorAfter = bottom;
  }
  if (blocks.number) {
    add(oneLine(blocks.number.block, blocks.number.text, next, 'center', ts));
    separatorAfter = gridLineTop(next) + BODY_SIZE;
  }
  if (separatorAfter !== undefined) {
    const y = separatorAfter + SEPARATOR_GAP;
    items.push({ kind: 'rule', x1: BLOCK_LEFT, x2: BLOCK_RIGHT, y, width: SEPARATOR_WIDTH, colour: 'red' });
    // 红色分隔线下空二行: the title two blank grid lines below the rule.
    next = firstGridLineBelow(y) + 2;
  }
  return { items, lines, firstLine: next };
}
