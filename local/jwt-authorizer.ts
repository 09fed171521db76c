// API Gateway's HTTP API JWT authorizer, played locally for `npm start` and tests with a real
// OpenID Connect provider (or a stand-in of one). It follows the checks AWS documents for JWT
// authorizers (docs/operations.md “Staff sign-in”): the key from the issuer's jwks_uri named by
// the token's `kid`, RSA signatures only, `iss` equal to the configured issuer, `aud` (or, when
// there is no `aud`, `client_id`) one of the configured audiences, `exp` in the future, `nbf` and
// `iat` in the past. Keys are cached for up to two hours, as API Gateway may; a token naming a kid
// not in the cache makes it read the key set again, which is how a provider's key rotation is
// picked up. Then the claims are handed on as API Gateway hands them to the integration.
import { createPublicKey, verify } from 'node:crypto';
import type { JsonWebKey, KeyObject } from 'node:crypto';
import * as z from 'zod';
import { discoveryUrl } from '../lambdas/api/oidc-discovery.js';

/** RSA-based algorithms only, as API Gateway's JWT authorizer accepts. */
const ALGORITHMS: Record<string, string> = { RS256: 'RSA-SHA256', RS384: 'RSA-SHA384', RS512: 'RSA-SHA512' };
const KEY_CACHE_MS = 2 * 3600 * 1000;

const Header = z.object({ alg: z.string(), kid: z.string() });
const Jwks = z.object({ keys: z.array(z.looseObject({ kty: z.string(), kid: z.string().optional(), use: z.string().optional() })) });
const Discovery = z.object({ issuer: z.string(), jwks_uri: z.url() });

export interface JwtAuthorizerOptions {
  issuer: string;
  /** The accepted audiences (client ids). */
  audience: readonly string[];
  fetch?: typeof fetch;
  now?: () => Date;
}

/**
 * Claims as API Gateway passes them in `requestContext.authorizer.jwt.claims`: every value a
 * string; an array as its elements joined by single spaces inside brackets (`[a b]`). Objects
 * inside claims are given as JSON text here; this API reads no nested claim.
 */
export function gatewayClaims(claims: Readonly<Record<string, unknown>>): Record<string, string> {
  const text = (value: unknown): string =>
    Array.isArray(value) ? `[${value.map(text).join(' ')}]` : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) if (value !== undefined) out[name] = text(value);
  return out;
}

function decodePart(part: string | undefined): unknown {
  if (!part) return undefined;
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export class JwtAuthorizer {
  private keys = new Map<string, { key: KeyObject; until: number }>();
  private readonly fetch: typeof fetch;
  private readonly now: () => Date;

  constructor(private readonly options: JwtAuthorizerOptions) {
    this.fetch = options.fetch ?? fetch;
    this.now = options.now ?? (() => new Date());
  }

  /** The token's claims as API Gateway would pass them, or undefined when API Gateway would answer 401. */
  async claims(token: string): Promise<Record<string, string> | undefined> {
    const payload = await this.verified(token);
    return payload ? gatewayClaims(payload) : undefined;
  }

  private async verified(token: string): Promise<Record<string, unknown> | undefined> {
    const [headerPart, payloadPart, signaturePart, ...rest] = token.split('.');
    if (rest.length > 0 || signaturePart === undefined) return undefined;
    const header = Header.safeParse(decodePart(headerPart));
    if (!header.success) return undefined;
    const algorithm = ALGORITHMS[header.data.alg];
    if (!algorithm) return undefined;
    const key = await this.key(header.data.kid);
    if (!key) return undefined;
    if (!verify(algorithm, Buffer.from(`${headerPart}.${payloadPart}`), key, Buffer.from(signaturePart, 'base64url'))) return undefined;
    const payload = decodePart(payloadPart);
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
    const claims = payload as Record<string, unknown>;
    return this.claimsHold(claims) ? claims : undefined;
  }

  private claimsHold(claims: Record<string, unknown>): boolean {
    const now = this.now().getTime() / 1000;
    if (claims.iss !== this.options.issuer) return false;
    const audiences = claims.aud !== undefined ? [claims.aud].flat() : [claims.client_id];
    if (!audiences.some((a) => typeof a === 'string' && this.options.audience.includes(a))) return false;
    if (typeof claims.exp !== 'number' || claims.exp <= now) return false;
    for (const name of ['nbf', 'iat'] as const) {
      const value = claims[name];
      if (value !== undefined && (typeof value !== 'number' || value > now)) return false;
    }
    return true;
  }

  private async key(kid: string): Promise<KeyObject | undefined> {
    const cached = this.keys.get(kid);
    if (cached && cached.until > this.now().getTime()) return cached.key;
    // An unreachable or broken key set authorizes nothing: the request is refused, as on AWS.
    await this.readKeySet().catch(() => undefined);
    return this.keys.get(kid)?.key;
  }

  private async readKeySet(): Promise<void> {
    const discovery = Discovery.parse(await (await this.fetch(discoveryUrl(this.options.issuer))).json());
    const jwks = Jwks.parse(await (await this.fetch(discovery.jwks_uri)).json());
    const until = this.now().getTime() + KEY_CACHE_MS;
    for (const jwk of jwks.keys) {
      if (jwk.kty !== 'RSA' || !jwk.kid || (jwk.use !== undefined && jwk.use !== 'sig')) continue;
      try {
        this.keys.set(jwk.kid, { key: createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }), until });
      } catch {
        // a malformed key verifies nothing; the others still count
      }
    }
  }
}
