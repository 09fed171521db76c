// One layout asks the same few hundred widths many times; remember them. Widths of single
// characters are kept for the life of the Measure (a font pack lives as long as the process,
// and a process sees a bounded set of characters); longer strings (amounts, ID numbers) only
// for one layout call, so the cache cannot grow without bound.
import type { FontRole } from '../model.js';
import type { Measure } from './types.js';

/** Width by text, under one role, size and feature list. */
type Widths = Map<string, number>;

/**
 * Widths by role, then size, then feature list, then text: nested maps rather than one joined
 * key, so a lookup builds no string (it runs for every unit of every line).
 */
class WidthTable {
  private readonly byRole = new Map<FontRole, Map<number, Map<string, Widths>>>();

  widths(role: FontRole, size: number, features: readonly string[]): Widths {
    let bySize = this.byRole.get(role);
    if (!bySize) this.byRole.set(role, (bySize = new Map()));
    let byFeatures = bySize.get(size);
    if (!byFeatures) bySize.set(size, (byFeatures = new Map()));
    const f = features.length === 0 ? '' : features.join(',');
    let widths = byFeatures.get(f);
    if (!widths) byFeatures.set(f, (widths = new Map()));
    return widths;
  }
}

const characterWidths = new WeakMap<Measure, WidthTable>();
/** The measure each memo wraps: what gives widths, so what caches of set text are kept by. */
const sources = new WeakMap<Measure, Measure>();

/** The measure behind a memo (or the measure itself): one per font pack, so one per process. */
export function measureSource(measure: Measure): Measure {
  return sources.get(measure) ?? measure;
}

export function memoMeasure(measure: Measure): Measure {
  let chars = characterWidths.get(measure);
  if (!chars) characterWidths.set(measure, (chars = new WidthTable()));
  const shared = chars;
  const strings = new WidthTable();
  const ascents = new Map<string, number>();
  const memo: Measure = {
    advance(text: string, role: FontRole, size: number, features: readonly string[] = []): number {
      // One character: one code unit, or a surrogate pair (an ideograph outside the BMP).
      const table = text.length === 1 || (text.length === 2 && text.codePointAt(0)! > 0xffff) ? shared : strings;
      const widths = table.widths(role, size, features);
      let w = widths.get(text);
      if (w === undefined) widths.set(text, (w = measure.advance(text, role, size, features)));
      return w;
    },
    ascent(role: FontRole, size: number): number {
      const key = `${role}\u0000${size}`;
      let a = ascents.get(key);
      if (a === undefined) ascents.set(key, (a = measure.ascent(role, size)));
      return a;
    },
  };
  sources.set(memo, measureSource(measure));
  return memo;
}
