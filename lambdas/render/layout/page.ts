// Slots → pages of 22 grid lines (§1.2, §4.5). Blank lines vanish at a page top; headings stay
// with the line after them; a paragraph leaves no orphan or widow (a page then ends short, its
// lines on the grid); tables break between rows, a continued table opening its page with 续表
// and its header rows. The closing group — 署名, date and seal, 附注, the 版记 — stays on the
// page of the last body line, with at least two body lines; if it does not fit there, the page
// is fitted as a clerk would (FIT-1 … FIT-3 in docs/layout.md, “Fitting a page”), else body
// lines are carried over with it (FIT-5). Nothing drawn reaches below the block or the 版记.
import {
  BLOCK_BOTTOM,
  BLOCK_LEFT,
  BLOCK_RIGHT,
  BODY_SIZE,
  EPS,
  LINE_PITCH,
  MIN_TIGHT_PITCH,
  PAGE_NUMBER_CENTRE_Y,
  SIZE,
  SMALL_INDENT,
  lineTopAt,
} from './geometry.js';
import type { SetImprint } from './imprint.js';
import type { Slot } from './slot.js';
import type { Item, Line, Measure, Page, TextItem } from './types.js';

interface PlacedSlot {
  slot: Slot;
  /** Its first grid line on the page. */
  line: number;
  /** Put there by the page builder (续表, repeated header rows, the line above a table): not carried over. */
  inserted?: boolean;
}

export interface PagePlan {
  /** Grid lines from `base` on are set at `pitch`; lines above keep the standard grid (page 1's 版头). */
  base: number;
  pitch: number;
  /** Fitting level (FIT-1 … FIT-3); 0 on a page set as the grid has it. */
  fit: number;
  /** Grid lines the whole flow of the page moves up (FIT-2 on page 1: one of the two blank lines over the title). */
  lift: number;
  placed: PlacedSlot[];
}

/** The fitting levels, in the order a clerk tries them (docs/layout.md, “Fitting a page”). */
const FIT = { none: 0, signatureSpace: 1, titleGaps: 2, linePitch: 3 } as const;

/** Em top of each placed slot: from FIT-2 on, a squeezable blank line takes half its height. */
function slotTops(plan: PagePlan): number[] {
  let shrink = 0;
  return plan.placed.map(({ slot, line }) => {
    const top = lineTopAt(line, plan.base, plan.pitch) - plan.lift * LINE_PITCH - shrink;
    if (slot.blank && slot.squeezable && plan.fit >= FIT.titleGaps) shrink += (slot.lines * plan.pitch) / 2;
    return top;
  });
}

/** Lowest point the flow of a planned page draws, and the lowest it may draw (the block bottom or above the 版记). */
function planBounds(plan: PagePlan): { bottom: number; floor: number } {
  const tops = slotTops(plan);
  let bottom = -Infinity;
  let floor = BLOCK_BOTTOM;
  plan.placed.forEach(({ slot }, k) => {
    if (slot.floor !== undefined) floor = Math.min(floor, slot.floor);
    if (slot.blank || slot.lines === 0) return;
    const top = tops[k]!;
    bottom = Math.max(bottom, slot.extent ? slot.extent(top, plan.pitch, plan.fit) : top + (slot.lines - 1) * plan.pitch + BODY_SIZE);
  });
  return { bottom, floor };
}

const planFits = (plan: PagePlan) => {
  const { bottom, floor } = planBounds(plan);
  return bottom <= floor + EPS;
};

const hasBody = (placed: readonly PlacedSlot[]) => placed.some((p) => p.slot.body === true);
const bodyLines = (placed: readonly PlacedSlot[]) => placed.reduce((n, p) => n + (p.slot.body === true ? p.slot.lines : 0), 0);
const cursorOf = (plan: PagePlan, start: number) => {
  const last = plan.placed[plan.placed.length - 1];
  return last ? last.line + last.slot.lines : start;
};

/**
 * `slots` put on `plan` (a copy) from its cursor. A blank line opening a page vanishes; a table
 * row opening a page gets the lines its table puts above it; `previous` is the page before.
 */
function withSlots(plan: PagePlan, start: number, slots: readonly Slot[], previous: PagePlan | undefined): PagePlan {
  const placed = [...plan.placed];
  let cursor = cursorOf(plan, start);
  const add = (slot: Slot, inserted: boolean) => {
    placed.push({ slot, line: cursor, ...(inserted ? { inserted } : {}) });
    cursor += slot.lines;
  };
  for (const slot of slots) {
    if (slot.blank && placed.length === 0) continue;
    if (slot.pageTop && placed.length === 0 && cursor === 0) {
      const before = previous?.placed[previous.placed.length - 1]?.slot;
      for (const s of slot.pageTop(before?.table !== undefined && before.table === slot.table)) add(s, true);
    }
    add(slot, false);
  }
  return { ...plan, placed };
}

/** The slots from i that must share a page: a run kept with the next, the blank lines after it, the slot it keeps with. */
function keptRun(slots: readonly Slot[], i: number): Slot[] {
  let j = i;
  while (j < slots.length && slots[j]!.keepWithNext) j++;
  while (j < slots.length && slots[j]!.blank) j++;
  return slots.slice(i, Math.min(j + 1, slots.length));
}

