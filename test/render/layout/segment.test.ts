import { describe, expect, it } from 'vitest';
import { CELL } from '../../../lambdas/render/layout/geometry.js';
import { SHORT_BRACKET_GROUP } from '../../../lambdas/render/layout/kinsoku.js';
import { segmentText } from '../../../lambdas/render/layout/segment.js';
import { testMeasure } from './fixtures.js';

const units = (text: string, maxWidth?: number) => segmentText(text, 'body', CELL, testMeasure, maxWidth);
const cells = (text: string) => units(text).map((u) => [u.text, u.kind, Math.round((u.width / CELL) * 100) / 100]);

describe('segment', () => {
  it('iterates by code point, so an astral ideograph is one one-cell unit', () => {
    expect('𬱖'.length).toBe(2);
    expect(cells('张𬱖')).toEqual([
      ['张', 'han', 1],
      ['𬱖', 'han', 1],
    ]);
  });

  it('keeps a year, an amount and a masked ID number each in one Latin run at its natural width, half a cell a character', () => {
    expect(cells('2026年')).toEqual([
      ['2026', 'latin', 2],
      ['年', 'han', 1],
    ]);
    expect(cells('¥500,000.00')).toEqual([['¥500,000.00', 'latin', 5.5]]);
    expect(cells('140105********000X')).toEqual([['140105********000X', 'latin', 9]]);
  });

  it('gives a single digit half a cell, so `5年` and `〔2018〕2号` sit tight', () => {
    expect(cells('5年')).toEqual([
      ['5', 'latin', 0.5],
      ['年', 'han', 1],
    ]);
    expect(cells('〔2018〕2号').map(([, , w]) => w)).toEqual([1, 2, 1, 0.5, 1]);
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

  describe('keep-together groups', () => {
    /** The text with `|` where a line may break between units (`:` where only to spare a stretched line). */
    const breaks = (text: string, keep?: Parameters<typeof segmentText>[5]) =>
      segmentText(text, 'body', CELL, testMeasure, Infinity, keep)
        .map((u) => u.text + (u.glue === 'always' ? '' : u.glue === 'prefer' ? ':' : '|'))
        .join('');

    it('glues a document number, and its issuer prefix after an opening bracket, into one group', () => {
      expect(breaks('见》（并发〔2018〕2号）第')).toBe('见|》|（|并发:〔2018〕2号|）|第|');
      expect(breaks('（太重字〔2026〕12号）')).toBe('（|太重字:〔2026〕12号|）|');
    });

    it('keeps the last two ideographs before a bare document number as its prefix', () => {
      expect(breaks('根据并发〔2018〕2号')).toBe('根|据|并发:〔2018〕2号|');
    });

    it('glues clause, session and batch references', () => {
      expect(breaks('第十九条规定')).toBe('第十九条|规|定|');
      expect(breaks('第十六届')).toBe('第十六届|');
      expect(breaks('第1批')).toBe('第1批|');
      expect(breaks('第三十三研究所')).toBe('第|三|十|三|研|究|所|');
    });

    it('glues a short number to the unit after it, but not an amount with separators', () => {
      expect(breaks('共12个月')).toBe('共|12个月|');
      expect(breaks('5年服务')).toBe('5年|服|务|');
      expect(breaks('2026年1月1日')).toBe('2026年|1月|1日|');
      expect(breaks('每月3,000元')).toBe('每|月|3,000|元|');
      expect(breaks('12345年')).toBe('12345|年|');
    });

    it('glues a short bracketed group only when asked (table cells)', () => {
      expect(breaks('补助（一次性）')).toBe('补|助|（|一|次|性|）|');
      expect(breaks('补助（一次性）', [SHORT_BRACKET_GROUP])).toBe('补|助|（一次性）|');
      expect(breaks('（一二三四五六七）', [SHORT_BRACKET_GROUP])).toBe('（|一|二|三|四|五|六|七|）|');
    });
  });
});
