// Recording a new version of a case's document: version numbers 1, 2, 3 … with no gaps, one
// CURRENT version per document type, and one version per request id however often the request
// is delivered. The conditions live in the store's single transaction; this loop only reads the
// current version, proposes the next number and tries again when another writer won.
import { describeIssues } from '../zod-issues.js';
import { StoreInputError, StoredItemInvalidError } from '../stores/errors.js';
import { MAX_VERSION } from '../stores/keys.js';
import { VersionDraft } from '../stores/versions-table.js';
import type { DocumentVersionsTable, VersionRecord } from '../stores/versions-table.js';
import { retryOnContention } from './optimistic-retry.js';

export interface RecordedVersion {
  record: VersionRecord;
  /** False when this request id had already recorded `record` (a redelivered message). */
  fresh: boolean;
}

export interface RecordOptions {
  /**
   * The CURRENT version as the caller already knows it (0: none yet), e.g. right after giving the
   * case its first number. The first attempt then writes without reading; if the guess is stale,
   * the transaction's conditions refuse it and the loop reads as usual.
   */
  knownCurrentVersion?: number;
}

export async function recordVersion(store: DocumentVersionsTable, draft: VersionDraft, options: RecordOptions = {}): Promise<RecordedVersion> {
  const parsed = VersionDraft.safeParse(draft);
  if (!parsed.success) throw new StoreInputError(`document version: ${describeIssues(parsed.error.issues)}`);
  const d = parsed.data;

  const earlier = async (docType: string, version: number): Promise<RecordedVersion> => {
    const record = await store.getVersion(d.caseId, docType, version);
    if (!record) {
      throw new StoredItemInvalidError(`request ${d.requestId} of case ${d.caseId} points at version ${version} of ${docType}, which is missing`);
    }
    return { record, fresh: false };
  };

  let guess = options.knownCurrentVersion;
  return retryOnContention<RecordedVersion>(
    async () => {
      let currentVersion: number | undefined;
      if (guess !== undefined) {
        currentVersion = guess === 0 ? undefined : guess;
        guess = undefined;
      } else {
        const [marker, current] = await Promise.all([store.requestMarker(d.caseId, d.requestId), store.currentVersion(d.caseId, d.docType)]);
        if (marker) return earlier(marker.docType, marker.version);
        currentVersion = current?.version;
      }
      const version = (currentVersion ?? 0) + 1;
      if (version > MAX_VERSION) {
        throw new StoreInputError(`case ${d.caseId} already has ${MAX_VERSION} versions of ${d.docType}, the most a version key can hold`);
      }
      const outcome = await store.write(d, version, currentVersion);
      switch (outcome.kind) {
        case 'written':
          return { record: outcome.record, fresh: true };
        case 'request-done':
          return earlier(outcome.marker.docType, outcome.marker.version);
        case 'version-taken':
        case 'conflict':
          return undefined;
      }
    },
    { what: `recording a version of ${d.docType} for case ${d.caseId}` },
  );
}
