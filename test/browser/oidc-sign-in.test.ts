// The console's sign-in in real chromium against a local OpenID Connect provider (test/support/
// oidc-provider.ts): endpoints from its discovery document, the authorization-code flow with PKCE
// (the provider checks the verifier against the challenge), the ID token checked by the local JWT
// authorizer as API Gateway would, and RP-initiated logout. No provider-specific paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi } from '../../local/http.js';
import type { LocalApi } from '../../local/http.js';
import { apiFixture } from '../api/fixture.js';
import { startOidcProvider } from '../support/oidc-provider.js';
import type { OidcProvider } from '../support/oidc-provider.js';
import { launchChromium } from './chromium.js';
import type { Browser } from './chromium.js';

const CLIENT_ID = 'notice-console';
const fx = await apiFixture();

let idp: OidcProvider;
let api: LocalApi;
let browser: Browser;

beforeAll(async () => {
  idp = await startOidcProvider({ clientId: CLIENT_ID, person: { sub: 'u-7', email: 'clerk@taiyuan.example.gov.cn', groups: ['staff'] } });
  api = await startLocalApi({
    env: { ...fx.env, NOTICE_OIDC_ISSUER: idp.issuer, NOTICE_OIDC_CLIENT_ID: CLIENT_ID, NOTICE_STAFF_GROUPS_CLAIM: 'groups' },
    port: 0,
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await idp?.stop();
});

describe('signing in to the staff console through an OpenID Connect provider', () => {
  it('sends the clerk to the provider with PKCE, exchanges the code for tokens and calls the API with the ID token', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${api.url}/staff`);
    expect(await page.locator('#dev-token').count()).toBe(0); // no token pasting when a provider is configured
    await page.click('#signin-oidc');
    await expect.poll(() => page.locator('#who').textContent(), { timeout: 15_000 }).toBe('clerk@taiyuan.example.gov.cn');

    const authorize = idp.seen.authorize!;
    expect(Object.fromEntries(authorize)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: `${api.url}/staff`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    expect(authorize.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(idp.seen.pkceVerified).toBe(true);
    expect(idp.seen.token?.get('grant_type')).toBe('authorization_code');
    expect(new URL(page.url()).search).toBe(''); // the code does not stay in the address bar
  });

  it('signs out at the provider’s end-session endpoint and comes back to the sign-in card', async () => {
    const page = browser.context.pages().at(-1)!;
    await page.click('#signout');
    await page.locator('#signin').waitFor({ state: 'visible' });
    expect(idp.seen.logout?.get('post_logout_redirect_uri')).toBe(`${api.url}/staff`);
    expect(idp.seen.logout?.get('client_id')).toBe(CLIENT_ID);
    expect(await page.evaluate<string | null>("sessionStorage.getItem('notice.staff.token')")).toBeNull();
  });

  it('shows the provider’s refusal instead of signing in', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${api.url}/staff?error=access_denied&error_description=user+cancelled`);
    await expect.poll(() => page.locator('#message').textContent()).toContain('access_denied');
    expect(await page.locator('#signin').isVisible()).toBe(true);
  });
});
