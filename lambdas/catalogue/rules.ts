// Policy checks shared by the case schemas. Each adds an issue whose message names the value,
// the rule and the clause, e.g. “400000 is not the 500000 that 第十九条 sets for 中华技能大奖”.
import type * as z from 'zod';
import { fieldLabel } from './field-labels.js';
import { yuanToFen } from './money.js';

type Ctx = z.core.$RefinementCtx<unknown>;
type Path = (string | number)[];

function fen(yuan: number): number {
  // The yuan schema has already accepted the value, so the conversion cannot fail here.
  return yuanToFen(yuan) ?? Number.NaN;
}

/** Writes fen back as the case writes yuan (500000, 1409.5). */
function shown(f: number): string {
  return String(f / 100);
}

/** A problem: the technical wording, and the clerk's in Chinese (case.ts shows it after the field's label). */
export function fail(ctx: Ctx, path: Path, message: string, zh?: string): void {
  ctx.addIssue({ code: 'custom', path, message, ...(zh ? { params: { zh } } : {}) });
}

export function expectFixed(ctx: Ctx, path: Path, value: number, policy: number, clause: string, what: string): void {
  if (fen(value) !== fen(policy))
    fail(ctx, path, `${value} is not the ${policy} that ${clause} sets for ${what}`, `${value} 元与${clause}规定的${what} ${policy} 元不符`);
}

export function expectRange(ctx: Ctx, path: Path, value: number, range: { min: number; max: number }, clause: string, what: string): void {
  const v = fen(value);
  if (v < fen(range.min) || v > fen(range.max)) {
    fail(
      ctx,
      path,
      `${value} is outside the ${range.min}–${range.max} that ${clause} sets for ${what}`,
      `${value} 元${v > fen(range.max) ? '超过' : '低于'}${clause}规定的${what}标准（${range.min}–${range.max} 元）`,
    );
  }
}

/** value = rate × n, computed in fen. */
export function expectProduct(ctx: Ctx, path: Path, value: number, rate: number, n: number, unit: string, clause: string): void {
  const expected = fen(rate) * n;
  if (fen(value) !== expected) {
    fail(
      ctx,
      path,
      `${value} is not ${rate} × ${n} ${unit} = ${shown(expected)} (${clause})`,
      `${value} 元与${clause}的标准不符：${rate} 元 × ${n} = ${shown(expected)} 元`,
    );
  }
}

/** amounts.total = the sum of the items, computed in fen. */
export function expectTotal(ctx: Ctx, total: number, items: Record<string, number>): void {
  const sum = Object.values(items).reduce((s, v) => s + fen(v), 0);
  if (fen(total) !== sum) {
    const names = Object.keys(items)
      .map((k) => `amounts.${k}`)
      .join(' + ');
    fail(
      ctx,
      ['amounts', 'total'],
      `${total} is not ${names} = ${shown(sum)}`,
      Number.isNaN(sum) ? '有的分项金额有误，无法核对合计' : `${total} 元不等于各项金额之和 ${shown(sum)} 元`,
    );
  }
}

export function expectNotAfter(ctx: Ctx, path: Path, date: string, limit: string, limitName: string): void {
  if (date > limit) fail(ctx, path, `${date} is after ${limitName} ${limit}`, `${date} 晚于${fieldLabel(limitName)} ${limit}`);
}
