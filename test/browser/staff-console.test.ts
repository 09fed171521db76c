// A clerk's bulk regeneration in the staff console, in Debian's chromium, at desktop and phone
// sizes: a dry run that counts and lists the documents, a start that needs the count typed, the
// progress to the end, the job list, a failure with its CSV report, and errors shown beside the
// control that caused them. The worker runs behind the local SQS trigger and the API behind its
// local HTTP adapter, as `npm start` runs them. Before that: recent cases, search, a failed case
// retried once fixed, and the audit trail. Screenshots go to out/screenshots/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { queueDepth } from '../../local/drain.js';
import { issueMessage } from '../../lambdas/pipeline/messages.js';
import { processRenderMessage } from '../../lambdas/pipeline/process-message.js';
import { apiFixture } from '../api/fixture.js';
import { openSignedInConsole, SHOTS } from './pages-stack.js';
import type { PagesStack } from './pages-stack.js';

const TYPE = 'talent-scout-award';
const CASES = ['TY-CON-0001', 'TY-CON-0002', 'TY-CON-0003'];

const fx = await apiFixture();
for (const id of CASES) await fx.issue(TYPE, id);
// A person's case whose first issue failed: the ID number's check digit is wrong.
await fx.issue('skill-grand-award', 'TY-CON-0009', (c) => {
  (c.recipient as { name: string }).name = '王小红';
});
const good = await fx.deps.cases.getCase('TY-CON-0009');
await fx.seedCase('skill-grand-award', 'TY-CON-0010', {
  change: (c) => {
    (c.recipient as { name: string; idNumber: string }).name = '赵大勇';
    (c.recipient as { idNumber: string }).idNumber = '110105199001011230';
  },
});
await processRenderMessage(fx.deps, { messageId: 'm-con-10', body: JSON.stringify(issueMessage('TY-CON-0010')) });

let stack: PagesStack;
let page: Page;
beforeAll(async () => ({ page } = stack = await openSignedInConsole(fx)));
afterAll(() => stack?.stop());

const depth = () => queueDepth(fx.clients.sqs, fx.resources.renderQueueUrl);

