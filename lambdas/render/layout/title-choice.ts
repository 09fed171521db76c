// Choosing a title's breaks (TITLE-1 … TITLE-6 in docs/layout.md): every choice of breaks in
// the fewest lines and one more is scored; scores compare in this order: no split word or name
// (TITLE-1), no stub line (TITLE-3), an upright trapezoid or diamond (TITLE-2), fewest breaks
// inside a long name at its own finer points (TITLE-5), the opening not alone on a line
// (TITLE-1), breaks between phrases rather than words (TITLE-4), fewer lines, then the better
// breaks and the more even lengths. A title too long to search is broken greedily.
import { EPS } from './geometry.js';
import type { Unit } from './segment.js';
import { NAME_PART, OPENING, PHRASE, SPLIT, penalties } from './title-penalties.js';

/** More lines than this are not searched exhaustively; such a title is set greedily. */
const MAX_SEARCHED_LINES = 6;

/** Trapezoid (never shrinking) or diamond (growing, then shrinking); else inverted (never growing); else none. */
export function titleShape(lengths: readonly number[]): 'upright' | 'inverted' | 'none' {
  const cells = lengths.map((l) => Math.round(l * 1000));
  let i = 1;
  while (i < cells.length && cells[i]! >= cells[i - 1]!) i++;
  if (i === cells.length) return 'upright';
  const growing = i > 1;
  while (i < cells.length && cells[i]! <= cells[i - 1]!) i++;
  if (i < cells.length) return 'none';
  return growing ? 'upright' : 'inverted';
}

/** TITLE-3: lines shorter than a third of the longest. */
export function stubs(lengths: readonly number[]): number {
  const longest = Math.max(...lengths);
  return lengths.filter((l) => l < longest / 3 - EPS).length;
}

/** A candidate's score, compared in this order (lower is better). */
type Score = [splits: number, stubs: number, shape: number, nameParts: number, openingOnly: number, wordBreaks: number, lines: number, cost: number];
/** The criteria TITLE-1 … TITLE-3 rank first: a title may keep an inverted shape or a stub only if no choice does better on these. */
export const RULED = 3;

export function better(a: Score, b: Score, criteria: number = a.length): boolean {
  for (let i = 0; i < criteria; i++) {
    if (Math.abs(a[i]! - b[i]!) > EPS) return a[i]! < b[i]!;
  }
  return false;
}

export interface Choice {
  breaks: number[];
  score: Score;
}

/** Scores breaks of `units` (penalties `pen`) by TITLE-1 … TITLE-5. */
export function scorer(units: readonly Unit[], pen: readonly (number | undefined)[]) {
  const prefix = [0];
  for (const u of units) prefix.push(prefix[prefix.length - 1]! + u.width);
  const width = (a: number, b: number) => prefix[b]! - prefix[a]!;
  const size = units[0]?.size ?? 1;
  const openingOnly = (a: number, b: number) => {
    const t = units
      .slice(a, b)
      .map((u) => u.text)
      .join('');
    return OPENING.exec(t)?.[0] === t;
  };
  const score = (breaks: readonly number[]): Score => {
    const all = [0, ...breaks, units.length];
    const lengths = all.slice(1).map((b, i) => width(all[i]!, b));
    const ps = breaks.map((b) => pen[b] ?? SPLIT);
    const count = (test: (p: number) => boolean) => ps.filter(test).length;
    const alone = all.slice(1).filter((b, i) => openingOnly(all[i]!, b)).length;
    const shape = ['upright', 'inverted', 'none'].indexOf(titleShape(lengths));
    const longest = Math.max(...lengths);
    const imbalance = lengths.reduce((s, l) => s + (longest - l) / size, 0);
    const penalty = ps.reduce((s, p) => s + p, 0);
    return [
      count((p) => p >= SPLIT),
      stubs(lengths),
      shape,
      count((p) => p >= NAME_PART && p < SPLIT),
      alone,
      count((p) => p > PHRASE && p < NAME_PART),
      lengths.length,
      10 * penalty + imbalance,
    ];
  };
  return { width, score };
}

/** Best breaks into exactly `lines` lines by TITLE-1 … TITLE-5; undefined if none fits. */
export function search(units: readonly Unit[], pen: readonly (number | undefined)[], lines: number, maxWidth: number): Choice | undefined {
  const { width, score } = scorer(units, pen);
  let best: Choice | undefined;
  const walk = (start: number, breaks: number[]) => {
    if (breaks.length === lines - 1) {
      if (width(start, units.length) > maxWidth + EPS) return;
      const s = score(breaks);
      if (!best || better(s, best.score)) best = { breaks: [...breaks], score: s };
      return;
    }
    for (let b = start + 1; b < units.length && width(start, b) <= maxWidth + EPS; b++) {
      if (pen[b] === undefined) continue;
      breaks.push(b);
      walk(b, breaks);
      breaks.pop();
    }
  };
  walk(0, []);
  return best;
}

/**
 * The best choice of breaks in the fewest lines (`fewest`), and in those or one more (`best`);
 * neither for a title on one line or too long to search.
 */
export function bestChoices(units: readonly Unit[], pen: readonly (number | undefined)[], maxWidth: number): { best?: Choice; fewest?: Choice } {
  const total = units.reduce((s, u) => s + u.width, 0);
  const min = Math.max(1, Math.ceil(total / maxWidth - EPS));
  if (min === 1 || min > MAX_SEARCHED_LINES) return {};
  const fewest = search(units, pen, min, maxWidth);
  const more = min < MAX_SEARCHED_LINES ? search(units, pen, min + 1, maxWidth) : undefined;
  return { best: more && (!fewest || better(more.score, fewest.score)) ? more : fewest, fewest };
}
/** Greedy fallback for titles too long to search: fill each line, break at the last legal point. */
function greedy(units: readonly Unit[], pen: readonly (number | undefined)[], maxWidth: number): number[] {
  const breaks: number[] = [];
  let start = 0;
  let w = 0;
  let lastLegal = -1;
  for (let i = 0; i < units.length; i++) {
    if (i > start && pen[i] !== undefined) lastLegal = i;
    if (w + units[i]!.width > maxWidth + EPS && i > start) {
      const b = lastLegal > start ? lastLegal : i;
      breaks.push(b);
      start = b;
      w = units.slice(b, i).reduce((s, u) => s + u.width, 0);
      lastLegal = -1;
    }
    w += units[i]!.width;
  }
  return breaks;
}
/** What TITLE-6 never trades for a page: whole words and names (TITLE-1) and no stub line (TITLE-3). */
const KEPT_FOR_A_PAGE = 2;

/**
 * Breaks by TITLE-1 … TITLE-5; with `fewest`, the best choice among those in the fewest lines,
 * if it splits no more words and leaves no more stubs than the best choice (TITLE-6: the layout
 * falls back to it when the best choice costs the document a page).
 */
export function titleBreaks(units: readonly Unit[], names: readonly string[], maxWidth: number, fewest = false): number[] {
  const total = units.reduce((s, u) => s + u.width, 0);
  const min = Math.ceil(total / maxWidth - EPS);
  if (min <= 1) return [];
  // Weighing the breaks once, and searching the fewest lines once, for both choices below.
  const pen = penalties(units, names, maxWidth);
  const { best, fewest: inFewest } = bestChoices(units, pen, maxWidth);
  const shorter = fewest ? inFewest : undefined;
  if (best && shorter && !better(best.score, shorter.score, KEPT_FOR_A_PAGE)) return shorter.breaks;
  return best?.breaks ?? greedy(units, pen, maxWidth);
}
