// A recipient's link in a real browser, at desktop and phone sizes: the landing page and its
// download button, the notice on a link whose version was replaced, an expired link, the upload
// check's outcomes and errors; and the clerk's recipient-link panel in the console (link, expiry,
// copy, QR, send to the local outbox). API and worker run as `npm start` runs them. Screenshots go
// to out/screenshots/ (a few are kept in docs/screenshots/).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signDownloadGrant } from '../../lambdas/api/download-grant.js';
import { createWorkerLogger } from '../../lambdas/handlers/logger.js';
import { createRenderBatchHandler } from '../../lambdas/handlers/render-batch.js';
import { startLocalApi } from '../../local/http.js';
import type { LocalApi } from '../../local/http.js';
import { startSqsTrigger } from '../../local/sqs-trigger.js';
import type { SqsTrigger } from '../../local/sqs-trigger.js';
import { apiFixture, gatewayEvent, LINK_SECRET, STAFF_CLAIMS } from '../api/fixture.js';
import { launchChromium } from './chromium.js';
import type { Browser } from './chromium.js';
import { tempDir } from '../support/temp-dirs.js';

const SHOTS = 'out/screenshots';
const CASE_ID = 'TY-LAND-0001';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const work = tempDir('notice-landing-');
const outbox = join(work, 'notifications');

const fx = await apiFixture();
await fx.issue('skill-grand-award', CASE_ID, (c) => {
  (c.recipient as { name: string }).name = '张晓明';
});
const [first] = await fx.deps.versions.listVersions(CASE_ID);
if (!first) throw new Error(`${CASE_ID} was not issued`);

let api: LocalApi;
let trigger: SqsTrigger;
let browser: Browser;
let page: Page;
let firstLink: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  trigger = startSqsTrigger({
    sqs: fx.clients.sqs,
    queueUrl: fx.resources.renderQueueUrl,
    queueArn: fx.resources.renderQueueArn,
    waitTimeSeconds: 1,
    handler: createRenderBatchHandler(fx.deps, { logger: createWorkerLogger({ logLevel: 'ERROR' }) }),
  });
  // The fixture's link secret, so the test can sign an expired link the API accepts as genuine.
  api = await startLocalApi({ env: { ...fx.env, NOTICE_LINK_SECRET: LINK_SECRET, NOTICE_SEND_OUTBOX_DIR: outbox }, port: 0 });
  browser = await launchChromium();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: api.url });
  page = await browser.context.newPage();
  firstLink = /download: (\S+)/.exec(await api.documentLinks([CASE_ID]))![1]!;
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await trigger?.stop();
});

const fitsWidth = async (width: number) => expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);

async function pdfOfVersion(version: number): Promise<string> {
  const record = await fx.deps.versions.getVersion(CASE_ID, 'skill-grand-award', version);
  const stored = await fx.deps.bucket.getDocument(record!.s3Key);
  const path = join(work, `v${version}.pdf`);
  writeFileSync(path, stored!.bytes);
  return path;
}

