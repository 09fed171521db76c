import { describe, expect, it } from 'vitest';
import { CELL } from '../../../lambdas/render/layout/geometry.js';
import { justify } from '../../../lambdas/render/layout/justify.js';
import type { LineBox } from '../../../lambdas/render/layout/linebreak.js';
import { textItems } from '../../../lambdas/render/layout/runs.js';
import { segmentText } from '../../../lambdas/render/layout/segment.js';
import { han, testMeasure } from './fixtures.js';

const items = (text: string, available: number, last: boolean) => {
  const units = segmentText(text, 'body', CELL, testMeasure);
  const line: LineBox = { units, squeeze: units.map(() => null), indent: 0, available, first: true, last, pushed: false, ragged: false };
  return textItems(justify(line), 100, 200, 'black', testMeasure);
};

describe('textItems', () => {
  it('draws a solid line of ideographs and full-width marks as one text show', () => {
    const out = items(han(10) + '，' + han(5), 28 * CELL, true);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ text: han(10) + '，' + han(5), x: 100, characterSpacing: 0, features: [] });
    expect(out[0]!.baseline).toBeCloseTo(200 + 0.88 * CELL, 6);
  });

  it('draws a stretched line as one show spaced by the added space, its last glyph alone so nothing passes the line end', () => {
    const out = items(han(27), 28 * CELL, false);
    expect(out.map((i) => Array.from(i.text).length)).toEqual([26, 1]);
    expect(out[0]!.characterSpacing).toBeCloseTo(CELL / 26, 6);
    expect(out[1]!.characterSpacing).toBe(0);
    expect(out[1]!.x + CELL).toBeCloseTo(100 + 28 * CELL, 6);
  });

  it('draws a Latin run as its own show with half-width forms', () => {
    const out = items('发放2026年', 28 * CELL, true);
    expect(out.map((i) => i.text)).toEqual(['发放', '2026', '年']);
    expect(out[1]).toMatchObject({ features: ['hwid'], characterSpacing: 0 });
    expect(out[1]!.x).toBeCloseTo(100 + 2 * CELL, 6);
  });

  it('draws a centred interpunct on its own and keeps the name around it on the grid', () => {
    const out = items('买买提·艾力', 28 * CELL, true);
    expect(out.map((i) => i.text)).toEqual(['买买提', '·', '艾力']);
    expect(out[1]!.x).toBeCloseTo(100 + 3 * CELL + CELL / 3, 6);
    expect(out[2]!.x).toBeCloseTo(100 + 4 * CELL, 6);
  });
});
