// Recipient links: `/d/<docId>?t=<grant>`, where the grant names the document and an expiry and
// is signed with the link secret. The link opens a landing page; the PDF itself is fetched from
// `/d/<docId>/file?t=<grant>`. The link is the recipient's credential, so a refusal never says
// why (tampered or for another document look the same) — except expiry: a grant whose MAC is
// right proves its holder was given the link, so they are told it expired and what to do.
import * as z from 'zod';
import { openToken, signToken } from './signed-token.js';

const PURPOSE = 'notice-download-grant/v1';

const Grant = z.strictObject({
  /** The document version's docId. */
  d: z.string().min(1).max(128),
  /** Expiry, Unix seconds. */
  e: z.number().int().positive(),
});

export function signDownloadGrant(docId: string, expiresAt: Date, secret: Buffer): string {
  return signToken(PURPOSE, { d: docId, e: Math.floor(expiresAt.getTime() / 1000) }, secret);
}

export type GrantCheck =
  | { ok: true; expiresAt: Date }
  | { ok: false; why: 'malformed-or-tampered' | 'other-document' }
  | { ok: false; why: 'expired'; expiredAt: Date };

/** Checks a grant for `docId` at `now`. `why` is for logs and tests, never for the recipient. */
export function checkDownloadGrant(token: string, docId: string, secret: Buffer, now: Date): GrantCheck {
  const grant = openToken(PURPOSE, token, secret, Grant);
  if (!grant) return { ok: false, why: 'malformed-or-tampered' };
  if (grant.d !== docId) return { ok: false, why: 'other-document' };
  if (grant.e * 1000 <= now.getTime()) return { ok: false, why: 'expired', expiredAt: new Date(grant.e * 1000) };
  return { ok: true, expiresAt: new Date(grant.e * 1000) };
}

/** The full link a recipient is sent: it opens the landing page. */
export function downloadLink(publicBaseUrl: string, docId: string, expiresAt: Date, secret: Buffer): string {
  return `${publicBaseUrl}${landingPath(docId, signDownloadGrant(docId, expiresAt, secret))}`;
}

export function landingPath(docId: string, grant: string): string {
  return `/d/${encodeURIComponent(docId)}?t=${grant}`;
}

/** The landing page's download button: the PDF itself, as an attachment. */
export function filePath(docId: string, grant: string): string {
  return `/d/${encodeURIComponent(docId)}/file?t=${grant}`;
}

export function verifyLink(publicBaseUrl: string, docId: string): string {
  return `${publicBaseUrl}/v/${encodeURIComponent(docId)}`;
}
