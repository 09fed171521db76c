// Text → units (§4.2 step 1–2): one ideograph, one full-width mark, one unbreakable unit
// (`——`, `……`), or a Latin word (LATIN-1 … LATIN-4 in docs/layout.md). Iterates by code
// point: '𬱖'.length is 2. Then the keep-together rules of kinsoku.ts glue units that no line
// may break between.
//
// Deviation from the spec's §4.4 CHOICE (“squeeze ≤ 2 %, round a run up to whole cells”): a
// Latin/digit run takes its natural width everywhere — half a cell a character with 'hwid' —
// so `5年`, `〔2018〕2号` and `8月1日` sit tight as they do in Word. An even count stays on the
// grid; an odd count moves what follows half a cell off it (clreq §2.3.1 allows mixed text to
// leave the grid while line starts and ends align), and justification takes up the half cell
// left at the end of a full line. Nothing is squeezed: with 'hwid' a run needs no squeezing,
// and a proportional word has no grid to meet.
import LineBreaker from 'linebreak';
import type { FontRole, Span } from '../model.js';
import {
  KEEP_TOGETHER,
  QUESTION_EXCLAIM,
  REPEATED_PAIR,
  WIDE_DASH,
  blankSide,
  isCombiningMark,
  isConnector,
  isLatinLetter,
  isLatinRunChar,
  isNoEnd,
  isNoStart,
  isPunctuation,
  keepTogetherSpans,
  type KeepRule,
} from './kinsoku.js';
import type { Measure, UnitKind } from './types.js';
import { EPS } from './geometry.js';

/** Runs of digits, capitals and their signs (`2026`, `¥500,000.00`, `GB/T`, `MCU`) take half-width forms (LATIN-1). */
export const LATIN_FEATURES: readonly string[] = ['hwid'];
/** Runs with words (`José`, `Zoë O’Brien`, an email) are set proportionally; 'pwid' also narrows `’`. */
export const WORD_FEATURES: readonly string[] = ['pwid'];

type Glue = KeepRule['strength'] | null;

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
  /** Width of the word space a Latin word ends with: it takes no room at a line end (LATIN-2). */
  trailing: number;
  noStart: boolean;
  noEnd: boolean;
  /** No line break after this unit (`prefer`: only to spare a stretched line): it and the next belong to one keep-together group (kinsoku.ts). */
  glue: Glue;
  /** A piece of a word the next unit continues (a URL broken at its own points): justification adds no space after it. */
  joined: boolean;
  /** The blank half of a full-width mark, which push-in and GB/T 15834 compression may take. */
  blank: 'before' | 'after' | null;
  /** A connector or solidus: justification puts no space next to it. */
  connector: boolean;
  /** Drawn with these OpenType features. */
  features: readonly string[];
}

/** LATIN-1: a run with a lower-case or a non-ASCII letter holds words, and is set proportionally. */
function runFeatures(run: string): readonly string[] {
  return /[a-z]|[^\x00-\x7f¥‰]/u.test(run) ? WORD_FEATURES : LATIN_FEATURES;
}

function latinUnit(text: string, role: FontRole, size: number, measure: Measure, features: readonly string[] = LATIN_FEATURES): Unit {
  const natural = measure.advance(text, role, size, features);
  const ink = text.trimEnd();
  const chars = Array.from(ink === '' ? text : ink);
  return {
    text,
    kind: 'latin',
    role,
    size,
    width: natural,
    natural,
    trailing: ink === text ? 0 : natural - (ink === '' ? 0 : measure.advance(ink, role, size, features)),
    noStart: isNoStart(chars[0] ?? ''),
    noEnd: isNoEnd(chars[chars.length - 1] ?? ''),
    glue: null,
    joined: false,
    blank: null,
    connector: false,
    features,
  };
}

/** LATIN-3: an email or a URL (a scheme or `www.`), which breaks only at its own break points. */
function isAddress(word: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+$/iu.test(word) || /^[^@\s]+@[^@\s]+\.[^@\s]+$/u.test(word);
}

