import { describe, expect, it } from 'vitest';
import { CELL } from '../../../lambdas/render/layout/geometry.js';
import { justify } from '../../../lambdas/render/layout/justify.js';
import { breakLines, type LineBox } from '../../../lambdas/render/layout/linebreak.js';
import type { Squeeze } from '../../../lambdas/render/layout/marks.js';
import { segmentText } from '../../../lambdas/render/layout/segment.js';
import { han, testMeasure } from './fixtures.js';

const units = (text: string) => segmentText(text, 'body', CELL, testMeasure);
const box = (text: string, available: number, last = false, squeeze?: Squeeze[]): LineBox => {
  const u = units(text);
  return { units: u, squeeze: squeeze ?? u.map(() => null), indent: 0, available, first: true, last, pushed: false, ragged: false };
};
const cellsOf = (xs: number[]) => xs.map((x) => Math.round((x / CELL) * 1000) / 1000);

describe('justify', () => {
  it('stretches a pushed-out line so its last unit ends exactly at the line end', () => {
    const [first] = breakLines(units(han(28) + '。'), { width: 28 * CELL, firstIndent: 0, indent: 0 }, { punctuation: 'grid', orphanControl: false });
    const placed = justify(first!);
    const last = placed.at(-1)!;
    expect(placed[0]!.x).toBe(0);
    expect(last.x + last.width).toBeCloseTo(28 * CELL, 6);
    expect(placed[1]!.x - placed[0]!.x).toBeCloseTo(CELL + CELL / 26, 6);
  });

  it('sets a last line solid from its start', () => {
    const placed = justify(box(han(5), 28 * CELL, true));
    expect(cellsOf(placed.map((p) => p.x))).toEqual([0, 1, 2, 3, 4]);
  });

  it('aligns a last line right or centre when asked', () => {
    expect(justify(box(han(2), 10 * CELL, true), 'right')[0]!.x).toBeCloseTo(8 * CELL, 6);
    expect(justify(box(han(2), 10 * CELL, true), 'center')[0]!.x).toBeCloseTo(4 * CELL, 6);
  });

  it('puts no stretching space next to a connector', () => {
    const placed = justify(box('国—国国', 5 * CELL));
    expect(cellsOf(placed.map((p) => p.x))).toEqual([0, 1, 2, 4]);
  });

  it('sets a Latin run at its natural width with no space around it on a last line', () => {
    const placed = justify(box('国¥500,000.00国', 8 * CELL, true));
    expect(placed[1]!.x).toBeCloseTo(CELL, 6);
    expect(placed[1]!.width).toBeCloseTo(5.5 * CELL, 6);
    expect(placed[1]!.inkX).toBeCloseTo(placed[1]!.x, 6);
    expect(placed[2]!.x).toBeCloseTo(6.5 * CELL, 6);
  });

  it('spreads the half cell an odd digit run leaves on a full line over all its gaps', () => {
    const placed = justify(box('共5年国国', 5 * CELL));
    const gap = CELL / 2 / 4;
    expect(cellsOf(placed.map((p) => p.x))).toEqual(cellsOf([0, CELL + gap, 1.5 * CELL + 2 * gap, 2.5 * CELL + 3 * gap, 3.5 * CELL + 4 * gap]));
    expect(placed.at(-1)!.x + placed.at(-1)!.width).toBeCloseTo(5 * CELL, 6);
  });

  it('centres the interpunct and `——` in their cells', () => {
    const placed = justify(box('买·艾——', 5 * CELL, true));
    expect(placed[1]!.inkX - placed[1]!.x).toBeCloseTo(CELL / 3, 6);
    expect(placed[3]!.inkX).toBeCloseTo(placed[3]!.x, 6);
    expect(placed[3]!.width).toBeCloseTo(2 * CELL, 6);
  });

  it('draws a mark that gave up its leading blank half a cell to the left', () => {
    const placed = justify(box('国《国', 3 * CELL, true, [null, 'before', null]));
    expect(placed[1]!.width).toBeCloseTo(CELL / 2, 6);
    expect(placed[1]!.inkX).toBeCloseTo(CELL / 2, 6);
    expect(placed[1]!.spacing).toBeCloseTo(-CELL / 2, 6);
    expect(placed[2]!.x).toBeCloseTo(1.5 * CELL, 6);
  });

  it('draws `？？` with the marks half a cell apart in one cell', () => {
    const [p] = justify(box('？？', CELL, true));
    expect(p!.width).toBeCloseTo(CELL, 6);
    expect(p!.spacing).toBeCloseTo(-CELL / 2, 6);
  });
});
