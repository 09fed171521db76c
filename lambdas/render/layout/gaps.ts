// How justification spreads a line's slack over its gaps (JUST-1, JUST-2 in docs/layout.md):
// used by the line breaker to judge how loose a line would be, and by justify to set it.
import type { Unit } from './segment.js';
import { EPS } from './geometry.js';

/** JUST-2: no justified line spreads a gap wider than this many cells; past it the line is set solid. */
export const MAX_GAP = 0.5;
/** JUST-1: a word space takes up to this many cells of a line's slack before any other gap. */
export const WORD_SPACE_STRETCH = 0.25;

/**
 * The gaps justification may widen, between unit i and i+1: not next to a connector or solidus
 * (§4.2 step 5), not inside a word (a URL's pieces).
 */
function stretchableGaps(units: readonly Unit[]): boolean[] {
  return units.slice(1).map((v, i) => !units[i]!.connector && !v.connector && !units[i]!.joined);
}

/**
 * How justification spreads `slack` over the gaps of a line (clreq §3.5.4): word spaces first,
 * each up to WORD_SPACE_STRETCH cells, then the rest equally over every stretchable gap (every
 * gap if none is). Returns the extra width of each gap, in points.
 */
export function spreadSlack(units: readonly Unit[], slack: number): number[] {
  const gaps = new Array<number>(Math.max(units.length - 1, 0)).fill(0);
  if (gaps.length === 0) return gaps;
  const eligible = stretchableGaps(units);
  const word = eligible.map((e, i) => e && units[i]!.trailing > 0);
  const words = word.filter(Boolean).length;
  let rest = slack;
  if (words > 0 && slack > 0) {
    const each = Math.min(slack / words, WORD_SPACE_STRETCH * units[0]!.size);
    word.forEach((w, i) => w && (gaps[i] = each));
    rest -= each * words;
  }
  if (Math.abs(rest) <= EPS) return gaps;
  const count = eligible.filter(Boolean).length;
  for (let i = 0; i < gaps.length; i++) {
    if (count === 0) gaps[i]! += rest / gaps.length;
    else if (eligible[i]) gaps[i]! += rest / count;
  }
  return gaps;
}

/** JUST-2's measure of a line: the widest gap in cells, not counting a word space's own stretch. */
export function loosestGap(units: readonly Unit[], slack: number): number {
  if (units.length < 2) return slack > EPS ? Infinity : 0;
  const size = units[0]!.size;
  return Math.max(...spreadSlack(units, slack).map((g, i) => (g - (units[i]!.trailing > 0 ? Math.min(g, WORD_SPACE_STRETCH * size) : 0)) / size));
}
