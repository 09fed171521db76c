// Tables: a ruled grid across the block, columns scaled to exactly 28 cells, each cell's text
// broken with the same rules as the body, and not inside a short bracketed group if it can be
// helped, then set ragged (solid, aligned as the cell asks). A row is a whole number of grid
// lines, so the body grid goes on unchanged after the table. A table breaks between rows
// (TABLE-3); a page that continues it starts with 续表 on grid line 0 and the header rows again
// (TABLE-1); no row takes grid line 0 or the page's last line, so every rule stays in the block
// (TABLE-2). Rules are in docs/layout.md, “Tables”.
import type { FontRole, TableRow } from '../model.js';
import { BLOCK_LEFT, BLOCK_RIGHT, BLOCK_WIDTH, BODY_SIZE, CHARS_PER_LINE, EPS, halfGap, LINES_PER_PAGE, TABLE_PADDING, TABLE_RULE } from './geometry.js';
import { LayoutError } from './errors.js';
import { emitLine, type SetLine } from './runs.js';
import { blankSlot, lineSlot, type Slot } from './slot.js';
import { KEEP_TOGETHER, SHORT_BRACKET_GROUP } from './kinsoku.js';
import { segmentText } from './segment.js';
import type { Align } from './justify.js';
import { setOnce, setText, setUnits, type Typesetter } from './typeset.js';
import type { Item, Line, RuleItem } from './types.js';

const CELL_KEEP_TOGETHER = [...KEEP_TOGETHER, SHORT_BRACKET_GROUP];

function rule(x1: number, x2: number, y: number, y2?: number): RuleItem {
  return { kind: 'rule', x1, x2, y, ...(y2 === undefined ? {} : { y2 }), width: TABLE_RULE, colour: 'black' };
}

/** Column left edges and widths in points, scaled so the columns span the block exactly. */
function tableColumns(widths: readonly number[], where: string): { x: number; width: number }[] {
  const total = widths.reduce((a, b) => a + b, 0);
  if (widths.length === 0 || widths.some((w) => !(w > 0))) {
    throw new LayoutError(`${where}: table widths “${widths.join(',')}” must be positive numbers of cells`);
  }
  if (total > CHARS_PER_LINE + EPS) {
    throw new LayoutError(`${where}: table widths “${widths.join(',')}” add up to ${total} cells; a line holds ${CHARS_PER_LINE}`);
  }
  let x = BLOCK_LEFT;
  return widths.map((w, i) => {
    const width = (w / total) * BLOCK_WIDTH;
    const col = { x, width };
    x = i === widths.length - 1 ? BLOCK_RIGHT : x + width;
    if (width - 2 * TABLE_PADDING < BODY_SIZE - EPS) {
      throw new LayoutError(`${where}: column ${i + 1} is ${w} of ${total} cells wide, too narrow for one character after padding; widen it`);
    }
    return col;
  });
}

/** The label over a continued table (TABLE-1), flush left on grid line 0. */
export const CONTINUED_LABEL = '续表';

/** A cell's lines, set ragged; the same text in a column as wide is set once per process. */
function setCell(text: string, role: FontRole, align: Align, width: number, ts: Typesetter, where: string): SetLine[] {
  const frame = { width, firstIndent: 0, indent: 0 };
  return setOnce(ts, `cell|${role}|${align}|${width}|${text}`, () => {
    // An amount or a number split inside a cell would misstate it: the column must be widened.
    const units = segmentText(text, role, BODY_SIZE, ts.measure);
    const run = units.find((u) => u.width > frame.width + EPS);
    if (run) {
      throw new LayoutError(
        `${where}: “${run.text}” needs ${Math.ceil(run.width / BODY_SIZE - EPS)} cells but the column holds ${Math.floor(frame.width / BODY_SIZE + EPS)}; widen the column`,
      );
    }
    // Cells are set ragged: a line broken before `（一次性）` is not stretched across the cell.
    const plain = setUnits(units, frame, ts, role, BODY_SIZE, align, true);
    // Break before `（一次性）` rather than inside it, unless that costs the cell a line.
    const grouped = setUnits(segmentText(text, role, BODY_SIZE, ts.measure, Infinity, CELL_KEEP_TOGETHER), frame, ts, role, BODY_SIZE, align, true);
    return grouped.length <= plain.length ? grouped : plain;
  });
}

