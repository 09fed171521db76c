// Staff sign-in through any OpenID Connect provider, offline: a local provider (test/support/
// oidc-provider.ts, keys made in the test) stands in for an agency SSO, Keycloak or Cognito. The
// console's endpoints come from its discovery document; the local JWT authorizer checks tokens as
// API Gateway does (key by kid, RSA only, issuer, audience, expiry) and hands the claims on in
// API Gateway's shape — including after the provider rotates its keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedDiscovery, discoverEndpoints } from '../../lambdas/api/oidc-discovery.js';
import { startLocalApi } from '../../local/http.js';
import type { LocalApi } from '../../local/http.js';
import { JwtAuthorizer, gatewayClaims } from '../../local/jwt-authorizer.js';
import { signJwt, startOidcProvider } from '../support/oidc-provider.js';
import type { OidcProvider } from '../support/oidc-provider.js';
import { apiFixture } from './fixture.js';

const CLIENT_ID = 'notice-console';
const PERSON = { sub: 'u-1', email: 'clerk@example.gov.cn', groups: ['readers', 'staff'] };
let idp: OidcProvider;
let api: LocalApi;
const fx = await apiFixture();

beforeAll(async () => {
  idp = await startOidcProvider({ clientId: CLIENT_ID, person: PERSON });
  api = await startLocalApi({
    env: { ...fx.env, NOTICE_OIDC_ISSUER: idp.issuer, NOTICE_OIDC_CLIENT_ID: CLIENT_ID, NOTICE_STAFF_GROUPS_CLAIM: 'groups' },
    port: 0,
  });
});

afterAll(async () => {
  await api?.stop();
  await idp?.stop();
});

const authorizer = () => new JwtAuthorizer({ issuer: idp.issuer, audience: [CLIENT_ID] });
const me = (token: string) => fetch(`${api.url}/me`, { headers: { authorization: `Bearer ${token}` } });

describe('the discovery document', () => {
  it('gives the console the provider’s authorization, token and end-session endpoints', async () => {
    expect(await discoverEndpoints({ issuer: idp.issuer, clientId: CLIENT_ID, scopes: 'openid' })).toEqual({
      authorization: `${idp.issuer}/protocol/openid-connect/auth`,
      token: `${idp.issuer}/protocol/openid-connect/token`,
      endSession: `${idp.issuer}/protocol/openid-connect/logout`,
    });
  });

  it('is refused when it names another issuer, and says which', async () => {
    await expect(discoverEndpoints({ issuer: `${idp.issuer}/`, clientId: CLIENT_ID, scopes: 'openid' })).rejects.toThrow(
      /names the issuer http:\S+\/realms\/notice, not http:\S+\/realms\/notice\/; set NOTICE_OIDC_ISSUER/,
    );
  });

  it('is retried after a failure, then remembered', async () => {
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      calls += 1;
      if (calls === 1) throw new Error('connect ECONNREFUSED');
      return fetch(input, init);
    };
    const endpoints = cachedDiscovery({ issuer: idp.issuer, clientId: CLIENT_ID, scopes: 'openid' }, flaky);
    await expect(endpoints()).rejects.toMatchObject({ code: 'SIGNIN_UNAVAILABLE', message: expect.stringMatching(/ECONNREFUSED.*NOTICE_OIDC_ISSUER/) });
    await endpoints();
    await endpoints();
    expect(calls).toBe(2);
  });
});

