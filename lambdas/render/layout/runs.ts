// Placed units → text items. Consecutive single glyphs at one pitch become ONE item whose
// characterSpacing makes up the difference between pitch and advance, so paint makes few
// pdfkit calls; a Latin run, a `——` or a `？？` is an item of its own.
import type { FontRole } from '../model.js';
import type { Placed } from './justify.js';
import type { Colour, Line, Measure, PlacedUnit, TextItem } from './types.js';
import { EPS } from './geometry.js';

/** A line set by typeset.ts: units placed from the frame's left edge. */
export interface SetLine {
  placed: Placed[];
  role: FontRole;
  size: number;
  first: boolean;
  last: boolean;
  /** JUST-2: set solid although not a paragraph's last line. */
  ragged: boolean;
  adjusted: boolean;
}

interface Run {
  item: TextItem;
  /** Glyph advance of every character in a mergeable run; undefined when nothing may join it. */
  advance: number | undefined;
  count: number;
}

export function textItems(placed: readonly Placed[], left: number, top: number, colour: Colour, measure: Measure): TextItem[] {
  const runs: Run[] = [];
  for (const p of placed) {
    const u = p.unit;
    const x = left + p.inkX;
    const single = Array.from(u.text).length === 1 && u.features.length === 0 && p.squeeze === null && p.spacing === 0;
    const prev = runs[runs.length - 1];
    if (single && prev?.advance !== undefined && prev.item.role === u.role && prev.item.size === u.size && Math.abs(prev.advance - u.natural) < EPS) {
      const pitch = prev.count === 1 ? x - prev.item.x : prev.advance + prev.item.characterSpacing;
      if (Math.abs(prev.item.x + prev.count * pitch - x) < EPS) {
        prev.item.text += u.text;
        // Snap float noise, so a solid line really says 0 (and paint writes no Tc).
        const spacing = pitch - prev.advance;
        prev.item.characterSpacing = Math.abs(spacing) < EPS ? 0 : spacing;
        prev.count++;
        continue;
      }
    }
    runs.push({
      item: {
        kind: 'text',
        text: u.text,
        x,
        baseline: top + measure.ascent(u.role, u.size),
        size: u.size,
        role: u.role,
        colour,
        characterSpacing: p.spacing,
        horizontalScale: 100,
        features: u.features,
      },
      advance: single ? u.natural : undefined,
      count: 1,
    });
  }
  // A reader adds the spacing after the last glyph too: a stretched line's final glyph is
  // shown on its own, so no show reaches past the line end.
  const last = runs[runs.length - 1];
  if (last && last.count > 1 && last.item.characterSpacing > EPS) {
    const chars = Array.from(last.item.text);
    const tail = chars.pop()!;
    const pitch = last.advance! + last.item.characterSpacing;
    runs.push({ item: { ...last.item, text: tail, x: last.item.x + chars.length * pitch, characterSpacing: 0 }, advance: undefined, count: 1 });
    last.item.text = chars.join('');
    last.count--;
    if (last.count === 1) last.item.characterSpacing = 0;
  }
  return runs.map((r) => r.item);
}

function placedUnits(placed: readonly Placed[], left: number): PlacedUnit[] {
  return placed.map((p) => ({ text: p.unit.text, kind: p.unit.kind, x: left + p.x, width: p.width }));
}

/** A set line put on the page at (left, top): its record for tests and its text items. */
export function emitLine(set: SetLine, block: number, left: number, top: number, colour: Colour, measure: Measure): { line: Line; items: TextItem[] } {
  return {
    line: {
      block,
      role: set.role,
      size: set.size,
      top,
      baseline: top + measure.ascent(set.role, set.size),
      units: placedUnits(set.placed, left),
      first: set.first,
      last: set.last,
      ragged: set.ragged,
      adjusted: set.adjusted,
    },
    items: textItems(set.placed, left, top, colour, measure),
  };
}
