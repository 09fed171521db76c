// A planned page → what is drawn on it: its slots (closing a table's part at the page end), its
// number (§7.5), the page the 版记 goes on; seals last, so they stamp over the text.
import { BLOCK_LEFT, BLOCK_RIGHT, BODY_SIZE, EPS, LINE_PITCH, PAGE_NUMBER_CENTRE_Y, SIZE, SMALL_INDENT } from './geometry.js';
import type { SetImprint } from './imprint.js';
import { slotTops, type PagePlan } from './page.js';
import type { Item, Line, Measure, Page, TextItem } from './types.js';

export interface PageContent {
  items: Item[];
  lines: Line[];
  /** Lowest point drawn by the flow. */
  bottom: number;
}

/** Draws a planned page's slots; table rows that end their table's part on the page close it. */
export function drawPage(plan: PagePlan): PageContent {
  const items: Item[] = [];
  const lines: Line[] = [];
  let bottom = -Infinity;
  const tops = slotTops(plan);
  plan.placed.forEach(({ slot }, k) => {
    const top = tops[k]!;
    const out = slot.place(top, plan.pitch, plan.fit);
    items.push(...out.items);
    lines.push(...out.lines);
    bottom = Math.max(bottom, out.bottom);
    const next = plan.placed[k + 1]?.slot;
    if (slot.close && (next === undefined || next.table !== slot.table)) items.push(...slot.close(top, plan.pitch));
  });
  return { items, lines, bottom };
}

/** Does the 版记 fit under what a page already holds, with a line's gap above its top rule? */
export function imprintFits(content: PageContent, imprint: SetImprint): boolean {
  return content.bottom + (LINE_PITCH - BODY_SIZE) <= imprint.top + EPS;
}

/**
 * Which page gets the 版记, and whether pages are added for it. In duplex print it must be an
 * even page (the back of the last sheet); blank pages added before it, and then the 版记 page
 * itself, carry no number (GB/T 9704 7.5).
 */
export function imprintPlacement(pages: number, fitsLast: boolean, duplex: boolean): { page: number; added: number; unnumbered: number } {
  const last = pages - 1;
  if (!duplex) return fitsLast ? { page: last, added: 0, unnumbered: 0 } : { page: last + 1, added: 1, unnumbered: 0 };
  const even = (index: number) => (index + 1) % 2 === 0;
  if (fitsLast && even(last)) return { page: last, added: 0, unnumbered: 0 };
  if (even(last + 1)) return { page: last + 1, added: 1, unnumbered: 0 };
  return { page: last + 2, added: 2, unnumbered: 2 };
}

/** `— N —` in 四号 宋体 with half-width digits, 7 mm below the block; odd pages right, even pages left, 1 字 in. */
export function pageNumberItem(n: number, measure: Measure): TextItem {
  const text = `— ${n} —`;
  const size = SIZE.small;
  const features = ['hwid'];
  const width = measure.advance(text, 'song', size, features);
  const top = PAGE_NUMBER_CENTRE_Y - size / 2;
  return {
    kind: 'text',
    text,
    x: n % 2 === 1 ? BLOCK_RIGHT - SMALL_INDENT - width : BLOCK_LEFT + SMALL_INDENT,
    baseline: top + measure.ascent('song', size),
    size,
    role: 'song',
    colour: 'black',
    characterSpacing: 0,
    horizontalScale: 100,
    features,
  };
}

/** Seals go last, so they are stamped over the text they press on. */
export function finishPage(number: number | null, items: Item[], lines: Line[]): Page {
  return { number, items: [...items.filter((i) => i.kind !== 'seal'), ...items.filter((i) => i.kind === 'seal')], lines };
}