describe('the JWT authorizer, as API Gateway checks a token', () => {
  it('passes a valid ID token’s claims as strings, the array claim as `[a b]`', async () => {
    const claims = await authorizer().claims(idp.token());
    expect(claims).toMatchObject({ sub: 'u-1', email: 'clerk@example.gov.cn', groups: '[readers staff]', aud: CLIENT_ID, iss: idp.issuer });
    expect(claims?.exp).toMatch(/^\d+$/);
  });

  it('refuses a token for another audience, from another issuer, expired, not yet valid, or tampered with', async () => {
    const now = Math.floor(Date.now() / 1000);
    const refused = [
      idp.token({ aud: 'another-client' }),
      idp.token({ aud: ['account', 'another-client'] }),
      idp.token({ iss: 'https://sso.example.com/realms/other' }),
      idp.token({ exp: now - 1 }),
      idp.token({ nbf: now + 600 }),
      idp.token({ iat: now + 600 }),
      idp.token({ exp: undefined }),
      idp
        .token()
        .replace(
          /\.[^.]+\./,
          `.${Buffer.from(JSON.stringify({ ...PERSON, groups: ['staff'], iss: idp.issuer, aud: CLIENT_ID, exp: now + 60 })).toString('base64url')}.`,
        ),
      `${Buffer.from('{"alg":"none","kid":"x"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: idp.issuer, aud: CLIENT_ID, exp: now + 60, sub: 'x' })).toString('base64url')}.`,
      'not-a-jwt',
    ];
    const check = authorizer();
    for (const [i, token] of refused.entries()) expect(await check.claims(token), `token ${i}`).toBeUndefined();
  });

  it('reads client_id as the audience only when the token has no aud', async () => {
    expect(await authorizer().claims(idp.token({ aud: undefined, client_id: CLIENT_ID }))).toBeDefined();
    expect(await authorizer().claims(idp.token({ aud: 'other', client_id: CLIENT_ID }))).toBeUndefined();
    expect(await authorizer().claims(idp.token({ aud: ['account', CLIENT_ID] }))).toBeDefined();
  });

  it('follows a key rotation: a token signed with the new key is read after one more read of the key set', async () => {
    const check = authorizer();
    const before = idp.token();
    expect(await check.claims(before)).toBeDefined();
    const reads = idp.seen.jwksReads;
    const oldKey = idp.current;
    idp.rotate({ keepOld: true });
    expect(await check.claims(idp.token())).toBeDefined();
    expect(idp.seen.jwksReads).toBe(reads + 1);
    // During the grace period both keys verify, for a cold authorizer too.
    expect(await authorizer().claims(idp.token({}, oldKey))).toBeDefined();
    // Once the old key is withdrawn, an authorizer that reads the key set refuses its tokens.
    idp.rotate({ keepOld: false });
    expect(await authorizer().claims(idp.token({}, oldKey))).toBeUndefined();
    expect(await authorizer().claims(signJwt({ ...PERSON, iss: idp.issuer, aud: CLIENT_ID, exp: Math.floor(Date.now() / 1000) + 60 }, oldKey))).toBeUndefined();
  });
});

describe('the API behind the local authorizer', () => {
  it('serves a staff member whose groups come from the configured claim', async () => {
    const res = await me(idp.token());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'clerk@example.gov.cn', groups: ['readers', 'staff'] });
  });

  it('answers 403 to a single group whose name merely contains staff, and 401 to a wrong audience', async () => {
    expect((await me(idp.token({ groups: ['viewer,staff'] }))).status).toBe(403);
    expect((await me(idp.token({ groups: ['"staff"'] }))).status).toBe(403);
    expect((await me(idp.token({ groups: 'staff' }))).status).toBe(200);
    expect((await me(idp.token({ aud: 'someone-else' }))).status).toBe(401);
  });

  it('gives the console page the provider’s endpoints and lets the browser call only its token endpoint', async () => {
    const res = await fetch(`${api.url}/staff`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain(`connect-src 'self' ${new URL(idp.issuer).origin}`);
    const page = await res.text();
    expect(page).toContain(`${idp.issuer}/protocol/openid-connect/auth`);
    expect(page).toContain('id="signin-oidc"');
    expect(page).not.toContain('id="dev-token"');
  });
});

describe('API Gateway’s claim shape', () => {
  it('flattens arrays to `[a b]` and everything else to strings', () => {
    expect(gatewayClaims({ a: ['x', 'y'], b: [], n: 5, t: true, s: 'plain', gone: undefined })).toEqual({ a: '[x y]', b: '[]', n: '5', t: 'true', s: 'plain' });
  });
});
