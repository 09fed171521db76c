// Units → lines (§4.2 steps 3–7): fill greedily, then resolve the line-start and line-end
// rules by pushing a mark in (先挤进) before pushing units out (后推出); then orphan control;
// last, JUST-1/JUST-2 (docs/layout.md) spare a loose line by breaking the lines before it
// earlier, or set it solid when nothing helps. A keep-together group (segment.ts glue) that
// does not fit is pushed in like a mark if blank halves of marks pay for it, else pushed out whole.
//
// The pieces are plain functions of one `Breaking` record rather than closures inside
// breakLines: this runs per paragraph and per table cell, and the worker's bundle wraps every
// closure made per call (keepNames).
import type { Unit } from './segment.js';
import { EPS } from './geometry.js';
import { MAX_GAP, loosestGap } from './gaps.js';
import { adjacentSqueezes, compressible, pairKeeps, unitWidth, type Squeeze } from './marks.js';

/** Push-in may take the blank half of at most this many marks besides the ones it pulls in. */
const MAX_OTHER_SQUEEZES = 2;
/** A line keeps a `prefer` group whole if that stretches it by at most this many cells (CHOICE). */
const MAX_PREFERRED_SLACK = 2;
/** Push-in pulls in at most this many units: `。”`, or the rest of a keep-together group and its closing mark. */
const MAX_PULLED_IN = 12;
/** JUST-1: a justified line whose gaps would pass this many cells has the lines before it broken earlier. */
const TARGET_GAP = 0.15;
/** JUST-1 re-breaks at most this many lines before a loose one. */
const MAX_REBROKEN_LINES = 4;

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

/** Which keep-together glue a break honours: all of it, only `always` groups, or none. */
type Keep = 'all' | 'always' | 'none';

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

/** A line as the breaker sees it: units [start, end) with the squeeze of each. */
interface Fit {
  start: number;
  end: number;
  squeeze: Squeeze[];
  pushed: boolean;
}

/** One paragraph being broken: its units, their squeezes before any break (R8), the frame. */
interface Breaking {
  units: readonly Unit[];
  n: number;
  gb: boolean;
  pre: Squeeze[];
  frame: Frame;
}

export function breakLines(units: readonly Unit[], frame: Frame, options: BreakOptions): LineBox[] {
  const gb = options.punctuation === 'gb15834';
  const b: Breaking = { units, n: units.length, gb, pre: gb ? adjacentSqueezes(units) : units.map(() => null), frame };
  const fits = fillLines(b);
  if (options.orphanControl) avoidOrphan(b, fits);
  const ragged = new Set<number>();
  if (!options.ragged) {
    for (let k = 0; k < fits.length - 1; k++) if (gapOf(b, fits[k]!, k) > TARGET_GAP + EPS) rebreak(b, fits, k);
    // After every re-break: one may have loosened a line before it (to spare a looser one).
    for (let k = 0; k < fits.length - 1; k++) if (gapOf(b, fits[k]!, k) > MAX_GAP + EPS) ragged.add(k);
  }
  return fits.map((f, i) => lineBox(b, f, i, i === fits.length - 1, ragged.has(i)));
}

/** A unit's width with the given squeeze. */
function width(b: Breaking, i: number, s: Squeeze): number {
  return unitWidth(b.units[i]!, s);
}

function indentOf(frame: Frame, line: number): number {
  return line === 0 ? frame.firstIndent : frame.indent;
}

/**
 * May a line break fall before unit at? Not before a NO_START, not after a NO_END, and not
 * inside a keep-together group whose glue `keep` honours ('all', 'always' only, or 'none').
 */
function legal(b: Breaking, at: number, keep: Keep = 'all'): boolean {
  if (at <= 0 || at >= b.n) return true;
  const glue = b.units[at - 1]!.glue;
  const glued = glue !== null && (keep === 'all' || (keep === 'always' && glue === 'always'));
  return !b.units[at]!.noStart && !b.units[at - 1]!.noEnd && !glued;
}

/** Inside a keep-together group: push-in leaves its marks alone (the 〔〕 of a document number). */
function grouped(b: Breaking, i: number): boolean {
  return b.units[i]!.glue !== null || (i > 0 && b.units[i - 1]!.glue !== null);
}

/** Width a line takes: its units, less the trailing space of its last word. */
function used(b: Breaking, f: Fit): number {
  return f.squeeze.reduce((w, s, i) => w + width(b, f.start + i, s), 0) - (f.end > f.start ? b.units[f.end - 1]!.trailing : 0);
}

