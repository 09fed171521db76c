// The zod building blocks every case schema is made of, so the same field means the same
// thing (and fails with the same words) in every document type.
import * as z from 'zod';
import { checkCreditCode } from './credit-code.js';
import { endOfYears, isIsoMonth, isRealIsoDate, monthsInclusive } from './dates.js';
import { checkIdNumber } from './id-number.js';
import { yuanToFen } from './money.js';
import { fail } from './rules.js';
import { hasControlCharacters, nameProblem, normaliseCode, normaliseName, normaliseText } from './text.js';

/**
 * A check that fails with the technical wording and, in `params.zh`, the clerk's (case.ts shows
 * the Chinese one beside the field's Chinese label).
 */
export function rule<T>(ok: (value: T) => boolean, message: (value: T) => string, zh: (value: T) => string) {
  return (ctx: z.core.ParsePayload<T>) => {
    // continue: like refine(), the object's policy rules still run, so the clerk sees every problem at once.
    if (!ok(ctx.value)) ctx.issues.push({ code: 'custom', input: ctx.value, message: message(ctx.value), params: { zh: zh(ctx.value) }, continue: true });
  };
}

/** An ISO calendar date `YYYY-MM-DD` that exists. */
export const isoDate = z
  .string()
  .trim()
  .check(
    rule(
      isRealIsoDate,
      (v) => `“${v}” is not a date in the form YYYY-MM-DD (e.g. 2026-11-24)`,
      (v) => (v === '' ? '不能为空' : `“${v}”不是有效的日期，应写作 YYYY-MM-DD（如 2026-11-24）`),
    ),
  );

/** An ISO month `YYYY-MM`. */
const isoMonth = z
  .string()
  .trim()
  .check(
    rule(
      isIsoMonth,
      (v) => `“${v}” is not a month in the form YYYY-MM (e.g. 2026-01)`,
      (v) => `“${v}”不是有效的月份，应写作 YYYY-MM（如 2026-01）`,
    ),
  );

/**
 * Free text: normalised (normaliseText: Chinese punctuation in Chinese text, half-width digits and
 * letters, no invisible characters), one line, 1–max characters counted after normalisation. The
 * stored case keeps what was typed; every document is made from the normalised text.
 */
export function text(max = 100) {
  return z
    .string()
    .overwrite(normaliseText)
    .check(
      rule(
        (s) => !hasControlCharacters(s),
        () => 'contains a line break or control character; keep it on one line',
        () => '含有换行或控制字符，请写在一行内',
      ),
    )
    .check(
      rule(
        (s) => [...s].length >= 1 && [...s].length <= max,
        (s) => `has ${[...s].length} characters; 1–${max} are allowed`,
        (s) => (s === '' ? '不能为空' : `有 ${[...s].length} 个字，最多 ${max} 个字`),
      ),
    );
}

// The name, ID number and credit code checks continue like rule(): a bad number must not hide the
// case's other problems (a wrong amount), so the clerk fixes them all in one go.

/** A person's name as registered: Han characters incl. Extensions A–F and ·, 2–50 characters, never NFC-normalised. */
export const personName = z
  .string()
  .overwrite(normaliseName)
  .check((ctx) => {
    const problem = nameProblem(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, message: problem.message, params: { zh: problem.messageZh }, continue: true });
  });

/** 公民身份号码, validated per GB 11643; messages never show the whole number. */
const idNumber = z
  .string()
  .overwrite(normaliseCode)
  .check((ctx) => {
    const r = checkIdNumber(ctx.value);
    if (!r.ok) ctx.issues.push({ code: 'custom', input: '(masked)', message: r.message, params: { zh: r.messageZh }, continue: true });
  });

/** 统一社会信用代码, validated per GB 32100. */
const creditCode = z
  .string()
  .overwrite(normaliseCode)
  .check((ctx) => {
    const r = checkCreditCode(ctx.value);
    if (!r.ok) ctx.issues.push({ code: 'custom', input: ctx.value, message: r.message, params: { zh: r.messageZh }, continue: true });
  });

/** An amount in yuan as the case writes it: ≥ 0, at most two decimals. */
export const yuan = z.number().check(
  rule(
    (n) => yuanToFen(n) !== null,
    (n) => `${n} is not an amount in yuan with at most two decimals (e.g. 500000 or 1409.5)`,
    (n) => (n < 0 ? `${n} 不是金额：金额不能为负数` : `${n} 不是以元为单位、最多两位小数的金额（如 500000 或 1409.5）`),
  ),
);

/** A whole number in a range, e.g. months or posts. */
export function count(min: number, max: number) {
  return z
    .int()
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });
}

export const personRecipient = z.strictObject({
  kind: z.literal('person'),
  name: personName,
  idNumber,
  /** 工作单位, printed after the name where a notice names it. */
  employer: text(60).optional(),
});

/** A person who must name the employer (第二十条 pays graduates who work under a service contract). */
export const employedPersonRecipient = personRecipient.extend({ employer: text(60) });

export const organisationRecipient = z.strictObject({
  kind: z.literal('organisation'),
  name: text(60),
  creditCode,
});

/** A period of whole years: `to` is the day before the anniversary of `from` (2026-01-01 … 2028-12-31 is 3 years). */
export const yearPeriod = z.strictObject({ from: isoDate, to: isoDate, years: count(1, 10) }).superRefine((p, ctx) => {
  const expected = endOfYears(p.from, p.years);
  if (p.to !== expected) {
    fail(
      ctx,
      ['to'],
      `${p.to} does not end ${p.years} whole year(s) from ${p.from}; expected ${expected}`,
      `${p.to} 与自 ${p.from} 起的 ${p.years} 个整年不符，应为 ${expected}`,
    );
  }
});

/** A period of calendar months, both ends included (2026-01 … 2026-12 is 12 months). */
export const monthPeriod = z.strictObject({ from: isoMonth, to: isoMonth, months: count(1, 240) }).superRefine((p, ctx) => {
  const n = monthsInclusive(p.from, p.to);
  if (p.months !== n) {
    fail(ctx, ['months'], `${p.months} is not the ${n} calendar months from ${p.from} to ${p.to}`, `${p.months} 与 ${p.from} 至 ${p.to} 的 ${n} 个月不符`);
  }
});

/** 来文: the request an approval letter answers (“你单位《…》收悉”). */
export const request = z.strictObject({
  /** The request's title without 书名号, e.g. 关于申请院士工作站建站补助的请示. */
  title: text(80),
  /** Its 发文字号, when it has one. */
  number: text(30).optional(),
  date: isoDate,
});

export const academy = z.enum(['中国科学院', '中国工程院']);
