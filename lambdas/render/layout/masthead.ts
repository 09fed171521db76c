// 版头 on page 1, in one of GB/T 9704's two formats (§1.1, §1.3, §2.1). Returns where the
// title may start.
//   文件格式: 份号 on grid line 0; the red 发文机关标志 with its top edge 35 mm below the block
//     top; the 发文字号 centred two blank lines below it; the red separator 4 mm below that.
//   信函格式: the 标志 30 mm from the paper top; a red double rule (thick over thin) 4 mm below
//     it; 份号 flush left and 发文字号 flush right 7/8 of a 三号 height under the rule; the
//     title two lines below them; a red double rule (thin over thick) 20 mm above the paper foot.
import type { DocumentFormat } from '../model.js';
import {
  BLOCK_CENTRE_X,
  BLOCK_LEFT,
  BLOCK_RIGHT,
  BLOCK_TOP,
  BLOCK_WIDTH,
  BODY_SIZE,
  HEADER_TOP,
  LETTER_FOOT_RULE_BOTTOM,
  LETTER_HEADER_TOP,
  LETTER_NUMBER_GAP,
  LETTER_RULE_GAP,
  LETTER_RULE_LENGTH,
  LETTER_RULE_SPACE,
  LETTER_RULE_THICK,
  LETTER_RULE_THIN,
  LINE_PITCH,
  QR_GAP,
  QR_SIZE,
  SEPARATOR_GAP,
  SEPARATOR_WIDTH,
  SIZE,
  firstGridLineBelow,
  gridLineHolding,
  gridLineTop,
} from './geometry.js';
import { emitLine } from './runs.js';
import { setText, type Typesetter } from './typeset.js';
import type { Item, Line, QrItem, RuleItem, TextItem } from './types.js';

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

interface Drawn {
  items: Item[];
  lines: Line[];
}

const frame = { width: BLOCK_WIDTH, firstIndent: 0, indent: 0 };

/** The 标志: title font, red, centred; compressed horizontally when wider than the block. */
function headerItem(text: string, top: number, ts: Typesetter): TextItem {
  const size = SIZE.header;
  const natural = ts.measure.advance(text, 'title', size);
  const scale = natural > BLOCK_WIDTH ? (BLOCK_WIDTH / natural) * 100 : 100;
  return {
    kind: 'text',
    text,
    x: BLOCK_CENTRE_X - (natural * scale) / 100 / 2,
    baseline: top + ts.measure.ascent('title', size),
    size,
    role: 'title',
    colour: 'red',
    characterSpacing: 0,
    horizontalScale: scale,
    features: [],
  };
}

/** A 版头 line: off the body grid, so set solid. */
function oneLine(block: number, text: string, top: number, align: 'left' | 'center' | 'right', ts: Typesetter): Drawn {
  const out: Drawn = { items: [], lines: [] };
  setText(text, frame, ts, 'body', BODY_SIZE, align).forEach((set, i) => {
    const e = emitLine(set, block, BLOCK_LEFT, top + i * LINE_PITCH, 'black', ts.measure);
    out.items.push(...e.items);
    out.lines.push(e.line);
  });
  return out;
}

function redRule(x1: number, x2: number, y: number, width: number): RuleItem {
  return { kind: 'rule', x1, x2, y, width, colour: 'red' };
}

/** A 信函 double rule whose strokes' outer edges span top … top + its height; `thickFirst` from the top. */
function doubleRule(top: number, thickFirst: boolean): RuleItem[] {
  const x1 = BLOCK_CENTRE_X - LETTER_RULE_LENGTH / 2;
  const x2 = BLOCK_CENTRE_X + LETTER_RULE_LENGTH / 2;
  const [a, b] = thickFirst ? [LETTER_RULE_THICK, LETTER_RULE_THIN] : [LETTER_RULE_THIN, LETTER_RULE_THICK];
  return [redRule(x1, x2, top + a / 2, a), redRule(x1, x2, top + a + LETTER_RULE_SPACE + b / 2, b)];
}

