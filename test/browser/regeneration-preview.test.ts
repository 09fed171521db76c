// Previewing before replacing, in Debian's chromium at desktop and phone sizes: the clerk sees the
// would-be PDF's first page (drawn by pdf.js) beside the current one, the changed fields by their
// Chinese names, and only then confirms; a preview made stale by a later change of the case is
// refused beside the button. A bulk dry run shows its first new PDF the same way. The worker runs
// behind the local SQS trigger and the API behind its local HTTP adapter, as `npm start` runs them.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { queueDepth } from '../../local/drain.js';
import { apiFixture } from '../api/fixture.js';
import { openSignedInConsole, SHOTS } from './pages-stack.js';
import type { PagesStack } from './pages-stack.js';

const CASE_ID = 'TY-PRV-0001';

const fx = await apiFixture();
await fx.issue('skill-grand-award', CASE_ID, (c) => {
  (c.recipient as { name: string }).name = '刘建国';
});

let stack: PagesStack;
let page: Page;
beforeAll(async () => ({ page } = stack = await openSignedInConsole(fx)));
afterAll(() => stack?.stop());

const depth = () => queueDepth(fx.clients.sqs, fx.resources.renderQueueUrl);

async function changeCase(change: (c: Record<string, unknown>) => void): Promise<void> {
  const stored = await fx.deps.cases.getCase(CASE_ID);
  const data = structuredClone(stored!.data) as Record<string, unknown>;
  change(data);
  await fx.deps.cases.putCase({ ...data, caseId: CASE_ID, status: stored!.status });
}

/** The share of a canvas's pixels that are not white: a drawn page has text, seal and rules on it. */
function inkOf(canvas: Locator): Promise<number> {
  // The page's canvas, as far as this reads it (the project compiles without the DOM library).
  type Canvas = {
    width: number;
    height: number;
    getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
  };
  return canvas.evaluate((c: Canvas) => {
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200) ink++;
    return ink / (data.length / 4);
  });
}

describe('regenerating one document in the staff console', () => {
  it('shows the would-be new PDF beside the current one, with the changed fields, and queues nothing', async () => {
    await changeCase((c) => {
      (c.recipient as { name: string }).name = '刘建军';
    });
    await page.fill('#q', CASE_ID);
    await page.click('#find-submit');
    await page.locator('#case').waitFor({ state: 'visible' });
    await page.fill('#reason', '更正获奖人姓名');
    await page.click('#regenerate');
    await page.locator('#regen-new-page[data-drawn="true"]').waitFor({ timeout: 60_000 });
    await page.locator('#regen-current-page[data-drawn="true"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('#regen-preview-summary').textContent()).toMatch(/^新版本沿用发文字号 .+，确认后替换当前第1版/);
    expect(await page.locator('#regen-changes tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^获奖人姓名（名称）\s+刘建国\s+刘建军$/)]);
    // Both first pages are drawn (ink on a white page), and the PDFs open from blob: links.
    expect(await inkOf(page.locator('#regen-new-page'))).toBeGreaterThan(0.01);
    expect(await inkOf(page.locator('#regen-current-page'))).toBeGreaterThan(0.01);
    expect(await page.locator('#regen-new-pdf').getAttribute('href')).toMatch(/^blob:/);
    expect(await depth()).toBe(0);
    expect((await fx.deps.versions.listVersions(CASE_ID)).length).toBe(1);
    await page.locator('#case').screenshot({ path: join(SHOTS, 'staff-regeneration-preview.png') });
  });

  it('fits a phone: the two pages stack and the page does not scroll sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.click('#regenerate');
    await page.locator('#regen-new-page[data-drawn="true"]').waitFor({ timeout: 60_000 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    const [current, next] = await Promise.all([page.locator('#regen-current-page').boundingBox(), page.locator('#regen-new-page').boundingBox()]);
    expect(next!.y).toBeGreaterThan(current!.y + current!.height - 1);
    await page.locator('#regen-preview').screenshot({ path: join(SHOTS, 'staff-regeneration-preview-phone.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('refuses the confirmation beside the button when the case changed after the preview, and keeps the current version', async () => {
    await changeCase((c) => {
      (c.recipient as { employer?: string }).employer = '太原钢铁（集团）有限公司';
    });
    await page.click('#regenerate-confirm');
    await page.locator('#regenerate-error').waitFor({ state: 'visible' });
    expect(await page.locator('#regenerate-error').textContent()).toContain('重新预览');
    expect(await page.locator('#regen-preview').isHidden()).toBe(true);
    expect(await depth()).toBe(0);
  });

  it('commits the regeneration once previewed again and confirmed, and version 2 appears', async () => {
    await page.click('#regenerate');
    await page.locator('#regenerate-confirm:enabled').waitFor({ timeout: 60_000 });
    expect(await page.locator('#regenerate-error').isHidden()).toBe(true);
    expect(await page.locator('#regen-changes').innerText()).toContain('工作单位');
    await page.click('#regenerate-confirm');
    const v2 = page.locator('#versions tr[data-version="2"]');
    await v2.waitFor({ state: 'visible', timeout: 60_000 });
    expect(await v2.innerText()).toContain('更正获奖人姓名');
    expect(await page.locator('#regen-preview').isHidden()).toBe(true);
  });

  it('says in Chinese, naming the field, why a case that no longer validates cannot be previewed', async () => {
    await changeCase((c) => {
      (c.amounts as { award: number }).award = 400000;
    });
    await page.fill('#reason', '核对金额');
    await page.click('#regenerate');
    await page.locator('#regenerate-error').waitFor({ state: 'visible' });
    expect(await page.locator('#regenerate-error').textContent()).toContain('奖励金额：400000 元与第十九条规定的中华技能大奖 500000 元不符');
    expect(await page.locator('#regenerate-confirm').isDisabled()).toBe(true);
    await changeCase((c) => {
      (c.amounts as { award: number }).award = 500000;
    });
  });
});

describe('a bulk dry run', () => {
  it('shows the first new PDF’s first page with the count', async () => {
    await page.selectOption('#bulk-type', 'skill-grand-award');
    await page.click('#bulk-dry-run');
    await page.locator('#bulk-plan').waitFor({ state: 'visible' });
    await page.locator('#bulk-preview-page[data-drawn="true"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('#bulk-preview-title').textContent()).toContain(CASE_ID);
    expect(await inkOf(page.locator('#bulk-preview-page'))).toBeGreaterThan(0.01);
    expect(await depth()).toBe(0);
    await page.locator('#bulk').screenshot({ path: join(SHOTS, 'staff-bulk-dry-run-preview.png') });
  });
});
