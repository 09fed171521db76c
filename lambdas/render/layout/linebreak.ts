// Units → lines (§4.2 steps 3–7): fill greedily, then resolve the line-start and line-end
// rules by pushing a mark in (先挤进) before pushing units out (后推出); then orphan control;
// last, JUST-1/JUST-2 (docs/layout.md) spare a loose line by breaking the lines before it
// earlier, or set it solid when nothing helps. A keep-together group (segment.ts glue) that
// does not fit is pushed in like a mark if blank halves of marks pay for it, else pushed out whole.
import type { Unit } from './segment.js';
import { EPS } from './geometry.js';

/** Push-in may take the blank half of at most this many marks besides the ones it pulls in. */
const MAX_OTHER_SQUEEZES = 2;
/** A line keeps a `prefer` group whole if that stretches it by at most this many cells (CHOICE). */
const MAX_PREFERRED_SLACK = 2;
/** Push-in pulls in at most this many units: `。”`, or the rest of a keep-together group and its closing mark. */
const MAX_PULLED_IN = 12;

export interface Frame {
  /** Width of the line box, in points. */
  width: number;
  /** Where the first line starts, and the other lines, from the box's left edge. */
  firstIndent: number;
  indent: number;
}

export interface BreakOptions {
  /** 'grid': line-end marks keep their full cell; 'gb15834': GB/T 15834 5.1.10 and R8 everywhere. */
  punctuation: 'grid' | 'gb15834';
  orphanControl: boolean;
  /** Lines will be set ragged (table cells): no line is re-broken to spare a stretched one (JUST-1). */
  ragged?: boolean;
}

/** JUST-1: a justified line whose gaps would pass this many cells has the lines before it broken earlier. */
const TARGET_GAP = 0.15;
/** JUST-2: no justified line spreads a gap wider than this many cells; past it the line is set solid. */
export const MAX_GAP = 0.5;
/** JUST-1: a word space takes up to this many cells of a line's slack before any other gap. */
export const WORD_SPACE_STRETCH = 0.25;
/** JUST-1 re-breaks at most this many lines before a loose one. */
const MAX_REBROKEN_LINES = 4;

/** Which keep-together glue a break honours: all of it, only `always` groups, or none. */
type Keep = 'all' | 'always' | 'none';

/** A mark that gave up the blank half of its cell, on that side. */
export type Squeeze = 'before' | 'after' | null;

export interface LineBox {
  units: readonly Unit[];
  squeeze: readonly Squeeze[];
  indent: number;
  /** Width to fill from the indent. */
  available: number;
  first: boolean;
  last: boolean;
  /** Push-in, push-out or orphan control moved this line off the plain grid. */
  pushed: boolean;
  /** JUST-2: the line could not be filled within MAX_GAP and is set solid, flush with its start. */
  ragged: boolean;
}

export function unitWidth(unit: Unit, squeeze: Squeeze): number {
  return unit.width - (squeeze ? unit.size / 2 : 0);
}

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
function loosestGap(units: readonly Unit[], slack: number): number {
  if (units.length < 2) return slack > EPS ? Infinity : 0;
  const size = units[0]!.size;
  return Math.max(...spreadSlack(units, slack).map((g, i) => (g - (units[i]!.trailing > 0 ? Math.min(g, WORD_SPACE_STRETCH * size) : 0)) / size));
}

/**
 * A full-width mark of one cell whose blank half may be taken — not beside a Latin or digit run
 * (PUNCT-2: a half-cell `，` after `¥40,000.00` reads as part of the number).
 */
function compressible(units: readonly Unit[], i: number): boolean {
  const u = units[i]!;
  return u.kind === 'punct' && u.blank !== null && u.width === u.size && units[i - 1]?.kind !== 'latin' && units[i + 1]?.kind !== 'latin';
}

