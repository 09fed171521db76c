import { describe, expect, it } from 'vitest';
import { BLOCK_BOTTOM, BLOCK_TOP, BODY_SIZE, LINE_PITCH, TABLE_PADDING, TABLE_RULE, gridLineTop, halfGap } from '../../../lambdas/render/layout/geometry.js';
import { checkFit } from '../../../lambdas/render/layout/fit.js';
import type { Block, TableRow } from '../../../lambdas/render/model.js';
import type { RuleItem } from '../../../lambdas/render/layout/types.js';
import { C, L, R, fullParagraph, han, lay, lineRight as right, lineText as text, model, paragraph, random, thrown } from './fixtures.js';

const row = (header: boolean, ...cells: [string, 'left' | 'center' | 'right'][]): TableRow => ({
  header,
  cells: cells.map(([text, align]) => ({ text, align })),
});
const table = (widths: number[], rows: TableRow[]): Block => ({ kind: 'table', widths, rows });
const rules = (items: readonly { kind: string }[]) => items.filter((i): i is RuleItem => i.kind === 'rule');

const rows = [
  row(true, ['序号', 'center'], ['项目', 'center'], ['金额', 'center']),
  row(false, ['1', 'center'], ['科研经费资助项目名称很长需要换行显示的文字内容', 'left'], ['¥500,000.00', 'right']),
  row(false, ['2', 'center'], ['生活津贴', 'left'], ['¥30,000.00', 'right']),
];

