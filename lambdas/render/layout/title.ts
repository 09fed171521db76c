// 标题: 二号, centred, one grid line per title line (§2.1, CHOICE). A title too wide for one
// line is broken only between words — before 的通知, after the addressee (…同志, …有限公司) or
// the opening verbs (关于同意给予),
// at quotation and 书名号 boundaries — into a trapezoid (lengths never shrinking) or a diamond
// (growing, then shrinking). 词意完整 comes first: an inverted trapezoid (lengths never
// growing) is taken, at a cost, when it keeps a name whole that the upright one would split.
import { BLOCK_WIDTH, SIZE } from './geometry.js';
import { justify } from './justify.js';
import { CLOSING } from './kinsoku.js';
import type { SetLine } from './runs.js';
import { segmentText, type Unit } from './segment.js';
import type { Measure } from './types.js';

const EPS = 1e-6;
/** Document kinds (文种) whose `的…` ending starts a good last line. */
const KIND_ENDINGS = ['通知', '批复', '决定', '意见', '函', '复函', '报告', '请示', '通报', '公告', '通告', '决议', '命令', '纪要', '议案'];
const CONJUNCTIONS = '并和及与暨';
/** Ends of an addressee: a person (同志) or an organisation. A break right after one keeps the name whole. */
const NAME_ENDINGS = ['同志', '公司', '集团', '大学', '学院', '学校', '医院', '研究院', '研究所', '中心', '委员会'];
/** 关于 with its verbs (关于同意给予): a break after them starts the line with the addressee. */
const OPENING = /^关于(?:同意|核准|给予|授予|印发|转发)+$/;
/** Cost of an inverted trapezoid, in the units of `search` (a break inside a phrase costs 50). */
const INVERTED_COST = 15;
/** More lines than this are not searched exhaustively; such a title is set greedily. */
const MAX_SEARCHED_LINES = 6;

/**
 * Word boundaries from ICU's Chinese dictionary (Node ships full ICU). Breaks elsewhere fall
 * inside a word. The dictionary belongs to the runtime: a Node upgrade may move an unforced
 * title break; templates that must not move give the title as <line>s.
 */
const words = new Intl.Segmenter('zh', { granularity: 'word' });

function wordStarts(text: string): Set<number> {
  return new Set(Array.from(words.segment(text), (s) => s.index));
}

/** How bad a break before unit b is (lower is better); undefined where no break may fall. */
function penalties(units: readonly Unit[]): (number | undefined)[] {
  const text = units.map((u) => u.text);
  const starts = wordStarts(text.join(''));
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
    else if (depth === 0 && (u.blank === 'before' || prev.blank === 'after')) out.push(1);
    else if (depth === 0 && prev.kind === 'han' && NAME_ENDINGS.some((e) => before.endsWith(e))) out.push(1);
    else if (OPENING.test(before)) out.push(2);
    else if (depth === 0 && CONJUNCTIONS.includes(u.text) && prev.kind === 'han') out.push(2);
    // Inside quotation marks or a 书名号 a break costs more: it splits a name.
    else out.push((starts.has(offsets[b]!) ? 5 : 10) + (depth > 0 ? 10 : 0));
  }
  return out;
}

/** Trapezoid (never shrinking) or diamond (growing, then shrinking); else inverted (never growing); else none. */
function shapeOf(lengths: readonly number[]): 'good' | 'inverted' | 'none' {
  const cells = lengths.map((l) => Math.round(l * 1000));
  let i = 1;
  while (i < cells.length && cells[i]! >= cells[i - 1]!) i++;
  if (i === cells.length) return 'good';
  const growing = i > 1;
  while (i < cells.length && cells[i]! <= cells[i - 1]!) i++;
  if (i < cells.length) return 'none';
  return growing ? 'good' : 'inverted';
}

interface Choice {
  breaks: number[];
  cost: number;
}

/** Best breaks into exactly `lines` lines, by penalty, balance and shape; undefined if none fits. */
function search(units: readonly Unit[], lines: number, maxWidth: number, shaped: boolean): Choice | undefined {
  const pen = penalties(units);
  const prefix = [0];
  for (const u of units) prefix.push(prefix[prefix.length - 1]! + u.width);
  const width = (a: number, b: number) => prefix[b]! - prefix[a]!;
  const size = units[0]?.size ?? 1;
  let best: Choice | undefined;
  const walk = (start: number, breaks: number[], penalty: number) => {
    if (breaks.length === lines - 1) {
      if (width(start, units.length) > maxWidth + EPS) return;
      const all = [0, ...breaks, units.length];
      const lengths = all.slice(1).map((b, i) => width(all[i]!, b));
      const shape = shapeOf(lengths);
      if (shaped && shape === 'none') return;
      const longest = Math.max(...lengths);
      const imbalance = lengths.reduce((s, l) => s + (longest - l) / size, 0);
      const stubby = lengths.some((l) => l < 4 * size - EPS) ? 20 : 0;
      const cost = 10 * penalty + imbalance + stubby + (shape === 'inverted' ? INVERTED_COST : 0);
      if (!best || cost < best.cost - EPS) best = { breaks: [...breaks], cost };
      return;
    }
    for (let b = start + 1; b < units.length && width(start, b) <= maxWidth + EPS; b++) {
      const p = pen[b];
      if (p === undefined) continue;
      breaks.push(b);
      walk(b, breaks, penalty + p);
      breaks.pop();
    }
  };
  walk(0, [], 0);
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

export function titleBreaks(units: readonly Unit[], maxWidth: number): number[] {
  const total = units.reduce((s, u) => s + u.width, 0);
  const min = Math.max(1, Math.ceil(total / maxWidth - EPS));
  if (min === 1) return [];
  if (min > MAX_SEARCHED_LINES) return greedy(units, maxWidth);
  for (let lines = min; lines <= Math.min(min + 1, MAX_SEARCHED_LINES); lines++) {
    const c = search(units, lines, maxWidth, true);
    if (c) return c.breaks;
  }
  return search(units, min, maxWidth, false)?.breaks ?? greedy(units, maxWidth);
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
