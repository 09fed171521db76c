// 标题: 二号, centred, one grid line per title line (§2.1, CHOICE). A title too wide for one
// line is broken by TITLE-1 … TITLE-4 (docs/layout.md); candidates are compared in this order:
// no split word or name (TITLE-1), the opening not alone on a line (TITLE-1), no stub line
// (TITLE-3), an upright trapezoid or diamond (TITLE-2), breaks between phrases rather than words
// (TITLE-4), fewer lines, then the better breaks and the more even lengths.
import { BLOCK_WIDTH, SIZE } from './geometry.js';
import { justify } from './justify.js';
import { CLOSING } from './kinsoku.js';
import type { SetLine } from './runs.js';
import { segmentText, type Unit } from './segment.js';
import type { Line, Measure } from './types.js';

const EPS = 1e-6;
/** Document kinds (文种) whose `的…` ending starts a good last line. */
const KIND_ENDINGS = ['通知', '批复', '决定', '意见', '函', '复函', '报告', '请示', '通报', '公告', '通告', '决议', '命令', '纪要', '议案'];
const CONJUNCTIONS = '并和及与暨';
/** Ends of an organisation's name. A break right after one keeps the name whole. */
const ORGANISATION_ENDINGS = ['公司', '集团', '大学', '学院', '学校', '医院', '研究院', '研究所', '中心', '委员会'];
/** A person addressed as 同志: the name before it is kept whole with it. */
const COMRADE = '同志';
/** Roles that may stand before a person's name in a title (“万人计划”专家赵一鸣同志). */
const ROLES = /专家|院士|教授|博士|研究员|工程师|技师|人才/gu;
/** 关于 with its verbs (关于同意给予): a break after them starts the line with the addressee. */
const OPENING = /^关于(?:同意|核准|给予|授予|印发|转发)*/u;
/** Break penalties up to this fall between phrases; above it, between words inside a phrase (TITLE-1). */
const PHRASE = 2;
/** A break penalty from here on splits a word (TITLE-1). */
const SPLIT = 10;
/** More lines than this are not searched exhaustively; such a title is set greedily. */
const MAX_SEARCHED_LINES = 6;

/**
 * Word boundaries from ICU's Chinese dictionary (Node ships full ICU). ICU cuts a name it does
 * not know into single characters (张|建|军), so a boundary between two single ideographs is
 * taken as inside a word. The dictionary belongs to the runtime: a Node upgrade may move an
 * unforced title break; templates that must not move give the title as <line>s.
 */
const words = new Intl.Segmenter('zh', { granularity: 'word' });

/** A single ideograph (or a name's `·`) as ICU cuts an unknown name: 张|建|军. */
const isSingle = (segment: string) => Array.from(segment).length === 1 && /[\p{Script=Han}·]/u.test(segment);

interface Words {
  /** Offsets where a word starts: ICU's boundaries, less those between two single ideographs. */
  starts: Set<number>;
  /** Offsets right after a run of two or more single ideographs (a name) and before a longer word. */
  afterName: Set<number>;
}

function wordsOf(text: string): Words {
  const segments = Array.from(words.segment(text));
  const single = (i: number) => isSingle(segments[i]?.segment ?? '');
  const starts = new Set(segments.filter((_, i) => i === 0 || !(single(i - 1) && single(i))).map((seg) => seg.index));
  const afterName = new Set(segments.filter((_, i) => i >= 2 && single(i - 1) && single(i - 2) && !single(i)).map((seg) => seg.index));
  return { starts, afterName };
}

/** An organisation's name may go on to a unit of it: 集团公司 + 第三十三研究所. */
const MAX_UNIT_GAP = 5;

/** Where the first organisation ending at most `gap` characters after `from` ends; `from` if none (Infinity if none and from is Infinity). */
function organisationEnd(text: string, from: number, gap: number): number {
  if (!Number.isFinite(from)) return from;
  let best = Infinity;
  for (const e of ORGANISATION_ENDINGS) {
    const i = text.indexOf(e, from);
    if (i >= 0 && i - from <= gap) best = Math.min(best, i + e.length);
  }
  return Number.isFinite(best) ? best : gap === Infinity ? Infinity : from;
}

/**
 * Phrases a break must not split (offsets in UTF-16 units; `starts`: where a break is welcome):
 * the opening (关于|同意), an organisation named after it (up to 公司, 大学 …), a person before
 * 同志 (from the opening, a closing mark or a role such as 专家, whichever is last).
 */
