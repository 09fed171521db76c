// Staff use cases for reading: find a case, list its documents and versions, open one version.
import { z } from 'zod';
import { KeyPart, MAX_VERSION } from '../stores/keys.js';
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
export const SearchQuery = z.string().trim().min(1, 'type a case id or part of a recipient name').max(60);

export interface FoundCases {
  cases: CaseSummary[];
  truncated: boolean;
}

/** By exact case id (case-insensitive), else by part of the recipient's name. */
export async function findCases(deps: ApiDeps, query: string): Promise<FoundCases> {
  const asId = query.toUpperCase();
  if (KeyPart.safeParse(asId).success) {
    const stored = await deps.cases.getCase(asId);
    if (stored) return { cases: [caseSummary(stored)], truncated: false };
  }
  const found = await deps.directory.findByRecipientName(query, SEARCH_LIMIT);
  return { cases: found.items.map(caseSummary), truncated: found.truncated };
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
    sha256: record.sha256,
    bytes: record.bytes,
    pages: record.pages,
    verifyUrl: verifyLink(deps.publicBaseUrl, record.docId),
    recipientLink: record.status === 'CURRENT' ? downloadLink(deps.publicBaseUrl, record.docId, expires, deps.linkSecret) : null,
  };
}

async function existingCase(deps: ApiDeps, caseId: string) {
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
    versions: versions
      .map((v) => versionView(deps, v))
      .sort((a, b) => b.issuedAt.localeCompare(a.issuedAt) || b.version - a.version),
  };
}

/** A 5-minute S3 link to one version, for staff. `docType` defaults to the case's own. */
export async function versionDownload(deps: ApiDeps, caseId: string, version: number, docType: string | undefined, who: Identity): Promise<string> {
  const stored = await existingCase(deps, caseId);
  const type = docType ?? caseDetail(stored).docType;
  const record = type ? await deps.versions.getVersion(caseId, type, version) : undefined;
  if (!record) throw new ApiError(404, 'VERSION_NOT_FOUND', `case ${caseId} has no version ${version}${type ? ` of ${type}` : ''}; list its documents to see which exist`);
  const url = await deps.bucket.presignDownload(record.s3Key, PRESIGN_SECONDS);
  await recordDownload(deps, record, who.name);
  return url;
}
