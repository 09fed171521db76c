// The green card in real chromium: the staff console's card panel (standing, verification link,
// revoking behind a dialog that needs a reason), regeneration refused afterwards in Chinese, and
// the verification page a card's QR code opens, at desktop and phone sizes. Screenshots go to
// out/screenshots/.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withPlaceholderPhoto } from '../../lambdas/pipeline/photo.js';
import { apiFixture } from '../api/fixture.js';
import { SHOTS, signInToConsole, startPagesStack } from './pages-stack.js';
import type { PagesStack } from './pages-stack.js';

const fx = await apiFixture();
const withPhoto = await withPlaceholderPhoto(fx.deps.bucket, { docType: 'talent-green-card', details: {} });
await fx.issue('talent-green-card', 'TY-GC-0001', (c) => {
  (c.details as Record<string, unknown>).photoKey = (withPhoto.details as { photoKey: string }).photoKey;
});
await fx.issue('platform-subsidy', 'TY-GC-0002');

const stack: PagesStack = await startPagesStack(fx);
const { api, page } = stack;
beforeAll(() => signInToConsole(stack));
afterAll(() => stack.stop());

async function openCase(caseId: string): Promise<void> {
  await page.fill('#q', caseId);
  await page.click('#find-submit');
  await page.click(`#results [data-open-case="${caseId}"]`);
  await page.locator(`#case-id:has-text("${caseId}")`).waitFor();
}

describe('the card panel in the staff console', () => {
  it('shows a card’s standing, its validity in Beijing dates and a link to its verification page', async () => {
    await openCase('TY-GC-0001');
    await page.locator('#card-panel').waitFor({ state: 'visible' });
    expect(await page.locator('#card-state [data-card-state]').textContent()).toBe('有效');
    expect(await page.locator('#card-validity').textContent()).toBe('2026年9月1日至2031年8月31日');
    expect(await page.locator('#card-verify').getAttribute('href')).toMatch(/\/v\/[A-Za-z0-9]+$/);
    await page.locator('#card-panel').screenshot({ path: join(SHOTS, 'card-panel-valid.png') });
  });

  it('revokes only with a reason given in the dialog, then shows who, when and why', async () => {
    await page.click('#card-revoke');
    await page.locator('#card-revoke-dialog[open]').waitFor();
    await page.click('#card-revoke-confirm');
    expect(await page.locator('#card-revoke-error').textContent()).toBe('请填写注销原因。');
    await page.fill('#card-revoke-reason', '持卡人已调离本市');
    await page.screenshot({ path: join(SHOTS, 'card-revoke-dialog.png') });
    await page.click('#card-revoke-confirm');
    await page.locator('#card-panel[data-card-state="revoked"]').waitFor();
    expect(await page.locator('#card-revoke-dialog').getAttribute('open')).toBeNull();
    expect(await page.locator('#card-state').textContent()).toBe('已注销');
    expect(await page.locator('#card-revoked').textContent()).toMatch(
      /^已于 \d{4}-\d\d-\d\d \d\d:\d\d（北京时间）由 developer@local\.test 注销。原因：持卡人已调离本市$/,
    );
    expect(await page.locator('#card-revoke').isHidden()).toBe(true);
    expect(await page.locator('#card-status').textContent()).toBe('已注销。');
    await page.locator('#card-panel').screenshot({ path: join(SHOTS, 'card-panel-revoked.png') });
  });

  it('refuses to regenerate the revoked card, saying why in Chinese', async () => {
    await page.fill('#reason', '更正姓名');
    await page.click('#regenerate');
    await page.locator('#regenerate-error').waitFor({ state: 'visible' });
    expect(await page.locator('#regenerate-error').textContent()).toContain('该绿卡已注销，不能重新生成');
  });

  it('marks the revoked version 已注销 in the versions table when the case is opened again', async () => {
    await openCase('TY-GC-0002');
    await openCase('TY-GC-0001');
    const row = page.locator('#versions tr[data-version="1"]');
    await row.locator('[data-revoked]').waitFor();
    expect(await row.locator('[data-revoked]').textContent()).toBe('已注销');
    await page.locator('#versions').screenshot({ path: join(SHOTS, 'versions-revoked.png') });
  });

  it('hides the card panel, shown for the card before, when the case opened is no card', async () => {
    expect(await page.locator('#card-panel').isVisible()).toBe(true);
    await openCase('TY-GC-0002');
    await expect.poll(() => page.locator('#card-panel').isHidden()).toBe(true);
  });
});

describe('the verification page of a card', () => {
  it('says the card is revoked, on which date, without the reason, at desktop and phone sizes', async () => {
    await openCase('TY-GC-0001');
    await page.locator('#card-panel[data-card-state="revoked"]').waitFor();
    const href = (await page.locator('#card-verify').getAttribute('href'))!;
    await page.goto(new URL(new URL(href).pathname, api.url).toString());
    expect(await page.locator('[data-verdict="card-revoked"]').textContent()).toContain('绿卡已注销，不再有效');
    expect(await page.locator('[data-card-state]').textContent()).toBe('已注销');
    expect(await page.locator('[data-field="validity"]').textContent()).toBe('2026年9月1日至2031年8月31日');
    expect(await page.locator('[data-field="revokedOn"]').textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    expect(await page.content()).not.toContain('持卡人已调离本市');
    await page.screenshot({ path: join(SHOTS, 'card-verify-revoked-desktop.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SHOTS, 'card-verify-revoked-phone.png'), fullPage: true });
  });

  it('is said first on the holder’s link page too', async () => {
    // The link as the console gives it: from the API the page runs against, signed with its secret.
    const view = (await (await fetch(`${api.url}/cases/TY-GC-0001/recipient-link`, { headers: { authorization: `Bearer ${api.devToken}` } })).json()) as {
      link: string;
    };
    await page.goto(view.link);
    expect(await page.locator('[data-card-notice="revoked"]').textContent()).toMatch(/您的绿卡已于\d{4}年\d{1,2}月\d{1,2}日注销/);
    await page.screenshot({ path: join(SHOTS, 'card-landing-revoked-phone.png'), fullPage: true });
  });
});
