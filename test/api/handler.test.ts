// The API through its Lambda handler, with API Gateway v2 events, against the local stack.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exampleCase } from '../../lambdas/catalogue/index.js';
import { signDownloadGrant } from '../../lambdas/api/download-grant.js';
import { queueDepth } from '../../local/drain.js';
import { RegenerateMessage } from '../../lambdas/pipeline/messages.js';
import { apiFixture, gatewayEvent, jsonOf, LINK_SECRET, PUBLIC_BASE_URL, STAFF_CLAIMS, textOf } from './fixture.js';

const fx = await apiFixture();
const secret = Buffer.from(LINK_SECRET);
const ID_NUMBER = (exampleCase('skill-grand-award') as { recipient: { idNumber: string } }).recipient.idNumber;

// One issued person case with a three-character name, one issued organisation case, one case
// still APPROVED (never issued).
await fx.issue('skill-grand-award', 'TY-API-0001', (c) => {
  (c.recipient as { name: string }).name = '张晓明';
});
await fx.issue('platform-subsidy', 'TY-API-0002');
await fx.seedCase('skill-grand-award', 'TY-API-0003');

const depth = () => queueDepth(fx.clients.sqs, fx.apiConfig.renderQueueUrl);
const staff = (input: Parameters<typeof gatewayEvent>[0]) => fx.call(gatewayEvent({ claims: STAFF_CLAIMS, ...input }));
const postJson = (path: string, body: unknown, claims: Record<string, string> | null = STAFF_CLAIMS) =>
  fx.call(gatewayEvent({ method: 'POST', path, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), ...(claims ? { claims } : {}) }));

async function currentDocId(caseId: string): Promise<string> {
  const docs = jsonOf(await staff({ method: 'GET', path: `/cases/${caseId}/documents` })) as { versions: { docId: string; status: string }[] };
  return docs.versions.find((v) => v.status === 'CURRENT')!.docId;
}

describe('staff authorisation', () => {
  it('answers 401 to a staff route called without an identity and enqueues nothing', async () => {
    const res = await postJson('/cases/TY-API-0001/regenerate', { reason: '更正姓名' }, null);
    expect(res.statusCode).toBe(401);
    expect(jsonOf(res).code).toBe('UNAUTHENTICATED');
    expect(await depth()).toBe(0);
  });

  it('answers 403 to an identity outside the staff group and enqueues nothing', async () => {
    const res = await postJson(
      '/cases/TY-API-0001/regenerate',
      { reason: '更正姓名' },
      { sub: 'u2', email: 'someone@example.test', 'cognito:groups': '[auditors]' },
    );
    expect(res.statusCode).toBe(403);
    expect(jsonOf(res)).toMatchObject({ code: 'FORBIDDEN' });
    expect(String(jsonOf(res).message)).toContain('staff');
    expect(await depth()).toBe(0);
  });

  it('reads the groups API Gateway flattens into “[staff admin]” and names the caller by e-mail', async () => {
    const res = await staff({ method: 'GET', path: '/me', claims: { ...STAFF_CLAIMS, 'cognito:groups': '[admin staff]' } });
    expect(res.statusCode).toBe(200);
    expect(jsonOf(res)).toMatchObject({ name: 'clerk@example.test', groups: ['admin', 'staff'] });
  });
});

