// 版记 (§2.1, §4.5): rows one grid pitch high stacked up from the block bottom, 四号 text
// centred in each row; 抄送 1 字 in from both sides with wrapped lines aligned after the
// colon; 印发机关 1 字 in from the left, 印发日期 1 字 in from the right. A thick rule above
// the first row and on the block bottom, thin rules between elements.
// 信函格式 (GB/T 9704 10.1): the 版记 has neither 印发机关 and 印发日期 nor rules — only the
// 抄送 lines at the foot of the block, and nothing at all when there is no 抄送.
import type { DocumentFormat } from '../model.js';
import { BLOCK_BOTTOM, BLOCK_LEFT, BLOCK_RIGHT, BLOCK_WIDTH, BODY_SIZE, LINE_PITCH, IMPRINT_THICK, IMPRINT_THIN, SIZE, SMALL_INDENT } from './geometry.js';
import { LayoutError } from './errors.js';
import { emitLine, type SetLine } from './runs.js';
import { segmentText, solidWidth } from './segment.js';
import type { Placement, Slot } from './slot.js';
import { setText, type Typesetter } from './typeset.js';
import type { Item, Line, RuleItem } from './types.js';

export interface ImprintBlock {
  copyTo?: string | undefined;
  printedBy: string;
  printedDate: string;
}

export interface SetImprint {
  /** Rows it takes above the block bottom. */
  rows: number;
  /** y of its top rule (信函格式: its first line's em top): content above must end above this. */
  top: number;
  place(): Placement;
}

const size = SIZE.small;
const rowTop = (fromBottom: number) => BLOCK_BOTTOM - (fromBottom + 1) * LINE_PITCH;
const emTop = (fromBottom: number) => rowTop(fromBottom) + (LINE_PITCH - size) / 2;

function rule(y: number, width: number): RuleItem {
  return { kind: 'rule', x1: BLOCK_LEFT, x2: BLOCK_RIGHT, y, width, colour: 'black' };
}

export function setImprint(block: number, imprint: ImprintBlock, format: DocumentFormat, ts: Typesetter): SetImprint | undefined {
  const width = BLOCK_WIDTH - 2 * SMALL_INDENT;
  let copyLines: SetLine[] = [];
  if (imprint.copyTo) {
    const colon = imprint.copyTo.indexOf('：');
    const hang = colon < 0 ? 0 : solidWidth(segmentText(imprint.copyTo.slice(0, colon + 1), 'body', size, ts.measure));
    copyLines = setText(imprint.copyTo, { width, firstIndent: 0, indent: hang }, ts, 'body', size);
  }
  if (format === 'letter') return copyLines.length > 0 ? letterImprint(block, copyLines, ts) : undefined;
  const by = setText(imprint.printedBy, { width, firstIndent: 0, indent: 0 }, ts, 'body', size);
  const date = setText(imprint.printedDate, { width, firstIndent: 0, indent: 0 }, ts, 'body', size);
  const byLine = by[0];
  const dateLine = date[0];
  const used = (s: SetLine) => s.placed.reduce((w, p) => w + p.width, 0);
  if (!byLine || !dateLine || by.length > 1 || date.length > 1 || used(byLine) + used(dateLine) + size > width) {
    throw new LayoutError(`<imprint> #${block + 1}: 印发机关 “${imprint.printedBy}” and 印发日期 “${imprint.printedDate}” must fit on one line together`);
  }
  const rows = copyLines.length + 1;
  return {
    rows,
    top: BLOCK_BOTTOM - rows * LINE_PITCH,
    place() {
      const items: Item[] = [];
      const lines: Line[] = [];
      const emit = (s: SetLine, left: number, fromBottom: number) => {
        const out = emitLine(s, block, left, emTop(fromBottom), 'black', ts.measure);
        items.push(...out.items);
        lines.push(out.line);
      };
      copyLines.forEach((s, i) => emit(s, BLOCK_LEFT + SMALL_INDENT, rows - 1 - i));
      emit(byLine, BLOCK_LEFT + SMALL_INDENT, 0);
      emit(dateLine, BLOCK_RIGHT - SMALL_INDENT - used(dateLine), 0);
      items.push(rule(rowTop(rows - 1), IMPRINT_THICK));
      if (copyLines.length > 0) items.push(rule(rowTop(0), IMPRINT_THIN));
      items.push(rule(BLOCK_BOTTOM, IMPRINT_THICK));
      return { items, lines, bottom: BLOCK_BOTTOM };
    },
  };
}

function letterImprint(block: number, copyLines: readonly SetLine[], ts: Typesetter): SetImprint {
  const rows = copyLines.length;
  return {
    rows,
    top: emTop(rows - 1),
    place() {
      const items: Item[] = [];
      const lines: Line[] = [];
      copyLines.forEach((s, i) => {
        const out = emitLine(s, block, BLOCK_LEFT + SMALL_INDENT, emTop(rows - 1 - i), 'black', ts.measure);
        items.push(...out.items);
        lines.push(out.line);
      });
      return { items, lines, bottom: emTop(0) + size };
    },
  };
}

/**
 * The 版记 as the last slot of the flow: it takes no grid line (it stands on the block bottom)
 * but keeps with the 署名 before it and leaves a line's gap above its top (FIT-4: never alone on a page).
 */
export function imprintSlot(block: number, imprint: SetImprint): Slot {
  return {
    block,
    lines: 0,
    blank: false,
    keepWithNext: false,
    keepWithPrevious: true,
    floor: imprint.top - (LINE_PITCH - BODY_SIZE),
    place: () => imprint.place(),
  };
}
