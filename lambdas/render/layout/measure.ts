// One layout asks the same few hundred widths many times; remember them. Widths of single
// characters are kept for the life of the Measure (a font pack lives as long as the process,
// and a process sees a bounded set of characters); longer strings (amounts, ID numbers) only
// for one layout call, so the cache cannot grow without bound.
import type { FontRole } from '../model.js';
import type { Measure } from './types.js';

const characterWidths = new WeakMap<Measure, Map<string, number>>();

export function memoMeasure(measure: Measure): Measure {
  let chars = characterWidths.get(measure);
  if (!chars) characterWidths.set(measure, (chars = new Map()));
  const shared = chars;
  const strings = new Map<string, number>();
  const ascents = new Map<string, number>();
  return {
    advance(text: string, role: FontRole, size: number, features: readonly string[] = []): number {
      const key = `${role}\u0000${size}\u0000${features.length === 0 ? '' : features.join(',')}\u0000${text}`;
      // One character: one code unit, or a surrogate pair (an ideograph outside the BMP).
      const cache = text.length === 1 || (text.length === 2 && text.codePointAt(0)! > 0xffff) ? shared : strings;
      let w = cache.get(key);
      if (w === undefined) cache.set(key, (w = measure.advance(text, role, size, features)));
      return w;
    },
    ascent(role: FontRole, size: number): number {
      const key = `${role}\u0000${size}`;
      let a = ascents.get(key);
      if (a === undefined) ascents.set(key, (a = measure.ascent(role, size)));
      return a;
    },
  };
}
