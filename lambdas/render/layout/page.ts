// Slots → pages of 22 grid lines (§1.2, §4.5). Blank lines vanish at a page top; headings stay
// with the line after them; a paragraph leaves no orphan or widow (a page then ends short, its
// lines on the grid); tables break between rows, a continued table opening its page with 续表
// and its header rows. The closing group — 署名, date and seal, 附注, the 版记 — stays on the
// page of the last body line, with at least two body lines; if it does not fit there, the page
// is fitted as a clerk would (FIT-1 … FIT-3 in docs/layout.md, “Fitting a page”), else body
// lines are carried over with it (FIT-5). Nothing drawn reaches below the block or the 版记.
import { BLOCK_BOTTOM, BODY_SIZE, EPS, LINE_PITCH, MIN_TIGHT_PITCH, lineTopAt } from './geometry.js';
import type { Slot } from './slot.js';

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
export function slotTops(plan: PagePlan): number[] {
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

/** Pages being built: the plans so far (the last one open) and the grid line page 1's flow starts on. */
interface Book {
  pages: PagePlan[];
  firstLine: number;
}

const freshPage = (): PagePlan => ({ base: 0, pitch: LINE_PITCH, fit: FIT.none, lift: 0, placed: [] });
const lastIndex = (book: Book) => book.pages.length - 1;
const openPage = (book: Book) => book.pages[lastIndex(book)]!;
/** The grid line a page's flow starts on: below the 版头 on page 1. */
const startOf = (book: Book, index: number) => (index === 0 ? book.firstLine : 0);

/** The open page with `run` added (a copy). */
function openWith(book: Book, run: readonly Slot[]): PagePlan {
  const index = lastIndex(book);
  return withSlots(openPage(book), startOf(book, index), run, book.pages[index - 1]);
}

function put(book: Book, run: readonly Slot[]): void {
  book.pages[lastIndex(book)] = openWith(book, run);
}

const fitsOnEmptyPage = (run: readonly Slot[]) => planFits(withSlots(freshPage(), 0, run, undefined));

function newPage(book: Book): void {
  book.pages.push(freshPage());
}

export function paginate(slots: readonly Slot[], firstLine: number): PagePlan[] {
  const book: Book = { pages: [freshPage()], firstLine };
  for (let i = 0; i < slots.length; ) {
    const slot = slots[i]!;
    if (slot.keepWithPrevious) {
      let j = i + 1;
      while (j < slots.length && slots[j]!.keepWithPrevious) j++;
      placeClosingGroup(book, slots.slice(i, j));
      i = j;
      continue;
    }
    const run = slot.keepWithNext ? keptRun(slots, i) : [slot];
    // Moving a kept run leaves the page short, on the grid. Page 1 gives way until it holds body text.
    const keptFits = planFits(openWith(book, run)) || !fitsOnEmptyPage(run) || !hasBody(openPage(book).placed);
    if ((!planFits(openWith(book, [slot])) || !keptFits) && openPage(book).placed.length > 0) newPage(book);
    put(book, [slot]);
    i++;
  }
  return book.pages;
}

/** The open page with `group` added, fitted at the first level that keeps everything in bounds. */
function fitted(book: Book, group: readonly Slot[]): PagePlan | undefined {
  const index = lastIndex(book);
  const base = startOf(book, index);
  // Page 1 keeps its 版头 on the standard grid: only the lines from the title on move.
  const lift = index === 0 && book.firstLine >= 2 ? 1 : 0;
  const at = (fit: number, pitch: number) =>
    withSlots({ ...openPage(book), base, pitch, fit, lift: fit >= FIT.titleGaps ? lift : 0 }, base, group, book.pages[index - 1]);
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
}

/** The open page fitted with `group`, if it holds text for the group to stay with. */
function fittedHere(book: Book, group: readonly Slot[]): PagePlan | undefined {
  return openPage(book).placed.some((p) => !p.slot.blank) ? fitted(book, group) : undefined;
}

/** FIT-5: at least two body lines, with what must not be parted from them, move to a new page. */
function carryToNewPage(book: Book): void {
  const carried = takeFromEnd(openPage(book), 2);
  newPage(book);
  put(book, carried);
}

/** The closing group stays with the last body lines (FIT-4, FIT-5). */
function placeClosingGroup(book: Book, group: readonly Slot[]): void {
  if (openPage(book).placed.length === 0 && lastIndex(book) === 0) return put(book, group);
  // FIT-4: a page that would hold the group with fewer than two body lines takes lines from the page before.
  const previous = book.pages[lastIndex(book) - 1];
  if (previous && bodyLines(openPage(book).placed) < 2) {
    const taken = takeFromEnd(previous, 2 - bodyLines(openPage(book).placed));
    const kept = openPage(book)
      .placed.filter((p) => !p.inserted)
      .map((p) => p.slot);
    book.pages[lastIndex(book)] = freshPage();
    put(book, [...taken, ...kept]);
  }
  const here = fittedHere(book, group);
  if (here) {
    book.pages[lastIndex(book)] = here;
    return;
  }
  const before = { ...openPage(book), placed: [...openPage(book).placed] };
  carryToNewPage(book);
  const next = fitted(book, group);
  if (next) {
    book.pages[lastIndex(book)] = next;
    return;
  }
  book.pages.pop();
  book.pages[lastIndex(book)] = before;
  placeImprintApart(book, group);
}

/**
 * A 版记 too long to share any page with the signature and two body lines follows on a page of
 * its own; the rest of the group stays where it was if it fits there.
 */
function placeImprintApart(book: Book, group: readonly Slot[]): void {
  const rest = group.filter((s) => s.floor === undefined);
  const imprint = group.filter((s) => s.floor !== undefined);
  const stay = fittedHere(book, rest);
  if (stay) book.pages[lastIndex(book)] = stay;
  else {
    carryToNewPage(book);
    book.pages[lastIndex(book)] =
      fitted(book, rest) ?? withSlots({ ...openPage(book), fit: FIT.linePitch, pitch: MIN_TIGHT_PITCH }, 0, rest, book.pages[lastIndex(book) - 1]);
  }
  if (imprint.length > 0) {
    newPage(book);
    put(book, imprint);
  }
}