/** The greedy first pass: every line as full as the rules allow. */
function fillLines(b: Breaking): Fit[] {
  const fits: Fit[] = [];
  for (let pos = 0; pos < b.n; ) {
    const f = fit(b, pos, b.frame.width - indentOf(b.frame, fits.length), b.n);
    fits.push(f);
    pos = f.end;
  }
  return fits;
}

/** One line from `start`, no unit at or after `limit`. */
function fit(b: Breaking, start: number, available: number, limit: number): Fit {
  const { units, pre } = b;
  let end = start;
  let sum = 0;
  // A word's trailing space takes no room at the line end (LATIN-2).
  while (end < limit && sum + width(b, end, pre[end]!) - units[end]!.trailing <= available + EPS) sum += width(b, end, pre[end++]!);
  const squeeze = pre.slice(start, end);
  if (end === b.n) return { start, end, squeeze, pushed: false };
  // GB/T 15834 5.1.10: a mark at the line end is set at half width, so one more may fit.
  if (b.gb && end < limit && units[end]!.blank === 'after' && compressible(units, end) && !pre[end] && pairKeeps(units, end, pre)) {
    if (sum + width(b, end, 'after') <= available + EPS && legal(b, end + 1)) {
      squeeze.push('after');
      return { start, end: end + 1, squeeze, pushed: false };
    }
  }
  // A unit wider than any line cannot occur (segment splits such runs); take it rather than loop.
  if (end === start) return { start, end: start + 1, squeeze: [pre[start]!], pushed: false };
  const strict = breakAt(b, start, end, sum, available, squeeze, limit, 'all');
  if (strict && available - used(b, strict) <= MAX_PREFERRED_SLACK * units[start]!.size + EPS) return strict;
  // A `prefer` group (an issuer prefix with its document number) gives way to spare a stretched line.
  const relaxed = breakAt(b, start, end, sum, available, squeeze, limit, 'always');
  if (relaxed && (!strict || available - used(b, relaxed) < available - used(b, strict) - EPS)) return relaxed;
  if (strict) return strict;
  // A keep-together group wider than the line (a narrow table column) gives way too;
  // with no legal break anywhere, break where the line is full (R1/R2 cannot both hold).
  return breakAt(b, start, end, sum, available, squeeze, limit, 'none') ?? { start, end, squeeze, pushed: false };
}

/**
 * A full line from `start` (its units up to `end`, `sum` wide) broken at `end`, else pushed in,
 * else pushed out to the last legal break; undefined if there is none.
 */
function breakAt(b: Breaking, start: number, end: number, sum: number, available: number, squeeze: Squeeze[], limit: number, keep: Keep): Fit | undefined {
  if (legal(b, end, keep)) return { start, end, squeeze, pushed: false };
  const fitIn = end < limit ? pushIn(b, start, end, sum, available, squeeze, limit, keep) : undefined;
  if (fitIn) return fitIn;
  let at = end - 1;
  while (at > start && !legal(b, at, keep)) at--;
  return at === start ? undefined : { start, end: at, squeeze: squeeze.slice(0, at - start), pushed: true };
}

/**
 * Push-in (先挤进): pull onto the line what may not start the next one — NO_START marks
 * (`。”`) or the rest of a keep-together group with the marks after it (`并发〔2018〕2号）`) —
 * and pay with blank halves of marks: the pulled-in marks at the line end first, then at most
 * MAX_OTHER_SQUEEZES marks on the line, nearest first.
 */
function pushIn(b: Breaking, start: number, end: number, sum: number, available: number, squeeze: Squeeze[], limit: number, keep: Keep): Fit | undefined {
  const { units, pre } = b;
  let e = end + 1;
  while (e < b.n && !legal(b, e, keep)) e++;
  if (e > limit || e - end > MAX_PULLED_IN) return undefined;
  const sq = [...squeeze];
  let deficit = sum - available;
  for (let j = end; j < e; j++) {
    const u = units[j]!;
    // Outside a group only marks that can give up a trailing blank are pulled in.
    if (!grouped(b, j) && (!compressible(units, j) || u.blank !== 'after')) return undefined;
    sq.push(pre[j]!);
    deficit += width(b, j, pre[j]!);
  }
  for (let j = e - 1; j >= end && !grouped(b, j) && deficit > EPS; j--) {
    if (sq[j - start] || !pairKeeps(units, j, sq, start)) continue;
    sq[j - start] = 'after';
    deficit -= units[j]!.size / 2;
  }
  let others = 0;
  for (let i = end - 1; i >= start && deficit > EPS; i--) {
    const u = units[i]!;
    if (sq[i - start] || !compressible(units, i) || grouped(b, i) || !pairKeeps(units, i, sq, start)) continue;
    // A leading blank taken at the line start would put the mark outside the block.
    if (u.blank === 'before' && i === start) continue;
    if (++others > MAX_OTHER_SQUEEZES) return undefined;
    sq[i - start] = u.blank;
    deficit -= u.size / 2;
  }
  if (deficit > EPS) return undefined;
  return { start, end: e, squeeze: sq, pushed: true };
}

