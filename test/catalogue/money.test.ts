import { describe, expect, it } from 'vitest';
import { formatYuan, uppercaseYuan, yuanToFen } from '../../lambdas/catalogue/money.js';

/** Yuan as written in the spec → fen, via the same conversion cases use. */
function fen(yuan: number): number {
  const f = yuanToFen(yuan);
  if (f === null) throw new Error(`bad test amount ${yuan}`);
  return f;
}

describe('uppercaseYuan', () => {
  // official-document-layout.md §5.2: the worked examples, then the extra list.
  const cases: [number, string][] = [
    [20_000, '人民币贰万元整'],
    [100_000, '人民币壹拾万元整'],
    [12_000_000, '人民币壹仟贰佰万元整'],
    [1_000_010, '人民币壹佰万零壹拾元整'],
    [107_000.53, '人民币壹拾万柒仟元零伍角叁分'],
    [16_409.02, '人民币壹万陆仟肆佰零玖元零贰分'],
    [1_409.5, '人民币壹仟肆佰零玖元伍角'],
    [6_007.14, '人民币陆仟零柒元壹角肆分'],
    [1_680.32, '人民币壹仟陆佰捌拾元零叁角贰分'],
    [2_400_000, '人民币贰佰肆拾万元整'],
    [500_000, '人民币伍拾万元整'],
    [10_000_500, '人民币壹仟万零伍佰元整'],
    [100_000_001, '人民币壹亿零壹元整'],
    [110_000, '人民币壹拾壹万元整'],
    [10, '人民币壹拾元整'],
  ];
  for (const [yuan, words] of cases) {
    it(`writes ${yuan} yuan as ${words}`, () => {
      expect(uppercaseYuan(fen(yuan))).toBe(words);
    });
  }

  it('writes 零 once for a whole zero section between non-zero sections', () => {
    expect(uppercaseYuan(fen(100_001_000))).toBe('人民币壹亿零壹仟元整');
  });

  it('starts directly with 角 or 分 when there are no yuan', () => {
    expect(uppercaseYuan(50)).toBe('人民币伍角');
    expect(uppercaseYuan(5)).toBe('人民币伍分');
  });

  it('writes zero as 人民币零元整', () => {
    expect(uppercaseYuan(0)).toBe('人民币零元整');
  });

  it('puts no 整 after 角 but 零 before 分 when 角 is zero', () => {
    expect(uppercaseYuan(fen(325.04))).toBe('人民币叁佰贰拾伍元零肆分');
    expect(uppercaseYuan(fen(12.3))).toBe('人民币壹拾贰元叁角');
  });

  it('rejects amounts that are not whole fen', () => {
    expect(() => uppercaseYuan(1.5)).toThrow(RangeError);
    expect(() => uppercaseYuan(-100)).toThrow(RangeError);
  });
});

describe('formatYuan', () => {
  it('prints ¥, thousands separators and two decimals', () => {
    expect(formatYuan(fen(500_000))).toBe('¥500,000.00');
    expect(formatYuan(fen(17_400_000))).toBe('¥17,400,000.00');
    expect(formatYuan(fen(1_409.5))).toBe('¥1,409.50');
    expect(formatYuan(fen(999))).toBe('¥999.00');
    expect(formatYuan(7)).toBe('¥0.07');
  });
});

describe('yuanToFen', () => {
  it('converts amounts with up to two decimals exactly', () => {
    expect(yuanToFen(1.15)).toBe(115);
    expect(yuanToFen(0.29)).toBe(29);
    expect(yuanToFen(12_000_000)).toBe(1_200_000_000);
  });

  it('refuses a third decimal, float noise, negatives and non-numbers', () => {
    expect(yuanToFen(1.234)).toBeNull();
    expect(yuanToFen(0.1 + 0.2)).toBeNull();
    expect(yuanToFen(-1)).toBeNull();
    expect(yuanToFen(Number.NaN)).toBeNull();
    expect(yuanToFen(Number.POSITIVE_INFINITY)).toBeNull();
  });
});
