// A recipient opens `/d/<docId>?t=<grant>`: the grant is checked before anything is looked up,
// so an invalid link learns nothing, not even whether the document exists.
import { KeyPart } from '../stores/keys.js';
import { recordDownload } from './audit.js';
import type { ApiDeps } from './deps.js';
import { checkDownloadGrant } from './download-grant.js';
import { PRESIGN_SECONDS } from './staff-cases.js';

export type RecipientDownload = { kind: 'redirect'; url: string } | { kind: 'refused' } | { kind: 'not-found' };

export async function recipientDownload(deps: ApiDeps, docId: string, token: string | null): Promise<RecipientDownload> {
  const check = token === null ? undefined : checkDownloadGrant(token, docId, deps.linkSecret, deps.now());
  if (!check?.ok || !KeyPart.safeParse(docId).success) {
    deps.log.info('download link refused', { docId: docId.slice(0, 128), why: check && !check.ok ? check.why : 'no-token' });
    return { kind: 'refused' };
  }
  const record = await deps.versions.getByDocId(docId);
  if (!record) return { kind: 'not-found' };
  const url = await deps.bucket.presignDownload(record.s3Key, PRESIGN_SECONDS);
  await recordDownload(deps, record, 'recipient-link');
  return { kind: 'redirect', url };
}
