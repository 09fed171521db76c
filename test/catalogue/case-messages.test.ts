// What a clerk reads when a case cannot be issued: Chinese, one problem per field, each field by
// its Chinese label (field-labels.ts), ID numbers masked; the technical wording stays in `detail`.
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CASES, exampleCase, safeParseCase } from '../../lambdas/catalogue/index.js';
import type { DocTypeId } from '../../lambdas/catalogue/index.js';
import { fieldLabel } from '../../lambdas/catalogue/field-labels.js';

// biome-ignore lint/suspicious/noExplicitAny: the test breaks the case on purpose
function messageOf(docType: DocTypeId, change: (c: Record<string, any>) => void): string {
  // biome-ignore lint/suspicious/noExplicitAny: as above
  const input = structuredClone(exampleCase(docType)) as Record<string, any>;
  change(input);
  const parsed = safeParseCase(input);
  if (parsed.success) throw new Error('the case was valid');
  return parsed.error.message;
}

describe('a case’s validation message', () => {
  it('says a missing field is empty, by its Chinese name', () => {
    expect(messageOf('skill-grand-award', (c) => delete c.recipient.name)).toBe('案件 TY-2026-000102 的数据有误：获奖人姓名（名称）：不能为空');
    expect(messageOf('skill-grand-award', (c) => (c.details.occupation = ''))).toBe('案件 TY-2026-000102 的数据有误：职业（工种）：不能为空');
  });

  it('says an amount above the policy’s cap exceeds it, with the clause and the range', () => {
    expect(
      messageOf('talent-scout-award', (c) => {
        c.amounts.award = 120000;
        c.amounts.total = 120000;
      }),
    ).toBe('案件 TY-2026-000101 的数据有误：奖励金额：120000 元超过第十条规定的引才伯乐奖标准（50000–100000 元）');
  });

  it('says an ID number’s check character is wrong, showing the number masked', () => {
    const message = messageOf('skill-grand-award', (c) => (c.recipient.idNumber = '110105199001011230'));
    expect(message).toBe('案件 TY-2026-000102 的数据有误：公民身份号码：110105********1230 的校验码不正确，请对照身份证重新核对号码');
  });

  it('says a credit code’s check character is wrong', () => {
    const message = messageOf('platform-subsidy', (c) => (c.recipient.creditCode = '91140100MA0K12345X'));
    expect(message).toMatch(/^案件 TY-2026-\d+ 的数据有误：统一社会信用代码：91140100MA0K12345X 的校验码不正确/);
  });

  it('says a date that does not exist is not a date, and one before the policy is too early', () => {
    expect(messageOf('skill-grand-award', (c) => (c.approvedOn = '2026-02-30'))).toBe(
      '案件 TY-2026-000102 的数据有误：成文日期：“2026-02-30”不是有效的日期，应写作 YYYY-MM-DD（如 2026-11-24）',
    );
    expect(messageOf('skill-grand-award', (c) => (c.approvedOn = '2017-12-31'))).toContain('成文日期：2017-12-31 早于并发〔2018〕2号发布的 2018 年');
  });

  it('says a negative amount is not an amount, and a missing document type is empty, without English', () => {
    const negative = messageOf('skill-grand-award', (c) => {
      c.amounts.award = -500000;
      c.amounts.total = -500000;
    });
    expect(negative).toContain('奖励金额：-500000 不是金额：金额不能为负数');
    expect(negative).not.toMatch(/[a-z]{4,}|NaN/);
    expect(messageOf('skill-grand-award', (c) => delete c.docType)).toBe('案件 TY-2026-000102 的数据有误：文书类型：不能为空');
  });

  it('lists every problem of a case at once: a wrong ID number does not hide a wrong amount', () => {
    expect(
      messageOf('skill-grand-award', (c) => {
        c.recipient.idNumber = '110105199001011230';
        c.amounts.award = 400000;
      }),
    ).toBe(
      '案件 TY-2026-000102 的数据有误：公民身份号码：110105********1230 的校验码不正确，请对照身份证重新核对号码；' +
        '奖励金额：400000 元与第十九条规定的中华技能大奖 500000 元不符；合计金额：500000 元不等于各项金额之和 400000 元',
    );
  });

  it('lists a short name, a truncated ID number and a wrong amount together', () => {
    const message = messageOf('skill-grand-award', (c) => {
      c.recipient.name = '张';
      c.recipient.idNumber = '11010519900101';
      c.amounts.award = 400000;
      c.amounts.total = 400000;
    });
    expect(message).toBe(
      '案件 TY-2026-000102 的数据有误：获奖人姓名（名称）：“张”有 1 个字；姓名应为 2–50 个字；' +
        '公民身份号码：110105********0101 不是公民身份号码：应为 17 位数字加 1 位校验码（0–9 或 X），填写的是 14 位；' +
        '奖励金额：400000 元与第十九条规定的中华技能大奖 500000 元不符',
    );
  });

  it('lists a wrong credit code together with dates before the policy', () => {
    const message = messageOf('platform-subsidy', (c) => {
      c.recipient.creditCode = '91140100MA0K12345X';
      c.approvedOn = '2017-05-01';
    });
    expect(message).toContain('成文日期：2017-05-01 早于并发〔2018〕2号发布的 2018 年');
    expect(message).toContain('统一社会信用代码：91140100MA0K12345X 的校验码不正确');
  });

  it('says an amount typed as text should lose its quotes, and names a misspelt field', () => {
    expect(
      messageOf('skill-grand-award', (c) => {
        c.amounts.total = '500000';
        c.details.ocupation = c.details.occupation;
        delete c.details.occupation;
      }),
    ).toBe(
      '案件 TY-2026-000102 的数据有误：职业（工种）：不能为空；详细信息：有无法识别的字段 “ocupation”，请检查拼写；合计金额：应为数字（不加引号），填写的是文字“500000”',
    );
  });

  it('gives the limits of a list and of a text that are too long', () => {
    expect(
      messageOf('skill-grand-award', (c) => {
        c.copyTo = Array.from({ length: 21 }, (_, i) => `太原市第${i + 1}局`);
        c.details.occupation = '焊'.repeat(41);
      }),
    ).toBe('案件 TY-2026-000102 的数据有误：抄送机关：最多可填 20 项；职业（工种）：有 41 个字，最多 40 个字');
    expect(messageOf('skill-grand-award', (c) => (c.copyTo = []))).toBe('案件 TY-2026-000102 的数据有误：抄送机关：至少应填 1 项');
  });

  it('names the allowed titles, the first year and the date format', () => {
    expect(
      messageOf('city-talent-title', (c) => {
        c.approvedOn = '2026/11/24';
        c.details.title = '龙城英才';
        c.details.selectionYear = 2017;
      }),
    ).toBe(
      '案件 TY-2026-000104 的数据有误：成文日期：“2026/11/24”不是有效的日期，应写作 YYYY-MM-DD（如 2026-11-24）；' +
        '称号：“龙城英才”不是可选的值（可选：“并州英才”、“龙城之星”、“晋阳工匠”）；评选年度：2017 小于最小值 2018',
    );
  });

  it('says an unknown document type or recipient kind is not one of the choices', () => {
    expect(messageOf('skill-grand-award', (c) => (c.docType = 'skill-award'))).toBe(
      '案件 TY-2026-000102 的数据有误：文书类型：“skill-award”不是已知的文书类型，请从文书类型列表中选择',
    );
    expect(messageOf('talent-scout-award', (c) => (c.recipient.kind = 'company'))).toBe(
      '案件 TY-2026-000101 的数据有误：受文者类别：“company”不是可选的类别：应为个人（person）或单位（organisation）',
    );
  });

  it('never shows an ID number typed as a number (as a spreadsheet exports it)', () => {
    expect(messageOf('skill-grand-award', (c) => (c.recipient.idNumber = 110105199001011230))).toBe(
      '案件 TY-2026-000102 的数据有误：公民身份号码：应为文字，填写的是数字',
    );
  });

  it('words every problem of every broken example in Chinese', () => {
    const english = /[A-Za-z]{4,}/;
    const broken = (Object.keys(EXAMPLE_CASES) as DocTypeId[]).map((t) =>
      messageOf(t, (c) => {
        c.recipient.kind = c.recipient.kind === 'person' ? 'organisation' : 'person';
        c.details = { ...c.details, extra: 1 };
        if (c.amounts) c.amounts.total = String(c.amounts.total);
        c.copyTo = [];
      }),
    );
    expect(broken.filter((m) => english.test(m.replace(/“[^”]*”/g, '')))).toEqual([]);
  });

  it('keeps the technical wording with the field paths in detail', () => {
    const parsed = safeParseCase({ ...exampleCase('skill-grand-award'), approvedOn: '2026-02-30' });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.detail).toContain('approvedOn: “2026-02-30” is not a date in the form YYYY-MM-DD');
  });
});

/** Every field path of a value, list items by position. */
function pathsOf(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => pathsOf(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => pathsOf(v, path ? `${path}.${k}` : k));
  return [path];
}

describe('field labels', () => {
  it('have a Chinese label for every field of every document type’s example case', () => {
    const unlabelled = Object.values(EXAMPLE_CASES)
      .flatMap((c) => pathsOf(c))
      .filter((p) => fieldLabel(p) === p);
    expect([...new Set(unlabelled)]).toEqual([]);
  });

  it('name list items by their position and fall back to the path for a field without a label', () => {
    expect(fieldLabel('details.posts[2].count')).toBe('岗位人数（第3项）');
    expect(fieldLabel('recipient.name', 'approval-letter')).toBe('受文单位名称');
    expect(fieldLabel('details.somethingNew')).toBe('details.somethingNew');
  });
});
