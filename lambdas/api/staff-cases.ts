// Staff use cases for reading: find a case, list its documents and versions, open one version.
import * as z from 'zod';
import { DOC_TYPE_IDS } from '../catalogue/index.js';
import { KeyPart, MAX_VERSION } from '../stores/keys.js';
import type { StoredCase } from '../stores/cases-table.js';
import type { VersionRecord } from '../stores/versions-table.js';
import { recordDownload } from './audit.js';
import { caseDetail, caseSummary } from './case-view.js';
import type { CaseDetail, CaseSummary } from './case-view.js';
import type { ApiDeps } from './deps.js';
import { downloadLink, verifyLink } from './download-grant.js';
import { ApiError } from './http.js';
import type { Identity } from './identity.js';

/** A presigned S3 link lives 5 minutes: long enough to start a download, too short to pass around. */
export const PRESIGN_SECONDS = 300;
const SEARCH_LIMIT = 20;

export const CaseIdParam = KeyPart;
export const VersionParam = z.coerce.number().int().min(1).max(MAX_VERSION);
const SearchQuery = z.string().trim().min(1, 'type part of a case id, a recipient name or a 发文字号').max(60);

/** GET /cases: every parameter optional; none lists the most recently changed cases. */
export const CaseSearchParams = z.strictObject({
  q: SearchQuery.optional(),
  docType: z.enum(DOC_TYPE_IDS).optional(),
  status: z.enum(['APPROVED', 'ISSUED', 'FAILED', 'WITHDRAWN']).optional(),
  from: z.iso.date('a date YYYY-MM-DD').optional(),
  to: z.iso.date('a date YYYY-MM-DD').optional(),
});
export type CaseSearchParams = z.infer<typeof CaseSearchParams>;

/** Matches read before sorting by last change; more than this and the answer says it is truncated. */
const SEARCH_SCAN_LIMIT = 500;

export interface FoundCases {
  cases: CaseSummary[];
  truncated: boolean;
}

/**
 * An exact case id first (case-insensitive); else every case whose id, recipient name or 发文字号
 * contains the text, within the type, status and 成文日期 range given — the most recently changed
 * first, at most 20. Names are masked in the list (staff see the full name on the case itself).
 */
export async function findCases(deps: ApiDeps, params: CaseSearchParams): Promise<FoundCases> {
  const asId = params.q?.toUpperCase();
  if (asId && KeyPart.safeParse(asId).success && !params.docType && !params.status && !params.from && !params.to) {
    const stored = await deps.cases.getCase(asId);
    if (stored) return { cases: [caseSummary(stored)], truncated: false };
  }
  const found = await deps.directory.search(
    {
      ...(params.q ? { text: params.q } : {}),
      ...(params.docType ? { docType: params.docType } : {}),
      ...(params.status ? { status: params.status } : {}),
      ...(params.from ? { approvedFrom: params.from } : {}),
      ...(params.to ? { approvedTo: params.to } : {}),
    },
    SEARCH_SCAN_LIMIT,
  );
  const updatedAt = (c: (typeof found.items)[number]) => String((c.data as { updatedAt?: unknown }).updatedAt ?? '');
  const sorted = found.items.sort((a, b) => updatedAt(b).localeCompare(updatedAt(a)) || a.caseId.localeCompare(b.caseId));
  return { cases: sorted.slice(0, SEARCH_LIMIT).map(caseSummary), truncated: found.truncated || sorted.length > SEARCH_LIMIT };
}

export interface VersionView {
  version: number;
  docType: string;
  docId: string;
  documentNumber: string;
  status: 'CURRENT' | 'SUPERSEDED';
  reason: string;
  requestedBy: string;
  requestId: string;
  issuedAt: string;
  supersededAt: string | null;
  /** A revoked card (已注销): when. */
  revokedAt: string | null;
  sha256: string;
  bytes: number;
  pages: number;
  verifyUrl: string;
  /** The link to send the recipient; only the CURRENT version gets one. */
  recipientLink: string | null;
}

export interface CaseDocuments {
  case: CaseDetail;
  versions: VersionView[];
}

export function versionView(deps: ApiDeps, record: VersionRecord): VersionView {
  const expires = new Date(deps.now().getTime() + deps.linkTtlDays * 86_400_000);
  return {
    version: record.version,
    docType: record.docType,
    docId: record.docId,
    documentNumber: record.documentNumber,
    status: record.status,
    reason: record.reason,
    requestedBy: record.requestedBy,
    requestId: record.requestId,
    issuedAt: record.issuedAt,
    supersededAt: record.supersededAt ?? null,
    revokedAt: record.revokedAt ?? null,
    sha256: record.sha256,
    bytes: record.bytes,
    pages: record.pages,
    verifyUrl: verifyLink(deps.publicBaseUrl, record.docId),
    recipientLink: record.status === 'CURRENT' ? downloadLink(deps.publicBaseUrl, record.docId, expires, deps.linkSecret) : null,
  };
}

/** The stored case; a 404 CASE_NOT_FOUND when there is none. */
export async function existingCase(deps: Pick<ApiDeps, 'cases'>, caseId: string): Promise<StoredCase> {
  const stored = await deps.cases.getCase(caseId);
  if (!stored) throw new ApiError(404, 'CASE_NOT_FOUND', `case ${caseId} does not exist; check the case id`);
  return stored;
}

/** The case and every version of its documents, newest first. */
export async function caseDocuments(deps: ApiDeps, caseId: string): Promise<CaseDocuments> {
  const stored = await existingCase(deps, caseId);
  const versions = await deps.versions.listVersions(caseId);
  return {
    case: caseDetail(stored),
    versions: versions.map((v) => versionView(deps, v)).sort((a, b) => b.issuedAt.localeCompare(a.issuedAt) || b.version - a.version),
  };
}

/** A 5-minute S3 link to one version, for staff. `docType` defaults to the case's own. */
export async function versionDownload(deps: ApiDeps, caseId: string, version: number, docType: string | undefined, who: Identity): Promise<string> {
  const stored = await existingCase(deps, caseId);
  const type = docType ?? caseDetail(stored).docType;
  const record = type ? await deps.versions.getVersion(caseId, type, version) : undefined;
  if (!record)
    throw new ApiError(404, 'VERSION_NOT_FOUND', `case ${caseId} has no version ${version}${type ? ` of ${type}` : ''}; list its documents to see which exist`);
  const url = await deps.bucket.presignDownload(record.s3Key, PRESIGN_SECONDS);
  await recordDownload(deps, record, who.name);
  return url;
}
