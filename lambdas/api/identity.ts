// Who is calling, from the JWT claims that API Gateway's authorizer verified (or the local
// adapter, from a development token). The handler trusts the request context: it is only filled
// after the signature, issuer, audience and expiry were checked in front of it.
import { ApiError } from './http.js';

export interface Identity {
  sub: string;
  /** What version records name as the requester: e-mail, else user name, else sub. */
  name: string;
  groups: string[];
}

/**
 * `cognito:groups` arrives as a real array from the local adapter, but API Gateway's HTTP API
 * flattens array claims into a string such as `[staff admin]`; JSON arrays are read too.
 */
export function claimGroups(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  if (typeof value !== 'string') return [];
  const text = value.trim();
  if (text.startsWith('[') && text.includes('"')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.filter((g): g is string => typeof g === 'string');
    } catch {
      // not JSON: read as API Gateway's bracketed list below
    }
  }
  return text
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

function claim(claims: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function identityOf(claims: Readonly<Record<string, unknown>> | undefined): Identity | undefined {
  if (!claims) return undefined;
  const sub = claim(claims, 'sub');
  if (!sub) return undefined;
  const name = claim(claims, 'email') ?? claim(claims, 'cognito:username') ?? claim(claims, 'username') ?? sub;
  return { sub, name: name.slice(0, 200), groups: claimGroups(claims['cognito:groups']) };
}

/** 401 without an identity, 403 without the staff group. */
export function requireStaff(claims: Readonly<Record<string, unknown>> | undefined, staffGroup: string): Identity {
  const identity = identityOf(claims);
  if (!identity) throw new ApiError(401, 'UNAUTHENTICATED', 'sign in first: this route needs a staff identity (a Bearer token)');
  if (!identity.groups.includes(staffGroup)) {
    throw new ApiError(403, 'FORBIDDEN', `${identity.name} is not in the “${staffGroup}” group; ask an administrator to add you`);
  }
  return identity;
}
