import { describe, expect, it } from 'vitest';
import { CELL } from '../../../lambdas/render/layout/geometry.js';
import { segmentText } from '../../../lambdas/render/layout/segment.js';
import { testMeasure } from './fixtures.js';

const units = (text: string, maxWidth?: number) => segmentText(text, 'body', CELL, testMeasure, 'grid', maxWidth);
const cells = (text: string) => units(text).map((u) => [u.text, u.kind, Math.round((u.width / CELL) * 100) / 100]);

describe('segment', () => {
  it('iterates by code point, so an astral ideograph is one one-cell unit', () => {
    expect('𬱖'.length).toBe(2);
    expect(cells('张𬱖')).toEqual([
      ['张', 'han', 1],
      ['𬱖', 'han', 1],
    ]);
  });

  it('keeps a year, an amount and a masked ID number each in one Latin run of whole cells', () => {
    expect(cells('2026年')).toEqual([
      ['2026', 'latin', 2],
      ['年', 'han', 1],
    ]);
    expect(cells('¥500,000.00')).toEqual([['¥500,000.00', 'latin', 6]]);
    expect(cells('140105********000X')).toEqual([['140105********000X', 'latin', 9]]);
  });

  it('sets Latin runs with half-width forms and remembers their natural width', () => {
    const [u] = units('¥500,000.00');
    expect(u!.features).toEqual(['hwid']);
    expect(u!.natural).toBeCloseTo(5.5 * CELL, 6);
  });

  it('makes `——` and `……` one unbreakable unit of two cells', () => {
    expect(cells('好——好……')).toEqual([
      ['好', 'han', 1],
      ['——', 'pair', 2],
      ['好', 'han', 1],
      ['……', 'pair', 2],
    ]);
    expect(units('——')[0]!.noStart).toBe(true);
  });

  it('gives doubled question and exclamation marks one cell and three marks two', () => {
    expect(cells('？？')).toEqual([['？？', 'punct', 1]]);
    expect(cells('？！')).toEqual([['？！', 'punct', 1]]);
    expect(cells('？！！')).toEqual([['？！！', 'punct', 2]]);
  });

  it('sets the interpunct of a name on a full cell', () => {
    expect(cells('买买提·艾力')[3]).toEqual(['·', 'punct', 1]);
  });

  it('marks what may not start or end a line and which half of a mark is blank', () => {
    const [open, , close, stop] = units('“好”。');
    expect(open).toMatchObject({ noEnd: true, noStart: false, blank: 'before' });
    expect(close).toMatchObject({ noStart: true, blank: 'after' });
    expect(stop).toMatchObject({ noStart: true, blank: 'after' });
  });

  it('splits only a Latin run wider than any line, into pieces that fit', () => {
    const url = 'https://example.org/' + 'a'.repeat(80);
    const pieces = units(url, 28 * CELL);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.map((u) => u.text).join('')).toBe(url);
    for (const p of pieces) expect(p.width).toBeLessThanOrEqual(28 * CELL + 1e-6);
  });
});
