// Slots → pages of 22 grid lines (§1.2, §4.5). Blank lines vanish at a page top; headings stay
// with the line after them; a paragraph leaves no orphan or widow (a page then ends short, its
// lines on the grid); tables break between rows; the signature stays on the page of
// the last body line, tightening that page's line pitch if it must (§2.1, never a page with
// no body text before it). Then the 版记 on the last page (an even page in duplex print) and
// the page numbers.
import {
  BLOCK_BOTTOM,
  BLOCK_LEFT,
  BLOCK_RIGHT,
  BODY_SIZE,
  LINES_PER_PAGE,
  LINE_PITCH,
  MIN_TIGHT_PITCH,
  PAGE_NUMBER_CENTRE_Y,
  SIZE,
  SMALL_INDENT,
  gridLineTop,
  lineTopAt,
} from './geometry.js';
import type { SetRecord } from './record.js';
import type { Slot } from './slot.js';
import type { Item, Line, Measure, Page, TextItem } from './types.js';

const EPS = 1e-6;

export interface PlacedSlot {
  slot: Slot;
  /** Its first grid line on the page. */
  line: number;
}

export interface PagePlan {
  /** Grid lines from `base` on are set at `pitch`; lines above keep the standard grid (page 1's 版头). */
  base: number;
  pitch: number;
  placed: PlacedSlot[];
}

/** Grid lines a run of slots takes from slot i when slot i must not end a page. */
function keptHeight(slots: readonly Slot[], i: number): number {
  let j = i;
  let h = 0;
  while (j < slots.length && slots[j]!.keepWithNext) h += slots[j++]!.lines;
  while (j < slots.length && slots[j]!.blank) h += slots[j++]!.lines;
  return h + (slots[j]?.lines ?? 0);
}

const hasBody = (placed: readonly PlacedSlot[]) => placed.some((p) => p.slot.body === true);

export function paginate(slots: readonly Slot[], firstLine: number): PagePlan[] {
  const pages: PagePlan[] = [{ base: 0, pitch: LINE_PITCH, placed: [] }];
  let page = pages[0]!;
  let cursor = firstLine;
  const newPage = () => {
    page = { base: 0, pitch: LINE_PITCH, placed: [] };
    pages.push(page);
    cursor = 0;
  };
  const put = (slot: Slot) => {
    if (slot.blank && page.placed.length === 0) return;
    page.placed.push({ slot, line: cursor });
    cursor += slot.lines;
  };
  /** Keeps the signature group on the current page: tighten the pitch, else carry body lines over. */
  const keepGroup = (group: readonly Slot[], height: number) => {
    // Page 1 keeps its 版头 on the standard grid: only the lines from the title on are tightened.
    const base = pages.length === 1 ? firstLine : 0;
    const minPitch = Math.max(MIN_TIGHT_PITCH, ...group.map((s) => s.minPitch ?? 0));
    const tight = (lines: number, from: number) => (BLOCK_BOTTOM - BODY_SIZE - gridLineTop(from)) / (lines - 1 - from);
    const body = page.placed.filter((p) => !p.slot.blank);
    if (body.length > 0 && tight(cursor + height, base) >= minPitch - EPS) {
      page.base = base;
      page.pitch = tight(cursor + height, base);
      group.forEach(put);
      return;
    }
    // Carry at least two body lines to a new page, and with them what must not be parted from
    // them (a heading, a paragraph's first line or last but one), leaving body text behind.
    const carried: Slot[] = [];
    let text = 0;
    while (hasBody(page.placed.slice(0, -1)) && (text < 2 || page.placed[page.placed.length - 1]!.slot.keepWithNext)) {
      const p = page.placed.pop()!;
      carried.unshift(p.slot);
      if (!p.slot.blank) text++;
    }
    newPage();
    carried.forEach(put);
    if (cursor + height > LINES_PER_PAGE) page.pitch = tight(cursor + height, 0);
    group.forEach(put);
  };

  for (let i = 0; i < slots.length; ) {
    const slot = slots[i]!;
    if (slot.keepWithPrevious) {
      let j = i + 1;
      while (j < slots.length && slots[j]!.keepWithPrevious) j++;
      const group = slots.slice(i, j);
      const height = group.reduce((h, s) => h + s.lines, 0);
      if (cursor + height <= LINES_PER_PAGE || page.placed.length === 0) group.forEach(put);
      else keepGroup(group, height);
      i = j;
      continue;
    }
    const kept = slot.keepWithNext ? keptHeight(slots, i) : slot.lines;
    const fits = cursor + slot.lines <= LINES_PER_PAGE;
    // Moving a kept run leaves the page short, on the grid. Page 1 gives way until it holds body text.
    const keptFits = cursor + kept <= LINES_PER_PAGE || kept > LINES_PER_PAGE || !hasBody(page.placed);
    if ((!fits || !keptFits) && page.placed.length > 0) newPage();
    put(slot);
    i++;
  }
  return pages;
}

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
  plan.placed.forEach(({ slot, line }, k) => {
    const top = lineTopAt(line, plan.base, plan.pitch);
    const out = slot.place(top, plan.pitch);
    items.push(...out.items);
    lines.push(...out.lines);
    bottom = Math.max(bottom, out.bottom);
    const next = plan.placed[k + 1]?.slot;
    if (slot.close && (next === undefined || next.table !== slot.table)) items.push(...slot.close(top, plan.pitch));
  });
  return { items, lines, bottom };
}

/** Does the 版记 fit under what a page already holds, with a line's gap above its top rule? */
export function recordFits(content: PageContent, record: SetRecord): boolean {
  return content.bottom + (LINE_PITCH - BODY_SIZE) <= record.top + EPS;
}

/**
 * Which page gets the 版记, and whether pages are added for it. In duplex print it must be an
 * even page (the back of the last sheet); blank pages added before it, and then the 版记 page
 * itself, carry no number (GB/T 9704 7.5).
 */
export function recordPlacement(pages: number, fitsLast: boolean, duplex: boolean): { page: number; added: number; unnumbered: number } {
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
