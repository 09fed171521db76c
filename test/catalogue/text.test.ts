import { describe, expect, it } from 'vitest';
import { nameProblem, normaliseName, toHalfWidth } from '../../lambdas/catalogue/text.js';

describe('toHalfWidth', () => {
  it('converts full-width digits and letters but keeps Chinese punctuation', () => {
    expect(toHalfWidth('２０２６年ＭＣＵ芯片（一）')).toBe('2026年MCU芯片（一）');
  });
});

describe('person names', () => {
  it('accepts names with Extension A and E characters, counted by code point', () => {
    expect(nameProblem('王䶮')).toBeNull();
    expect(nameProblem('童𬱖')).toBeNull();
    expect(nameProblem('李子𮧵')).toBeNull();
  });

  it('accepts the U+00B7 separator between parts and normalises look-alikes to it', () => {
    expect(nameProblem('买买提·艾力')).toBeNull();
    expect(normaliseName('买买提・艾力')).toBe('买买提·艾力');
  });

  it('does not Unicode-normalise a compatibility ideograph', () => {
    // U+F900 would become U+8C48 under NFC: the registered form must survive.
    expect(normaliseName('\uF900明')).toBe('\uF900明');
    expect(nameProblem('\uF900明')).toBeNull();
  });

  it('rejects Latin letters, markup, a single character and a misplaced separator', () => {
    expect(nameProblem('Zhang San')).toContain('only Chinese characters');
    expect(nameProblem('<p>张三')).toContain('only Chinese characters');
    expect(nameProblem('张')).toContain('2–50');
    expect(nameProblem('·艾力')).toContain('between two parts');
    expect(nameProblem('买买提··艾力')).toContain('between two parts');
  });

  it('accepts 50 characters and rejects 51', () => {
    expect(nameProblem('张'.repeat(50))).toBeNull();
    expect(nameProblem('张'.repeat(51))).toContain('51 character(s)');
  });
});