describe('regenerating one document', () => {
  it('enqueues a regenerate message with the reason and the caller as requester, and answers 202 with its request id', async () => {
    const res = await postJson('/cases/TY-API-0001/regenerate', { reason: '更正姓名' });
    expect(res.statusCode).toBe(202);
    const accepted = jsonOf(res);
    expect(accepted).toMatchObject({ caseId: 'TY-API-0001', docType: 'skill-grand-award' });
    const bodies = await fx.queuedBodies();
    expect(bodies).toHaveLength(1);
    const message = RegenerateMessage.parse(JSON.parse(bodies[0]!));
    expect(message).toMatchObject({ caseId: 'TY-API-0001', reason: '更正姓名', requestedBy: 'clerk@example.test', requestId: accepted.requestId });

    const outcomes = await fx.runWorker();
    expect(outcomes.map((o) => o.kind)).toEqual(['recorded']);
    const docs = jsonOf(await staff({ method: 'GET', path: '/cases/TY-API-0001/documents' })) as {
      versions: { version: number; status: string; reason: string; requestedBy: string }[];
    };
    expect(docs.versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'CURRENT'],
      [1, 'SUPERSEDED'],
    ]);
    expect(docs.versions[0]).toMatchObject({ reason: '更正姓名', requestedBy: 'clerk@example.test' });
  });

  it('refuses a missing or blank reason with 400 naming the field, and enqueues nothing', async () => {
    for (const body of [{}, { reason: '   ' }]) {
      const res = await postJson('/cases/TY-API-0001/regenerate', body);
      expect(res.statusCode).toBe(400);
      expect(jsonOf(res)).toMatchObject({ code: 'INVALID_INPUT' });
      expect(String(jsonOf(res).message)).toContain('reason');
    }
    expect(await depth()).toBe(0);
  });

  it('refuses unknown fields, a wrong document type, and a body that is not JSON', async () => {
    expect((await postJson('/cases/TY-API-0001/regenerate', { reason: 'x', urgent: true })).statusCode).toBe(400);
    const mismatch = await postJson('/cases/TY-API-0001/regenerate', { reason: 'x', docType: 'platform-subsidy' });
    expect(mismatch.statusCode).toBe(409);
    expect(jsonOf(mismatch).code).toBe('DOC_TYPE_MISMATCH');
    const notJson = await staff({ method: 'POST', path: '/cases/TY-API-0001/regenerate', headers: { 'content-type': 'application/json' }, body: '{"reason":' });
    expect(notJson.statusCode).toBe(400);
    expect(jsonOf(notJson).code).toBe('INVALID_JSON');
    const form = await staff({ method: 'POST', path: '/cases/TY-API-0001/regenerate', headers: { 'content-type': 'text/plain' }, body: 'reason' });
    expect(form.statusCode).toBe(415);
    expect(await depth()).toBe(0);
  });

  it('answers 404 for an unknown case and 409 for a case not issued yet, enqueuing nothing', async () => {
    const unknown = await postJson('/cases/TY-NOPE-0000/regenerate', { reason: '更正' });
    expect(unknown.statusCode).toBe(404);
    expect(jsonOf(unknown).code).toBe('CASE_NOT_FOUND');
    const notIssued = await postJson('/cases/TY-API-0003/regenerate', { reason: '更正' });
    expect(notIssued.statusCode).toBe(409);
    expect(jsonOf(notIssued).code).toBe('NOT_ISSUED');
    const badId = await postJson('/cases/bad%23id/regenerate', { reason: '更正' });
    expect(badId.statusCode).toBe(400);
    expect(String(jsonOf(badId).message)).toContain('caseId');
    expect(await depth()).toBe(0);
  });

  it('refuses an oversized body with 413 before reading it', async () => {
    const res = await postJson('/cases/TY-API-0001/regenerate', { reason: '更'.repeat(10_000) });
    expect(res.statusCode).toBe(413);
    expect(jsonOf(res).code).toBe('BODY_TOO_LARGE');
    expect(await depth()).toBe(0);
  });
});

