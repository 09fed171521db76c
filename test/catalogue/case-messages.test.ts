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
    const unlabelled = Object.values(EXAMPLE_CASES).flatMap((c) => pathsOf(c)).filter((p) => fieldLabel(p) === p);
    expect([...new Set(unlabelled)]).toEqual([]);
  });

  it('name list items by their position and fall back to the path for a field without a label', () => {
    expect(fieldLabel('details.posts[2].count')).toBe('岗位人数（第3项）');
    expect(fieldLabel('recipient.name', 'approval-letter')).toBe('受文单位名称');
    expect(fieldLabel('details.somethingNew')).toBe('details.somethingNew');
  });
});