/** Body lines taken from the end of `plan` (at least `lines`, and what must not be parted from them), leaving body text behind. */
function takeFromEnd(plan: PagePlan, lines: number): Slot[] {
  const taken: Slot[] = [];
  let text = 0;
  while (hasBody(plan.placed.slice(0, -1)) && (text < lines || plan.placed[plan.placed.length - 1]!.slot.keepWithNext)) {
    const p = plan.placed.pop()!;
    if (p.inserted) continue;
    taken.unshift(p.slot);
    if (!p.slot.blank) text += p.slot.lines;
  }
  // Lines put above a table row that has now left the page go with it.
  while (plan.placed.length > 0 && plan.placed[plan.placed.length - 1]!.inserted) plan.placed.pop();
  return taken;
}

export function paginate(slots: readonly Slot[], firstLine: number): PagePlan[] {
  const fresh = (): PagePlan => ({ base: 0, pitch: LINE_PITCH, fit: FIT.none, lift: 0, placed: [] });
  const pages: PagePlan[] = [fresh()];
  const startOf = (index: number) => (index === 0 ? firstLine : 0);
  const current = () => pages.length - 1;
  const page = () => pages[current()]!;
  const put = (run: readonly Slot[]) => {
    pages[current()] = withSlots(page(), startOf(current()), run, pages[current() - 1]);
  };
  const fitsHere = (run: readonly Slot[]) => planFits(withSlots(page(), startOf(current()), run, pages[current() - 1]));
  const fitsAlone = (run: readonly Slot[]) => planFits(withSlots(fresh(), 0, run, undefined));

  /** The current page with `group` added, fitted at the first level that keeps everything in bounds. */
  const fitted = (group: readonly Slot[]): PagePlan | undefined => {
    const index = current();
    const base = startOf(index);
    // Page 1 keeps its 版头 on the standard grid: only the lines from the title on move.
    const lift = index === 0 && firstLine >= 2 ? 1 : 0;
    const at = (fit: number, pitch: number) =>
      withSlots({ ...page(), base, pitch, fit, lift: fit >= FIT.titleGaps ? lift : 0 }, base, group, pages[index - 1]);
    for (const fit of [FIT.none, FIT.signatureSpace, FIT.titleGaps]) {
      const plan = at(fit, LINE_PITCH);
      if (planFits(plan)) return plan;
    }
    if (!planFits(at(FIT.linePitch, MIN_TIGHT_PITCH))) return undefined;
    // The loosest pitch that fits (FIT-3).
    let [lo, hi] = [MIN_TIGHT_PITCH, LINE_PITCH];
    for (let k = 0; k < 30; k++) {
      const mid = (lo + hi) / 2;
      if (planFits(at(FIT.linePitch, mid))) lo = mid;
      else hi = mid;
    }
    return at(FIT.linePitch, lo);
  };

  /** The closing group stays with the last body lines (FIT-4, FIT-5). */
  const placeGroup = (group: readonly Slot[]) => {
    if (page().placed.length === 0 && current() === 0) return put(group);
    // FIT-4: a page that would hold the group with fewer than two body lines takes lines from the page before.
    const previous = pages[current() - 1];
    if (previous && bodyLines(page().placed) < 2) {
      const taken = takeFromEnd(previous, 2 - bodyLines(page().placed));
      const kept = page().placed.filter((p) => !p.inserted).map((p) => p.slot);
      pages[current()] = fresh();
      put([...taken, ...kept]);
    }
    const here = page().placed.some((p) => !p.slot.blank) ? fitted(group) : undefined;
    if (here) {
      pages[current()] = here;
      return;
    }
    // FIT-5: carry at least two body lines to a new page, with what must not be parted from them.
    const before = { ...page(), placed: [...page().placed] };
    const carry = () => {
      const carried = takeFromEnd(page(), 2);
      pages.push(fresh());
      put(carried);
    };
    carry();
    const next = fitted(group);
    if (next) {
      pages[current()] = next;
      return;
    }
    // A 版记 too long to share any page with the signature and two body lines follows on a page of
    // its own; the rest of the group stays where it was if it fits there.
    const rest = group.filter((s) => s.floor === undefined);
    const imprint = group.filter((s) => s.floor !== undefined);
    pages.pop();
    pages[current()] = before;
    const stay = before.placed.some((p) => !p.slot.blank) ? fitted(rest) : undefined;
    if (stay) pages[current()] = stay;
    else {
      carry();
      pages[current()] = fitted(rest) ?? withSlots({ ...page(), fit: FIT.linePitch, pitch: MIN_TIGHT_PITCH }, 0, rest, pages[current() - 1]);
    }
    if (imprint.length > 0) {
      pages.push(fresh());
      put(imprint);
    }
  };

  for (let i = 0; i < slots.length; ) {
    const slot = slots[i]!;
    if (slot.keepWithPrevious) {
      let j = i + 1;
      while (j < slots.length && slots[j]!.keepWithPrevious) j++;
      placeGroup(slots.slice(i, j));
      i = j;
      continue;
    }
    const run = slot.keepWithNext ? keptRun(slots, i) : [slot];
    // Moving a kept run leaves the page short, on the grid. Page 1 gives way until it holds body text.
    const keptFits = fitsHere(run) || !fitsAlone(run) || !hasBody(page().placed);
    if ((!fitsHere([slot]) || !keptFits) && page().placed.length > 0) pages.push(fresh());
    put([slot]);
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
