// The same API through the local HTTP adapter, as `npm start` serves it: real HTTP, the
// development token in front of staff routes, bodies streamed in.
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../../lambdas/api/dev-token.js';
import { queueDepth } from '../../local/drain.js';
import { startLocalHttp } from '../../local/http.js';
import { apiFixture } from '../api/fixture.js';

const fx = await apiFixture();
await fx.issue('platform-subsidy', 'TY-HTTP-0001');
const devSecret = Buffer.from('dev-secret-dev-secret-dev-secret-dev-secret');
const server = await startLocalHttp({ handler: fx.call, devTokenSecret: devSecret });
afterAll(() => server.stop());

const inAnHour = Math.floor(Date.now() / 1000) + 3600;
const staffToken = signDevToken({ sub: 'dev', email: 'dev@example.test', 'cognito:groups': ['staff'], exp: inAnHour }, devSecret);
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

describe('the local HTTP adapter', () => {
  it('plays the JWT authorizer: 401 without a token or with a bad one, before the handler runs', async () => {
    for (const headers of [
      {},
      auth('nonsense'),
      auth(signDevToken({ sub: 'x', 'cognito:groups': ['staff'], exp: inAnHour }, Buffer.from('other-secret-other-secret-other-secret'))),
    ]) {
      const res = await fetch(`${server.url}/cases/TY-HTTP-0001/regenerate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ reason: '更正' }),
      });
      expect(res.status).toBe(401);
    }
    expect(await queueDepth(fx.clients.sqs, fx.apiConfig.renderQueueUrl)).toBe(0);
  });

  it('refuses a staff request without a token before its body arrives, and closes the connection rather than take the rest', async () => {
    // A 5 MB body is announced but only its first bytes are sent: the answer can only come before the body.
    const answer = await new Promise<{ status?: number; connection?: string; body: string }>((resolve, reject) => {
      const req = request(`${server.url}/cases/TY-HTTP-0001/regenerate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(5 * 1024 * 1024) },
      });
      req.on('error', reject);
      req.on('response', (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode, connection: res.headers.connection, body }));
      });
      req.write('{"reason": "');
    });
    expect(answer).toEqual({ status: 401, connection: 'close', body: '{"message":"Unauthorized"}' });
  });

  it('passes a valid token’s claims in API Gateway’s shape: a non-staff token is 403, a staff token is served', async () => {
    const reader = signDevToken({ sub: 'r', email: 'reader@example.test', 'cognito:groups': ['readers'], exp: inAnHour }, devSecret);
    expect((await fetch(`${server.url}/me`, { headers: auth(reader) })).status).toBe(403);
    const me = await fetch(`${server.url}/me`, { headers: auth(staffToken) });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ name: 'dev@example.test', groups: ['staff'] });
  });

  it('accepts a regeneration and lists the case’s versions', async () => {
    const res = await fetch(`${server.url}/cases/TY-HTTP-0001/regenerate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth(staffToken) },
      body: JSON.stringify({ reason: '更正单位名称' }),
    });
    expect(res.status).toBe(202);
    expect(await fx.runWorker()).toHaveLength(1);
    const docs = (await (await fetch(`${server.url}/cases/TY-HTTP-0001/documents`, { headers: auth(staffToken) })).json()) as {
      versions: { version: number }[];
    };
    expect(docs.versions.map((v) => v.version)).toEqual([2, 1]);
  });

  it('serves public pages without a token and follows a link’s download button to the PDF', async () => {
    const docs = (await (await fetch(`${server.url}/cases/TY-HTTP-0001/documents`, { headers: auth(staffToken) })).json()) as {
      versions: { docId: string; recipientLink: string | null }[];
    };
    const current = docs.versions[0]!;
    const page = await fetch(`${server.url}/v/${current.docId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('CURRENT');
    const link = new URL(current.recipientLink!);
    expect((await fetch(`${server.url}${link.pathname}${link.search}`)).headers.get('content-type')).toContain('text/html');
    const pdf = await fetch(`${server.url}${link.pathname}/file${link.search}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await fetch(`${server.url}/staff`)).headers.get('content-security-policy')).toContain('nonce-');
  });

  it('uploads a PDF as a multipart form and answers with the Chinese result page', async () => {
    const docs = (await (await fetch(`${server.url}/cases/TY-HTTP-0001/documents`, { headers: auth(staffToken) })).json()) as {
      versions: { docId: string; recipientLink: string }[];
    };
    const link = new URL(docs.versions[0]!.recipientLink);
    const pdf = await (await fetch(`${server.url}${link.pathname}/file${link.search}`)).arrayBuffer();
    const form = new FormData();
    form.set('file', new Blob([pdf], { type: 'application/pdf' }), '通知.pdf');
    const res = await fetch(`${server.url}/v/${docs.versions[0]!.docId}`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('是登记的原件：第2版，现行有效');
  });

  it('stops reading a body above the limit and answers 413', async () => {
    const res = await fetch(`${server.url}/v/ANY`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: new Uint8Array(6 * 1024 * 1024) });
    expect(res.status).toBe(413);
  });
});
