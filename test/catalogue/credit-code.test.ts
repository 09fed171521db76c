import { describe, expect, it } from 'vitest';
import { checkCreditCode, creditCodeCheckCharacter, makeCreditCode } from '../../lambdas/catalogue/credit-code.js';

describe('creditCodeCheckCharacter', () => {
  it('follows GB 32100: 31 − (Σ mod 31), with 31 written as 0', () => {
    // Σ for 91350100M000100Y4 worked by hand: a widely published sample code ends in 3.
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(makeCreditCode('12140100MB0000001')).toBe('12140100MB0000001D');
  });

  it('maps a remainder of 0 to the check character 0', () => {
    // '00000000000000000' sums to 0 → 31 − 0 = 31 → 0.
    expect(creditCodeCheckCharacter('00000000000000000')).toBe('0');
  });
});

describe('checkCreditCode', () => {
  it('accepts a code whose check character is right', () => {
    expect(checkCreditCode('91140100MA00000029')).toEqual({ ok: true, value: '91140100MA00000029' });
  });

  it('rejects a wrong check character and says which one GB 32100 gives', () => {
    const r = checkCreditCode('91140100MA00000028');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('gives 9');
  });

  it('rejects letters outside the 31-character set (I, O, S, V, Z)', () => {
    const r = checkCreditCode('91140100MA0000000I');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('“I” is not allowed');
  });

  it('rejects the wrong length and a non-numeric division code', () => {
    expect(checkCreditCode('91140100MA000000').ok).toBe(false);
    expect(checkCreditCode(makeCreditCode('91AB0100MA0000002')).ok).toBe(false);
  });
});
