// What the page builder stacks on grid lines: a text line, a blank line, a table row, the
// signature, and last the 版记 (which stands on the block bottom and takes no grid line). Each slot knows how many grid lines it takes and how to draw itself once the
// page builder has chosen its first grid line (and that page's line pitch).
import { BODY_SIZE } from './geometry.js';
import type { SetLine } from './runs.js';
import { emitLine } from './runs.js';
import type { Colour, Item, Line, Measure } from './types.js';

export interface Placement {
  items: Item[];
  lines: Line[];
  /** Lowest point it draws (an em bottom, a rule, the seal's edge), from the page top. */
  bottom: number;
}

export interface Slot {
  block: number;
  /** Grid lines it takes. */
  lines: number;
  /** A blank line required by an element rule; it vanishes at the top of a page. */
  blank: boolean;
  /** Must share a page with the slot after it (heading lines). */
  keepWithNext: boolean;
  /** Must share a page with the slot before it (署名 and 日期, 附注 after them). */
  keepWithPrevious: boolean;
  /** Body text (paragraph, heading, table row, 附件说明): page 1 must carry some (GB/T 9704). */
  body?: boolean;
  /** Rows of one table share an id: the row that ends a page's part of the table closes it. */
  table?: number;
  /**
   * A table row that would open a page: what goes above it, so that its top rule stays in the
   * block (TABLE-2) — on a page that continues the table, 续表 and the header rows (TABLE-1).
   */
  pageTop?(continued: boolean): readonly Slot[];
  /** A blank line that the fitting may halve (FIT-2: the gap under the title). */
  squeezable?: boolean;
  /** Nothing on its page may reach below this (the 版记's top, less a line's gap). */
  floor?: number;
  /**
   * Lowest point it draws when placed at `top` (a seal's edge, a row's rule), when that is not the
   * em bottom of its last line; `fit` is its page's fitting level (FIT-1 … FIT-3).
   */
  extent?(top: number, pitch: number, fit: number): number;
  place(top: number, pitch: number, fit?: number): Placement;
  /** The rule under a table row that is the last of its table on its page. */
  close?(top: number, pitch: number): Item[];
}

/**
 * One line of text on one grid line. A line larger than the body (the 二号 title) is centred
 * on the grid line's em box: its em top sits half the difference above the grid line's.
 */
export function lineSlot(block: number, set: SetLine, left: number, measure: Measure, keepWithNext = false, colour: Colour = 'black'): Slot {
  const shift = (BODY_SIZE - set.size) / 2;
  return {
    block,
    lines: 1,
    blank: false,
    keepWithNext,
    keepWithPrevious: false,
    place(top) {
      const { line, items } = emitLine(set, block, left, top + shift, colour, measure);
      return { items, lines: [line], bottom: top + shift + set.size };
    },
  };
}

export function blankSlot(block: number, lines = 1, squeezable = false): Slot {
  return {
    block,
    lines,
    blank: true,
    ...(squeezable ? { squeezable } : {}),
    keepWithNext: false,
    keepWithPrevious: false,
    place: () => ({ items: [], lines: [], bottom: -Infinity }),
  };
}
