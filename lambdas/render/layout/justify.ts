// A broken line → units at positions (§4.2 step 5–6): non-last lines are stretched to fill
// their width exactly (R4) — this also takes up the half cell an odd digit run leaves at a
// line end —, last lines and lines too loose to stretch (JUST-2) are set solid (R5); marks
// that gave up a blank half are drawn into it.
import type { LineBox } from './linebreak.js';
import { MAX_GAP, WORD_SPACE_STRETCH, spreadSlack } from './gaps.js';
import { unitWidth, type Squeeze } from './marks.js';
import type { Unit } from './segment.js';
import type { Line } from './types.js';
import { EPS } from './geometry.js';

export interface Placed {
  unit: Unit;
  squeeze: Squeeze;
  /** Left edge of the cells the unit occupies and their width, from the frame's left edge. */
  x: number;
  width: number;
  /** Where its glyphs start, and the extra space between its glyphs (PDF Tc). */
  inkX: number;
  spacing: number;
}

/** How a line that does not fill its width sits: last lines only; others always fill it. */
export type Align = 'left' | 'right' | 'center';

function ink(units: readonly Unit[], i: number, squeeze: Squeeze, x: number, width: number): { inkX: number; spacing: number } {
  const u = units[i]!;
  const chars = Array.from(u.text).length;
  // A mark that gave up a blank half keeps its full-width glyph, drawn so the ink stays in the
  // half it kept; the negative spacing makes its advance the half cell it occupies.
  if (squeeze === 'after') return { inkX: x, spacing: -u.size / 2 };
  if (squeeze === 'before') return { inkX: x - u.size / 2, spacing: -u.size / 2 };
  // A Latin run is as wide as its glyphs (segment.ts): no slack to place.
  if (u.kind === 'han' || u.kind === 'latin') return { inkX: x, spacing: 0 };
  const slack = width - u.natural;
  // `？？` and `？！` share a cell (R9): the marks are drawn closer together.
  if (u.kind === 'punct' && chars > 1) return { inkX: x, spacing: slack / chars };
  // `·`, a lone dash, `——`: centred in their cells (R10, R11). Full-width marks have no slack.
  return { inkX: x + slack / 2, spacing: 0 };
}

export function justify(line: LineBox, align: Align = 'left'): Placed[] {
  const { units, squeeze } = line;
  const widths = units.map((u, i) => unitWidth(u, squeeze[i] ?? null));
  const slack = line.available - widths.reduce((a, b) => a + b, 0);
  let gaps: number[] = [];
  let offset = 0;
  if (!line.last && !line.ragged && Math.abs(slack) > EPS) {
    gaps = spreadSlack(units, slack);
  } else if (line.last && slack > EPS) {
    offset = align === 'right' ? slack : align === 'center' ? slack / 2 : 0;
  }
  const placed: Placed[] = [];
  let x = line.indent + offset;
  units.forEach((u, i) => {
    const width = widths[i]!;
    const s = squeeze[i] ?? null;
    placed.push({ unit: u, squeeze: s, x, width, ...ink(units, i, s, x, width) });
    x += width + (gaps[i] ?? 0);
  });
  return placed;
}

/**
 * JUST-2 as a check on laid-out lines (pure; the corpus tests call it on every document): each
 * gap wider than MAX_GAP cells — beyond a word space's own WORD_SPACE_STRETCH — on a justified
 * line, described for a person. A paragraph's last line and a JUST-2 solid line are not justified.
 */
export function justificationViolations(lines: readonly Line[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (line.last || line.ragged) continue;
    line.units.forEach((u, i) => {
      const next = line.units[i + 1];
      if (!next) return;
      const gap = next.x - (u.x + u.width);
      const allowed = (MAX_GAP + (u.text.endsWith(' ') ? WORD_SPACE_STRETCH : 0)) * line.size;
      if (gap > allowed + 0.01) {
        const text = line.units.map((v) => v.text).join('');
        out.push(`JUST-2 gap of ${(gap / line.size).toFixed(2)} cells after “${u.text}” in “${text}” (at most ${MAX_GAP})`);
      }
    });
  }
  return out;
}