/** Where an address may break: after `/ . @ ? & = # _ -`, but not inside `//` or a run of them. */
const ADDRESS_BREAK_AFTER = '/.@?&=#_-';

function addressParts(word: string): string[] {
  const parts: string[] = [];
  let part = '';
  const chars = Array.from(word);
  chars.forEach((ch, i) => {
    part += ch;
    const next = chars[i + 1];
    if (next !== undefined && next !== ' ' && ADDRESS_BREAK_AFTER.includes(ch) && !ADDRESS_BREAK_AFTER.includes(next)) {
      parts.push(part);
      part = '';
    }
  });
  if (part !== '') parts.push(part);
  return parts;
}

/** LATIN-4: a word wider than a line breaks at its UAX #14 opportunities (after a hyphen, a solidus). */
function uaxParts(word: string): string[] {
  const breaker = new LineBreaker(word);
  const parts: string[] = [];
  let last = 0;
  for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) {
    if (b.position > last) parts.push(word.slice(last, b.position));
    last = b.position;
  }
  return parts;
}

/**
 * A Latin run → units: one per word with its following space (LATIN-2: a line breaks between
 * words, after the space — UAX #14 LB18 — and never inside a word that fits a line); an address
 * in pieces at its own break points (LATIN-3); a word wider than `maxWidth` at its UAX #14
 * opportunities, and a piece still too wide by characters (LATIN-4).
 */
function latinRunUnits(run: string, role: FontRole, size: number, measure: Measure, maxWidth: number): Unit[] {
  const features = runFeatures(run);
  const unit = (text: string) => latinUnit(text, role, size, measure, features);
  const units: Unit[] = [];
  for (const word of run.match(/[^ ]+ ?| /gu) ?? []) {
    const whole = unit(word);
    const address = isAddress(word.trimEnd());
    if (!address && whole.width - whole.trailing <= maxWidth + EPS) {
      units.push(whole);
      continue;
    }
    const pieces = (address ? addressParts(word) : uaxParts(word)).flatMap((part) => byCharacters(part, unit, maxWidth));
    pieces.forEach((p, i) => {
      const u = unit(p);
      if (i > 0) u.noStart = false;
      if (i < pieces.length - 1) Object.assign(u, { noEnd: false, joined: true });
      units.push(u);
    });
  }
  return units;
}

/** A part wider than a line, cut where it fills the line (clreq allows it for what cannot be broken otherwise). */
function byCharacters(part: string, unit: (text: string) => Unit, maxWidth: number): string[] {
  const u = unit(part);
  if (u.width - u.trailing <= maxWidth + EPS) return [part];
  const pieces: string[] = [];
  let piece = '';
  for (const ch of part) {
    const next = piece + ch;
    if (piece !== '' && unit(next.trimEnd()).width > maxWidth + EPS) {
      pieces.push(piece);
      piece = ch;
    } else piece = next;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
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
    trailing: 0,
    noStart: isNoStart(first),
    noEnd: isNoEnd(first),
    glue: null,
    joined: false,
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
      // An apostrophe between letters (`O’Brien`) and a combining mark belong to the run too.
      let j = i + 1;
      if (ch !== ' ') {
        while (j < chars.length) {
          const c = chars[j]!;
          const next = chars[j + 1];
          if (isLatinRunChar(c) || isCombiningMark(c)) j++;
          else if (c === '’' && isLatinLetter(chars[j - 1]!) && next !== undefined && isLatinLetter(next)) j++;
          else if (c === ' ' && next !== undefined && isLatinRunChar(next)) j++;
          else break;
        }
      }
      units.push(...latinRunUnits(chars.slice(i, j).join(''), role, size, measure, maxWidth));
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
export function segmentText(
  text: string,
  role: FontRole,
  size: number,
  measure: Measure,
  maxWidth = Infinity,
  keep: readonly KeepRule[] = KEEP_TOGETHER,
): Unit[] {
  return glue(spanUnits(text, role, size, measure, maxWidth), keep);
}

/** Width of units set solid. */
export function solidWidth(units: readonly Unit[]): number {
  return units.reduce((w, u) => w + u.width, 0);
}
