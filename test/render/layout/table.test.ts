import { describe, expect, it } from 'vitest';
import { BODY_SIZE, LINE_PITCH, TABLE_PADDING, TABLE_RULE, gridLineTop, halfGap } from '../../../lambdas/render/layout/geometry.js';
import type { Block, TableRow } from '../../../lambdas/render/model.js';
import type { Line, RuleItem } from '../../../lambdas/render/layout/types.js';
import { C, L, R, fullParagraph, han, lay, paragraph, thrown } from './fixtures.js';

const row = (header: boolean, ...cells: [string, 'left' | 'center' | 'right'][]): TableRow => ({ header, cells: cells.map(([text, align]) => ({ text, align })) });
const table = (widths: number[], rows: TableRow[]): Block => ({ kind: 'table', widths, rows });
const rules = (items: readonly { kind: string }[]) => items.filter((i): i is RuleItem => i.kind === 'rule');
const text = (l: Line) => l.units.map((u) => u.text).join('');
const right = (l: Line) => l.units.at(-1)!.x + l.units.at(-1)!.width;

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

  it('breaks a table between rows across pages, repeating nothing, each part closed by a rule', () => {
    const layout = lay([fullParagraph(20), table([1, 4, 2], [rows[0]!, rows[2]!, rows[1]!])]);
    const [p1, p2] = layout.pages;
    expect(p1!.lines.filter((l) => l.block === 1).map(text)).toEqual(['序号', '项目', '金额', '2', '生活津贴', '¥30,000.00']);
    expect(p2!.lines.filter((l) => l.block === 1).some((l) => text(l) === '序号')).toBe(false);
    expect(p2!.lines.find((l) => l.block === 1)!.top).toBeCloseTo(gridLineTop(0), 6);
    const horizontals = rules(p1!.items).filter((r) => r.y2 === undefined).map((r) => r.y);
    expect(Math.max(...horizontals)).toBeCloseTo(gridLineTop(21) + BODY_SIZE + halfGap(LINE_PITCH), 6);
    expect(rules(p2!.items).filter((r) => r.y2 === undefined)).toHaveLength(2);
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
      lay([paragraph(han(10)), table(widths, [row(false, [content, 'left'], ['¥5,000,000.00', 'right'])])]).pages[0]!.lines.filter((l) => l.block === 1 && !text(l).startsWith('¥'));

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
