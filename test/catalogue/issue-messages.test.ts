// Every zod issue a schema can raise has a Chinese sentence, with the limit or the expected value.
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { issueZh } from '../../lambdas/catalogue/issue-messages.js';

/** The Chinese sentences for what `schema` says about `input`. */
function wordsFor(schema: z.ZodType, input: unknown): string[] {
  const r = schema.safeParse(input, { reportInput: true });
  if (r.success) throw new Error('the input was valid');
  return r.error.issues.map(issueZh);
}

describe('a zod issue in Chinese', () => {
  it('says a missing value is empty and a number typed as text should lose its quotes', () => {
    expect(wordsFor(z.object({ a: z.number() }), {})).toEqual(['不能为空']);
    expect(wordsFor(z.number(), '500000')).toEqual(['应为数字（不加引号），填写的是文字“500000”']);
    expect(wordsFor(z.int(), 2017.5)).toEqual(['应为整数，填写的是数字“2017.5”']);
    expect(wordsFor(z.boolean(), '是')).toEqual(['应为“是”或“否”，填写的是文字“是”']);
  });

  it('never shows a value given for an ID number', () => {
    expect(wordsFor(z.object({ idNumber: z.string() }), { idNumber: 110105199001011230 })).toEqual(['应为文字，填写的是数字']);
  });

  it('names the allowed values of a choice and the one value of a literal', () => {
    expect(wordsFor(z.enum(['并州英才', '龙城之星']), '龙城英才')).toEqual(['“龙城英才”不是可选的值（可选：“并州英才”、“龙城之星”）']);
    expect(wordsFor(z.literal('个人'), '单位')).toEqual(['应为“个人”，填写的是文字“单位”']);
  });

  it('names unknown fields so a misspelling is found', () => {
    expect(wordsFor(z.strictObject({ 职业: z.string() }), { 职业: '焊工', 职务: '班长' })).toEqual(['有无法识别的字段 “职务”，请检查拼写']);
  });

  it('gives the limits of lists, text, numbers and dates', () => {
    expect(wordsFor(z.array(z.string()).min(1), [])).toEqual(['至少应填 1 项']);
    expect(wordsFor(z.array(z.string()).max(2), ['甲', '乙', '丙'])).toEqual(['最多可填 2 项']);
    expect(wordsFor(z.array(z.string()).length(2), ['甲'])).toEqual(['应为 2 项']);
    expect(wordsFor(z.string().max(4), '太原市人才服务中心')).toEqual(['最多可有 4 个字']);
    expect(wordsFor(z.string().min(2), '王')).toEqual(['至少应有 2 个字']);
    expect(wordsFor(z.string().min(1), '')).toEqual(['不能为空']);
    expect(wordsFor(z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']), '12')).toEqual(['“12”不是可选的值（共 11 个可选值，请从列表中选择）']);
    expect(wordsFor(z.number().min(2018), 2017)).toEqual(['2017 小于最小值 2018']);
    expect(wordsFor(z.number().max(100000), 120000)).toEqual(['120000 超过最大值 100000']);
    expect(wordsFor(z.number().positive(), 0)).toEqual(['0 应大于 0']);
    expect(wordsFor(z.number().multipleOf(100), 1050)).toEqual(['1050 应为 100 的整数倍']);
    expect(wordsFor(z.date().max(new Date('2026-01-01')), new Date('2027-01-01'))[0]).toMatch(/^不能晚于 /);
  });

  it('says what format a date, an address or a prefix should have', () => {
    expect(wordsFor(z.iso.date(), '2026/11/24')).toEqual(['“2026/11/24”不是有效的日期（YYYY-MM-DD，如 2026-11-24）']);
    expect(wordsFor(z.email(), '张三@')).toEqual(['“张三@”不是有效的电子邮箱地址']);
    expect(wordsFor(z.string().startsWith('并'), '晋人才')).toEqual(['“晋人才”应以“并”开头']);
    expect(wordsFor(z.string().regex(/^\d+$/), '十二')).toEqual(['“十二”的格式不正确']);
  });

  it('says which choices a discriminated union has, and that a plain union matched none', () => {
    const recipient = z.discriminatedUnion('类别', [z.object({ 类别: z.literal('个人') }), z.object({ 类别: z.literal('单位') })]);
    expect(wordsFor(recipient, { 类别: '公司' })).toEqual(['“公司”不是可选的值（可选：“个人”、“单位”）']);
    expect(wordsFor(recipient, {})).toEqual(['不能为空']);
    expect(wordsFor(z.union([z.number(), z.boolean()]), '一')).toEqual(['不符合任何一种可填写的形式，请对照说明检查']);
  });

  it('says which key or element of a record, map or set is wrong', () => {
    expect(wordsFor(z.record(z.string().regex(/^\d{4}$/), z.number()), { 二〇二六: 1 })).toEqual(['有一个字段名不正确：“二〇二六”的格式不正确']);
    expect(wordsFor(z.map(z.object({ 年度: z.string() }), z.number()), new Map([[{ 年度: '二〇二六' }, '一']]))).toEqual([
      '其中一项的值不正确：应为数字，填写的是文字“一”',
    ]);
  });

  it('uses a rule’s own Chinese and says something Chinese for a rule without it', () => {
    expect(
      wordsFor(
        z.string().refine(() => false, { params: { zh: '与合同不符' } }),
        '甲',
      ),
    ).toEqual(['与合同不符']);
    expect(
      wordsFor(
        z.string().refine(() => false, 'must match the contract'),
        '甲',
      ),
    ).toEqual(['不符合要求，请核对']);
  });
});
