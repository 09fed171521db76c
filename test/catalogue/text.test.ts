import { describe, expect, it } from 'vitest';
import { exampleCase, parseCase } from '../../lambdas/catalogue/index.js';
import { nameProblem, normaliseCode, normaliseName, normaliseText, toHalfWidth } from '../../lambdas/catalogue/text.js';

describe('normaliseCode', () => {
  it('reads an ID number: upper-cases a lower-case x and converts full-width digits', () => {
    expect(normaliseCode(' 14010519900105000x ')).toBe('14010519900105000X');
    expect(normaliseCode('１４０１０５１９９００１０５０００Ｘ')).toBe('14010519900105000X');
  });

  it('reads a credit code: upper-cases and converts full-width characters', () => {
    expect(normaliseCode(' 91140100ma00000029 ')).toBe('91140100MA00000029');
    expect(normaliseCode('９１１４０１００ＭＡ００００００２９')).toBe('91140100MA00000029');
  });
});

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
    expect(nameProblem('Zhang San')?.message).toContain('only Chinese characters');
    expect(nameProblem('Zhang San')?.messageZh).toBe('“Zhang San”只能含汉字和间隔号“·”');
    expect(nameProblem('<p>张三')?.message).toContain('only Chinese characters');
    expect(nameProblem('张')?.message).toContain('2–50');
    expect(nameProblem('张')?.messageZh).toContain('2–50 个字');
    expect(nameProblem('·艾力')?.message).toContain('between two parts');
    expect(nameProblem('买买提··艾力')?.message).toContain('between two parts');
  });

  it('accepts 50 characters and rejects 51', () => {
    expect(nameProblem('张'.repeat(50))).toBeNull();
    expect(nameProblem('张'.repeat(51))?.message).toContain('51 character(s)');
  });
});

describe('normaliseText', () => {
  it('sets straight quotes and parentheses typed in Chinese text as Chinese marks', () => {
    expect(normaliseText('"太原重型"机械集团(有限公司)')).toBe('“太原重型”机械集团（有限公司）');
    expect(normaliseText("他说'好'")).toBe('他说‘好’');
    expect(normaliseText('太原(Taiyuan)分公司')).toBe('太原（Taiyuan）分公司');
  });

  it('sets , ; : ? ! beside Chinese as full-width marks, and leaves them between Latin words', () => {
    expect(normaliseText('数控车工,钳工;电工:高级?是!')).toBe('数控车工，钳工；电工：高级？是！');
    expect(normaliseText('太原 , 山西')).toBe('太原，山西');
    expect(normaliseText('山西焦煤 Shanxi Coking Coal Co., Ltd.')).toBe('山西焦煤Shanxi Coking Coal Co., Ltd.');
    expect(normaliseText('比例 1,000:1')).toBe('比例1,000:1');
  });

  it('leaves Latin-only text as typed: a company name, an email, a URL, an apostrophe', () => {
    for (const s of ['Shanxi Jinneng Group Co., Ltd.', 'hr@taiyuan.gov.cn', 'https://rc.taiyuan.gov.cn/a?b=1&c=(2)', '"Best" Partners (Asia) Ltd.']) {
      expect(normaliseText(s)).toBe(s);
    }
    expect(normaliseText("西安 Xi'an Branch")).toBe("西安Xi'an Branch");
  });

  it('removes soft hyphens, zero-width and bidi control characters instead of refusing them', () => {
    expect(normaliseText('机械\u00AD集团\u200B有限\u2060公司\uFEFF')).toBe('机械集团有限公司');
    expect(normaliseText('\u202E太原\u202C\u2066重型\u2069')).toBe('太原重型');
  });

  it('drops spaces of any kind beside Chinese and makes other runs one space', () => {
    expect(normaliseText('太原\u3000重型\u00A0机械')).toBe('太原重型机械');
    expect(normaliseText('Shanxi\u00A0\u00A0Jinneng  Group')).toBe('Shanxi Jinneng Group');
    expect(normaliseText('  太原 ABC  公司 ')).toBe('太原ABC公司');
  });

  it('composes to NFC and makes full-width letters and digits half-width', () => {
    expect(normaliseText('Jose\u0301')).toBe('José');
    expect(normaliseText('ＡＩ与先进材料２０２６')).toBe('AI与先进材料2026');
  });

  it('keeps line breaks for validation to refuse', () => {
    expect(normaliseText('数控\n车工')).toBe('数控\n车工');
  });

  it('is idempotent on awkward input', () => {
    for (const s of ['"ab""太"', '(太原', '太原)', '"太原', '太原"', "'a' 太 'b'", '太!!', '!!太', '"a"(b)太"c"', 'x (y) "z" 太']) {
      const once = normaliseText(s);
      expect(normaliseText(once), s).toBe(once);
      expect(once, s).not.toMatch(/[\p{Script=Han}][,;:?!()"]|[,;:?!()"][\p{Script=Han}]/u);
    }
  });
});

describe('normalisation at the case boundary', () => {
  it('prints the normalised employer while the input keeps what the clerk typed', () => {
    const typed = '"太原重型"机械集团(有限公司)';
    const c = exampleCase('expert-package');
    if (c.recipient.kind === 'person') c.recipient.employer = typed;
    const parsed = parseCase(c);
    expect(parsed.recipient.kind === 'person' && parsed.recipient.employer).toBe('“太原重型”机械集团（有限公司）');
    expect(c.recipient.kind === 'person' && c.recipient.employer).toBe(typed);
  });

  it('counts a field’s length after normalisation', () => {
    const c = exampleCase('skill-grand-award');
    c.details.occupation = `${'车'.repeat(40)}\u200B\u200B`;
    expect(() => parseCase(c)).not.toThrow();
  });

  it('removes invisible characters and padding spaces from a name, but never NFC-normalises it', () => {
    expect(normaliseName('张\u00A0\u00A0三')).toBe('张三');
    expect(normaliseName('欧阳\u00AD振华\u200B')).toBe('欧阳振华');
    expect(normaliseName('\uF900明')).toBe('\uF900明');
  });
});
