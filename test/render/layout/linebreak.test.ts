import { describe, expect, it } from 'vitest';
import { CELL } from '../../../lambdas/render/layout/geometry.js';
import { breakLines, type BreakOptions, type LineBox } from '../../../lambdas/render/layout/linebreak.js';
import { segmentText } from '../../../lambdas/render/layout/segment.js';
import { han, testMeasure } from './fixtures.js';

const grid: BreakOptions = { punctuation: 'grid', orphanControl: true };
const flush = { width: 28 * CELL, firstIndent: 0, indent: 0 };
const indented = { width: 28 * CELL, firstIndent: 2 * CELL, indent: 0 };
const lines = (text: string, options: BreakOptions = grid, frame = flush) => breakLines(segmentText(text, 'body', CELL, testMeasure), frame, options);
const texts = (ls: LineBox[]) => ls.map((l) => l.units.map((u) => u.text).join(''));
const used = (l: LineBox) => l.units.reduce((w, u, i) => w + u.width - (l.squeeze[i] ? u.size / 2 : 0), 0);

describe('breakLines', () => {
  it('puts 26 ideographs on a first line after the indent and 28 on every other line', () => {
    const ls = lines(han(26 + 28 + 10), grid, indented);
    expect(ls.map((l) => l.units.length)).toEqual([26, 28, 10]);
    expect(ls.map((l) => l.pushed)).toEqual([false, false, false]);
    expect(ls.map((l) => [l.first, l.last])).toEqual([
      [true, false],
      [false, false],
      [false, true],
    ]);
  });

  it('pushes a full stop in by taking the blank halves of it and of the nearest comma', () => {
    const text = han(20) + '，' + han(7) + '。' + han(10);
    const [first] = lines(text);
    expect(texts([first!])[0]).toBe(han(20) + '，' + han(7) + '。');
    expect(first!.pushed).toBe(true);
    expect(first!.squeeze[20]).toBe('after');
    expect(first!.squeeze[28]).toBe('after');
    expect(used(first!)).toBeCloseTo(28 * CELL, 6);
  });

  it('pulls in a stop with its closing quote together (`。”`)', () => {
    const text = han(10) + '，' + han(5) + '、' + han(11) + '。”' + han(5);
    const [first, second] = texts(lines(text));
    expect(first!.endsWith('。”')).toBe(true);
    expect(second).toBe(han(5));
  });

  it('pushes the last ideograph out when no mark on the line can give up a blank half', () => {
    const ls = lines(han(28) + '。' + han(5));
    expect(texts(ls)).toEqual([han(27), han(1, 27) + '。' + han(5)]);
    expect(ls[0]!.pushed).toBe(true);
  });

  it('never ends a line with an opening mark', () => {
    const ls = lines(han(27) + '“' + han(5) + '”');
    expect(texts(ls)[0]).toBe(han(27));
    expect(texts(ls)[1]!.startsWith('“')).toBe(true);
  });

  it('moves a Latin run that does not fit to the next line whole', () => {
    const ls = lines(han(27) + '2026年' + han(3));
    expect(texts(ls)).toEqual([han(27), '2026年' + han(3)]);
  });

  it('never splits `——`, and never starts a line with it', () => {
    const ls = lines(han(27) + '——' + han(3));
    expect(texts(ls)).toEqual([han(26), han(1, 26) + '——' + han(3)]);
  });

  it('keeps a lone ideograph off the last line by pushing one more out of the line before', () => {
    const text = han(29) + '。';
    expect(texts(lines(text))).toEqual([han(27), han(2, 27) + '。']);
    expect(lines(text)[0]!.pushed).toBe(true);
    expect(texts(lines(text, { ...grid, orphanControl: false }))).toEqual([han(28), han(1, 28) + '。']);
  });

  it('sets a line-end mark at half width in GB/T 15834 mode', () => {
    const [first] = lines(han(27) + '。' + han(5), { ...grid, punctuation: 'gb15834' });
    expect(texts([first!])[0]).toBe(han(27) + '。');
    expect(first!.squeeze.at(-1)).toBe('after');
  });

  it('compresses the first of two adjacent marks in GB/T 15834 mode only', () => {
    const text = han(3) + '。”' + han(3);
    expect(lines(text, { ...grid, punctuation: 'gb15834' })[0]!.squeeze.slice(3, 5)).toEqual(['after', null]);
    expect(lines(text)[0]!.squeeze.slice(3, 5)).toEqual([null, null]);
  });

  it('returns no lines for no text', () => {
    expect(lines('')).toEqual([]);
  });
});