const DOUBLE_RULE_HEIGHT = LETTER_RULE_THICK + LETTER_RULE_SPACE + LETTER_RULE_THIN;

function documentMasthead(blocks: MastheadBlocks, ts: Typesetter): Masthead {
  const out: Drawn = { items: [], lines: [] };
  const add = (d: Drawn) => {
    out.items.push(...d.items);
    out.lines.push(...d.lines);
  };
  let next = 0;
  if (blocks.copyNumber) {
    add(oneLine(blocks.copyNumber.block, blocks.copyNumber.text, gridLineTop(0), 'left', ts));
    next = 2;
  }
  let separatorAfter: number | undefined;
  if (blocks.header) {
    out.items.push(headerItem(blocks.header.text, HEADER_TOP, ts));
    const bottom = HEADER_TOP + SIZE.header;
    // 下空二行: two whole empty grid lines after the line the 标志 ends in.
    next = gridLineHolding(bottom) + 3;
    separatorAfter = bottom;
  }
  if (blocks.number) {
    add(oneLine(blocks.number.block, blocks.number.text, gridLineTop(next), 'center', ts));
    separatorAfter = gridLineTop(next) + BODY_SIZE;
  }
  if (separatorAfter !== undefined) {
    const y = separatorAfter + SEPARATOR_GAP;
    out.items.push(redRule(BLOCK_LEFT, BLOCK_RIGHT, y, SEPARATOR_WIDTH));
    // 红色分隔线下空二行: the title two blank grid lines below the rule.
    next = firstGridLineBelow(y) + 2;
  }
  return { ...out, firstLine: next };
}

function letterMasthead(blocks: MastheadBlocks, ts: Typesetter): Masthead {
  const out: Drawn = { items: [], lines: [] };
  const add = (d: Drawn) => {
    out.items.push(...d.items);
    out.lines.push(...d.lines);
  };
  let ruleTop = LETTER_HEADER_TOP;
  if (blocks.header) {
    out.items.push(headerItem(blocks.header.text, LETTER_HEADER_TOP, ts));
    ruleTop = LETTER_HEADER_TOP + SIZE.header + LETTER_RULE_GAP;
  }
  out.items.push(...doubleRule(ruleTop, true));
  const ruleBottom = ruleTop + DOUBLE_RULE_HEIGHT;
  // The elements under the rule share one line: 份号 flush left, 发文字号 flush right.
  const rowTop = ruleBottom + LETTER_NUMBER_GAP;
  if (blocks.copyNumber) add(oneLine(blocks.copyNumber.block, blocks.copyNumber.text, rowTop, 'left', ts));
  if (blocks.number) add(oneLine(blocks.number.block, blocks.number.text, rowTop, 'right', ts));
  out.items.push(...doubleRule(LETTER_FOOT_RULE_BOTTOM - DOUBLE_RULE_HEIGHT, false));
  // 与其上最后一个要素相距二行: the title's line at least two pitches below that element's line.
  const lastTop = blocks.copyNumber || blocks.number ? rowTop : ruleBottom - BODY_SIZE;
  return { ...out, firstLine: firstGridLineBelow(lastTop + 2 * LINE_PITCH) };
}

export function setMasthead(blocks: MastheadBlocks, format: DocumentFormat, ts: Typesetter): Masthead {
  return format === 'letter' ? letterMasthead(blocks, ts) : documentMasthead(blocks, ts);
}

/**
 * The verification QR code in page 1's top margin, flush with the block's right edge, clear
 * of the block; in 信函格式 the 标志 reaches into that margin, so the code sits above it.
 */
export function qrItem(url: string, format: DocumentFormat): QrItem {
  const above = format === 'letter' ? LETTER_HEADER_TOP : BLOCK_TOP;
  return { kind: 'qr', x: BLOCK_RIGHT - QR_SIZE, y: above - QR_GAP - QR_SIZE, size: QR_SIZE, url };
}
