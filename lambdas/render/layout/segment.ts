// Text → units (§4.2 step 1–2): one ideograph, one full-width mark, or one unbreakable
// unit (`——`, `……`, a Latin/digit run). Iterates by code point: '𬱖'.length is 2.
import type { FontRole, Span } from '../model.js';
import {
  QUESTION_EXCLAIM,
  REPEATED_PAIR,
  WIDE_DASH,
  blankSide,
  isConnector,
  isLatinRunChar,
  isNoEnd,
  isNoStart,
  isPunctuation,
} from './kinsoku.js';
import type { Measure, UnitKind } from './types.js';

/** Latin and digit runs are set with half-width forms (Noto and most CJK fonts: 'hwid'). */
export const LATIN_FEATURES: readonly string[] = ['hwid'];

/** A run may be squeezed by up to 2 % before it is rounded up to whole cells (§4.4, CHOICE). */
const LATIN_SQUEEZE = 0.98;
const EPS = 1e-6;

export interface Unit {
  text: string;
  kind: UnitKind;
  role: FontRole;
  /** Font size; also the cell (em) the unit is counted in. */
  size: number;
  /** Width when set solid: whole cells. */
  width: number;
  /** Advance of its glyphs as the font sets them (Latin with hwid), for centring and squeezing. */
  natural: number;
  noStart: boolean;
  noEnd: boolean;
  /** The blank half of a full-width mark, which push-in and GB/T 15834 compression may take. */
  blank: 'before' | 'after' | null;
  /** A connector or solidus: justification puts no space next to it. */
  connector: boolean;
  /** Drawn with these OpenType features. */
  features: readonly string[];
}

/**
 * How a Latin or digit run takes width. 'grid': rounded up to whole cells, so body lines stay
 * on the 28-cell grid (§4.4). 'natural': its own advance, as Word sets it, on the lines that are
 * not on that grid — 发文字号, 署名 and dates, 版记 rows, titles, table cells — where rounding
 * would open a visible gap around a single digit (〔2026〕1 号).
 */
export type RunWidth = 'grid' | 'natural';

function latinCells(natural: number, size: number): number {
  return Math.max(1, Math.ceil((LATIN_SQUEEZE * natural) / size - EPS));
}

function latinUnit(text: string, role: FontRole, size: number, measure: Measure, runs: RunWidth): Unit {
  const natural = measure.advance(text, role, size, LATIN_FEATURES);
  const chars = Array.from(text);
  return {
    text,
    kind: 'latin',
    role,
    size,
    width: runs === 'grid' ? latinCells(natural, size) * size : natural,
    natural,
    noStart: isNoStart(chars[0] ?? ''),
    noEnd: isNoEnd(chars[chars.length - 1] ?? ''),
    blank: null,
    connector: false,
    features: LATIN_FEATURES,
  };
}

/** Splits a run too wide for any line at character level (clreq allows it; only URLs should need it). */
function splitRun(text: string, role: FontRole, size: number, measure: Measure, runs: RunWidth, maxWidth: number): Unit[] {
  const units: Unit[] = [];
  let piece = '';
  for (const ch of text) {
    const next = piece + ch;
    if (piece !== '' && latinUnit(next, role, size, measure, runs).width > maxWidth + EPS) {
      units.push(latinUnit(piece, role, size, measure, runs));
      piece = ch;
    } else piece = next;
  }
  if (piece !== '') units.push(latinUnit(piece, role, size, measure, runs));
  return units;
}

function markUnit(text: string, kind: UnitKind, cells: number, role: FontRole, size: number, measure: Measure): Unit {
  const first = Array.from(text)[0] ?? '';
  return {
    text,
    kind,
    role,
    size,
    width: cells * size,
    natural: measure.advance(text, role, size),
    noStart: isNoStart(first),
    noEnd: isNoEnd(first),
    blank: kind === 'punct' && text.length === 1 ? blankSide(first) : null,
    connector: text.length === 1 && isConnector(first),
    features: [],
  };
}

function spanUnits(text: string, role: FontRole, size: number, measure: Measure, runs: RunWidth, maxWidth: number): Unit[] {
  const chars = Array.from(text);
  const units: Unit[] = [];
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i]!;
    if (isLatinRunChar(ch) || ch === ' ') {
      // A space belongs to a run only between two run characters; elsewhere it is a run of its own.
      let j = i + 1;
      if (ch !== ' ') {
        while (j < chars.length) {
          const c = chars[j]!;
          if (isLatinRunChar(c)) j++;
          else if (c === ' ' && j + 1 < chars.length && isLatinRunChar(chars[j + 1]!)) j++;
          else break;
        }
      }
      const run = chars.slice(i, j).join('');
      const unit = latinUnit(run, role, size, measure, runs);
      units.push(...(unit.width > maxWidth + EPS ? splitRun(run, role, size, measure, runs, maxWidth) : [unit]));
      i = j;
      continue;
    }
    if (REPEATED_PAIR.includes(ch) || QUESTION_EXCLAIM.includes(ch)) {
      const group = QUESTION_EXCLAIM.includes(ch) ? QUESTION_EXCLAIM : ch;
      let j = i + 1;
      while (j < chars.length && group.includes(chars[j]!)) j++;
      const n = j - i;
      const text = chars.slice(i, j).join('');
      if (n === 1) units.push(markUnit(ch, 'punct', 1, role, size, measure));
      // `？？` `？！` share one cell, three marks two (R9); `——` `……` take a cell per mark (R10).
      else if (group === QUESTION_EXCLAIM) units.push(markUnit(text, 'punct', Math.ceil(n / 2), role, size, measure));
      else units.push(markUnit(text, 'pair', n, role, size, measure));
      i = j;
      continue;
    }
    const wide = WIDE_DASH[ch];
    if (wide !== undefined) units.push(markUnit(ch, 'pair', wide, role, size, measure));
    else if (isPunctuation(ch)) units.push(markUnit(ch, 'punct', 1, role, size, measure));
    else units.push(markUnit(ch, 'han', 1, role, size, measure));
    i++;
  }
  return units;
}

/**
 * Units of a run of spans set at `size`. `maxWidth` is the widest line they will be broken
 * into: a Latin run wider than that is split (the only way a NO_SPLIT run is ever split).
 */
export function segment(spans: readonly Span[], size: number, measure: Measure, runs: RunWidth, maxWidth = Infinity): Unit[] {
  return spans.flatMap((s) => spanUnits(s.text, s.role, size, measure, runs, maxWidth));
}

/** The same for plain text in one role. */
export function segmentText(text: string, role: FontRole, size: number, measure: Measure, runs: RunWidth, maxWidth = Infinity): Unit[] {
  return spanUnits(text, role, size, measure, runs, maxWidth);
}

/** Width of units set solid. */
export function solidWidth(units: readonly Unit[]): number {
  return units.reduce((w, u) => w + u.width, 0);
}
