import { describe, expect, it } from 'vitest';
import {
  CLOSING,
  KEEP_TOGETHER,
  NO_END,
  NO_START,
  OPENING,
  PAUSE_STOP,
  blankSide,
  isLatinRunChar,
  keepTogetherSpans,
} from '../../../lambdas/render/layout/kinsoku.js';

describe('kinsoku tables', () => {
  it('lists the line-start and line-end sets exactly as the layout spec writes them', () => {
    expect(NO_START).toBe('，。、；：？！．‼⁇”’）〕】》〉」』〗］｝·・‧-–～—…⋯⸺/／),.;:?!%');
    expect(NO_END).toBe('“‘（〔【《〈「『〖［｛/／¥￥$([{');
  });

  it('forbids every pause mark and closing mark at a line start and every opening mark at a line end', () => {
    for (const ch of PAUSE_STOP + CLOSING) expect(NO_START).toContain(ch);
    for (const ch of OPENING) expect(NO_END).toContain(ch);
  });

  it('puts the blank half of pause and closing marks after the ink and of opening marks before it', () => {
    expect(blankSide('，')).toBe('after');
    expect(blankSide('”')).toBe('after');
    expect(blankSide('《')).toBe('before');
    expect(blankSide('·')).toBeNull();
  });

  it('counts half-width ASCII, the yen sign and per-mille as Latin run characters but not the interpunct', () => {
    expect([...'A9.,%/*¥‰'].every(isLatinRunChar)).toBe(true);
    expect(isLatinRunChar('·')).toBe(false);
    expect(isLatinRunChar('２')).toBe(false);
  });

  it('finds keep-together groups as data: a document number always, with its issuer prefix preferably', () => {
    const found = keepTogetherSpans('（并发〔2018〕2号）第十九条，共12个月', KEEP_TOGETHER).map(
      (k) => `${k.strength}:${'（并发〔2018〕2号）第十九条，共12个月'.slice(k.start, k.end)}`,
    );
    expect(found).toEqual(['always:〔2018〕2号', 'always:并发', 'prefer:并发〔2018〕2号', 'always:第十九条', 'always:2号', 'always:12个月']);
  });
});
