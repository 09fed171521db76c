// A recipient's link and what it opens, staff giving and sending it, the upload check and the
// verification register's ids — through the Lambda handler against the local stack.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../../lambdas/api/app.js';
import { signDownloadGrant } from '../../lambdas/api/download-grant.js';
import { createApiHandler } from '../../lambdas/handlers/api.js';
import { notifyConfig, recipientNotifier } from '../../lambdas/notify/recipient-notifier.js';
import type { NotifyConfig } from '../../lambdas/notify/recipient-notifier.js';
import { legacyDocumentId, randomDocumentId } from '../../lambdas/pipeline/document-identity.js';
import { apiFixture, gatewayEvent, jsonOf, LINK_SECRET, STAFF_CLAIMS, textOf } from './fixture.js';
import { tempDir } from '../support/temp-dirs.js';

const fx = await apiFixture();
const secret = Buffer.from(LINK_SECRET);
const DAY = 86_400_000;

await fx.issue('skill-grand-award', 'TY-LNK-0001', (c) => {
  (c.recipient as { name: string }).name = '张晓明';
  c.approvedOn = '2026-03-18';
});
await fx.issue('platform-subsidy', 'TY-LNK-0002');
await fx.seedCase('skill-grand-award', 'TY-LNK-0003'); // approved, never issued

const staff = (input: Parameters<typeof gatewayEvent>[0]) => fx.call(gatewayEvent({ claims: STAFF_CLAIMS, ...input }));
const get = (pathAndQuery: string) => {
  const [path, query] = pathAndQuery.replace(/&amp;/g, '&').split('?') as [string, string | undefined];
  return fx.call(gatewayEvent({ method: 'GET', path, ...(query ? { query } : {}) }));
};
const linkPath = (docId: string, expires: Date) => `/d/${docId}?t=${signDownloadGrant(docId, expires, secret)}`;

interface VersionRow {
  docId: string;
  version: number;
  status: string;
  sha256: string;
}
async function versions(caseId: string): Promise<VersionRow[]> {
  return (jsonOf(await staff({ method: 'GET', path: `/cases/${caseId}/documents` })) as { versions: VersionRow[] }).versions;
}
async function regenerate(caseId: string, reason: string): Promise<void> {
  await staff({ method: 'POST', path: `/cases/${caseId}/regenerate`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reason }) });
  await fx.runWorker();
}
async function pdfOf(caseId: string, version: number): Promise<Buffer> {
  const location = String((await staff({ method: 'GET', path: `/cases/${caseId}/documents/${version}/download` })).headers?.location);
  return Buffer.from(await (await fetch(location)).arrayBuffer());
}
function multipart(fields: { name: string; filename?: string; data: Buffer | string }[]): { headers: Record<string, string>; body: Buffer } {
  const boundary = 'RecipientTest42';
  const parts = fields.map((f) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"${f.filename ? `; filename="${f.filename}"\r\nContent-Type: application/pdf` : ''}\r\n\r\n`,
      ),
      Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data),
      Buffer.from('\r\n'),
    ]),
  );
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]) };
}
const postForm = (docId: string, fields: Parameters<typeof multipart>[0]) =>
  fx.call(gatewayEvent({ method: 'POST', path: `/v/${docId}`, ...multipart(fields) }));

