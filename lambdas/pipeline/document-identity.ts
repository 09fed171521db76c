// How a document version is named before it has a version number.
//
// docId: 130 random bits, drawn once per (case, request) and recorded in the table before
// rendering (`DOCID#<requestId>` in the case's partition, first writer wins: stores/document-ids.ts). The verify URL in
// the QR code names it, so it must be known before rendering; a redelivered request reads the
// recorded id back, so it renders the very same bytes as the attempt that died. Case ids are
// sequential and request ids of first issues are `issue-<caseId>`, so an id derived from them
// alone could be guessed; a random one cannot, and the verification register cannot be walked.
// Ids made earlier (a hash of case, type and request) stay in their version records and keep
// working: readers look a docId up, they never recompute it.
//
// S3 key: documents/<caseId>/<docType>/<docId>-<first 16 hex of sha256>.pdf. Not v<version>.pdf:
// the version is decided by the table's transaction *after* the object is stored, so two
// concurrent regenerations (or a crashed attempt and its retry) could both claim "v3". With the
// request and the content in the key:
//  - a redelivery that renders the same bytes puts the same key: S3 refuses (If-None-Match),
//    the bucket compares sha256 and reports success — one object;
//  - an attempt that died after its put leaves an object no version names (an orphan). If the
//    case changed before the retry, the retry's bytes differ, so its key differs: the orphan
//    neither blocks the retry nor gets overwritten;
//  - the version record holds the key, so readers never guess it.
import { createHash, randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O, U, so an id read aloud or retyped from paper stays unambiguous.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(bytes: Uint8Array, length: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
    if (out.length === length) break;
  }
  return out;
}

/** 26 base32 characters: 130 bits from the system's cryptographic random source. */
export function randomDocumentId(): string {
  return base32(randomBytes(17), 26);
}

/**
 * The id of the first releases: 24 base32 characters hashed from the request's identity. Kept
 * only so tests can show such guesses no longer find new documents; nothing makes ids this way.
 */
export function legacyDocumentId(caseId: string, docType: string, requestId: string): string {
  const digest = createHash('sha256').update(`notice-doc\n${caseId}\n${docType}\n${requestId}`).digest();
  return base32(digest, 24);
}

export function documentKey(caseId: string, docType: string, docId: string, sha256: string): string {
  return `documents/${caseId}/${docType}/${docId}-${sha256.slice(0, 16)}.pdf`;
}

/** The name a browser saves the PDF under: the title, without characters a file name cannot hold. */
export function downloadFilename(title: string, documentNumber: string): string {
  const clean = title
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `${clean === '' ? documentNumber : clean.slice(0, 120)}.pdf`;
}