function phrases(text: string): { inside: (offset: number) => boolean; starts: Set<number> } {
  const opening = OPENING.exec(text)?.[0].length ?? 0;
  const spans: [number, number][] = [[0, opening]];
  if (opening > 0) {
    // The first ending, then any that follows within a few characters (集团公司第三十三研究所).
    let end = organisationEnd(text, opening, Infinity);
    for (let next = organisationEnd(text, end, MAX_UNIT_GAP); next > end; next = organisationEnd(text, end, MAX_UNIT_GAP)) end = next;
    if (Number.isFinite(end) && !/[“”‘’《》（）]/u.test(text.slice(opening, end))) spans.push([opening, end]);
  }
  for (let i = text.indexOf(COMRADE); i >= 0; i = text.indexOf(COMRADE, i + 1)) {
    // The name runs from the opening or the last mark before 同志, after a role (专家赵一鸣).
    let start = Math.max(opening, ...Array.from(text.slice(0, i).matchAll(/[”’》）〕]/gu), (m) => m.index + 1));
    const role = Array.from(text.slice(start, i).matchAll(ROLES)).at(-1);
    if (role) start += role.index + role[0].length;
    spans.push([Math.min(start, i - 2), i + COMRADE.length]);
  }
  return {
    inside: (offset) => text[offset] === '·' || text[offset - 1] === '·' || spans.some(([a, b]) => offset > a && offset < b),
    starts: new Set(spans.slice(1).map(([a]) => a)),
  };
}

/** How bad a break before unit b is (lower is better; SPLIT and more splits a word); undefined where no break may fall. */
function penalties(units: readonly Unit[]): (number | undefined)[] {
  const text = units.map((u) => u.text);
  const joined = text.join('');
  const { starts, afterName } = wordsOf(joined);
  const phrase = phrases(joined);
  const offsets = [0];
  for (const t of text) offsets.push(offsets[offsets.length - 1]! + t.length);
  const out: (number | undefined)[] = [];
  let depth = 0;
  for (let b = 0; b <= units.length; b++) {
    if (b > 0) {
      const prev = units[b - 1]!;
      if (prev.blank === 'before') depth++;
      else if (CLOSING.includes(prev.text)) depth = Math.max(0, depth - 1);
    }
    if (b === 0 || b === units.length) {
      out.push(undefined);
      continue;
    }
    const u = units[b]!;
    const prev = units[b - 1]!;
    if (u.noStart || prev.noEnd || prev.glue === 'always') {
      out.push(undefined);
      continue;
    }
    const before = text.slice(0, b).join('');
    const after = text.slice(b).join('');
    if (KIND_ENDINGS.some((k) => after === `的${k}`)) out.push(0);
    else if (phrase.inside(offsets[b]!)) out.push(SPLIT);
    else if (depth === 0 && phrase.starts.has(offsets[b]!)) out.push(2);
    else if (depth === 0 && (u.blank === 'before' || prev.blank === 'after')) out.push(1);
    else if (depth === 0 && prev.kind === 'han' && [...ORGANISATION_ENDINGS, COMRADE].some((e) => before.endsWith(e))) out.push(1);
    else if (OPENING.test(before) && OPENING.exec(before)![0] === before) out.push(2);
    else if (depth === 0 && CONJUNCTIONS.includes(u.text) && prev.kind === 'han') out.push(2);
    // Inside quotation marks or a 书名号 a break splits a name.
    else if (depth === 0 && afterName.has(offsets[b]!)) out.push(3);
    else out.push(depth > 0 ? SPLIT + 10 : starts.has(offsets[b]!) ? 5 : SPLIT);
  }
  return out;
}

