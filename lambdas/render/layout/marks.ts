// Punctuation marks that give up the blank half of their cell (PUNCT-1, PUNCT-2, R8 in
// docs/layout.md): which marks may, and which do when two stand side by side.
import type { Unit } from './segment.js';

/** A mark that gave up the blank half of its cell, on that side. */
export type Squeeze = 'before' | 'after' | null;

export function unitWidth(unit: Unit, squeeze: Squeeze): number {
  return unit.width - (squeeze ? unit.size / 2 : 0);
}

/**
 * A full-width mark of one cell whose blank half may be taken — not beside a Latin or digit run
 * (PUNCT-2: a half-cell `，` after `¥40,000.00` reads as part of the number).
 */
export function compressible(units: readonly Unit[], i: number): boolean {
  const u = units[i]!;
  return u.kind === 'punct' && u.blank !== null && u.width === u.size && units[i - 1]?.kind !== 'latin' && units[i + 1]?.kind !== 'latin';
}

/**
 * PUNCT-1: two adjacent marks keep 1.5 cells: unit i may give up a half only if no neighbouring
 * mark has. `squeeze[j - from]` is unit j's squeeze. (Arrays, not a predicate: this runs per unit
 * and per line, where a closure would be made each time, and wrapped again by keepNames.)
 */
export function pairKeeps(units: readonly Unit[], i: number, squeeze: readonly Squeeze[], from = 0): boolean {
  return !((units[i - 1]?.kind === 'punct' && !!squeeze[i - 1 - from]) || (units[i + 1]?.kind === 'punct' && !!squeeze[i + 1 - from]));
}

/** R8: may unit j give up a blank half, with the squeezes chosen so far? */
function freeToSqueeze(units: readonly Unit[], sq: readonly Squeeze[], j: number): boolean {
  return sq[j] === null && pairKeeps(units, j, sq);
}

/** R8: of two adjacent marks, the first gives up a trailing blank, else the second a leading one. */
export function adjacentSqueezes(units: readonly Unit[]): Squeeze[] {
  const sq: Squeeze[] = units.map(() => null);
  for (let i = 0; i + 1 < units.length; i++) {
    const a = units[i]!;
    const b = units[i + 1]!;
    if (!compressible(units, i) || !compressible(units, i + 1)) continue;
    if (a.blank === 'after' && freeToSqueeze(units, sq, i)) sq[i] = 'after';
    else if (b.blank === 'before' && freeToSqueeze(units, sq, i + 1)) sq[i + 1] = 'before';
  }
  return sq;
}
