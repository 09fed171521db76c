import { describe, expect, it } from 'vitest';
import { CELL } from '../../../lambdas/render/layout/geometry.js';
import { breakLines, type BreakOptions, type LineBox } from '../../../lambdas/render/layout/linebreak.js';
import { segmentText } from '../../../lambdas/render/layout/segment.js';
import { generatedParagraph, han, testMeasure } from './fixtures.js';

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

  it('pulls in a stop with its closing quote together (`。”`), the pair keeping 1.5 cells (PUNCT-1)', () => {
    const text = han(10) + '，' + han(5) + '、' + han(10) + '。”' + han(5);
    const [first, second] = lines(text);
    expect(texts([first!, second!])).toEqual([han(10) + '，' + han(5) + '、' + han(10) + '。”', han(5)]);
    expect(first!.squeeze.slice(-2)).toEqual([null, 'after']);
    expect(used(first!)).toBeCloseTo(28 * CELL, 6);
  });

  it('pushes out rather than squeeze both marks of `。”` into one cell (PUNCT-1)', () => {
    const ls = lines(han(10) + '，' + han(5) + '、' + han(11) + '。”' + han(5));
    expect(ls[0]!.units.at(-1)!.text).not.toBe('”');
    for (const l of ls) {
      l.units.forEach((u, i) => {
        if (i > 0 && u.kind === 'punct' && l.units[i - 1]!.kind === 'punct') expect(l.squeeze[i] && l.squeeze[i - 1]).toBeFalsy();
      });
    }
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

  describe('keep-together groups', () => {
    it('never squeezes `》（` into one cell to push a document number in: the issuer prefix gives way instead (PUNCT-1)', () => {
      // 20 cells, then `（并发〔2018〕2号）` (9.5 cells) on a 28-cell line: 1.5 cells short, and
      // only one of `》（` may give up its half.
      const [first, second] = lines(han(19) + '》（并发〔2018〕2号）' + han(10));
      expect(texts([first!])[0]).toBe(han(19) + '》（并发');
      expect(first!.squeeze.filter(Boolean)).toHaveLength(0);
      expect(texts([second!])[0]!.startsWith('〔2018〕2号）')).toBe(true);
    });

    it('pushes a document number in with the blank halves of marks that are not neighbours', () => {
      const [first] = lines(han(18) + '》好（并发〔2018〕2号）' + han(10));
      expect(texts([first!])[0]).toBe(han(18) + '》好（并发〔2018〕2号）');
      expect(first!.squeeze.filter(Boolean)).toHaveLength(3);
      expect(used(first!)).toBeCloseTo(28 * CELL, 6);
    });

    it('moves a clause reference whole to the next line rather than split `第十` / `九条`', () => {
      const ls = lines(han(26) + '第十九条规定' + han(5));
      expect(texts(ls)).toEqual([han(26), '第十九条规定' + han(5)]);
      expect(ls[0]!.pushed).toBe(true);
    });

    it('keeps a number with its unit: `5年` and `12个月` never end a line between digit and unit', () => {
      expect(texts(lines(han(27) + '5年' + han(3)))).toEqual([han(27), '5年' + han(3)]);
      expect(texts(lines(han(26) + '12个月' + han(3)))).toEqual([han(26), '12个月' + han(3)]);
    });

    it('keeps an issuer prefix with its number when that stretches the line by at most two cells', () => {
      // 26 cells, then `（并发〔2018〕2号）`: pushing it out leaves 2 cells (within the limit).
      const ls = lines(han(26) + '（并发〔2018〕2号）' + han(10));
      expect(texts(ls)[0]).toBe(han(26));
      expect(texts(ls)[1]!.startsWith('（并发〔2018〕2号）')).toBe(true);
    });

    it('lets an issuer prefix part from its number rather than stretch a line by more than two cells, never splitting the number', () => {
      // 22 cells, then `（清能发〔2026〕3号）`: keeping it whole would leave 6 cells.
      const ls = lines(han(22) + '（清能发〔2026〕3号）' + han(10));
      expect(texts(ls)[0]).toBe(han(22) + '（清能发');
      expect(texts(ls)[1]!.startsWith('〔2026〕3号）')).toBe(true);
    });

    it('breaks a group wider than the line where the line is full rather than nowhere', () => {
      const narrow = { width: 3 * CELL, firstIndent: 0, indent: 0 };
      const ls = lines('第一百二十三条', grid, narrow);
      expect(texts(ls).join('')).toBe('第一百二十三条');
      for (const l of ls) expect(used(l)).toBeLessThanOrEqual(3 * CELL + 1e-6);
    });
  });

  describe('readable punctuation (PUNCT-1, PUNCT-2)', () => {
    /** Every squeeze that leaves a pair under 1.5 cells or a mark beside a Latin run under a full cell. */
    const unreadable = (ls: LineBox[]) =>
      ls.flatMap((l) =>
        l.units.flatMap((u, i) => {
          if (!l.squeeze[i]) return [];
          const out: string[] = [];
          if (l.units[i - 1]?.kind === 'latin' || l.units[i + 1]?.kind === 'latin') out.push(`PUNCT-2 “${u.text}” beside a number in ${texts([l])[0]}`);
          if (l.squeeze[i + 1] && l.units[i + 1]!.kind === 'punct') out.push(`PUNCT-1 “${u.text}${l.units[i + 1]!.text}” in one cell in ${texts([l])[0]}`);
          return out;
        }),
      );
    const cell = (cells: number) => ({ width: cells * CELL, firstIndent: 0, indent: 0 });
    const ragged: BreakOptions = { punctuation: 'grid', orphanControl: false, ragged: true };

    it('keeps the comma after an amount a full cell in a table cell, so `¥500,000.00，2年` never reads as one number', () => {
      for (let width = 6; width <= 14; width++) {
        const ls = lines('津贴（每年¥500,000.00，2年）', ragged, cell(width));
        expect(texts(ls).join('')).toBe('津贴（每年¥500,000.00，2年）');
        expect(unreadable(ls)).toEqual([]);
      }
    });

    it('never sets `》（` in one cell, in a cell or in the body', () => {
      for (let width = 6; width <= 14; width++) {
        expect(unreadable(lines('根据《实施意见》（并发〔2018〕2号）（一次性）规定', ragged, cell(width)))).toEqual([]);
      }
    });

    it.each([1, 2, 3, 4, 5, 6, 7, 8])('keeps every mark readable in generated paragraph %i, in both punctuation modes', (seed) => {
      const text = generatedParagraph(seed);
      for (const punctuation of ['grid', 'gb15834'] as const) {
        const ls = lines(text, { punctuation, orphanControl: true }, indented);
        expect(texts(ls).join('')).toBe(text);
        expect(unreadable(ls)).toEqual([]);
      }
    });
  });
});
