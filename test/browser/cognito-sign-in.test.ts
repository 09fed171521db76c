// The console's sign-in against a Cognito-shaped hosted UI, offline: a small stand-in serves
// /oauth2/authorize, /oauth2/token (checking the PKCE verifier against the challenge) and
// /logout, and hands out the local development token as the ID token, which the local adapter
// accepts as API Gateway's JWT authorizer would accept Cognito's.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi } from '../../lambdas/local/http.js';
import type { LocalApi } from '../../lambdas/local/http.js';
import { apiFixture } from '../api/fixture.js';
import { launchChromium } from './chromium.js';
import type { Browser } from './chromium.js';

const CLIENT_ID = 'consoleclient123';
const fx = await apiFixture();

interface HostedUi {
  url: string;
  /** What the stand-in saw, for the assertions. */
  seen: { authorize?: URLSearchParams; token?: URLSearchParams; pkceVerified?: boolean; logout?: URLSearchParams };
  stop(): Promise<void>;
}

async function startHostedUi(idToken: () => string): Promise<HostedUi> {
  const seen: HostedUi['seen'] = {};
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === '/oauth2/authorize') {
      seen.authorize = url.searchParams;
      const code = `code-${codes.size + 1}`;
      codes.set(code, { challenge: url.searchParams.get('code_challenge') ?? '', redirectUri: url.searchParams.get('redirect_uri') ?? '' });
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (req.method === 'POST' && url.pathname === '/oauth2/token') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        seen.token = form;
        const issued = codes.get(form.get('code') ?? '');
        const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
        seen.pkceVerified = issued?.challenge === challenge && issued.redirectUri === form.get('redirect_uri') && form.get('client_id') === CLIENT_ID;
        const headers = { 'content-type': 'application/json', 'access-control-allow-origin': '*' };
        if (!seen.pkceVerified) return res.writeHead(400, headers).end('{"error":"invalid_grant"}');
        res.writeHead(200, headers).end(JSON.stringify({ id_token: idToken(), access_token: 'unused', token_type: 'Bearer', expires_in: 3600 }));
      });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/logout') {
      seen.logout = url.searchParams;
      res.writeHead(302, { location: url.searchParams.get('logout_uri') ?? '/' }).end();
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

let hostedUi: HostedUi;
let api: LocalApi;
let browser: Browser;

beforeAll(async () => {
  hostedUi = await startHostedUi(() => api.devToken);
  api = await startLocalApi({ env: { ...fx.env, NOTICE_COGNITO_DOMAIN: hostedUi.url, NOTICE_COGNITO_CLIENT_ID: CLIENT_ID }, port: 0 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await hostedUi?.stop();
});

describe('signing in to the staff console through the hosted UI', () => {
  it('sends the clerk to the hosted UI with PKCE, exchanges the code for tokens and calls the API with the ID token', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${api.url}/staff`);
    expect(await page.locator('#dev-token').count()).toBe(0); // no token pasting when Cognito is configured
    await page.click('#signin-cognito');
    await expect.poll(() => page.locator('#who').textContent(), { timeout: 15_000 }).toBe('developer@local.test');

    const authorize = hostedUi.seen.authorize!;
    expect(Object.fromEntries(authorize)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: `${api.url}/staff`,
      code_challenge_method: 'S256',
    });
    expect(authorize.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(hostedUi.seen.pkceVerified).toBe(true);
    expect(hostedUi.seen.token?.get('grant_type')).toBe('authorization_code');
    expect(new URL(page.url()).search).toBe(''); // the code does not stay in the address bar
  });

  it('signs out through the hosted UI’s logout and comes back to the sign-in card', async () => {
    const page = browser.context.pages().at(-1)!;
    await page.click('#signout');
    await page.locator('#signin').waitFor({ state: 'visible' });
    expect(hostedUi.seen.logout?.get('logout_uri')).toBe(`${api.url}/staff`);
    expect(await page.evaluate<string | null>("sessionStorage.getItem('notice.staff.token')")).toBeNull();
  });
});
