// What anyone holding a document (or its QR code) may learn: whether it is genuine, whether it is
// the current version, and what it is — never who exactly received it beyond a masked name.
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { docTypeName } from '../catalogue/index.js';
import { KeyPart } from '../stores/keys.js';
import { publicCardStanding } from './card-revocation.js';
import type { PublicCardStanding } from './card-revocation.js';
import { caseDetail } from './case-view.js';
import type { ApiDeps } from './deps.js';
import type { VersionRecord } from '../stores/versions-table.js';
import { verifyLink } from './download-grant.js';
import { pdfText, storedTextDigest, textDigest } from './pdf-text.js';
import { checkSignature, type SignatureCheck } from './signature-check.js';

export const Sha256Hex = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{64}$/, 'SHA-256 指纹应为 64 位十六进制字符（0–9、a–f）');

export interface Verification {
  docId: string;
  typeName: string;
  documentNumber: string;
  issuer: string;
  /** 成文日期 of the case, YYYY-MM-DD. */
  approvedOn: string | null;
  recipientMasked: string;
  version: number;
  status: 'CURRENT' | 'SUPERSEDED';
  issuedAt: string;
  supersededAt: string | null;
  sha256: string;
  /** When this version is superseded: the one that replaced it. */
  current: { version: number; docId: string; documentNumber: string; verifyUrl: string } | null;
  /** A 样本 (sample) from the demo stack: not a real document. */
  demo: boolean;
  /** For a card: valid, expired or revoked, as of now. */
  card: PublicCardStanding | null;
}

/** A document found by its docId: what anyone may learn of it, and the version record that says so. */
export interface FoundDocument {
  verification: Verification;
  record: VersionRecord;
}

/** The facts of a docId, or undefined when no document has it. */
export async function verifyDocument(deps: ApiDeps, docId: string): Promise<FoundDocument | undefined> {
  if (!KeyPart.safeParse(docId).success) return undefined;
  const record = await deps.versions.getByDocId(docId);
  if (!record) return undefined;
  const [stored, current] = await Promise.all([deps.cases.getCase(record.caseId), deps.versions.currentVersion(record.caseId, record.docType)]);
  const detail = stored ? caseDetail(stored) : undefined;
  const replacedBy = record.status === 'SUPERSEDED' && current && current.docId !== record.docId ? current : undefined;
  const verification: Verification = {
    docId: record.docId,
    typeName: docTypeName(record.docType),
    documentNumber: record.documentNumber,
    issuer: deps.issuerName,
    approvedOn: detail?.approvedOn ?? null,
    recipientMasked: detail?.recipientMasked ?? '',
    version: record.version,
    status: record.status,
    issuedAt: record.issuedAt,
    supersededAt: record.supersededAt ?? null,
    sha256: record.sha256,
    current: replacedBy
      ? {
          version: replacedBy.version,
          docId: replacedBy.docId,
          documentNumber: replacedBy.documentNumber,
          verifyUrl: verifyLink(deps.publicBaseUrl, replacedBy.docId),
        }
      : null,
    demo: deps.demo,
    card: (stored && publicCardStanding(stored.data, current, deps.now())) ?? null,
  };
  return { verification, record };
}

export interface VersionMatch {
  version: number;
  status: 'CURRENT' | 'SUPERSEDED';
  /** Its verification page. */
  verifyUrl: string;
}

/**
 * What an uploaded copy is, against every issued version of the page's document: exactly one of
 * them (which, and whether current), or none — and then, when the file itself was sent, whether
 * its text is that of a version (the same content re-saved by another PDF tool, which is still
 * not the issued file).
 */
export interface BytesCheck {
  sha256: string;
  exact: VersionMatch | null;
  sameText: VersionMatch | null;
  /** False when only a hash was given: there was no text to compare. */
  textCompared: boolean;
  /** The version in force now, if any. */
  currentVersion: number | null;
  verification: Verification;
  /** The file's own digital signature; null when only a hash was given. */
  signature: SignatureCheck | null;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Versions read back for a text comparison, newest first: enough for any real history. */
const MAX_TEXT_COMPARED = 10;

export async function checkBytes(deps: ApiDeps, { verification, record }: FoundDocument, upload: { sha256: string; pdf?: Buffer }): Promise<BytesCheck> {
  const versions = await deps.versions.listVersions(record.caseId, record.docType);
  const match = (v: VersionRecord): VersionMatch => ({ version: v.version, status: v.status, verifyUrl: verifyLink(deps.publicBaseUrl, v.docId) });
  const exact = versions.find((v) => v.sha256 === upload.sha256);
  const base = {
    sha256: upload.sha256,
    verification,
    currentVersion: versions.find((v) => v.status === 'CURRENT')?.version ?? null,
    signature: upload.pdf ? checkSignature(upload.pdf) : null,
  };
  if (exact) return { ...base, exact: match(exact), sameText: null, textCompared: false };
  if (!upload.pdf) return { ...base, exact: null, sameText: null, textCompared: false };
  const text = textDigest(await pdfText(upload.pdf));
  if (!text) return { ...base, exact: null, sameText: null, textCompared: true };
  for (const v of [...versions].sort((a, b) => b.version - a.version).slice(0, MAX_TEXT_COMPARED)) {
    const stored = await storedTextDigest(v.sha256, async () => (await deps.bucket.getDocument(v.s3Key))?.bytes);
    if (stored === text) return { ...base, exact: null, sameText: match(v), textCompared: true };
  }
  return { ...base, exact: null, sameText: null, textCompared: true };
}