/** A last line that is one ideograph, maybe with its punctuation (§4.2 step 7). */
function isOrphan(units: readonly Unit[]): boolean {
  return units[0]?.kind === 'han' && units.slice(1).every((u) => u.kind === 'punct');
}

/** Orphan control: a last line of one ideograph takes a unit from the line before, if the rest fits. */
function avoidOrphan(b: Breaking, fits: Fit[]): void {
  if (fits.length < 2) return;
  const { units, frame, pre, n } = b;
  const last = fits[fits.length - 1]!;
  const prev = fits[fits.length - 2]!;
  if (!isOrphan(units.slice(last.start, last.end))) return;
  const line = fits.length - 2;
  const shorter = fit(b, prev.start, frame.width - indentOf(frame, line), prev.end - 1);
  const rest: Fit = { start: shorter.end, end: n, squeeze: pre.slice(shorter.end, n), pushed: false };
  const restWidth = rest.squeeze.reduce((w, s, i) => w + width(b, rest.start + i, s), 0);
  if (shorter.end > prev.start && shorter.end < prev.end && restWidth <= frame.width - indentOf(frame, line + 1) + EPS) {
    fits.splice(fits.length - 2, 2, { ...shorter, pushed: true }, rest);
  }
}

/** The widest gap, in cells, of line `i` set as `f` and justified. */
function gapOf(b: Breaking, f: Fit, i: number): number {
  return loosestGap(b.units.slice(f.start, f.end), b.frame.width - indentOf(b.frame, i) - used(b, f));
}

/**
 * JUST-1: a loose line (a long word or group pushed out) takes units from the lines before it:
 * those are broken earlier, each leaving about an equal share of the slack, so every line of
 * the group stays within TARGET_GAP if it can. The line's end does not move.
 */
function rebreak(b: Breaking, fits: Fit[], k: number): void {
  const { frame } = b;
  const end = fits[k]!.end;
  const share = frame.width - indentOf(frame, k) - used(b, fits[k]!);
  let best: { m: number; lines: Fit[]; gap: number } | undefined;
  for (let m = 1; m <= Math.min(k, MAX_REBROKEN_LINES); m++) {
    const tried: Fit[] = [];
    let pos = fits[k - m]!.start;
    for (let i = k - m; i <= k && pos < end; i++) {
      const f = fit(b, pos, frame.width - indentOf(frame, i) - (i < k ? share / (m + 1) : 0), end);
      tried.push(i < k ? { ...f, pushed: true } : f);
      pos = f.end;
    }
    if (tried.length !== m + 1 || pos !== end) continue;
    const gap = Math.max(...tried.map((f, j) => gapOf(b, f, k - m + j)));
    if (gap < (best?.gap ?? gapOf(b, fits[k]!, k)) - EPS) best = { m, lines: tried, gap };
    if (gap <= TARGET_GAP + EPS) break;
  }
  if (best) fits.splice(k - best.m, best.m + 1, ...best.lines);
}

/** Line `i` as laid out: a mark ending a non-last line gives up its trailing blank (GB/T 15834 5.1.10). */
function lineBox(b: Breaking, f: Fit, i: number, last: boolean, ragged: boolean): LineBox {
  const { units, frame } = b;
  const squeeze = [...f.squeeze];
  const end = squeeze.length - 1;
  if (
    b.gb &&
    !last &&
    !squeeze[end] &&
    units[f.end - 1]!.blank === 'after' &&
    compressible(units, f.end - 1) &&
    pairKeeps(units, f.end - 1, squeeze, f.start)
  ) {
    squeeze[end] = 'after';
  }
  const indent = indentOf(frame, i);
  const line = units.slice(f.start, f.end);
  // The last word's trailing space takes no room at the line end (LATIN-2).
  const tail = line[line.length - 1];
  if (tail && tail.trailing > 0) line[line.length - 1] = { ...tail, width: tail.width - tail.trailing, trailing: 0 };
  return { units: line, squeeze, indent, available: frame.width - indent, first: i === 0, last, pushed: f.pushed, ragged };
}