describe('a recipient opening their link', () => {
  it('sees the landing page on a desktop and on a phone, and downloads the PDF with the button', async () => {
    await page.setViewportSize(DESKTOP);
    const response = await page.goto(firstLink);
    expect(response?.status()).toBe(200);
    expect(await page.locator('[data-field="documentNumber"]').textContent()).toBe(first.documentNumber);
    expect(await page.locator('[data-field="recipient"]').textContent()).toBe('张*明');
    expect(await page.locator('[data-field="expires"]').innerText()).toMatch(/有效期至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）/);
    await page.screenshot({ path: join(SHOTS, 'landing-desktop.png'), fullPage: true });
    await page.setViewportSize(PHONE);
    await fitsWidth(PHONE.width);
    await page.screenshot({ path: join(SHOTS, 'landing-phone.png'), fullPage: true });
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    expect(file.suggestedFilename()).toMatch(/[\u4e00-\u9fff].*\.pdf$/);
    expect(readFileSync(await file.path()).length).toBe(first.bytes);
  });

  it('opens the old link after a correction: told it was replaced, when and why, and downloads the new version', async () => {
    await fx.call(
      gatewayEvent({
        method: 'POST',
        path: `/cases/${CASE_ID}/regenerate`,
        claims: STAFF_CLAIMS,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reason: '更正受文者工作单位' }),
      }),
    );
    await expect.poll(async () => (await fx.deps.versions.listVersions(CASE_ID)).length, { timeout: 60_000, interval: 500 }).toBe(2);
    const v2 = (await fx.deps.versions.listVersions(CASE_ID)).find((v) => v.version === 2)!;
    await page.setViewportSize(PHONE);
    await page.goto(firstLink);
    const notice = page.locator('[data-replaced="true"]');
    expect(await notice.innerText()).toContain('此链接对应的第1版已被替换');
    expect(await notice.innerText()).toContain('更正受文者工作单位');
    expect(await notice.innerText()).toContain('北京时间');
    expect(await page.locator('#download').getAttribute('data-version')).toBe('2');
    await fitsWidth(PHONE.width);
    await page.screenshot({ path: join(SHOTS, 'landing-replaced-phone.png'), fullPage: true });
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    expect(readFileSync(await file.path()).length).toBe(v2.bytes);
    await page.setViewportSize(DESKTOP);
    await page.goto(firstLink);
    await page.screenshot({ path: join(SHOTS, 'landing-replaced-desktop.png'), fullPage: true });
  });

  it('opens an expired link and is told in Chinese when it expired and what to do', async () => {
    const expired = `${api.url}/d/${first.docId}?t=${signDownloadGrant(first.docId, new Date(Date.now() - 3 * 86_400_000), Buffer.from(LINK_SECRET))}`;
    for (const size of [DESKTOP, PHONE]) {
      await page.setViewportSize(size);
      const response = await page.goto(expired);
      expect(response?.status()).toBe(410);
      const text = await page.locator('main').innerText();
      expect(text).toContain('此链接已过期');
      expect(text).toContain('请联系发文机关');
      expect(await page.locator('[data-field="expiredAt"]').innerText()).toContain('北京时间');
      await fitsWidth(size.width);
    }
    await page.screenshot({ path: join(SHOTS, 'link-expired-phone.png'), fullPage: true });
  });
});

describe('a recipient checking a file on the verification page', () => {
  async function check(file: string | null, sha256 = ''): Promise<void> {
    const current = (await fx.deps.versions.listVersions(CASE_ID)).find((v) => v.status === 'CURRENT')!;
    await page.goto(`${api.url}/v/${current.docId}`);
    if (file) await page.setInputFiles('#file', file);
    if (sha256) await page.fill('#sha256', sha256);
    await page.click('#check-form button[type=submit]');
    await page.waitForLoadState('load');
  }

  it('uploads the replaced version and is told which version it is and that it is no longer current', async () => {
    await page.setViewportSize(PHONE);
    await check(await pdfOfVersion(1));
    expect(await page.locator('[data-outcome]').getAttribute('data-outcome')).toBe('exact-superseded');
    expect(await page.locator('#result').innerText()).toContain('现行版本为第2版');
    await fitsWidth(PHONE.width);
    await page.screenshot({ path: join(SHOTS, 'upload-superseded-phone.png'), fullPage: true });
    await check(await pdfOfVersion(2));
    expect(await page.locator('[data-outcome]').getAttribute('data-outcome')).toBe('exact-current');
    await fitsWidth(PHONE.width);
    await page.setViewportSize(DESKTOP);
    await page.screenshot({ path: join(SHOTS, 'upload-current-desktop.png'), fullPage: true });
  });

  it('uploads a copy re-saved by a PDF tool and is told the content looks the same but the file is not the issued one', async () => {
    const resaved = join(work, 'resaved.pdf');
    execFileSync('qpdf', ['--object-streams=generate', '--compress-streams=y', await pdfOfVersion(2), resaved]);
    await page.setViewportSize(PHONE);
    await check(resaved);
    expect(await page.locator('[data-outcome]').getAttribute('data-outcome')).toBe('same-text');
    expect(await page.locator('#result').innerText()).toContain('内容看起来相同，但不是登记的文件');
    await fitsWidth(PHONE.width);
    await page.screenshot({ path: join(SHOTS, 'upload-same-text-phone.png'), fullPage: true });
  });

  it('explains an empty submit and a malformed SHA-256 on the same page, at phone width', async () => {
    await page.setViewportSize(PHONE);
    await check(null);
    expect(await page.locator('[data-error="true"]').innerText()).toContain('请先选择要核对的 PDF 文件');
    expect(await page.locator('#check-form').count()).toBe(1);
    await fitsWidth(PHONE.width);
    await page.screenshot({ path: join(SHOTS, 'upload-empty-phone.png'), fullPage: true });
    await check(null, 'not-a-hash');
    expect(await page.locator('[data-error="true"]').innerText()).toContain('64 位十六进制');
    await fitsWidth(PHONE.width);
  });
});