describe('finding cases and reading their history', () => {
  it('lists recent cases on sign-in and finds by part of a case id, a name or with filters, clearing the old results', async () => {
    await expect.poll(() => page.locator('#results tbody tr').count()).toBe(5);
    expect(await page.locator('#results-title').textContent()).toBe('最近更新的案件');
    await page.fill('#q', 'con-000');
    await page.click('#find-submit');
    await expect.poll(() => page.locator('#results tbody tr').count()).toBe(4);
    expect(await page.locator('#results').innerText()).not.toContain('TY-CON-0010');
    await page.fill('#q', '');
    await page.selectOption('#find-status', 'FAILED');
    await page.click('#find-submit');
    await expect.poll(() => page.locator('#results tbody tr').count()).toBe(1);
    expect(await page.locator('#results tbody tr').innerText()).toContain('赵*勇');
    expect(await page.locator('#results tbody tr').innerText()).toContain('发文失败');
    expect(await page.locator('#results').innerText()).not.toMatch(/FAILED|ISSUED/);
    await page.selectOption('#find-status', '');
  });

  it('shows a failed case’s reason in Chinese with a retry that issues it once fixed', async () => {
    await page.click('#results [data-open-case="TY-CON-0010"]');
    await page.locator('#case-failure').waitFor({ state: 'visible' });
    // The catalogue's reason in Chinese, naming the field by its label (and never the whole ID number).
    expect(await page.locator('#case-failure-text').textContent()).toMatch(
      /^文书尚未签发。原因（.+）：案件数据有误。公民身份号码：110105\*{8}1230 的校验码不正确/,
    );
    expect(await page.locator('#case-retry').isVisible()).toBe(true);
    // Not fixed yet: the retry fails again, and says so beside the button.
    await page.click('#case-retry');
    await page.locator('#case-retry-error').waitFor({ state: 'visible', timeout: 60_000 });
    expect(await page.locator('#case-retry-error').textContent()).toContain('仍未通过');
    await page.locator('#case').screenshot({ path: join(SHOTS, 'staff-failed-case.png') });
    const data = structuredClone((await fx.deps.cases.getCase('TY-CON-0010'))!.data) as { recipient: { idNumber: string } };
    data.recipient.idNumber = (good!.data as { recipient: { idNumber: string } }).recipient.idNumber;
    await fx.deps.cases.putCase({ ...data, caseId: 'TY-CON-0010', status: 'FAILED' });
    await page.click('#case-retry');
    await page.locator('#versions tr[data-version="1"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('#case-failure').isHidden()).toBe(true);
    expect(await page.locator('#case-status [data-status]').textContent()).toBe('已发文');
  });

  it('shows the case’s audit trail in Chinese, in Beijing time', async () => {
    const rows = page.locator('#history tbody tr[data-event]');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    const text = await page.locator('#history').innerText();
    expect(text).toContain('签发');
    expect(text).toContain('系统（批准后自动签发）');
    expect(text).toContain('生成失败');
    expect(text).not.toMatch(/ISSUED|FAILED|pipeline|recipient-link/);
    expect(await rows.first().locator('td').first().textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });
});

describe('bulk regeneration in the staff console', () => {
  it('shows an error beside the preview button when nothing matches, and clears it on the next preview', async () => {
    await page.selectOption('#bulk-type', 'postdoc-station');
    await page.click('#bulk-dry-run');
    await page.locator('#bulk-error').waitFor({ state: 'visible' });
    expect(await page.locator('#bulk-error').textContent()).toContain('没有符合条件的已发文案件');
    expect(await page.locator('#bulk-plan').isHidden()).toBe(true);
    await page.selectOption('#bulk-type', TYPE);
    await page.click('#bulk-dry-run');
    await page.locator('#bulk-plan').waitFor({ state: 'visible' });
    expect(await page.locator('#bulk-error').isHidden()).toBe(true);
  });

  it('previews how many documents a run replaces, which dates and which cases, and queues nothing', async () => {
    expect(await page.locator('#bulk-plan-summary').textContent()).toMatch(/将以新版本替换 3 份《.+》，成文日期 \d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}/);
    expect(await page.locator('#bulk-examples tbody tr').allInnerTexts()).toEqual(CASES.map((id) => expect.stringContaining(id)));
    expect(await page.locator('#bulk-start').isDisabled()).toBe(true);
    expect(await depth()).toBe(0);
    await page.locator('#bulk').screenshot({ path: join(SHOTS, 'staff-bulk-dry-run.png') });
  });

  it('starts only when the count is typed, runs to the end, and is not live again afterwards', async () => {
    await page.fill('#bulk-reason', '模板更正');
    await page.fill('#bulk-confirm-count', '2');
    expect(await page.locator('#bulk-start').isDisabled()).toBe(true);
    await page.fill('#bulk-confirm-count', '3');
    expect(await page.locator('#bulk-start').isEnabled()).toBe(true);
    await page.click('#bulk-start');
    await page.locator('#bulk-counts[data-finished="true"]').waitFor({ timeout: 90_000 });
    expect(await page.locator('#bulk-counts').textContent()).toContain('已完成 3 · 失败 0 · 等待 0（共 3 件）· 已完成');
    // The plan is gone: another run needs another dry run.
    expect(await page.locator('#bulk-plan').isHidden()).toBe(true);
    expect(await page.locator('#bulk-start').isDisabled()).toBe(true);
    const run = page.locator('#bulk-runs tbody tr');
    await expect.poll(() => run.count()).toBe(1);
    expect(await run.innerText()).toMatch(/developer@local\.test[\s\S]*模板更正[\s\S]*3\/3[\s\S]*已完成/);
    for (const id of CASES) expect((await fx.deps.versions.currentVersion(id, TYPE))?.version).toBe(2);
    await page.screenshot({ path: join(SHOTS, 'staff-bulk-finished.png'), fullPage: true });
  });

  it('reports a failed case with its reason and offers the failures as a CSV Excel opens', async () => {
    const stored = await fx.deps.cases.getCase('TY-CON-0002');
    const data = structuredClone(stored!.data) as { recipient: { idNumber: string } };
    data.recipient.idNumber = '110105199001011230'; // an organisation has no ID number: the field is not one of its
    await fx.deps.cases.putCase({ ...data, caseId: 'TY-CON-0002', status: stored!.status });

    await page.click('#bulk-dry-run');
    await page.locator('#bulk-plan').waitFor({ state: 'visible' });
    await page.fill('#bulk-reason', '再次核对');
    await page.fill('#bulk-confirm-count', '3');
    await page.click('#bulk-start');
    await page.locator('#bulk-counts[data-finished="true"]').waitFor({ timeout: 90_000 });
    expect(await page.locator('#bulk-counts').textContent()).toContain('已完成 2 · 失败 1');
    expect(await page.locator('#bulk-failures li').innerText()).toBe('TY-CON-0002：案件数据有误。受文者：有无法识别的字段 “idNumber”，请检查拼写');
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('#bulk-report')]);
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync(await file.path(), 'utf8');
    expect(csv.startsWith('\uFEFF案件编号,错误代码,原因')).toBe(true);
    expect(csv).toContain('TY-CON-0002,CASE_INVALID,');
    expect(await page.locator('#bulk-runs tbody tr').count()).toBe(2);
  });

  it('fits a phone: the page does not scroll sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.locator('#bulk').screenshot({ path: join(SHOTS, 'staff-bulk-phone.png') });
  });
});
