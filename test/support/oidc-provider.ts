// A local OpenID Connect provider for tests: RSA keys generated here with node:crypto, a
// discovery document and key set on 127.0.0.1, the authorization-code flow with PKCE (S256) that
// signs in one configured person without a login form, ID tokens signed RS256, RP-initiated
// logout, and key rotation. Shaped like any standard provider (Keycloak, an agency SSO), with no
// Cognito-specific paths.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface OidcProvider {
  issuer: string;
  clientId: string;
  /** The key new tokens are signed with. */
  current: SigningKey;
  /** Claims of the person the authorization endpoint signs in (sub, email, groups, …). */
  person: Record<string, unknown>;
  /** What the provider saw, for assertions. */
  seen: { authorize?: URLSearchParams; token?: URLSearchParams; pkceVerified?: boolean; logout?: URLSearchParams; jwksReads: number };
  /** A signed JWT; claims default to a valid ID token for the person, for this client, valid 1 h. */
  token(claims?: Record<string, unknown>, key?: SigningKey): string;
  /** Makes a new current key. `keepOld` keeps publishing the previous one (a grace period). */
  rotate(options: { keepOld: boolean }): SigningKey;
  stop(): Promise<void>;
}

function newKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: randomBytes(8).toString('hex'), privateKey, publicKey };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signJwt(claims: Record<string, unknown>, key: SigningKey, alg = 'RS256'): string {
  const head = `${b64({ alg, typ: 'JWT', kid: key.kid })}.${b64(claims)}`;
  return `${head}.${sign('RSA-SHA256', Buffer.from(head), key.privateKey).toString('base64url')}`;
}

function readForm(req: NodeJS.ReadableStream): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

export async function startOidcProvider(options: { clientId: string; person: Record<string, unknown>; path?: string }): Promise<OidcProvider> {
  let published: SigningKey[] = [newKey()];
  const codes = new Map<string, { challenge: string; redirectUri: string; nonce: string | null }>();
  const seen: OidcProvider['seen'] = { jwksReads: 0 };
  const cors = { 'access-control-allow-origin': '*' };
  let issuer = '';

  const provider: OidcProvider = {
    issuer: '',
    clientId: options.clientId,
    current: published[0]!,
    person: options.person,
    seen,
    token(claims = {}, key = provider.current) {
      const now = Math.floor(Date.now() / 1000);
      return signJwt({ iss: issuer, aud: options.clientId, iat: now, exp: now + 3600, ...provider.person, ...claims }, key);
    },
    rotate({ keepOld }) {
      const next = newKey();
      published = keepOld ? [next, ...published] : [next];
      provider.current = next;
      return next;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', issuer);
      const path = url.pathname.slice(new URL(issuer).pathname.replace(/\/$/, '').length);
      const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json', ...cors }).end(JSON.stringify(body));
      if (req.method === 'GET' && path === '/.well-known/openid-configuration') {
        return json(200, {
          issuer,
          authorization_endpoint: `${issuer}/protocol/openid-connect/auth`,
          token_endpoint: `${issuer}/protocol/openid-connect/token`,
          end_session_endpoint: `${issuer}/protocol/openid-connect/logout`,
          jwks_uri: `${issuer}/protocol/openid-connect/certs`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
        });
      }
      if (req.method === 'GET' && path === '/protocol/openid-connect/certs') {
        seen.jwksReads += 1;
        return json(200, { keys: published.map((k) => ({ ...k.publicKey.export({ format: 'jwk' }), kid: k.kid, use: 'sig', alg: 'RS256' })) });
      }
      if (req.method === 'GET' && path === '/protocol/openid-connect/auth') {
        seen.authorize = url.searchParams;
        const code = randomBytes(12).toString('hex');
        codes.set(code, {
          challenge: url.searchParams.get('code_challenge') ?? '',
          redirectUri: url.searchParams.get('redirect_uri') ?? '',
          nonce: url.searchParams.get('nonce'),
        });
        const back = new URL(url.searchParams.get('redirect_uri') ?? '');
        back.searchParams.set('code', code);
        back.searchParams.set('state', url.searchParams.get('state') ?? '');
        return res.writeHead(302, { location: back.toString() }).end();
      }
      if (req.method === 'POST' && path === '/protocol/openid-connect/token') {
        const form = await readForm(req);
        seen.token = form;
        const issued = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const challenge = createHash('sha256')
          .update(form.get('code_verifier') ?? '')
          .digest('base64url');
        seen.pkceVerified = issued?.challenge === challenge && issued.redirectUri === form.get('redirect_uri') && form.get('client_id') === options.clientId;
        if (!seen.pkceVerified) return json(400, { error: 'invalid_grant' });
        return json(200, { id_token: provider.token(), access_token: provider.token({ aud: 'account' }), token_type: 'Bearer', expires_in: 3600 });
      }
      if (req.method === 'GET' && path === '/protocol/openid-connect/logout') {
        seen.logout = url.searchParams;
        return res.writeHead(302, { location: url.searchParams.get('post_logout_redirect_uri') ?? '/' }).end();
      }
      res.writeHead(404, cors).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  issuer = `http://127.0.0.1:${port}${options.path ?? '/realms/notice'}`;
  provider.issuer = issuer;
  return provider;
}
