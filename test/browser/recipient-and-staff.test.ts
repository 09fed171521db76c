// People's paths through the real pages, in Debian's chromium: a recipient downloads and verifies
// their notice; a clerk signs in to the staff console, regenerates it with a reason and watches
// version 2 appear; the old version's page turns SUPERSEDED; a tampered link is refused. The
// render worker runs behind the local SQS trigger and the API behind its local HTTP adapter,
// both as `npm start` runs them. Screenshots go to out/screenshots/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { queueDepth } from '../../local/drain.js';
import type { LocalApi } from '../../local/http.js';
import { apiFixture } from '../api/fixture.js';
import { SHOTS, startPagesStack } from './pages-stack.js';
import type { PagesStack } from './pages-stack.js';

const CASE_ID = 'TY-WEB-0001';

const fx = await apiFixture();
// A person's award, with a three-character name so the mask 张*明 shows.
await fx.issue('skill-grand-award', CASE_ID, (c) => {
  (c.recipient as { name: string }).name = '张晓明';
});
const [first] = await fx.deps.versions.listVersions(CASE_ID);
if (!first) throw new Error(`${CASE_ID} was not issued`);

let stack: PagesStack;
let api: LocalApi;
let page: Page;

beforeAll(async () => {
  stack = await startPagesStack(fx);
  ({ api, page } = stack);
});

afterAll(() => stack?.stop());

async function linksOf(caseId: string): Promise<{ download: string; verify: string }> {
  const text = await api.documentLinks([caseId]);
  const download = /download: (\S+)/.exec(text)?.[1];
  const verify = /verify: +(\S+)/.exec(text)?.[1];
  if (!download || !verify) throw new Error(`no links for ${caseId}: ${text}`);
  return { download, verify };
}

describe('a recipient', () => {
  it('opens the link, taps download on its landing page and receives the PDF under its Chinese file name', async () => {
    const { download } = await linksOf(CASE_ID);
    await page.goto(download);
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    expect(file.suggestedFilename()).toMatch(/[\u4e00-\u9fff].*\.pdf$/);
    const bytes = readFileSync(await file.path());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBe(first.bytes);
  });

  it('opens the verification page and sees the 文号, CURRENT and the masked name', async () => {
    const { verify } = await linksOf(CASE_ID);
    await page.setViewportSize({ width: 1280, height: 900 });
    const response = await page.goto(verify);
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.locator('[data-field="documentNumber"]').textContent()).toBe(first.documentNumber);
    expect(await page.locator('[data-status]').getAttribute('data-status')).toBe('CURRENT');
    expect(await page.locator('[data-field="recipient"]').textContent()).toBe('张*明');
    expect(await page.content()).not.toContain('张晓明');
    await page.screenshot({ path: join(SHOTS, 'verify-desktop.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    // On a phone the page must fit the width: nothing scrolls sideways.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SHOTS, 'verify-phone.png'), fullPage: true });
  });

  it('is refused with a Chinese page when the link was tampered with', async () => {
    const { download } = await linksOf(CASE_ID);
    const tampered = download.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const response = await page.goto(tampered);
    expect(response?.status()).toBe(403);
    expect(await page.locator('main').innerText()).toContain('此下载链接无效或已过期');
    await page.screenshot({ path: join(SHOTS, 'link-refused-phone.png'), fullPage: true });
  });
});

describe('a clerk in the staff console', () => {
  it('signs in with the development token, finds the case by name and sees version 1', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${api.url}/staff`);
    await page.fill('#dev-token', api.devToken);
    await page.click('#signin-dev');
    await expect.poll(() => page.locator('#who').textContent()).toBe('developer@local.test');
    await page.fill('#q', '晓明');
    await page.click('#find-form button[type=submit]');
    await page.locator('#case').waitFor({ state: 'visible' });
    expect(await page.locator('#results tbody td').nth(2).textContent()).toBe('张*明');
    expect(await page.locator('#versions tbody tr[data-version]').count()).toBe(1);
    expect(await page.locator('#case-number').textContent()).toBe(first.documentNumber);
  });

  it('regenerates the document with a reason and sees version 2 appear as CURRENT', async () => {
    // Without a reason the form does not submit: nothing is asked of the API.
    await page.click('#regenerate');
    expect(await page.evaluate<boolean>("document.getElementById('reason').validity.valueMissing")).toBe(true);
    expect(await queueDepth(fx.clients.sqs, fx.resources.renderQueueUrl)).toBe(0);
    await page.fill('#reason', '更正受文者工作单位');
    await page.click('#regenerate');
    // A preview comes first; only its confirmation queues the regeneration.
    await page.locator('#regenerate-confirm:enabled').waitFor({ timeout: 60_000 });
    expect(await queueDepth(fx.clients.sqs, fx.resources.renderQueueUrl)).toBe(0);
    await page.click('#regenerate-confirm');
    const v2 = page.locator('#versions tr[data-version="2"]');
    await v2.waitFor({ state: 'visible', timeout: 60_000 });
    expect(await v2.locator('[data-status]').getAttribute('data-status')).toBe('CURRENT');
    expect(await v2.innerText()).toContain('更正受文者工作单位');
    expect(await v2.innerText()).toContain('developer@local.test');
    expect(await page.locator('#versions tr[data-version="1"] [data-status]').getAttribute('data-status')).toBe('SUPERSEDED');
    expect(await page.locator('#regenerate-status').textContent()).toContain('第2版已生成');
    await page.screenshot({ path: join(SHOTS, 'staff-console.png'), fullPage: true });
  });

  it('opens an older version: the browser saves that version’s PDF', async () => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('#versions tr[data-version="1"] [data-open-version]')]);
    expect(file.suggestedFilename()).toMatch(/\.pdf$/);
    expect(readFileSync(await file.path()).length).toBe(first.bytes);
    expect(page.url()).toBe(`${api.url}/staff`);
  });

  it('opens the old version’s verification page and sees it SUPERSEDED, pointing to the current one', async () => {
    const versions = await fx.deps.versions.listVersions(CASE_ID);
    const current = versions.find((v) => v.status === 'CURRENT')!;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${api.url}/v/${first.docId}`);
    expect(await page.locator('[data-status]').getAttribute('data-status')).toBe('SUPERSEDED');
    expect(await page.locator(`a[href$="/v/${current.docId}"]`).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'verify-superseded-phone.png'), fullPage: true });
  });
});
