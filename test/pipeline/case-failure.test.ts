// Failure reasons as a clerk reads them in the console and the CLI: short, one problem per field,
// never the whole case, never NaN.
import { describe, expect, it } from 'vitest';
import { exampleCase, parseCase } from '../../lambdas/catalogue/index.js';
import { readableReason } from '../../lambdas/pipeline/case-failure.js';

// biome-ignore lint/suspicious/noExplicitAny: the test breaks the case on purpose
function reasonOf(change: (c: Record<string, any>) => void): string {
  // biome-ignore lint/suspicious/noExplicitAny: as above
  const input = structuredClone(exampleCase('skill-grand-award')) as Record<string, any>;
  change(input);
  try {
    parseCase(input);
  } catch (error) {
    return readableReason((error as Error).message);
  }
  throw new Error('the case was valid');
}

describe('a failure reason', () => {
  it('names a missing document type without dumping the case, and lists only a few of the types', () => {
    const reason = reasonOf((c) => delete c.docType);
    expect(reason).toBe('案件 TY-2026-000102 的数据有误：文书类型：不能为空');
    expect(reason).not.toContain('"caseId"');
    expect(reason).not.toContain('140106');
    expect(reason.length).toBeLessThan(200);
  });

  it('says a negative amount is not an amount, once per field, and never shows NaN', () => {
    const reason = reasonOf((c) => {
      c.amounts.award = -500000;
      c.amounts.total = -500000;
    });
    expect(reason).toContain('奖励金额：-500000 不是金额：金额不能为负数');
    expect(reason.match(/奖励金额：/g)).toHaveLength(1);
    expect(reason).not.toContain('NaN');
    expect(reason.length).toBeLessThanOrEqual(400);
  });

  it('cuts a reason that is still long, with an ellipsis', () => {
    expect(readableReason(`x: ${'很长'.repeat(500)}`)).toHaveLength(400);
  });
});
