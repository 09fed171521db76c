import { describe, expect, it } from 'vitest';
import { CLOSING, NO_END, NO_START, OPENING, PAUSE_STOP, blankSide, isLatinRunChar } from '../../../lambdas/render/layout/kinsoku.js';

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
});
