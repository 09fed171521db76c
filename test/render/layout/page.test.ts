import { describe, expect, it } from 'vitest';
import { gridLineTop } from '../../../lambdas/render/layout/geometry.js';
import { paginate } from '../../../lambdas/render/layout/page.js';
import { imprintPlacement } from '../../../lambdas/render/layout/page-draw.js';
import { blankSlot, type Slot } from '../../../lambdas/render/layout/slot.js';
import { MASTHEAD, IMPRINT, SIGNATURE, fullParagraph, han, lay, paragraph, thrown } from './fixtures.js';

const text = (block: number): Slot => ({ ...blankSlot(block), blank: false });

describe('paginate', () => {
  it('fills 22 grid lines a page and starts page 1 where the 版头 leaves off', () => {
    const pages = paginate(
      Array.from({ length: 30 }, (_, i) => text(i)),
      10,
    );
    expect(pages.map((p) => p.placed.length)).toEqual([12, 18]);
    expect(pages[0]!.placed[0]!.line).toBe(10);
    expect(pages[1]!.placed[0]!.line).toBe(0);
  });

  it('drops a blank line that would open a page', () => {
    const slots = [...Array.from({ length: 22 }, (_, i) => text(i)), blankSlot(22), text(23)];
    const pages = paginate(slots, 0);
    expect(pages[1]!.placed.map((p) => p.slot.block)).toEqual([23]);
  });
});

describe('imprintPlacement', () => {
  it('keeps the 版记 on the last page when it fits, else adds a page', () => {
    expect(imprintPlacement(3, true, false)).toEqual({ page: 2, added: 0, unnumbered: 0 });
    expect(imprintPlacement(3, false, false)).toEqual({ page: 3, added: 1, unnumbered: 0 });
  });

  it('puts the 版记 on an even page in duplex print, unnumbered behind an added blank page', () => {
    expect(imprintPlacement(2, true, true)).toEqual({ page: 1, added: 0, unnumbered: 0 });
    expect(imprintPlacement(1, true, true)).toEqual({ page: 1, added: 1, unnumbered: 0 });
    expect(imprintPlacement(3, false, true)).toEqual({ page: 3, added: 1, unnumbered: 0 });
    expect(imprintPlacement(2, false, true)).toEqual({ page: 3, added: 2, unnumbered: 2 });
  });
});

describe('block order', () => {
  it('refuses a 版头 element after the body, naming it', () => {
    const e = thrown(() => lay([paragraph(han(5)), MASTHEAD[2]!]));
    expect(e.code).toBe('LAYOUT_IMPOSSIBLE');
    expect(e.message).toContain('<number> #2');
  });

  it('starts the flow on grid line 0 when there is no 版头', () => {
    expect(lay([fullParagraph(1)]).pages[0]!.lines[0]!.top).toBeCloseTo(gridLineTop(0), 6);
  });
});

describe('page breaks without orphans or widows', () => {
  const onPage = (layout: ReturnType<typeof lay>, page: number, block: number) => layout.pages[page]!.lines.filter((l) => l.block === block);

  it('moves a paragraph whose first line would stand alone at the foot of a page, leaving the page short on the grid', () => {
    const layout = lay([fullParagraph(21), paragraph(han(26 + 28 * 3))]);
    expect(onPage(layout, 0, 1)).toHaveLength(0);
    expect(layout.pages[0]!.lines).toHaveLength(21);
    const moved = onPage(layout, 1, 1);
    expect(moved).toHaveLength(4);
    expect(moved[0]).toMatchObject({ first: true, top: gridLineTop(0) });
    moved.forEach((l, i) => expect(l.top).toBeCloseTo(gridLineTop(i), 6));
  });

  it('carries a line over so that a paragraph’s last line never opens a page alone', () => {
    // A 4-line paragraph from grid line 19 would leave its last line alone on page 2: split 2 + 2.
    const layout = lay([fullParagraph(19), paragraph(han(26 + 28 * 3))]);
    expect(onPage(layout, 0, 1)).toHaveLength(2);
    expect(onPage(layout, 1, 1)).toHaveLength(2);
    expect(layout.pages[0]!.lines.at(-1)!.top).toBeCloseTo(gridLineTop(20), 6);
  });

  it('moves a three-line paragraph whole, as it cannot be split without an orphan or a widow', () => {
    const layout = lay([fullParagraph(20), paragraph(han(26 + 28 * 2))]);
    expect(onPage(layout, 0, 1)).toHaveLength(0);
    expect(onPage(layout, 1, 1)).toHaveLength(3);
  });

  it('carries a whole closing paragraph with the signature rather than leave its first line behind', () => {
    // Lines 0–18, then a 3-line paragraph on 19–21: the seal and the 版记 cannot be fitted under
    // them, so body lines go with the signature — all three, not two.
    const layout = lay([fullParagraph(19), paragraph(han(26 + 28 * 2)), SIGNATURE, IMPRINT]);
    expect(layout.pages).toHaveLength(2);
    expect(layout.pages[0]!.lines.at(-1)).toMatchObject({ block: 0, last: true });
    const carried = onPage(layout, 1, 1);
    expect(carried).toHaveLength(3);
    carried.forEach((l, i) => expect(l.top).toBeCloseTo(gridLineTop(i), 6));
    expect(onPage(layout, 1, 2)).toHaveLength(2);
  });

  it('lets a paragraph break anywhere on page 1 before it holds body text, which GB/T 9704 requires there', () => {
    // The title and 主送 leave one grid line of page 1 for a 3-line paragraph.
    const blocks = [
      ...MASTHEAD.slice(0, 3),
      { kind: 'title' as const, lines: Array.from({ length: 8 }, () => han(10)) },
      MASTHEAD[4]!,
      paragraph(han(26 + 28 * 2)),
    ];
    const layout = lay(blocks);
    expect(onPage(layout, 0, 5)).toHaveLength(1);
    expect(onPage(layout, 1, 5)).toHaveLength(2);
  });
});
