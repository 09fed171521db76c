// Set lines remembered across documents. Most of a notice is the same for every recipient (the
// template's fixed paragraphs, headings, 抄送 and 版记 lines), and setting a run of text is pure:
// its lines depend only on the text and roles of its spans, the size, the frame, the alignment,
// the line-breaking options and the measure. typeset.ts keys this cache on exactly those, so a
// fixed paragraph is segmented, broken and justified once per process (docs/scale.md).
//
// Per measure (one per font pack, so one per process), least recently used first out, bounded by
// the number of placed units it holds: a unit costs ≈ 350 bytes with its share of the key, so
// MAX_UNITS is ≈ 20 MB, the distinct text of some twenty five-page letters.
import { LruCache } from './lru.js';
import { measureSource } from './measure.js';
import type { SetLine } from './runs.js';
import type { Measure } from './types.js';

const MAX_UNITS = 60_000;

const caches = new WeakMap<Measure, LruCache<readonly SetLine[]>>();

/** Lines are shared by every document that sets the same text: frozen, so no caller can change another's. */
function freeze(lines: SetLine[]): readonly SetLine[] {
  for (const line of lines) {
    for (const p of line.placed) {
      Object.freeze(p.unit);
      Object.freeze(p);
    }
    Object.freeze(line.placed);
    Object.freeze(line);
  }
  return Object.freeze(lines);
}

/** The lines `key` names under `measure`, set by `set` the first time. */
export function cachedLines(measure: Measure, key: string, set: () => SetLine[]): readonly SetLine[] {
  const source = measureSource(measure);
  let cache = caches.get(source);
  if (!cache) caches.set(source, (cache = new LruCache(MAX_UNITS)));
  const hit = cache.get(key);
  if (hit) return hit;
  const lines = freeze(set());
  cache.set(
    key,
    lines,
    lines.reduce((n, l) => n + l.placed.length, 0),
  );
  return lines;
}
