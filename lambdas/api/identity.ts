// Who is calling, from the JWT claims that API Gateway's authorizer verified (or the local
// adapter, from a development token or a token of a configured OpenID Connect issuer). The
// handler trusts the request context: it is only filled after the signature, issuer, audience
// and expiry were checked in front of it.
import { ApiError } from './http.js';

export interface Identity {
  sub: string;
  /** What version records name as the requester: e-mail, else a user name, else sub. */
  name: string;
  groups: string[];
}

/** Where Cognito puts a user's groups; other providers are configured (NOTICE_STAFF_GROUPS_CLAIM). */
export const DEFAULT_GROUPS_CLAIM = 'cognito:groups';

/**
 * The groups in a claim as API Gateway's HTTP API hands it to the integration. Every claim value
 * becomes a string there; an array becomes its elements joined by one space inside brackets
 * (`["a","b"]` → `[a b]`, `[]` → `[]`), with no quoting. So:
 *  - `[a b]` is read as the groups a and b: split on the spaces, nothing else. A group named
 *    `viewer,staff` arrives as `[viewer,staff]` and stays one group; one named `"staff"` arrives as
 *    `["staff"]` and stays `"staff"`. Neither is the group staff.
 *  - any other string is one group (a provider that puts a single group in a string claim).
 *  - a real array (the local adapter before flattening, or a test) is taken as it is.
 * A group name containing a space cannot be told apart from two groups, so the staff group's name
 * must not contain one (the deploy configuration refuses it).
 */
export function claimGroups(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string' && g !== '');
  if (typeof value !== 'string' || value === '') return [];
  if (value.length >= 2 && value.startsWith('[') && value.endsWith(']')) return value.slice(1, -1).split(' ').filter(Boolean);
  return [value];
}

function claim(claims: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The names providers give a person, in the order version records prefer them. */
const NAME_CLAIMS = ['email', 'preferred_username', 'cognito:username', 'username'] as const;

export function identityOf(claims: Readonly<Record<string, unknown>> | undefined, groupsClaim: string = DEFAULT_GROUPS_CLAIM): Identity | undefined {
  if (!claims) return undefined;
  const sub = claim(claims, 'sub');
  if (!sub) return undefined;
  const name = NAME_CLAIMS.map((n) => claim(claims, n)).find((v) => v !== undefined) ?? sub;
  return { sub, name: name.slice(0, 200), groups: claimGroups(claims[groupsClaim]) };
}

/** 401 without an identity, 403 without the staff group in the configured groups claim. */
export function requireStaff(claims: Readonly<Record<string, unknown>> | undefined, staffGroup: string, groupsClaim: string = DEFAULT_GROUPS_CLAIM): Identity {
  const identity = identityOf(claims, groupsClaim);
  if (!identity) throw new ApiError(401, 'UNAUTHENTICATED', 'sign in first: this route needs a staff identity (a Bearer token)');
  if (!identity.groups.includes(staffGroup)) {
    throw new ApiError(403, 'FORBIDDEN', `${identity.name} is not in the “${staffGroup}” group (claim ${groupsClaim}); ask an administrator to add you`);
  }
  return identity;
}
