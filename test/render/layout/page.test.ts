import { describe, expect, it } from 'vitest';
import { gridLineTop } from '../../../lambdas/render/layout/geometry.js';
import { paginate, recordPlacement } from '../../../lambdas/render/layout/page.js';
import { blankSlot, type Slot } from '../../../lambdas/render/layout/slot.js';
import { MASTHEAD, fullParagraph, han, lay, paragraph, thrown } from './fixtures.js';

const text = (block: number): Slot => ({ ...blankSlot(block), blank: false });

describe('paginate', () => {
  it('fills 22 grid lines a page and starts page 1 where the 版头 leaves off', () => {
    const pages = paginate(Array.from({ length: 30 }, (_, i) => text(i)), 10);
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

describe('recordPlacement', () => {
  it('keeps the 版记 on the last page when it fits, else adds a page', () => {
    expect(recordPlacement(3, true, false)).toEqual({ page: 2, added: 0, unnumbered: 0 });
    expect(recordPlacement(3, false, false)).toEqual({ page: 3, added: 1, unnumbered: 0 });
  });

  it('puts the 版记 on an even page in duplex print, unnumbered behind an added blank page', () => {
    expect(recordPlacement(2, true, true)).toEqual({ page: 1, added: 0, unnumbered: 0 });
    expect(recordPlacement(1, true, true)).toEqual({ page: 1, added: 1, unnumbered: 0 });
    expect(recordPlacement(3, false, true)).toEqual({ page: 3, added: 1, unnumbered: 0 });
    expect(recordPlacement(2, false, true)).toEqual({ page: 3, added: 2, unnumbered: 2 });
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
