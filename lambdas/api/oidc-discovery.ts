// Staff sign-in against any OpenID Connect provider: the console is told the issuer's
// authorization, token and (if it has one) end-session endpoints, read from the issuer's
// discovery document — no provider-specific URLs. The document is fetched here, once per
// process, rather than in the browser, so the page's CSP can name the one token endpoint the
// browser may call, and a wrong issuer shows up in the API's log instead of a blank console.
import * as z from 'zod';
import { NoticeError } from '../errors.js';
import { describeIssues } from '../zod-issues.js';

export interface OidcClient {
  /** Exactly as the tokens' `iss` claim spells it (and as the API's JWT authorizer is configured). */
  issuer: string;
  clientId: string;
  /** Space-separated, starting with openid. */
  scopes: string;
}

export interface OidcEndpoints {
  authorization: string;
  token: string;
  /** RP-initiated logout; some providers (Cognito among them) publish none. */
  endSession?: string;
}

export class SignInUnavailableError extends NoticeError {
  readonly code = 'SIGNIN_UNAVAILABLE';
}

const Endpoint = z.url({ protocol: /^https?$/ });

/** The fields of OpenID Connect Discovery 1.0 §3 the console uses. */
const DiscoveryDocument = z.object({
  issuer: z.string(),
  authorization_endpoint: Endpoint,
  token_endpoint: Endpoint,
  end_session_endpoint: Endpoint.optional(),
  code_challenge_methods_supported: z.array(z.string()).optional(),
});

export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

const FETCH_TIMEOUT_MS = 5000;

/** Fetches and checks the issuer's discovery document. Throws SignInUnavailableError saying what is wrong. */
export async function discoverEndpoints(client: OidcClient, fetchImpl: typeof fetch = fetch): Promise<OidcEndpoints> {
  const url = discoveryUrl(client.issuer);
  let body: unknown;
  try {
    const response = await fetchImpl(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    body = await response.json();
  } catch (error) {
    throw new SignInUnavailableError(
      `the sign-in provider's discovery document ${url} could not be read (${error instanceof Error ? error.message : String(error)}); check NOTICE_OIDC_ISSUER and that the provider is reachable`,
    );
  }
  const parsed = DiscoveryDocument.safeParse(body);
  if (!parsed.success) throw new SignInUnavailableError(`${url} is not an OpenID Connect discovery document: ${describeIssues(parsed.error.issues)}`);
  const doc = parsed.data;
  // Discovery §4.3: the issuer in the document must be the one asked for, or tokens will not match either.
  if (doc.issuer !== client.issuer)
    throw new SignInUnavailableError(`${url} names the issuer ${doc.issuer}, not ${client.issuer}; set NOTICE_OIDC_ISSUER to exactly the provider's issuer`);
  const methods = doc.code_challenge_methods_supported;
  if (methods && !methods.includes('S256'))
    throw new SignInUnavailableError(`the provider at ${client.issuer} does not offer PKCE with S256, which the console needs`);
  return {
    authorization: doc.authorization_endpoint,
    token: doc.token_endpoint,
    ...(doc.end_session_endpoint ? { endSession: doc.end_session_endpoint } : {}),
  };
}

/** discoverEndpoints, remembered for the life of the process once it succeeds (a failure is retried on the next call). */
export function cachedDiscovery(client: OidcClient, fetchImpl: typeof fetch = fetch): () => Promise<OidcEndpoints> {
  let found: Promise<OidcEndpoints> | undefined;
  return () => {
    found ??= discoverEndpoints(client, fetchImpl).catch((error: unknown) => {
      found = undefined;
      throw error;
    });
    return found;
  };
}
