// What anyone holding a document (or its QR code) may learn: whether it is genuine, whether it is
// the current version, and what it is — never who exactly received it beyond a masked name.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DOC_TYPES, isDocTypeId } from '../catalogue/index.js';
import { KeyPart } from '../stores/keys.js';
import { caseDetail } from './case-view.js';
import type { ApiDeps } from './deps.js';
import { verifyLink } from './download-grant.js';

export const Sha256Hex = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 hexadecimal digits');

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
}

/** The facts of a docId, or undefined when no document has it. */
export async function verifyDocument(deps: ApiDeps, docId: string): Promise<Verification | undefined> {
  if (!KeyPart.safeParse(docId).success) return undefined;
  const record = await deps.versions.getByDocId(docId);
  if (!record) return undefined;
  const [stored, current] = await Promise.all([deps.cases.getCase(record.caseId), deps.versions.currentVersion(record.caseId, record.docType)]);
  const kase = stored ? caseDetail(stored) : undefined;
  const replacedBy = record.status === 'SUPERSEDED' && current && current.docId !== record.docId ? current : undefined;
  return {
    docId: record.docId,
    typeName: isDocTypeId(record.docType) ? DOC_TYPES[record.docType].nameZh : record.docType,
    documentNumber: record.documentNumber,
    issuer: deps.issuerName,
    approvedOn: kase?.approvedOn ?? null,
    recipientMasked: kase?.recipientMasked ?? '',
    version: record.version,
    status: record.status,
    issuedAt: record.issuedAt,
    supersededAt: record.supersededAt ?? null,
    sha256: record.sha256,
    current: replacedBy
      ? { version: replacedBy.version, docId: replacedBy.docId, documentNumber: replacedBy.documentNumber, verifyUrl: verifyLink(deps.publicBaseUrl, replacedBy.docId) }
      : null,
    demo: deps.demo,
  };
}

export interface BytesCheck {
  /** True when the bytes hash to exactly the recorded sha256. */
  match: boolean;
  sha256: string;
  verification: Verification;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function checkBytes(verification: Verification, sha256: string): BytesCheck {
  return { match: sha256 === verification.sha256, sha256, verification };
}
