// Text → units (§4.2 step 1–2): one ideograph, one full-width mark, or one unbreakable
// unit (`——`, `……`, a Latin/digit run). Iterates by code point: '𬱖'.length is 2.
// Then the keep-together rules of kinsoku.ts glue units that no line may break between.
//
// Deviation from the spec's §4.4 CHOICE (“squeeze ≤ 2 %, round a run up to whole cells”): a
// Latin/digit run takes its natural width everywhere — half a cell a character with 'hwid' —
// so `5年`, `〔2018〕2号` and `8月1日` sit tight as they do in Word. An even count stays on the
// grid; an odd count moves what follows half a cell off it (clreq §2.3.1 allows mixed text to
// leave the grid while line starts and ends align), and justification takes up the half cell
// left at the end of a full line. Nothing is squeezed: with 'hwid' a run needs no squeezing.
import type { FontRole, Span } from '../model.js';
import {
  KEEP_TOGETHER,
  QUESTION_EXCLAIM,
  REPEATED_PAIR,
  WIDE_DASH,
  blankSide,
  isConnector,
  isLatinRunChar,
  isNoEnd,
  isNoStart,
  isPunctuation,
  keepTogetherSpans,
  type KeepRule,
} from './kinsoku.js';
import type { Measure, UnitKind } from './types.js';

/** Latin and digit runs are set with half-width forms (Noto and most CJK fonts: 'hwid'). */
export const LATIN_FEATURES: readonly string[] = ['hwid'];

const EPS = 1e-6;

export type Glue = KeepRule['strength'] | null;

export interface Unit {
  text: string;
  kind: UnitKind;
  role: FontRole;
  /** Font size; also the cell (em) the unit is counted in. */
  size: number;
  /** Width when set solid: whole cells for ideographs and marks, the natural advance for a Latin run. */
  width: number;
  /** Advance of its glyphs as the font sets them (Latin with hwid), for centring marks in their cells. */
  natural: number;
  noStart: boolean;
  noEnd: boolean;
  /** No line break after this unit (`prefer`: only to spare a stretched line): it and the next belong to one keep-together group (kinsoku.ts). */
  glue: Glue;
  /** The blank half of a full-width mark, which push-in and GB/T 15834 compression may take. */
  blank: 'before' | 'after' | null;
  /** A connector or solidus: justification puts no space next to it. */
  connector: boolean;
  /** Drawn with these OpenType features. */
  features: readonly string[];
}

function latinUnit(text: string, role: FontRole, size: number, measure: Measure): Unit {
  const natural = measure.advance(text, role, size, LATIN_FEATURES);
  const chars = Array.from(text);
  return {
    text,
    kind: 'latin',
    role,
    size,
    width: natural,
    natural,
    noStart: isNoStart(chars[0] ?? ''),
    noEnd: isNoEnd(chars[chars.length - 1] ?? ''),
    glue: null,
    blank: null,
    connector: false,
    features: LATIN_FEATURES,
  };
}

/** Splits a run too wide for any line at character level (clreq allows it; only URLs should need it). */
function splitRun(text: string, role: FontRole, size: number, measure: Measure, maxWidth: number): Unit[] {
  const units: Unit[] = [];
  let piece = '';
  for (const ch of text) {
    const next = piece + ch;
    if (piece !== '' && latinUnit(next, role, size, measure).width > maxWidth + EPS) {
      units.push(latinUnit(piece, role, size, measure));
      piece = ch;
    } else piece = next;
  }
  if (piece !== '') units.push(latinUnit(piece, role, size, measure));
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
    glue: null,
    blank: kind === 'punct' && text.length === 1 ? blankSide(first) : null,
    connector: text.length === 1 && isConnector(first),
    features: [],
  };
}

function spanUnits(text: string, role: FontRole, size: number, measure: Measure, maxWidth: number): Unit[] {
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
      const unit = latinUnit(run, role, size, measure);
      units.push(...(unit.width > maxWidth + EPS ? splitRun(run, role, size, measure, maxWidth) : [unit]));
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

/** Glues the units inside every keep-together match: no break may fall between them. */
function glue(units: Unit[], rules: readonly KeepRule[]): Unit[] {
  if (rules.length === 0 || units.length < 2) return units;
  const ends: number[] = [];
  let offset = 0;
  for (const u of units) ends.push((offset += u.text.length));
  const text = units.map((u) => u.text).join('');
  for (const { start, end, strength } of keepTogetherSpans(text, rules)) {
    units.forEach((u, i) => {
      if (ends[i]! > start && ends[i]! < end && u.glue !== 'always') u.glue = strength;
    });
  }
  return units;
}

/**
 * Units of a run of spans set at `size`. `maxWidth` is the widest line they will be broken
 * into: a Latin run wider than that is split (the only way a NO_SPLIT run is ever split).
 * `keep`: the keep-together rules to apply (kinsoku.ts); matched across span boundaries.
 */
export function segment(spans: readonly Span[], size: number, measure: Measure, maxWidth = Infinity, keep: readonly KeepRule[] = KEEP_TOGETHER): Unit[] {
  return glue(
    spans.flatMap((s) => spanUnits(s.text, s.role, size, measure, maxWidth)),
    keep,
  );
}

/** The same for plain text in one role. */
export function segmentText(text: string, role: FontRole, size: number, measure: Measure, maxWidth = Infinity, keep: readonly KeepRule[] = KEEP_TOGETHER): Unit[] {
  return glue(spanUnits(text, role, size, measure, maxWidth), keep);
}

/** Width of units set solid. */
export function solidWidth(units: readonly Unit[]): number {
  return units.reduce((w, u) => w + u.width, 0);
}