describe('reading cases and versions', () => {
  it('lists every version with number, status, reason, requester, time and hash, and never an ID number', async () => {
    const res = await staff({ method: 'GET', path: '/cases/TY-API-0002/documents' });
    expect(res.statusCode).toBe(200);
    const docs = jsonOf(res) as { case: Record<string, unknown>; versions: Record<string, unknown>[] };
    expect(docs.case).toMatchObject({ caseId: 'TY-API-0002', status: 'ISSUED', docType: 'platform-subsidy', recipientKind: 'organisation' });
    expect(docs.versions).toHaveLength(1);
    expect(docs.versions[0]).toMatchObject({ version: 1, status: 'CURRENT', requestedBy: expect.any(String), reason: expect.any(String) });
    expect(docs.versions[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(String(docs.versions[0]!.recipientLink)).toMatch(new RegExp(`^${PUBLIC_BASE_URL}/d/[0-9A-Z]+\\?t=`));
    const person = await staff({ method: 'GET', path: '/cases/TY-API-0001/documents' });
    expect(person.body).not.toContain(ID_NUMBER);
    expect(person.body).not.toContain(ID_NUMBER.slice(6, 14));
  });

  it('finds a case by id, or by part of the name with the name masked', async () => {
    const byId = jsonOf(await staff({ method: 'GET', path: '/cases', query: 'q=ty-api-0002' })) as { cases: { caseId: string }[] };
    expect(byId.cases.map((c) => c.caseId)).toEqual(['TY-API-0002']);
    const byName = await staff({ method: 'GET', path: '/cases', query: `q=${encodeURIComponent('晓明')}` });
    const found = jsonOf(byName) as { cases: { caseId: string; recipientMasked: string }[] };
    expect(found.cases.map((c) => [c.caseId, c.recipientMasked])).toEqual([['TY-API-0001', '张*明']]);
    expect(byName.body).not.toContain('张晓明');
    expect((await staff({ method: 'GET', path: '/cases', query: 'q=' })).statusCode).toBe(400);
  });

  it('redirects a staff download to an S3 link that expires in 5 minutes, or returns it as JSON', async () => {
    const res = await staff({ method: 'GET', path: '/cases/TY-API-0002/documents/1/download' });
    expect(res.statusCode).toBe(302);
    const location = new URL(String(res.headers?.location));
    expect(location.searchParams.get('X-Amz-Expires')).toBe('300');
    const asJson = await staff({ method: 'GET', path: '/cases/TY-API-0002/documents/1/download', headers: { accept: 'application/json' } });
    expect(jsonOf(asJson).url).toEqual(expect.stringContaining('X-Amz-Expires=300'));
    const missing = await staff({ method: 'GET', path: '/cases/TY-API-0002/documents/7/download' });
    expect(missing.statusCode).toBe(404);
    expect(jsonOf(missing).code).toBe('VERSION_NOT_FOUND');
    expect((await staff({ method: 'GET', path: '/cases/TY-API-0002/documents/0/download' })).statusCode).toBe(400);
  });
});

describe('recipient download links', () => {
  it('opens a landing page whose download button redirects to a 5-minute presigned URL that downloads under the Chinese file name', async () => {
    const docId = await currentDocId('TY-API-0002');
    const token = signDownloadGrant(docId, new Date(Date.now() + 86_400_000), secret);
    const landing = await fx.call(gatewayEvent({ method: 'GET', path: `/d/${docId}`, query: `t=${token}` }));
    expect(landing.statusCode).toBe(200);
    const button = /id="download" href="([^"]+)"/.exec(textOf(landing))?.[1]?.replace(/&amp;/g, '&');
    expect(button).toMatch(new RegExp(`^/d/${docId}/file\\?t=`));
    const res = await fx.call(gatewayEvent({ method: 'GET', path: button!.split('?')[0]!, query: button!.split('?')[1]! }));
    expect(res.statusCode).toBe(302);
    const location = String(res.headers?.location);
    expect(new URL(location).searchParams.get('X-Amz-Expires')).toBe('300');
    const pdf = await fetch(location);
    expect(pdf.status).toBe(200);
    expect(decodeURIComponent(pdf.headers.get('content-disposition') ?? '')).toMatch(/filename\*=UTF-8''.*[\u4e00-\u9fff].*\.pdf/);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const events = await fx.events('TY-API-0002');
    expect(events.filter((e) => e.type === 'DOWNLOADED').map((e) => e.by)).toContain('recipient-link');
  });

  it('refuses tampered, other-document and missing grants alike with a 403 page in Chinese', async () => {
    const docId = await currentDocId('TY-API-0002');
    const otherDocId = await currentDocId('TY-API-0001');
    const valid = signDownloadGrant(docId, new Date(Date.now() + 86_400_000), secret);
    const flipped = valid.slice(0, -2) + (valid.at(-2) === 'A' ? 'B' : 'A') + valid.at(-1);
    const refusals = [
      `t=${flipped}`,
      `t=${signDownloadGrant(otherDocId, new Date(Date.now() + 86_400_000), secret)}`,
      `t=${signDownloadGrant(docId, new Date(Date.now() + 86_400_000), Buffer.from('another-secret-another-secret-another'))}`,
      '',
    ];
    const pages = new Set<string>();
    for (const query of refusals) {
      const res = await fx.call(gatewayEvent({ method: 'GET', path: `/d/${docId}`, query }));
      expect(res.statusCode).toBe(403);
      expect(String(res.headers?.['content-type'])).toContain('text/html');
      expect(res.headers?.location).toBeUndefined();
      pages.add(textOf(res));
    }
    expect(pages.size).toBe(1); // no detail leaked: every refusal is the same page
    expect([...pages][0]).toContain('此下载链接无效或已过期');
  });
});