describe('the landing page a recipient link opens', () => {
  it('shows the title, 文号, 成文日期, masked name, status, expiry and a download button — a page, not a download', async () => {
    const [v1] = await versions('TY-LNK-0001');
    const expires = new Date(Date.now() + 10 * DAY);
    const res = await get(linkPath(v1!.docId, expires));
    expect(res.statusCode).toBe(200);
    expect(String(res.headers?.['content-type'])).toContain('text/html');
    const page = textOf(res);
    for (const text of ['中华技能大奖', '并人才奖〔', '2026年3月18日', '张*明', '现行有效', '下载现行版本（PDF）', '北京时间', '在浏览器中打开'])
      expect(page).toContain(text);
    expect(page).not.toContain('张晓明');
    expect(page).not.toContain('data-replaced');
    expect(page).toMatch(new RegExp(`id="download" href="/d/${v1!.docId}/file\\?t=[\\w-]+\\.[\\w-]{43}"`));
    expect(page).not.toMatch(/<script/);
  });

  it('says plainly that an old link’s version was replaced, when and why, with the current version one tap away', async () => {
    const [v1] = await versions('TY-LNK-0001');
    await regenerate('TY-LNK-0001', '更正受文者工作单位');
    const now = await versions('TY-LNK-0001');
    const current = now.find((v) => v.status === 'CURRENT')!;
    expect(current.version).toBe(2);
    const res = await get(linkPath(v1!.docId, new Date(Date.now() + 10 * DAY)));
    expect(res.statusCode).toBe(200);
    const page = textOf(res);
    expect(page).toContain('data-replaced="true"');
    expect(page).toContain('此链接对应的第1版已被替换');
    expect(page).toContain('由第2版替换');
    expect(page).toContain('更正受文者工作单位');
    expect(page).toMatch(new RegExp(`id="download" href="/d/${current.docId}/file\\?t=`));
    // The button carries the link's own expiry, never a longer one.
    const token = /id="download" href="[^"]+\?t=([^"]+)"/.exec(page)![1]!;
    const payload = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { e: number };
    expect(Math.abs(payload.e * 1000 - (Date.now() + 10 * DAY))).toBeLessThan(60_000);
  });

  it('never serves a replaced version’s bytes from a file link: it goes back to the landing page', async () => {
    const old = (await versions('TY-LNK-0001')).find((v) => v.version === 1)!;
    const grant = signDownloadGrant(old.docId, new Date(Date.now() + DAY), secret);
    const res = await get(`/d/${old.docId}/file?t=${grant}`);
    expect(res.statusCode).toBe(302);
    expect(res.headers?.location).toBe(`/d/${old.docId}?t=${grant}`);
  });

  it('serves the current version as an attachment and records the download', async () => {
    const current = (await versions('TY-LNK-0001')).find((v) => v.status === 'CURRENT')!;
    const res = await get(`/d/${current.docId}/file?t=${signDownloadGrant(current.docId, new Date(Date.now() + DAY), secret)}`);
    expect(res.statusCode).toBe(302);
    const object = await fetch(String(res.headers?.location));
    expect(object.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(
      Buffer.from(await object.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const events = await fx.events('TY-LNK-0001');
    expect(events.some((e) => e.type === 'DOWNLOADED' && e.docId === current.docId && e.by === 'recipient-link')).toBe(true);
  });

  it('tells the holder of an expired link, in Chinese, when it expired and what to do — on the page and the file link', async () => {
    const [v] = await versions('TY-LNK-0002');
    const expired = new Date(Date.now() - 2 * DAY);
    for (const path of [linkPath(v!.docId, expired), `/d/${v!.docId}/file?t=${signDownloadGrant(v!.docId, expired, secret)}`]) {
      const res = await get(path);
      expect(res.statusCode).toBe(410);
      const page = textOf(res);
      expect(page).toContain('此链接已过期');
      expect(page).toContain('请联系发文机关');
      expect(page).toContain('北京时间');
      expect(page).not.toContain(v!.sha256); // nothing of the document itself
    }
  });

  it('refuses tampered, other-document and missing grants on the file link with the same 403 page', async () => {
    const [v] = await versions('TY-LNK-0002');
    const [other] = await versions('TY-LNK-0001');
    const pages = new Set<string>();
    for (const query of [`t=${signDownloadGrant(other!.docId, new Date(Date.now() + DAY), secret)}`, 't=abc.def', '']) {
      const res = await fx.call(gatewayEvent({ method: 'GET', path: `/d/${v!.docId}/file`, query }));
      expect(res.statusCode).toBe(403);
      pages.add(textOf(res));
    }
    expect(pages.size).toBe(1);
  });
});

describe('staff giving a recipient their link', () => {
  it('returns the current document’s link, its expiry in Beijing time and a QR code of it', async () => {
    const res = await staff({ method: 'GET', path: '/cases/TY-LNK-0001/recipient-link' });
    expect(res.statusCode).toBe(200);
    const view = jsonOf(res) as { link: string; expiresAt: string; expiresAtText: string; qr: string; version: number; channels: unknown[] };
    expect(view.version).toBe(2);
    expect(view.link).toMatch(/^https:\/\/notices\.example\.test\/d\/[0-9A-Z]{26}\?t=/);
    expect(Math.abs(Date.parse(view.expiresAt) - (Date.now() + 30 * DAY))).toBeLessThan(60_000);
    const beijing = new Date(Date.parse(view.expiresAt) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(view.expiresAtText).toBe(`${beijing}（北京时间）`);
    expect(Buffer.from(view.qr.replace(/^data:image\/svg\+xml;base64,/, ''), 'base64').toString()).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(view.channels).toEqual([]); // nothing configured in this environment
    expect((await get(view.link.replace('https://notices.example.test', ''))).statusCode).toBe(200);
  });

  it('answers 401 without an identity, 404 for an unknown case, 409 for a case not issued and 400 for a bad type', async () => {
    expect((await fx.call(gatewayEvent({ method: 'GET', path: '/cases/TY-LNK-0001/recipient-link' }))).statusCode).toBe(401);
    const unknown = await staff({ method: 'GET', path: '/cases/TY-NOPE-1/recipient-link' });
    expect([unknown.statusCode, jsonOf(unknown).code]).toEqual([404, 'CASE_NOT_FOUND']);
    const notIssued = await staff({ method: 'GET', path: '/cases/TY-LNK-0003/recipient-link' });
    expect([notIssued.statusCode, jsonOf(notIssued).code]).toEqual([409, 'NOT_ISSUED']);
    expect(String(jsonOf(notIssued).message)).toContain('还没有现行有效的文书');
    expect((await staff({ method: 'GET', path: '/cases/TY-LNK-0001/recipient-link', query: 'docType=nope' })).statusCode).toBe(400);
  });
});

describe('sending a recipient their link', () => {
  const outbox = tempDir('notice-outbox-');
  const received: { auth: string | undefined; body: Record<string, unknown> }[] = [];
  let webhookStatus = 200;
  const webhook = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      received.push({ auth: req.headers.authorization, body: JSON.parse(data) as Record<string, unknown> });
      res.writeHead(webhookStatus).end();
    });
  });
  const listening = new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise<void>((resolve) => webhook.close(() => resolve())));

  function apiWith(config: NotifyConfig) {
    const deps = { ...fx.apiDeps, recipientNotifier: recipientNotifier(config, { sns: fx.clients.sns, log: () => {} }) };
    return createApiHandler(createApi(deps));
  }
  const send = (call: ReturnType<typeof apiWith>, body: unknown, caseId = 'TY-LNK-0001') =>
    call(
      gatewayEvent({
        method: 'POST',
        path: `/cases/${caseId}/recipient-link/send`,
        claims: STAFF_CLAIMS,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );

  it('writes the message to the local outbox and audits the send with the address masked', async () => {
    const call = apiWith({ topics: {}, outboxDir: outbox });
    const res = await send(call, { channel: 'sms', to: '13812345678' });
    expect(res.statusCode).toBe(200);
    expect(jsonOf(res)).toMatchObject({ channel: 'sms', to: '138****5678', version: 2, via: 'outbox' });
    const files = readdirSync(outbox);
    expect(files).toHaveLength(1);
    const message = JSON.parse(readFileSync(join(outbox, files[0]!), 'utf8')) as { to: string; text: string; link: string };
    expect(message.to).toBe('13812345678');
    expect(message.text).toContain(message.link);
    expect(message.text).toContain('北京时间');
    expect(message.text).toContain('张*明');
    expect(message.text).not.toContain('张晓明');
    const sent = (await fx.events('TY-LNK-0001')).filter((e) => e.type === 'SENT');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channel: 'sms', toMasked: '138****5678', outcome: 'sent', by: 'clerk@example.test', version: 2 });
    expect(JSON.stringify(sent)).not.toContain('13812345678');
  });

  it('posts to a configured webhook with its token, and audits a refused send as failed with a Chinese 502', async () => {
    await listening;
    const url = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/send`;
    const call = apiWith({ topics: {}, webhook: { url, token: 'webhook-token-0123456789' } });
    const ok = await send(call, { channel: 'email', to: 'zhang@example.cn' });
    expect(ok.statusCode).toBe(200);
    expect(received.at(-1)).toMatchObject({ auth: 'Bearer webhook-token-0123456789', body: { channel: 'email', to: 'zhang@example.cn' } });
    webhookStatus = 500;
    const failed = await send(call, { channel: 'wechat', to: 'oAbCdEf123456' });
    expect(failed.statusCode).toBe(502);
    expect(jsonOf(failed)).toMatchObject({ code: 'SEND_FAILED' });
    expect(String(jsonOf(failed).message)).toContain('微信未发出');
    const sent = (await fx.events('TY-LNK-0001')).filter((e) => e.type === 'SENT');
    expect(sent.map((e) => [e.channel, e.outcome, e.toMasked])).toEqual(
      expect.arrayContaining([
        ['email', 'sent', 'z***@example.cn'],
        ['wechat', 'failed', 'oAbC***'],
      ]),
    );
  });

  it('publishes to the channel’s SNS topic when one is configured', async () => {
    const { TopicArn } = await fx.clients.sns.send(new CreateTopicCommand({ Name: `sms-${fx.config.tableName}` }));
    await fx.clients.sns.send(
      new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: fx.resources.deadLetterQueueArn, Attributes: { RawMessageDelivery: 'true' } }),
    );
    const res = await send(apiWith({ topics: { sms: TopicArn! } }), { channel: 'sms', to: '13900001111' }, 'TY-LNK-0002');
    expect(res.statusCode).toBe(200);
    expect(jsonOf(res).via).toBe('sns');
    const { Messages } = await fx.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: fx.resources.deadLetterQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    expect(Messages).toHaveLength(1);
    expect(JSON.parse(Messages![0]!.Body!)).toMatchObject({ channel: 'sms', to: '13900001111', caseId: 'TY-LNK-0002' });
  });

  it('refuses a bad address, an unknown or unconfigured channel and a case not issued, sending nothing', async () => {
    const call = apiWith({ topics: {}, outboxDir: outbox });
    const before = readdirSync(outbox).length;
    const badPhone = await send(call, { channel: 'sms', to: '12345' });
    expect([badPhone.statusCode, jsonOf(badPhone).code]).toEqual([400, 'INVALID_ADDRESS']);
    expect(String(jsonOf(badPhone).message)).toContain('手机号码应为 11 位数字');
    expect((await send(call, { channel: 'email', to: 'not-an-address' })).statusCode).toBe(400);
    expect((await send(call, { channel: 'fax', to: '1' })).statusCode).toBe(400);
    expect((await send(call, { channel: 'sms', to: '13812345678' }, 'TY-LNK-0003')).statusCode).toBe(409);
    const unconfigured = await send(apiWith({ topics: {} }), { channel: 'sms', to: '13812345678' });
    expect([unconfigured.statusCode, jsonOf(unconfigured).code]).toEqual([503, 'CHANNEL_NOT_CONFIGURED']);
    expect(readdirSync(outbox).length).toBe(before);
  });

  it('validates its configuration with messages that name the variable', () => {
    expect(() => notifyConfig({ NOTICE_SEND_SMS_TOPIC_ARN: 'sms' })).toThrow(/NOTICE_SEND_SMS_TOPIC_ARN/);
    expect(() => notifyConfig({ NOTICE_SEND_WEBHOOK_URL: 'http://gateway.example.cn/send' })).toThrow(/https/);
    expect(() => notifyConfig({ NOTICE_SEND_WEBHOOK_TOKEN: 'x'.repeat(20) })).toThrow(/NOTICE_SEND_WEBHOOK_URL/);
    expect(
      notifyConfig({ NOTICE_SEND_EMAIL_TOPIC_ARN: 'arn:aws-cn:sns:cn-north-1:123456789012:mail', NOTICE_SEND_WEBHOOK_URL: 'https://gw.example.cn/send' }),
    ).toEqual({
      topics: { email: 'arn:aws-cn:sns:cn-north-1:123456789012:mail' },
      webhook: { url: 'https://gw.example.cn/send' },
    });
  });
});

describe('the upload check', () => {
  const work = tempDir('notice-upload-');

  it('names the version a file is and whether it is current, on any version’s page', async () => {
    const rows = await versions('TY-LNK-0001');
    const current = rows.find((v) => v.status === 'CURRENT')!;
    const v1 = await pdfOf('TY-LNK-0001', 1);
    const page = textOf(await postForm(current.docId, [{ name: 'file', filename: 'v1.pdf', data: v1 }]));
    expect(page).toContain('data-outcome="exact-superseded"');
    expect(page).toContain('是登记的原件，但第1版已被替换');
    expect(page).toContain('现行版本为第2版');
    const v2 = await pdfOf('TY-LNK-0001', 2);
    const again = textOf(await postForm(rows.find((v) => v.version === 1)!.docId, [{ name: 'file', filename: 'v2.pdf', data: v2 }]));
    expect(again).toContain('是登记的原件：第2版，现行有效');
    const asJson = jsonOf(
      await fx.call(gatewayEvent({ method: 'POST', path: `/v/${current.docId}`, headers: { 'content-type': 'application/pdf' }, body: v1 })),
    );
    expect(asJson).toMatchObject({ match: true, matchedVersion: 1, matchedStatus: 'SUPERSEDED' });
  });

  it('tells a re-saved copy with the same text apart from other content', async () => {
    const current = (await versions('TY-LNK-0002'))[0]!;
    const original = join(work, 'original.pdf');
    const resaved = join(work, 'resaved.pdf');
    writeFileSync(original, await pdfOf('TY-LNK-0002', 1));
    // What a PDF tool's "save as" does: the same pages, rewritten into other bytes.
    execFileSync('qpdf', ['--object-streams=generate', '--compress-streams=y', original, resaved]);
    const copy = readFileSync(resaved);
    expect(copy.equals(readFileSync(original))).toBe(false);
    const page = textOf(await postForm(current.docId, [{ name: 'file', filename: 'copy.pdf', data: copy }]));
    expect(page).toContain('data-outcome="same-text"');
    expect(page).toContain('内容看起来相同，但不是登记的文件');
    expect(page).toContain('与所有已发版本的字节都不一致');

    const other = textOf(await postForm(current.docId, [{ name: 'file', filename: 'other.pdf', data: await pdfOf('TY-LNK-0001', 2) }]));
    expect(other).toContain('data-outcome="different"');
    expect(other).toContain('文字内容也不同');
  });

  it('explains an empty submit and a malformed SHA-256 on the same page, with the form to try again', async () => {
    const current = (await versions('TY-LNK-0002'))[0]!;
    const empty = await postForm(current.docId, [
      { name: 'file', filename: '', data: '' },
      { name: 'sha256', data: '' },
    ]);
    expect(empty.statusCode).toBe(400);
    expect(textOf(empty)).toContain('请先选择要核对的 PDF 文件');
    expect(textOf(empty)).toContain('id="check-form"');
    expect(textOf(empty)).toContain(current.sha256); // still the document's page
    const bad = await postForm(current.docId, [{ name: 'sha256', data: 'abc123xyz' }]);
    expect(bad.statusCode).toBe(400);
    expect(textOf(bad)).toContain('您填写的是 9 个字符，且含有其他字符');
    const byHash = textOf(await postForm(current.docId, [{ name: 'sha256', data: current.sha256.toUpperCase() }]));
    expect(byHash).toContain('是登记的原件：第1版，现行有效');
  });
});

describe('the verification register', () => {
  it('cannot be enumerated: ids guessed from sequential case numbers or at random find nothing', async () => {
    const real = await Promise.all(['TY-LNK-0001', 'TY-LNK-0002'].map(async (c) => (await versions(c)).map((v) => v.docId)));
    for (const docId of real.flat()) expect(docId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const guesses = [
      ...Array.from({ length: 60 }, (_, i) => `TY-LNK-${String(i).padStart(4, '0')}`).flatMap((c) =>
        ['skill-grand-award', 'platform-subsidy'].map((t) => legacyDocumentId(c, t, `issue-${c}`)),
      ),
      ...Array.from({ length: 100 }, () => randomDocumentId()),
    ];
    const found: string[] = [];
    for (const guess of guesses) if ((await get(`/v/${guess}`)).statusCode !== 404) found.push(guess);
    expect(found).toEqual([]);
    expect((await get(`/v/${real[0]![0]}`)).statusCode).toBe(200);
  });

  it('shows no more than a recipient needs: a masked name, no ID number, no internal case id', async () => {
    const current = (await versions('TY-LNK-0001')).find((v) => v.status === 'CURRENT')!;
    const page = textOf(await get(`/v/${current.docId}`));
    expect(page).toContain('张*明');
    expect(page).not.toContain('张晓明');
    expect(page).not.toContain('TY-LNK-0001');
    expect(page).not.toMatch(/\b\d{17}[\dX]\b/);
  });
});
