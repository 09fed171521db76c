// Compact HMAC-SHA256 tokens: base64url(JSON payload) "." base64url(MAC). The MAC covers a
// purpose label too, so a token minted for one use (a download grant) is never accepted for
// another (a development sign-in), even under the same secret.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type * as z from 'zod';

const TOKEN = /^([A-Za-z0-9_-]{1,2048})\.([A-Za-z0-9_-]{43})$/;

function mac(purpose: string, encodedPayload: string, secret: Buffer): Buffer {
  return createHmac('sha256', secret).update(`${purpose}\n${encodedPayload}`).digest();
}

export function signToken(purpose: string, payload: unknown, secret: Buffer): string {
  const encoded = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${encoded}.${mac(purpose, encoded, secret).toString('base64url')}`;
}

/**
 * The payload when the token is well formed, its MAC right (compared in constant time) and the
 * payload fits `schema`; undefined otherwise. Callers check expiry and subject themselves.
 */
export function openToken<T>(purpose: string, token: string, secret: Buffer, schema: z.ZodType<T>): T | undefined {
  const m = TOKEN.exec(token);
  if (!m) return undefined;
  const [, encoded, signature] = m as unknown as [string, string, string];
  // The MAC's text is compared, not its decoded bytes: the 43rd character carries two unused
  // bits, so four different texts decode to the same MAC and a link edited there would pass.
  const given = Buffer.from(signature, 'latin1');
  const expected = Buffer.from(mac(purpose, encoded, secret).toString('base64url'), 'latin1');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(payload);
  return parsed.success ? parsed.data : undefined;
}