export function tableSlots(block: number, widths: readonly number[], rows: readonly TableRow[], ts: Typesetter, id: number): Slot[] {
  const where = `<table> #${block + 1}`;
  const columns = tableColumns(widths, where);
  const table: SetTable = { block, id, where, columns, edges: [...columns.map((c) => c.x), BLOCK_RIGHT], ts };
  const label = setText(CONTINUED_LABEL, { width: BLOCK_WIDTH, firstIndent: 0, indent: 0 }, ts, 'body', BODY_SIZE)[0]!;
  // Grid line 0 above the first row keeps its top rule in the block; a plain blank line would vanish at the page top.
  const spacer: Slot = { ...blankSlot(block), blank: false };
  const continued = lineSlot(block, label, BLOCK_LEFT, ts.measure, true);
  const pageTop = (more: boolean) => (more ? [continued, ...header] : [spacer]);
  const slots = rows.map((row, r) => rowSlot(table, row, r, pageTop));
  // The leading header rows, repeated on every page that continues the table.
  const header = slots.slice(
    0,
    Math.max(
      0,
      rows.findIndex((row) => !row.header),
    ),
  );
  // A page holds grid lines 1 … 20 for rows (TABLE-2), less 续表's line and the header rows on a continued page.
  const room = LINES_PER_PAGE - 2 - header.reduce((h, s) => h + s.lines, 0);
  slots.forEach((s, r) => {
    if (s.lines > room) {
      throw new LayoutError(
        `${where} row ${r + 1}: needs ${s.lines} lines, more than a page holds under the header (${room}); widen the column or shorten the text`,
      );
    }
  });
  return slots;
}

/** A table being set: its block, its id among the document's tables, its columns and their edges. */
interface SetTable {
  block: number;
  id: number;
  where: string;
  columns: readonly { x: number; width: number }[];
  edges: readonly number[];
  ts: Typesetter;
}

/** Row `r` as a slot: as many grid lines as its tallest cell, ruled above and between its cells. */
function rowSlot(table: SetTable, row: TableRow, r: number, pageTop: (more: boolean) => Slot[]): Slot {
  const { block, columns, edges, ts, where } = table;
  if (row.cells.length !== columns.length) {
    throw new LayoutError(`${where} row ${r + 1}: ${row.cells.length} cells, but widths names ${columns.length} columns`);
  }
  const role = row.header ? 'heading' : 'body';
  const cells: SetLine[][] = row.cells.map((cell, c) =>
    cell.text === '' ? [] : setCell(cell.text, role, cell.align, columns[c]!.width - 2 * TABLE_PADDING, ts, `${where} row ${r + 1} column ${c + 1}`),
  );
  const height = Math.max(1, ...cells.map((l) => l.length));
  const bottomOf = (top: number, pitch: number) => top + (height - 1) * pitch + BODY_SIZE + halfGap(pitch);
  return {
    block,
    lines: height,
    blank: false,
    // A header row never ends a page without the first row under it.
    keepWithNext: row.header,
    keepWithPrevious: false,
    body: true,
    table: table.id,
    extent: (top, pitch) => bottomOf(top, pitch),
    pageTop,
    place(top, pitch) {
      const items: Item[] = [];
      const lines: Line[] = [];
      const yTop = top - halfGap(pitch);
      const yBottom = bottomOf(top, pitch);
      items.push(rule(BLOCK_LEFT, BLOCK_RIGHT, yTop));
      for (const x of edges) items.push(rule(x, x, yTop, yBottom));
      cells.forEach((set, c) => {
        // Fewer lines than the row: centred on whole grid lines, so the text stays on the grid.
        const offset = Math.floor((height - set.length) / 2);
        set.forEach((s, i) => {
          const out = emitLine(s, block, columns[c]!.x + TABLE_PADDING, top + (offset + i) * pitch, 'black', ts.measure);
          items.push(...out.items);
          lines.push(out.line);
        });
      });
      return { items, lines, bottom: yBottom };
    },
    close: (top, pitch) => [rule(BLOCK_LEFT, BLOCK_RIGHT, bottomOf(top, pitch))],
  };
}
