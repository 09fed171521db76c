// 标题: 二号, centred, one grid line per title line (§2.1, CHOICE). A title too wide for one
// line is broken by TITLE-1 … TITLE-6 (docs/layout.md): title-penalties.ts weighs each break,
// title-choice.ts picks the lines; here the title is set, and laid-out titles are checked.
import type { DocumentModel } from '../model.js';
import { BLOCK_WIDTH, SIZE } from './geometry.js';
import { justify } from './justify.js';
import type { SetLine } from './runs.js';
import { segmentText, type Unit } from './segment.js';
import type { Line, Measure } from './types.js';
import { RULED, bestChoices, better, scorer, search, stubs, titleBreaks, titleShape } from './title-choice.js';
import { markedNames, nameParts, penalties } from './title-penalties.js';

/**
 * The title-shape check of TITLE-2 and TITLE-3 on laid-out title lines (one title's lines, in
 * order, as the layout broke them): empty when their shape is upright with no stub, or when no
 * other choice of breaks does better by TITLE-1 … TITLE-3 (an inverted shape is then the rule's
 * own last resort); else what is wrong, with the choice the rule asks for. `fewest`: the layout
 * set the title in its fewest lines by TITLE-6, so only choices of as many lines compare.
 * `names`: the case's names in the title (its block's `names`), each one word but at TITLE-5's points.
 */
export function titleShapeViolations(
  lines: readonly Line[],
  measure: Measure,
  maxWidth = BLOCK_WIDTH,
  fewest = false,
  names: readonly string[] = [],
): string[] {
  if (lines.length < 2) return [];
  const texts = lines.map((l) => l.units.map((u) => u.text).join(''));
  const lengths = lines.map((l) => l.units.reduce((w, u) => w + u.width, 0));
  const shape = titleShape(lengths);
  if (shape === 'upright' && stubs(lengths) === 0) return [];
  const units = segmentText(texts.join(''), 'title', lines[0]!.size, measure, maxWidth);
  // The laid-out lines as breaks between units.
  const breaks: number[] = [];
  let [chars, at, n] = [0, 0, 0];
  for (const t of texts.slice(0, -1)) {
    chars += t.length;
    for (; at < units.length && n < chars; at++) n += units[at]!.text.length;
    breaks.push(at);
  }
  const pen = penalties(units, names, maxWidth);
  const laid = scorer(units, pen).score(breaks);
  const best = fewest ? search(units, pen, lines.length, maxWidth) : bestChoices(units, pen, maxWidth).best;
  if (!best || !better(best.score, laid, RULED)) return [];
  const text = texts.join(' / ');
  const all = [0, ...best.breaks, units.length];
  const wanted = all
    .slice(1)
    .map((b, i) =>
      units
        .slice(all[i]!, b)
        .map((u) => u.text)
        .join(''),
    )
    .join(' / ');
  const rule = shape === 'upright' || best.score[1] < laid[1] ? 'TITLE-3 a line shorter than a third of the longest' : `TITLE-2 ${shape} shape`;
  return [`${rule}: ${text} (the rule asks for ${wanted})`];
}

/**
 * TITLE-1 on laid-out title lines: a break inside a name the case gives (`names`) falls only at
 * one of its TITLE-5 points. Empty when none does otherwise; else each such break.
 */
export function titleNameViolations(lines: readonly Line[], measure: Measure, names: readonly string[], maxWidth = BLOCK_WIDTH): string[] {
  if (lines.length < 2 || names.length === 0) return [];
  const texts = lines.map((l) => l.units.map((u) => u.text).join(''));
  const joined = texts.join('');
  const units = segmentText(joined, 'title', lines[0]!.size, measure, maxWidth);
  const offsets = [0];
  for (const u of units) offsets.push(offsets[offsets.length - 1]! + u.text.length);
  const out: string[] = [];
  let at = 0;
  for (const t of texts.slice(0, -1)) {
    at += t.length;
    for (const n of markedNames(units, offsets, names, maxWidth)) {
      const points = new Map<number, number>();
      nameParts(joined, n, points);
      if (at > n.from && at < n.to && !points.has(at)) out.push(`TITLE-1 a break inside the name “${joined.slice(n.from, n.to)}”: ${texts.join(' / ')}`);
    }
  }
  return out;
}
/** Each given line's units, broken into the title's lines (TITLE-1 … TITLE-6). */
function titleRows(given: readonly string[], names: readonly string[], measure: Measure, maxWidth: number, fewest: boolean): Unit[][] {
  const rows: Unit[][] = [];
  for (const text of given) {
    const units = segmentText(text, 'title', SIZE.title, measure, maxWidth);
    const breaks = [0, ...titleBreaks(units, names, maxWidth, fewest), units.length];
    for (let i = 1; i < breaks.length; i++) rows.push(units.slice(breaks[i - 1], breaks[i]));
  }
  return rows;
}

/**
 * The texts of the title's lines as the layout breaks them; with `fewest`, each given line in the
 * fewest lines it takes (TITLE-6). Given back as a title's `<line>`s, they lay out as these lines.
 */
export function titleLineTexts(given: readonly string[], measure: Measure, fewest = false, maxWidth = BLOCK_WIDTH, names: readonly string[] = []): string[] {
  return titleRows(given, names, measure, maxWidth, fewest).map((units) => units.map((u) => u.text).join(''));
}

/** The model with its title given as these lines (TITLE-6: the layout and its check lay it out so). */
export function retitled(model: DocumentModel, lines: readonly string[]): DocumentModel {
  return { ...model, blocks: model.blocks.map((b) => (b.kind === 'title' ? { ...b, lines: [...lines] } : b)) };
}

/** The title's lines, each centred in the block. `given` lines were chosen by the template. */
export function setTitle(given: readonly string[], measure: Measure, maxWidth = BLOCK_WIDTH, names: readonly string[] = []): SetLine[] {
  const size = SIZE.title;
  const rows = titleRows(given, names, measure, maxWidth, false);
  return rows.map((units, i) => ({
    placed: justify(
      { units, squeeze: units.map(() => null), indent: 0, available: BLOCK_WIDTH, first: i === 0, last: true, pushed: false, ragged: false },
      'center',
    ),
    role: 'title',
    size,
    first: i === 0,
    last: i === rows.length - 1,
    ragged: false,
    adjusted: false,
  }));
}
