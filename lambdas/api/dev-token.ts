// Development sign-in for the local stack: `npm start` mints a token with a secret that lives
// only in that process and prints it; the local HTTP adapter checks it and puts the same claims
// into the request context that API Gateway's JWT authorizer puts there on AWS. The handler
// cannot tell the two apart, which is the point. Never used on AWS.
import * as z from 'zod';
import { openToken, signToken } from './signed-token.js';

const PURPOSE = 'notice-dev-token/v1';

export const DevClaims = z.strictObject({
  sub: z.string().min(1).max(128),
  email: z.email().optional(),
  'cognito:username': z.string().min(1).max(128).optional(),
  'cognito:groups': z.array(z.string().min(1).max(128)).max(20),
  /** Expiry, Unix seconds, as in a JWT. */
  exp: z.number().int().positive(),
});
export type DevClaims = z.infer<typeof DevClaims>;

export function signDevToken(claims: DevClaims, secret: Buffer): string {
  return signToken(PURPOSE, DevClaims.parse(claims), secret);
}

/** The claims of a valid, unexpired development token; undefined for anything else. */
export function checkDevToken(token: string, secret: Buffer, now: Date): DevClaims | undefined {
  const claims = openToken(PURPOSE, token, secret, DevClaims);
  if (!claims || claims.exp * 1000 <= now.getTime()) return undefined;
  return claims;
}