/**
 * PUNCT-1: two adjacent marks keep 1.5 cells: unit i may give up a half only if no neighbouring
 * mark has. `squeeze[j - from]` is unit j's squeeze. (Arrays, not a predicate: this runs per unit
 * and per line, where a closure would be made each time, and wrapped again by keepNames.)
 */
function pairKeeps(units: readonly Unit[], i: number, squeeze: readonly Squeeze[], from = 0): boolean {
  return !((units[i - 1]?.kind === 'punct' && !!squeeze[i - 1 - from]) || (units[i + 1]?.kind === 'punct' && !!squeeze[i + 1 - from]));
}

/** R8: may unit j give up a blank half, with the squeezes chosen so far? */
function freeToSqueeze(units: readonly Unit[], sq: readonly Squeeze[], j: number): boolean {
  return sq[j] === null && pairKeeps(units, j, sq);
}

/** R8: of two adjacent marks, the first gives up a trailing blank, else the second a leading one. */
function adjacentSqueezes(units: readonly Unit[]): Squeeze[] {
  const sq: Squeeze[] = units.map(() => null);
  for (let i = 0; i + 1 < units.length; i++) {
    const a = units[i]!;
    const b = units[i + 1]!;
    if (!compressible(units, i) || !compressible(units, i + 1)) continue;
    if (a.blank === 'after' && freeToSqueeze(units, sq, i)) sq[i] = 'after';
    else if (b.blank === 'before' && freeToSqueeze(units, sq, i + 1)) sq[i + 1] = 'before';
  }
  return sq;
}

/** A last line that is one ideograph, maybe with its punctuation (§4.2 step 7). */
function isOrphan(units: readonly Unit[]): boolean {
  return units[0]?.kind === 'han' && units.slice(1).every((u) => u.kind === 'punct');
}

interface Fit {
  start: number;
  end: number;
  squeeze: Squeeze[];
  pushed: boolean;
}