describe('tables', () => {
  const blocks: Block[] = [paragraph(han(10)), table([1, 4, 2], rows), paragraph(han(10))];
  const page = lay(blocks).pages[0]!;
  const cells = page.lines.filter((l) => l.block === 1);

  it('scales the columns to the block width and rules them in 0.5 pt black', () => {
    const verticals = rules(page.items).filter((r) => r.y2 !== undefined);
    const xs = [...new Set(verticals.map((r) => Math.round(r.x1 * 1000) / 1000))];
    expect(xs).toEqual([L, L + 4 * C, L + 20 * C, R].map((x) => Math.round(x * 1000) / 1000));
    for (const r of rules(page.items)) expect(r).toMatchObject({ width: TABLE_RULE, colour: 'black' });
  });

  it('sets the header row in the heading role and body cells in the body role', () => {
    expect(cells.filter((l) => ['序号', '项目', '金额'].includes(text(l))).every((l) => l.role === 'heading')).toBe(true);
    expect(cells.find((l) => text(l) === '生活津贴')!.role).toBe('body');
  });

  it('wraps a cell inside its column and right-aligns amounts', () => {
    const column = cells.filter((l) => l.role === 'body' && Math.abs(l.units[0]!.x - (L + 4 * C + TABLE_PADDING)) < 1e-6);
    const wrapped = column.filter((l) => text(l) !== '生活津贴');
    expect(wrapped.map(text).join('')).toBe('科研经费资助项目名称很长需要换行显示的文字内容');
    expect(wrapped.length).toBe(2);
    expect(right(wrapped[0]!)).toBeCloseTo(L + 20 * C - TABLE_PADDING, 6);
    const amount = cells.find((l) => text(l) === '¥500,000.00')!;
    expect(right(amount)).toBeCloseTo(R - TABLE_PADDING, 6);
  });

  it('makes every row whole grid lines high, so the body grid goes on after the table', () => {
    const horizontals = rules(page.items).filter((r) => r.y2 === undefined);
    for (const r of horizontals) {
      const k = (r.y + halfGap(LINE_PITCH) - gridLineTop(0)) / LINE_PITCH;
      expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-6);
    }
    const after = page.lines.find((l) => l.block === 2)!;
    const k = (after.top - gridLineTop(0)) / LINE_PITCH;
    expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-6);
    expect(after.top).toBeGreaterThan(Math.max(...horizontals.map((r) => r.y)));
    expect(after.top - Math.max(...horizontals.map((r) => r.y))).toBeCloseTo(halfGap(LINE_PITCH), 6);
  });

  it('continues a table under 续表 and its header rows, each part closed by a rule inside the block (TABLE-1, TABLE-2)', () => {
    const blocks = [fullParagraph(19), table([1, 4, 2], [rows[0]!, rows[2]!, rows[1]!])];
    const layout = lay(blocks);
    const [p1, p2] = layout.pages;
    expect(p1!.lines.filter((l) => l.block === 1).map(text)).toEqual(['序号', '项目', '金额', '2', '生活津贴', '¥30,000.00']);
    const part = p2!.lines.filter((l) => l.block === 1);
    expect(part[0]).toMatchObject({ top: gridLineTop(0) });
    expect(text(part[0]!)).toBe('续表');
    expect(part[0]!.units[0]!.x).toBeCloseTo(L, 6);
    expect(part.slice(1, 4).map(text)).toEqual(['序号', '项目', '金额']);
    expect(part[1]!.top).toBeCloseTo(gridLineTop(1), 6);
    const horizontals = (page: typeof p1) =>
      rules(page!.items)
        .filter((r) => r.y2 === undefined)
        .map((r) => r.y);
    expect(Math.max(...horizontals(p1))).toBeCloseTo(gridLineTop(20) + BODY_SIZE + halfGap(LINE_PITCH), 6);
    expect(Math.max(...horizontals(p1))).toBeLessThan(BLOCK_BOTTOM);
    expect(Math.min(...horizontals(p2))).toBeCloseTo(gridLineTop(1) - halfGap(LINE_PITCH), 6);
    expect(Math.min(...horizontals(p2))).toBeGreaterThan(BLOCK_TOP);
    expect(checkFit(layout, model(blocks))).toEqual([]);
  });

  it('leaves grid line 0 free above a table that opens a page, so its top rule stays in the block (TABLE-2)', () => {
    const layout = lay([fullParagraph(22), table([1, 4, 2], rows)]);
    const part = layout.pages[1]!.lines.filter((l) => l.block === 1);
    expect(text(part[0]!)).toBe('序号');
    expect(part[0]!.top).toBeCloseTo(gridLineTop(1), 6);
  });

  it('keeps every row whole on one page, repeats the header and keeps every rule in the block, for tables of 1 to 80 rows (TABLE-1 … TABLE-3)', () => {
    const rnd = random(9);
    for (let n = 1; n <= 80; n += n < 10 ? 1 : 7) {
      const body = Array.from({ length: n }, (_, r) =>
        row(false, [String(r + 1), 'center'], [`第${r + 1}行${han(Math.floor(rnd() * 40))}`, 'left'], ['¥500.00', 'right']),
      );
      const blocks = [fullParagraph(1 + Math.floor(rnd() * 21)), table([2, 20, 6], [rows[0]!, ...body]), paragraph(han(30))];
      const layout = lay(blocks);
      expect(checkFit(layout, model(blocks)), `${n} rows`).toEqual([]);
      const column = (page: (typeof layout.pages)[number]) =>
        page.lines
          .filter((l) => l.block === 1 && l.role === 'body' && Math.abs(l.units[0]!.x - (L + 2 * C + TABLE_PADDING)) < 1e-6)
          .map(text)
          .join('');
      const parts = layout.pages.map(column);
      body.forEach((b) => {
        const whole = b.cells[1]!.text;
        expect(
          parts.filter((p) => p.includes(whole)),
          `${n} rows: ${whole}`,
        ).toHaveLength(1);
      });
    }
  });

  it('refuses a row taller than a page holds under its header, naming it', () => {
    const tall = row(false, ['1', 'center'], [han(24 * 20), 'left']);
    const e = thrown(() => lay([table([4, 24], [row(true, ['序号', 'center'], ['内容', 'center']), tall])]));
    expect(e.code).toBe('LAYOUT_IMPOSSIBLE');
    expect(e.message).toContain('row 2');
  });

  it('keeps a header row with the first row under it', () => {
    const layout = lay([fullParagraph(21), table([1, 4, 2], rows)]);
    expect(layout.pages[0]!.lines.some((l) => l.block === 1)).toBe(false);
  });

  it('refuses widths wider than the line, a column too narrow for its text, and a row of the wrong size', () => {
    expect(thrown(() => lay([table([20, 10], [row(false, ['a', 'left'], ['b', 'left'])])])).message).toContain('30 cells');
    const narrow = thrown(() => lay([table([20, 3], [row(false, ['名称', 'left'], ['¥500,000.00', 'right'])])]));
    expect(narrow.code).toBe('LAYOUT_IMPOSSIBLE');
    expect(narrow.message).toContain('¥500,000.00');
    expect(narrow.message).toContain('widen the column');
    expect(thrown(() => lay([table([10, 10], [row(false, ['a', 'left'])])])).message).toContain('1 cells');
  });

  describe('breaking inside a cell', () => {
    const cellLines = (widths: number[], content: string) =>
      lay([paragraph(han(10)), table(widths, [row(false, [content, 'left'], ['¥5,000,000.00', 'right'])])]).pages[0]!.lines.filter(
        (l) => l.block === 1 && !text(l).startsWith('¥'),
      );

    it('breaks before a short bracketed group rather than inside it when the cell has room', () => {
      // 14 of 28 cells: 13 for text after padding.
      const ls = cellLines([14, 14], '国家级企业技术中心补助（一次性）');
      expect(ls.map(text)).toEqual(['国家级企业技术中心补助', '（一次性）']);
    });

    it('sets cell lines ragged: a line broken before the group is not stretched', () => {
      const [first] = cellLines([14, 14], '国家级企业技术中心补助（一次性）');
      const xs = first!.units.map((u) => u.x);
      for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeCloseTo(C, 6);
      expect(first!.units[0]!.x).toBeCloseTo(L + TABLE_PADDING, 6);
    });

    it('breaks inside the group when keeping it would cost the row a line', () => {
      // 7 cells of text: two lines only if broken inside the brackets, three if not.
      const ls = cellLines([8, 20], '科研补助（一次性）安家补贴');
      expect(ls.map(text)).toEqual(['科研补助（一次', '性）安家补贴']);
    });
  });
});
