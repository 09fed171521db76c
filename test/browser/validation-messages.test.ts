// What a clerk reads in the staff console when a case or a form is wrong: every problem of a
// failed case at once, in Chinese by the fields' names, and a refused form's problem beside the
// button that sent it. Screenshots go to out/screenshots/.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { issueMessage } from '../../lambdas/pipeline/messages.js';
import { processRenderMessage } from '../../lambdas/pipeline/process-message.js';
import { apiFixture } from '../api/fixture.js';
import { openSignedInConsole, SHOTS } from './pages-stack.js';
import type { PagesStack } from './pages-stack.js';

const fx = await apiFixture();
await fx.issue('skill-grand-award', 'TY-MSG-0001');
// Two mistakes a clerk makes in one case: a mistyped ID number and the wrong award.
await fx.seedCase('skill-grand-award', 'TY-MSG-0002', {
  change: (c) => {
    (c.recipient as { idNumber: string }).idNumber = '110105199001011230';
    (c.amounts as { award: number; total: number }).award = 400000;
    (c.amounts as { award: number; total: number }).total = 400000;
  },
});
await processRenderMessage(fx.deps, { messageId: 'm-msg-2', body: JSON.stringify(issueMessage('TY-MSG-0002')) });

let stack: PagesStack;
let page: Page;
beforeAll(async () => ({ page } = stack = await openSignedInConsole(fx)));
afterAll(() => stack?.stop());

describe('validation messages in the staff console', () => {
  it('shows every problem of a failed case at once, by the fields’ Chinese names', async () => {
    await page.fill('#q', 'TY-MSG-0002');
    await page.click('#find-submit');
    await page.click('#results [data-open-case="TY-MSG-0002"]');
    await page.locator('#case-failure').waitFor({ state: 'visible' });
    const reason = (await page.locator('#case-failure-text').textContent()) ?? '';
    expect(reason).toContain('公民身份号码：110105********1230 的校验码不正确');
    expect(reason).toContain('奖励金额：400000 元与第十九条规定的中华技能大奖 500000 元不符');
    expect(reason).not.toMatch(/[a-z]{4,}/);
    await page.locator('#case').screenshot({ path: join(SHOTS, 'staff-case-problems.png') });
  });

  it('says beside the preview button that the dates are out of order', async () => {
    await page.selectOption('#bulk-type', 'skill-grand-award');
    await page.fill('#bulk-from', '2026-12-01');
    await page.fill('#bulk-to', '2026-01-01');
    await page.click('#bulk-dry-run');
    await page.locator('#bulk-error').waitFor({ state: 'visible' });
    expect(await page.locator('#bulk-error').textContent()).toBe('填写的内容有误：成文日期（起）：不能晚于成文日期（止）');
    await page.locator('#bulk-form').screenshot({ path: join(SHOTS, 'staff-bulk-dates-refused.png') });
  });
});