describe('the verification page', () => {
  it('shows type, 文号, issuer, date, masked name, version, CURRENT and sha256, with no full name or ID number', async () => {
    const docs = jsonOf(await staff({ method: 'GET', path: '/cases/TY-API-0002/documents' })) as {
      versions: { docId: string; documentNumber: string; sha256: string }[];
    };
    const v = docs.versions[0]!;
    const res = await fx.call(gatewayEvent({ method: 'GET', path: `/v/${v.docId}` }));
    expect(res.statusCode).toBe(200);
    const page = textOf(res);
    for (const text of [v.documentNumber, 'CURRENT', v.sha256, '公共科技创新平台补助', '太原市人才工作领导小组办公室', '第1版', '样本'])
      expect(page).toContain(text);
    expect(String(res.headers?.['content-security-policy'])).toContain("default-src 'none'");
    expect(page).not.toMatch(/<(link|img)[^>]+(src|href)="https?:/);
  });

  it('marks a superseded version and points to the current one', async () => {
    const docs = jsonOf(await staff({ method: 'GET', path: '/cases/TY-API-0001/documents' })) as {
      versions: { docId: string; status: string; version: number }[];
    };
    const old = docs.versions.find((v) => v.status === 'SUPERSEDED')!;
    const current = docs.versions.find((v) => v.status === 'CURRENT')!;
    const page = textOf(await fx.call(gatewayEvent({ method: 'GET', path: `/v/${old.docId}` })));
    expect(page).toContain('SUPERSEDED');
    expect(page).toContain(`/v/${current.docId}`);
    expect(page).toContain('张*明');
    expect(page).not.toContain('张晓明');
    expect(page).not.toContain(ID_NUMBER);
  });

  it('answers 404 with a Chinese page for an unknown document id', async () => {
    const res = await fx.call(gatewayEvent({ method: 'GET', path: '/v/NOSUCHDOC0000000000000000' }));
    expect(res.statusCode).toBe(404);
    expect(textOf(res)).toContain('未找到该文件');
  });

  it('checks uploaded bytes exactly: JSON sha256, a raw PDF and a multipart form', async () => {
    const docId = await currentDocId('TY-API-0002');
    const location = String((await staff({ method: 'GET', path: '/cases/TY-API-0002/documents/1/download' })).headers?.location);
    const pdf = Buffer.from(await (await fetch(location)).arrayBuffer());
    const sha = createHash('sha256').update(pdf).digest('hex');

    const byHash = await fx.call(
      gatewayEvent({
        method: 'POST',
        path: `/v/${docId}`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sha256: sha.toUpperCase() }),
      }),
    );
    expect(jsonOf(byHash)).toMatchObject({ match: true, status: 'CURRENT', version: 1 });

    const altered = Buffer.concat([pdf, Buffer.from('\n')]);
    const raw = await fx.call(gatewayEvent({ method: 'POST', path: `/v/${docId}`, headers: { 'content-type': 'application/pdf' }, body: altered }));
    expect(jsonOf(raw)).toMatchObject({ match: false });

    const boundary = 'XyZ123';
    const form = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="通知.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      pdf,
      Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="sha256"\r\n\r\n\r\n--${boundary}--\r\n`),
    ]);
    const page = await fx.call(
      gatewayEvent({ method: 'POST', path: `/v/${docId}`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: form }),
    );
    expect(page.statusCode).toBe(200);
    expect(textOf(page)).toContain('是登记的原件：第1版，现行有效');

    const bad = await fx.call(gatewayEvent({ method: 'POST', path: `/v/${docId}`, headers: { 'content-type': 'application/json' }, body: '{"sha256":"abc"}' }));
    expect(bad.statusCode).toBe(400);
    expect(String(jsonOf(bad).message)).toContain('sha256');
  });

  it('refuses an upload above the limit with 413', async () => {
    const docId = await currentDocId('TY-API-0002');
    const res = await fx.call(
      gatewayEvent({ method: 'POST', path: `/v/${docId}`, headers: { 'content-type': 'application/pdf' }, body: Buffer.alloc(5 * 1024 * 1024) }),
    );
    expect(res.statusCode).toBe(413);
  });
});

describe('routing and logs', () => {
  it('answers 404 for an unknown route and 405 with Allow for a wrong method', async () => {
    expect((await fx.call(gatewayEvent({ method: 'GET', path: '/nothing' }))).statusCode).toBe(404);
    const wrong = await fx.call(gatewayEvent({ method: 'DELETE', path: '/cases/TY-API-0001/regenerate' }));
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers?.allow).toBe('POST');
  });

  it('never logs a full ID number', () => {
    const logged = JSON.stringify(fx.logLines);
    expect(fx.logLines.length).toBeGreaterThan(0);
    expect(logged).not.toContain(ID_NUMBER);
  });
});