/** Trapezoid (never shrinking) or diamond (growing, then shrinking); else inverted (never growing); else none. */
function titleShape(lengths: readonly number[]): 'upright' | 'inverted' | 'none' {
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
function stubs(lengths: readonly number[]): number {
  const longest = Math.max(...lengths);
  return lengths.filter((l) => l < longest / 3 - EPS).length;
}

/**
 * The title-shape check of TITLE-2 and TITLE-3 on laid-out title lines (one title's lines, in
 * order): what is wrong with their shape, empty when nothing is. An inverted shape is reported;
 * TITLE-2 allows it only when an upright one would split a word, which a caller decides.
 */
export function titleShapeViolations(lines: readonly Line[]): string[] {
  if (lines.length < 2) return [];
  const lengths = lines.map((l) => l.units.reduce((w, u) => w + u.width, 0));
  const text = lines.map((l) => l.units.map((u) => u.text).join('')).join(' / ');
  const out: string[] = [];
  const shape = titleShape(lengths);
  if (shape !== 'upright') out.push(`TITLE-2 ${shape} shape: ${text}`);
  if (stubs(lengths) > 0) out.push(`TITLE-3 a line shorter than a third of the longest: ${text}`);
  return out;
}

/** A candidate's score, compared in this order (lower is better). */
type Score = [splits: number, openingOnly: number, stubs: number, shape: number, wordBreaks: number, lines: number, cost: number];

function better(a: Score, b: Score): boolean {
  for (let i = 0; i < a.length; i++) {
    if (Math.abs(a[i]! - b[i]!) > EPS) return a[i]! < b[i]!;
  }
  return false;
}

interface Choice {
  breaks: number[];
  score: Score;
}

/** Best breaks into exactly `lines` lines by TITLE-1 … TITLE-4; undefined if none fits. */
function search(units: readonly Unit[], lines: number, maxWidth: number): Choice | undefined {
  const pen = penalties(units);
  const prefix = [0];
  for (const u of units) prefix.push(prefix[prefix.length - 1]! + u.width);
  const width = (a: number, b: number) => prefix[b]! - prefix[a]!;
  const size = units[0]?.size ?? 1;
  const openingOnly = (a: number, b: number) => {
    const t = units.slice(a, b).map((u) => u.text).join('');
    return OPENING.exec(t)?.[0] === t;
  };
  let best: Choice | undefined;
  const walk = (start: number, breaks: number[], penalty: number, splits: number, wordBreaks: number) => {
    if (breaks.length === lines - 1) {
      if (width(start, units.length) > maxWidth + EPS) return;
      const all = [0, ...breaks, units.length];
      const lengths = all.slice(1).map((b, i) => width(all[i]!, b));
      const alone = all.slice(1).filter((b, i) => openingOnly(all[i]!, b)).length;
      const shape = ['upright', 'inverted', 'none'].indexOf(titleShape(lengths));
      const longest = Math.max(...lengths);
      const imbalance = lengths.reduce((s, l) => s + (longest - l) / size, 0);
      const score: Score = [splits, alone, stubs(lengths), shape, wordBreaks, lines, 10 * penalty + imbalance];
      if (!best || better(score, best.score)) best = { breaks: [...breaks], score };
      return;
    }
    for (let b = start + 1; b < units.length && width(start, b) <= maxWidth + EPS; b++) {
      const p = pen[b];
      if (p === undefined) continue;
      breaks.push(b);
      walk(b, breaks, penalty + p, splits + (p >= SPLIT ? 1 : 0), wordBreaks + (p > PHRASE && p < SPLIT ? 1 : 0));
      breaks.pop();
    }
  };
  walk(0, [], 0, 0, 0);
  return best;
}

/** Greedy fallback for titles too long to search: fill each line, break at the last legal point. */
function greedy(units: readonly Unit[], maxWidth: number): number[] {
  const pen = penalties(units);
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

function titleBreaks(units: readonly Unit[], maxWidth: number): number[] {
  const total = units.reduce((s, u) => s + u.width, 0);
  const min = Math.max(1, Math.ceil(total / maxWidth - EPS));
  if (min === 1) return [];
  if (min > MAX_SEARCHED_LINES) return greedy(units, maxWidth);
  let best: Choice | undefined;
  for (let lines = min; lines <= Math.min(min + 1, MAX_SEARCHED_LINES); lines++) {
    const c = search(units, lines, maxWidth);
    if (c && (!best || better(c.score, best.score))) best = c;
  }
  return best?.breaks ?? greedy(units, maxWidth);
}

/** The title's lines, each centred in the block. `given` lines were chosen by the template. */
export function setTitle(given: readonly string[], measure: Measure, maxWidth = BLOCK_WIDTH): SetLine[] {
  const size = SIZE.title;
  const rows: Unit[][] = [];
  for (const text of given) {
    const units = segmentText(text, 'title', size, measure, maxWidth);
    const breaks = [0, ...titleBreaks(units, maxWidth), units.length];
    for (let i = 1; i < breaks.length; i++) rows.push(units.slice(breaks[i - 1], breaks[i]));
  }
  return rows.map((units, i) => ({
    placed: justify({ units, squeeze: units.map(() => null), indent: 0, available: BLOCK_WIDTH, first: i === 0, last: true, pushed: false, ragged: false }, 'center'),
    role: 'title',
    size,
    first: i === 0,
    last: i === rows.length - 1,
    ragged: false,
    adjusted: false,
  }));
}
