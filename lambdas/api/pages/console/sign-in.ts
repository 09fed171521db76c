// Sign-in with the configured OpenID Connect provider: authorization code + PKCE (no client
// secret in the page), the ID token kept in sessionStorage; sign-out ends the provider's session
// too where it offers RP-Initiated Logout.
import { TOKEN, signOutLocally, token } from './api.js';
import { config } from './dom.js';
import type { Problem } from './problems.js';

const PKCE = 'notice.staff.pkce';

function b64url(bytes: Uint8Array): string {
  let s = '';
  bytes.forEach((b) => {
    s += String.fromCharCode(b);
  });
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function randomText(): string {
  return b64url(crypto.getRandomValues(new Uint8Array(32)));
}
function withQuery(url: string, q: URLSearchParams): string {
  return url + (url.indexOf('?') < 0 ? '?' : '&') + q.toString();
}

export function startSignIn(): void {
  const oidc = config.oidc!;
  const verifier = randomText(),
    state = randomText();
  crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)).then((d) => {
    sessionStorage.setItem(PKCE, JSON.stringify({ verifier, state }));
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: oidc.clientId,
      redirect_uri: config.redirectUri,
      scope: oidc.scopes,
      state,
      code_challenge: b64url(new Uint8Array(d)),
      code_challenge_method: 'S256',
    });
    location.assign(withQuery(oidc.authorizationEndpoint, q));
  });
}

/** Back from the provider with ?code&state (or ?error): exchange the code (PKCE) for tokens. */
export function finishSignIn(params: URLSearchParams): Promise<void> {
  const oidc = config.oidc!;
  const saved = JSON.parse(sessionStorage.getItem(PKCE) || 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem(PKCE);
  history.replaceState(null, '', location.pathname);
  if (params.get('error')) {
    const said = '登录服务返回：' + params.get('error') + ' ' + (params.get('error_description') || '');
    return Promise.reject({ code: 'SIGNIN_FAILED', message: said, messageZh: '未能登录，' + said } satisfies Problem);
  }
  if (!saved || saved.state !== params.get('state')) return Promise.reject({ code: 'SIGNIN_STATE', message: '登录状态不符，请重新登录' } satisfies Problem);
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: oidc.clientId,
    code: params.get('code') ?? '',
    redirect_uri: config.redirectUri,
    code_verifier: saved.verifier,
  });
  return fetch(oidc.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  })
    .then((r) => {
      if (!r.ok) throw { code: 'SIGNIN_FAILED', message: '登录服务拒绝了授权码（' + r.status + '）' } satisfies Problem;
      return r.json() as Promise<{ id_token?: string }>;
    })
    .then((tokens) => {
      if (!tokens.id_token) throw { code: 'SIGNIN_FAILED', message: '登录服务没有返回 ID 令牌（请检查 scope 是否含 openid）' } satisfies Problem;
      // The ID token: its audience is this client, and it carries the e-mail and groups the API reads.
      sessionStorage.setItem(TOKEN, tokens.id_token);
    });
}

/** Signs out; `show` redraws the page when there is no provider session to end. */
export function signOut(show: () => void): void {
  const idToken = token();
  signOutLocally();
  if (config.oidc && config.oidc.endSessionEndpoint && idToken) {
    // OpenID Connect RP-Initiated Logout: end the provider's session too, then come back here.
    const q = new URLSearchParams({ client_id: config.oidc.clientId, id_token_hint: idToken, post_logout_redirect_uri: config.redirectUri });
    location.assign(withQuery(config.oidc.endSessionEndpoint, q));
  } else {
    show();
  }
}
