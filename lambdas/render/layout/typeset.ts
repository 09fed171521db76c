// Segment, break and justify in one call: what every block that sets running text uses.
import type { FontRole, Span } from '../model.js';
import { justify, type Align } from './justify.js';
import { breakLines, type BreakOptions, type Frame } from './linebreak.js';
import type { SetLine } from './runs.js';
import { segment, type Unit } from './segment.js';
import { cachedLines } from './set-cache.js';
import type { Measure } from './types.js';
import { EPS } from './geometry.js';

/** What a block needs to set text: the measure and the line-breaking choices of this layout. */
export interface Typesetter {
  measure: Measure;
  breaking: BreakOptions;
}

/** `ragged`: every line set solid and aligned like a last line (table cells); else full lines are justified. */
export function setUnits(units: readonly Unit[], frame: Frame, ts: Typesetter, role: FontRole, size: number, align: Align = 'left', ragged = false): SetLine[] {
  return breakLines(units, frame, ragged ? { ...ts.breaking, ragged } : ts.breaking).map((box) => {
    const placed = justify(ragged ? { ...box, last: true } : box, align);
    const used = placed.reduce((w, p) => w + p.width, 0);
    const stretched = !box.last && Math.abs(box.available - used) > EPS;
    return {
      placed,
      role,
      size,
      first: box.first,
      last: box.last,
      ragged: box.ragged,
      adjusted: box.pushed || stretched || box.ragged || box.squeeze.some((s) => s !== null),
    };
  });
}

/**
 * Lines set once per process for what `key` names (set-cache.ts keeps them per measure), under
 * this typesetter's line-breaking options. `key` must name everything else `set` reads. The
 * lines are frozen and shared; the array is the caller's own.
 */
export function setOnce(ts: Typesetter, key: string, set: () => SetLine[]): SetLine[] {
  const { punctuation, orphanControl, ragged } = ts.breaking;
  return [...cachedLines(ts.measure, `${punctuation}|${orphanControl}|${ragged === true}|${key}`, set)];
}

/** Lines of running text. A Span is its text and its role: a field added to Span must join the key. */
export function setSpans(spans: readonly Span[], frame: Frame, ts: Typesetter, role: FontRole, size: number, align: Align = 'left'): SetLine[] {
  let key = `spans|${role}|${size}|${align}|${frame.width}|${frame.firstIndent}|${frame.indent}`;
  for (const s of spans) key += `\u0001${s.role}\u0002${s.text}`;
  return setOnce(ts, key, () =>
    setUnits(segment(spans, size, ts.measure, frame.width - Math.max(frame.firstIndent, frame.indent)), frame, ts, role, size, align),
  );
}

export function setText(text: string, frame: Frame, ts: Typesetter, role: FontRole, size: number, align: Align = 'left'): SetLine[] {
  return setSpans([{ text, role }], frame, ts, role, size, align);
}
