// What a recipient's link opens. `/d/<docId>?t=<grant>` names the case's document (the version it
// was made for is only where it starts): it opens a landing page with the document's facts and
// the CURRENT version's download button, and says so plainly when the link's version has since
// been replaced. `/d/<docId>/file?t=<grant>` is that button: the PDF as an attachment, and only
// ever the CURRENT version — a file link to a version replaced meanwhile goes back to the landing
// page, which explains. The grant is checked before anything is looked up, so an invalid link
// learns nothing, not even whether the document exists.
import { docTypeName } from '../catalogue/index.js';
import { KeyPart } from '../stores/keys.js';
import type { VersionRecord } from '../stores/versions-table.js';
import { recordDownload } from './audit.js';
import { publicCardStanding } from './card-revocation.js';
import type { PublicCardStanding } from './card-revocation.js';
import { caseDetail } from './case-view.js';
import type { ApiDeps } from './deps.js';
import { checkDownloadGrant, filePath, landingPath, signDownloadGrant, verifyLink } from './download-grant.js';
import { PRESIGN_SECONDS } from './staff-cases.js';

export type LinkRefusal = { kind: 'refused' } | { kind: 'expired'; expiredAt: Date } | { kind: 'not-found' };

export interface Landing {
  typeName: string;
  documentNumber: string;
  issuer: string;
  /** 成文日期, YYYY-MM-DD. */
  approvedOn: string | null;
  recipientMasked: string;
  /** The version the link was made for. */
  linkVersion: number;
  linkExpiresAt: string;
  current: { version: number; issuedAt: string; downloadPath: string; verifyUrl: string } | null;
  /** When the link's version is no longer current: when it was replaced, by which version, why. */
  replaced: { at: string; byVersion: number; reason: string } | null;
  demo: boolean;
  /** For a card: valid, expired or revoked, as of now. */
  card: PublicCardStanding | null;
}

type Granted = { kind: 'granted'; record: VersionRecord; expiresAt: Date };

async function openLink(deps: ApiDeps, docId: string, token: string | null, route: string): Promise<Granted | LinkRefusal> {
  const check = token === null ? undefined : checkDownloadGrant(token, docId, deps.linkSecret, deps.now());
  if (!check?.ok || !KeyPart.safeParse(docId).success) {
    deps.log.info('recipient link refused', { route, docId: docId.slice(0, 128), why: check && !check.ok ? check.why : 'no-token' });
    return check && !check.ok && check.why === 'expired' ? { kind: 'expired', expiredAt: check.expiredAt } : { kind: 'refused' };
  }
  const record = await deps.versions.getByDocId(docId);
  return record ? { kind: 'granted', record, expiresAt: check.expiresAt } : { kind: 'not-found' };
}

export async function recipientLanding(deps: ApiDeps, docId: string, token: string | null): Promise<{ kind: 'landing'; landing: Landing } | LinkRefusal> {
  const opened = await openLink(deps, docId, token, 'landing');
  if (opened.kind !== 'granted') return opened;
  const { record, expiresAt } = opened;
  const [stored, versions] = await Promise.all([deps.cases.getCase(record.caseId), deps.versions.listVersions(record.caseId, record.docType)]);
  const detail = stored ? caseDetail(stored) : undefined;
  const current = versions.find((v) => v.status === 'CURRENT');
  const next = record.status === 'SUPERSEDED' ? versions.find((v) => v.version === record.version + 1) : undefined;
  return {
    kind: 'landing',
    landing: {
      typeName: docTypeName(record.docType),
      documentNumber: (current ?? record).documentNumber,
      issuer: deps.issuerName,
      approvedOn: detail?.approvedOn ?? null,
      recipientMasked: detail?.recipientMasked ?? '',
      linkVersion: record.version,
      linkExpiresAt: expiresAt.toISOString(),
      // The button carries a grant for the current version with the link's own expiry: opening
      // the landing page never lengthens what the recipient was given.
      current: current
        ? {
            version: current.version,
            issuedAt: current.issuedAt,
            downloadPath: filePath(current.docId, signDownloadGrant(current.docId, expiresAt, deps.linkSecret)),
            verifyUrl: verifyLink(deps.publicBaseUrl, current.docId),
          }
        : null,
      replaced:
        record.status === 'SUPERSEDED'
          ? {
              at: record.supersededAt ?? next?.issuedAt ?? record.issuedAt,
              byVersion: next?.version ?? current?.version ?? record.version + 1,
              reason: next?.reason ?? '',
            }
          : null,
      demo: deps.demo,
      card: (stored && publicCardStanding(stored.data, current, deps.now())) ?? null,
    },
  };
}

export type RecipientFile = { kind: 'redirect'; url: string } | LinkRefusal;

export async function recipientFile(deps: ApiDeps, docId: string, token: string | null): Promise<RecipientFile> {
  const opened = await openLink(deps, docId, token, 'file');
  if (opened.kind !== 'granted') return opened;
  const { record } = opened;
  // Replaced since the page was shown: back to the landing page, which says so.
  if (record.status !== 'CURRENT') return { kind: 'redirect', url: landingPath(docId, token ?? '') };
  const url = await deps.bucket.presignDownload(record.s3Key, PRESIGN_SECONDS);
  await recordDownload(deps, record, 'recipient-link');
  return { kind: 'redirect', url };
}