describe('a clerk giving the recipient their link', () => {
  it('sees the current link with its expiry and QR code, copies it and sends it by SMS to the local outbox', async () => {
    await page.setViewportSize(DESKTOP);
    await page.goto(`${api.url}/staff`);
    await page.fill('#dev-token', api.devToken);
    await page.click('#signin-dev');
    await page.fill('#q', CASE_ID);
    await page.click('#find-form button[type=submit]');
    const panel = page.locator('#recipient-link');
    await panel.waitFor({ state: 'visible' });
    const v2 = (await fx.deps.versions.listVersions(CASE_ID)).find((v) => v.status === 'CURRENT')!;
    expect(await panel.getAttribute('data-doc-id')).toBe(v2.docId);
    const link = await page.inputValue('#rl-link');
    expect(link).toMatch(new RegExp(`^${api.url}/d/${v2.docId}\\?t=`));
    expect(await page.locator('#rl-expires').innerText()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）$/);
    await expect.poll(() => page.evaluate<number>("document.getElementById('rl-qr').naturalWidth")).toBeGreaterThan(0);

    await page.click('#rl-copy');
    await expect.poll(() => page.locator('#rl-copied').innerText()).toContain('已复制');
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(link);

    // A wrong number is explained next to the form; nothing is sent.
    await page.selectOption('#rl-channel', 'sms');
    await page.fill('#rl-to', '12345');
    await page.click('#rl-send');
    await expect.poll(() => page.locator('#rl-status').innerText()).toContain('手机号码应为 11 位数字');
    expect(await page.locator('#rl-status').getAttribute('data-error')).toBe('true');

    await page.fill('#rl-to', '13812345678');
    await page.click('#rl-send');
    await expect.poll(() => page.locator('#rl-status').innerText()).toContain('已发送至 138****5678');
    const files = readdirSync(outbox);
    expect(files).toHaveLength(1);
    const message = JSON.parse(readFileSync(join(outbox, files[0]!), 'utf8')) as { text: string; link: string };
    expect(message.text).toContain(message.link);
    expect((await fx.events(CASE_ID)).some((e) => e.type === 'SENT' && e.toMasked === '138****5678' && e.by === 'developer@local.test')).toBe(true);
    await page.locator('#case').screenshot({ path: join(SHOTS, 'console-recipient-link.png') });

    // The link the clerk copied opens the landing page of the current version.
    await page.goto(link);
    expect(await page.locator('#download').getAttribute('data-version')).toBe('2');
  });

  it('fits the panel on a phone-sized console', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${api.url}/staff`);
    await page.fill('#q', CASE_ID);
    await page.click('#find-form button[type=submit]');
    await page.locator('#recipient-link').waitFor({ state: 'visible' });
    await expect.poll(() => page.evaluate<number>("document.getElementById('rl-qr').naturalWidth")).toBeGreaterThan(0);
    await page.locator('#recipient-link').screenshot({ path: join(SHOTS, 'console-recipient-link-phone.png') });
    const box = await page.locator('#recipient-link').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
  });
});