export function breakLines(units: readonly Unit[], frame: Frame, options: BreakOptions): LineBox[] {
  const n = units.length;
  const gb = options.punctuation === 'gb15834';
  const pre: Squeeze[] = gb ? adjacentSqueezes(units) : units.map(() => null);
  const width = (i: number, s: Squeeze) => unitWidth(units[i]!, s);
  /**
   * May a line break fall before unit b? Not before a NO_START, not after a NO_END, and not
   * inside a keep-together group whose glue `keep` honours ('all', 'always' only, or 'none').
   */
  const legal = (b: number, keep: Keep = 'all') => {
    if (b <= 0 || b >= n) return true;
    const glue = units[b - 1]!.glue;
    const glued = glue !== null && (keep === 'all' || (keep === 'always' && glue === 'always'));
    return !units[b]!.noStart && !units[b - 1]!.noEnd && !glued;
  };

  /** Inside a keep-together group: push-in leaves its marks alone (the 〔〕 of a document number). */
  const grouped = (i: number) => units[i]!.glue !== null || (i > 0 && units[i - 1]!.glue !== null);

  /**
   * Push-in (先挤进): pull onto the line what may not start the next one — NO_START marks
   * (`。”`) or the rest of a keep-together group with the marks after it (`并发〔2018〕2号）`) —
   * and pay with blank halves of marks: the pulled-in marks at the line end first, then at most
   * MAX_OTHER_SQUEEZES marks on the line, nearest first.
   */
  function pushIn(start: number, end: number, sum: number, available: number, squeeze: Squeeze[], limit: number, keep: Keep): Fit | undefined {
    let e = end + 1;
    while (e < n && !legal(e, keep)) e++;
    if (e > limit || e - end > MAX_PULLED_IN) return undefined;
    const sq = [...squeeze];
    let deficit = sum - available;
    for (let j = end; j < e; j++) {
      const u = units[j]!;
      // Outside a group only marks that can give up a trailing blank are pulled in.
      if (!grouped(j) && (!compressible(units, j) || u.blank !== 'after')) return undefined;
      sq.push(pre[j]!);
      deficit += width(j, pre[j]!);
    }
    for (let j = e - 1; j >= end && !grouped(j) && deficit > EPS; j--) {
      if (sq[j - start] || !pairKeeps(units, j, sq, start)) continue;
      sq[j - start] = 'after';
      deficit -= units[j]!.size / 2;
    }
    let others = 0;
    for (let i = end - 1; i >= start && deficit > EPS; i--) {
      const u = units[i]!;
      if (sq[i - start] || !compressible(units, i) || grouped(i) || !pairKeeps(units, i, sq, start)) continue;
      // A leading blank taken at the line start would put the mark outside the block.
      if (u.blank === 'before' && i === start) continue;
      if (++others > MAX_OTHER_SQUEEZES) return undefined;
      sq[i - start] = u.blank;
      deficit -= u.size / 2;
    }
    if (deficit > EPS) return undefined;
    return { start, end: e, squeeze: sq, pushed: true };
  }

  /** One line from `start`, no unit at or after `limit`. */
  function fit(start: number, available: number, limit: number): Fit {
    let end = start;
    let sum = 0;
    // A word's trailing space takes no room at the line end (LATIN-2).
    while (end < limit && sum + width(end, pre[end]!) - units[end]!.trailing <= available + EPS) sum += width(end, pre[end++]!);
    const squeeze = pre.slice(start, end);
    if (end === n) return { start, end, squeeze, pushed: false };
    // GB/T 15834 5.1.10: a mark at the line end is set at half width, so one more may fit.
    if (gb && end < limit && units[end]!.blank === 'after' && compressible(units, end) && !pre[end] && pairKeeps(units, end, pre)) {
      if (sum + width(end, 'after') <= available + EPS && legal(end + 1)) {
        squeeze.push('after');
        return { start, end: end + 1, squeeze, pushed: false };
      }
    }
    // A unit wider than any line cannot occur (segment splits such runs); take it rather than loop.
    if (end === start) return { start, end: start + 1, squeeze: [pre[start]!], pushed: false };
    const strict = breakAt(start, end, sum, available, squeeze, limit, 'all');
    if (strict && available - used(strict) <= MAX_PREFERRED_SLACK * units[start]!.size + EPS) return strict;
    // A `prefer` group (an issuer prefix with its document number) gives way to spare a stretched line.
    const relaxed = breakAt(start, end, sum, available, squeeze, limit, 'always');
    if (relaxed && (!strict || available - used(relaxed) < available - used(strict) - EPS)) return relaxed;
    if (strict) return strict;
    // A keep-together group wider than the line (a narrow table column) gives way too;
    // with no legal break anywhere, break where the line is full (R1/R2 cannot both hold).
    return breakAt(start, end, sum, available, squeeze, limit, 'none') ?? { start, end, squeeze, pushed: false };
  }

  /**
   * A full line from `start` (its units up to `end`, `sum` wide) broken at `end`, else pushed in,
   * else pushed out to the last legal break; undefined if there is none. (Out here, not in fit:
   * a closure made per line costs, most of all wrapped by keepNames.)
   */
  function breakAt(start: number, end: number, sum: number, available: number, squeeze: Squeeze[], limit: number, keep: Keep): Fit | undefined {
    if (legal(end, keep)) return { start, end, squeeze, pushed: false };
    const fitIn = end < limit ? pushIn(start, end, sum, available, squeeze, limit, keep) : undefined;
    if (fitIn) return fitIn;
    let b = end - 1;
    while (b > start && !legal(b, keep)) b--;
    return b === start ? undefined : { start, end: b, squeeze: squeeze.slice(0, b - start), pushed: true };
  }

  /** Width a line takes: its units, less the trailing space of its last word. */
  const used = (f: Fit) => f.squeeze.reduce((w, s, i) => w + width(f.start + i, s), 0) - (f.end > f.start ? units[f.end - 1]!.trailing : 0);

  const fits: Fit[] = [];
  const indentOf = (line: number) => (line === 0 ? frame.firstIndent : frame.indent);
  for (let pos = 0; pos < n; ) {
    const f = fit(pos, frame.width - indentOf(fits.length), n);
    fits.push(f);
    pos = f.end;
  }

  if (options.orphanControl && fits.length >= 2) {
    const last = fits[fits.length - 1]!;
    const prev = fits[fits.length - 2]!;
    if (isOrphan(units.slice(last.start, last.end))) {
      const line = fits.length - 2;
      const shorter = fit(prev.start, frame.width - indentOf(line), prev.end - 1);
      const rest: Fit = { start: shorter.end, end: n, squeeze: pre.slice(shorter.end, n), pushed: false };
      const restWidth = rest.squeeze.reduce((w, s, i) => w + width(rest.start + i, s), 0);
      if (shorter.end > prev.start && shorter.end < prev.end && restWidth <= frame.width - indentOf(line + 1) + EPS) {
        fits.splice(fits.length - 2, 2, { ...shorter, pushed: true }, rest);
      }
    }
  }

  /** The widest gap, in cells, of line `i` set as `f` and justified. */
  const gapOf = (f: Fit, i: number) => loosestGap(units.slice(f.start, f.end), frame.width - indentOf(i) - used(f));

  /**
   * JUST-1: a loose line (a long word or group pushed out) takes units from the lines before it:
   * those are broken earlier, each leaving about an equal share of the slack, so every line of
   * the group stays within TARGET_GAP if it can. The line's end does not move.
   */
  function rebreak(k: number): void {
    const end = fits[k]!.end;
    const share = frame.width - indentOf(k) - used(fits[k]!);
    let best: { m: number; lines: Fit[]; gap: number } | undefined;
    for (let m = 1; m <= Math.min(k, MAX_REBROKEN_LINES); m++) {
      const tried: Fit[] = [];
      let pos = fits[k - m]!.start;
      for (let i = k - m; i <= k && pos < end; i++) {
        const f = fit(pos, frame.width - indentOf(i) - (i < k ? share / (m + 1) : 0), end);
        tried.push(i < k ? { ...f, pushed: true } : f);
        pos = f.end;
      }
      if (tried.length !== m + 1 || pos !== end) continue;
      const gap = Math.max(...tried.map((f, j) => gapOf(f, k - m + j)));
      if (gap < (best?.gap ?? gapOf(fits[k]!, k)) - EPS) best = { m, lines: tried, gap };
      if (gap <= TARGET_GAP + EPS) break;
    }
    if (best) fits.splice(k - best.m, best.m + 1, ...best.lines);
  }

  const ragged = new Set<number>();
  if (!options.ragged) {
    for (let k = 0; k < fits.length - 1; k++) if (gapOf(fits[k]!, k) > TARGET_GAP + EPS) rebreak(k);
    // After every re-break: one may have loosened a line before it (to spare a looser one).
    for (let k = 0; k < fits.length - 1; k++) if (gapOf(fits[k]!, k) > MAX_GAP + EPS) ragged.add(k);
  }

  return fits.map((f, i) => {
    const last = i === fits.length - 1;
    const squeeze = [...f.squeeze];
    const end = squeeze.length - 1;
    if (gb && !last && !squeeze[end] && units[f.end - 1]!.blank === 'after' && compressible(units, f.end - 1) && pairKeeps(units, f.end - 1, squeeze, f.start)) {
      squeeze[end] = 'after';
    }
    const indent = indentOf(i);
    const line = units.slice(f.start, f.end);
    // The last word's trailing space takes no room at the line end (LATIN-2).
    const tail = line[line.length - 1];
    if (tail && tail.trailing > 0) line[line.length - 1] = { ...tail, width: tail.width - tail.trailing, trailing: 0 };
    return {
      units: line,
      squeeze,
      indent,
      available: frame.width - indent,
      first: i === 0,
      last,
      pushed: f.pushed,
      ragged: ragged.has(i),
    };
  });
}
