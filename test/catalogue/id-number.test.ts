import { describe, expect, it } from 'vitest';
import { checkIdNumber, idCheckCharacter, makeIdNumber, maskIdNumber } from '../../lambdas/catalogue/id-number.js';

describe('idCheckCharacter', () => {
  it('computes the spec worked examples and the published example', () => {
    expect(idCheckCharacter('14010519900105000')).toBe('X');
    expect(idCheckCharacter('14010519000101000')).toBe('7');
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(idCheckCharacter('44052418800101001')).toBe('4');
    expect(idCheckCharacter('51310119820113001')).toBe('4');
  });
});

describe('checkIdNumber', () => {
  const today = '2026-11-24';

  it('accepts a number whose check character is right', () => {
    expect(checkIdNumber('14010519900105000X', today)).toEqual({ ok: true, value: '14010519900105000X' });
    expect(checkIdNumber(makeIdNumber('14010619851203000'), today).ok).toBe(true);
  });

  it('rejects an ID number whose check digit is wrong, naming the expected one and masking the number', () => {
    const r = checkIdNumber('140105199001050001', today);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain('140105********0001');
      expect(r.message).toContain('gives X');
      expect(r.message).not.toContain('140105199001050001');
    }
  });

  it('rejects a birth date that does not exist', () => {
    const id = makeIdNumber('14010519900230000');
    const r = checkIdNumber(id, today);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('real birth date');
  });

  it('rejects a birth date in the future', () => {
    const r = checkIdNumber(makeIdNumber('14010520301231000'), today);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('future');
  });

  it('rejects the wrong length and letters other than a final X', () => {
    expect(checkIdNumber('1401051990010500', today).ok).toBe(false);
    expect(checkIdNumber('1401051990010500XX', today).ok).toBe(false);
    expect(checkIdNumber('14010519900105000A', today).ok).toBe(false);
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 characters', () => {
    expect(maskIdNumber('14010519900105000X')).toBe('140105********000X');
  });

  it('masks a short string whole', () => {
    expect(maskIdNumber('12345')).toBe('*****');
  });
});
