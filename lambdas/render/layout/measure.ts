// One layout asks the same few hundred widths many times; remember them for the call.
import type { FontRole } from '../model.js';
import type { Measure } from './types.js';

export function memoMeasure(measure: Measure): Measure {
  const advances = new Map<string, number>();
  const ascents = new Map<string, number>();
  return {
    advance(text: string, role: FontRole, size: number, features: readonly string[] = []): number {
      const key = `${role}\u0000${size}\u0000${features.join(',')}\u0000${text}`;
      let w = advances.get(key);
      if (w === undefined) advances.set(key, (w = measure.advance(text, role, size, features)));
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
