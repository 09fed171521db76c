// Document versions (`CASE#<caseId>` / `DOC#<docType>#<0001>`), their audit events and the
// request ids already served. A version is written in ONE TransactWriteItems with conditions:
//   1. put the new version            — only if that version number is free
//   2. put REQUEST#<requestId>        — only if this request has not written a version before
//   3. put the audit event            — issued (version 1) or regenerated
//   4. previous version → SUPERSEDED  — only if it is still CURRENT
// so two writers can never both take a number, a redelivered request never adds a version, and
// exactly one version of a document type is CURRENT.
import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { describeIssues } from '../zod-issues.js';
import { parseStored, StoreInputError, StoredItemInvalidError } from './errors.js';
import { tableItems } from './table-items.js';
import { casePk, DOC_ID_INDEX, docIdIndexPk, eventKey, KeyPart, MAX_VERSION, requestKey, versionKey, versionSkPrefix } from './keys.js';
import { transactionCancellation } from './transaction-cancellation.js';

/** A rendered and stored document, before it has a version number. */
export const VersionDraft = z.object({
  caseId: KeyPart,
  docType: KeyPart,
  /** Public id of this version: download links and the QR code's verify URL name it. */
  docId: KeyPart,
  /** 发文字号; every version of a case's document carries the same one. */
  documentNumber: z.string().min(1),
  s3Key: z.string().min(1).max(1024),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits'),
  bytes: z.number().int().positive(),
  pages: z.number().int().positive(),
  templateHash: z.string().min(1),
  fontPackHash: z.string().min(1),
  /** The SQS message or API request that asked for it: the idempotency key. */
  requestId: KeyPart,
  reason: z.string().min(1).max(1000),
  requestedBy: z.string().min(1).max(200),
  issuedAt: z.iso.datetime(),
  /** The validated case the version was made from, so a later preview can say what changed since. */
  caseData: z.record(z.string(), z.unknown()).optional(),
});
export type VersionDraft = z.infer<typeof VersionDraft>;

const VersionStatus = z.enum(['CURRENT', 'SUPERSEDED']);

export const VersionRecord = VersionDraft.extend({
  version: z.number().int().min(1).max(MAX_VERSION),
  status: VersionStatus,
  supersededAt: z.iso.datetime().optional(),
  /** A revoked card (stores/card-revocations.ts): when, by whom and why; set once, never cleared. */
  revokedAt: z.iso.datetime().optional(),
  revokedBy: z.string().min(1).max(200).optional(),
  revokedReason: z.string().min(1).max(1000).optional(),
});
export type VersionRecord = z.infer<typeof VersionRecord>;

const RequestMarker = z.object({ docType: z.string(), version: z.number().int() });
export type RequestMarker = z.infer<typeof RequestMarker>;

export type WriteOutcome =
  | { kind: 'written'; record: VersionRecord }
  /** This request id already wrote a version (a redelivery): that one stands. */
  | { kind: 'request-done'; marker: RequestMarker }
  /** Another writer took this version number, or the previous version is no longer CURRENT. */
  | { kind: 'version-taken' }
  | { kind: 'conflict' };

export class DocumentVersionsTable {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Writes `version` as the CURRENT version and supersedes `previousVersion` (absent for the
   * first). Does not retry: pipeline/versions.ts reads the current version and retries.
   */
  async write(draft: VersionDraft, version: number, previousVersion: number | undefined): Promise<WriteOutcome> {
    const parsed = VersionRecord.safeParse({ ...draft, version, status: 'CURRENT' });
    if (!parsed.success) throw new StoreInputError(`document version: ${describeIssues(parsed.error.issues)}`);
    const record = parsed.data;
    const items = this.writeItems(record, previousVersion, this.now().toISOString());
    try {
      await this.documents.send(new TransactWriteCommand({ TransactItems: items }));
      return { kind: 'written', record };
    } catch (error) {
      const cancellation = transactionCancellation(error, items.length);
      if (!cancellation) throw error;
      const [versionItem, requestItem, , previousItem] = cancellation.items;
      if (requestItem === 'condition-failed') {
        const marker = await this.requestMarker(record.caseId, record.requestId);
        return marker ? { kind: 'request-done', marker } : { kind: 'conflict' };
      }
      if (versionItem === 'condition-failed' || previousItem === 'condition-failed') return { kind: 'version-taken' };
      return { kind: 'conflict' };
    }
  }

  /**
   * The write's transaction, in the order its cancellation reasons come back: the version, the
   * request's marker, the ISSUED/REGENERATED event, and the previous version superseded.
   */
  private writeItems(record: VersionRecord, previousVersion: number | undefined, at: string) {
    return [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...versionKey(record.caseId, record.docType, record.version), ...record, gsi1pk: docIdIndexPk(record.docId) },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: { ...requestKey(record.caseId, record.requestId), docType: record.docType, version: record.version, at },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...eventKey(record.caseId, at, randomUUID()),
            type: record.version === 1 ? 'ISSUED' : 'REGENERATED',
            caseId: record.caseId,
            docType: record.docType,
            version: record.version,
            docId: record.docId,
            documentNumber: record.documentNumber,
            requestId: record.requestId,
            requestedBy: record.requestedBy,
            reason: record.reason,
            at,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...(previousVersion === undefined
        ? []
        : [
            {
              Update: {
                TableName: this.tableName,
                Key: versionKey(record.caseId, record.docType, previousVersion),
                UpdateExpression: 'SET #status = :superseded, supersededAt = :at',
                ConditionExpression: '#status = :current',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':superseded': 'SUPERSEDED', ':current': 'CURRENT', ':at': at },
              },
            },
          ]),
    ];
  }

  /** Which version a request id wrote, if it wrote one. */
  async requestMarker(caseId: string, requestId: string): Promise<RequestMarker | undefined> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: requestKey(caseId, requestId), ConsistentRead: true }));
    return Item ? parseStored(RequestMarker, Item, `request ${requestId} of case ${caseId}`, this.tableName) : undefined;
  }

  async getVersion(caseId: string, docType: string, version: number): Promise<VersionRecord | undefined> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: versionKey(caseId, docType, version), ConsistentRead: true }));
    return Item ? this.parseVersion(Item) : undefined;
  }

  /** Every version of a case, or of one of its document types, oldest first. */
  async listVersions(caseId: string, docType?: string): Promise<VersionRecord[]> {
    const query = {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': casePk(caseId), ':prefix': versionSkPrefix(docType) },
      ConsistentRead: true,
    };
    const { items } = await tableItems(this.documents, { query }, (item) => this.parseVersion(item));
    return items;
  }

  /** The CURRENT version of a document type: always the highest, since a new one supersedes the last. */
  async currentVersion(caseId: string, docType: string): Promise<VersionRecord | undefined> {
    const { Items } = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': casePk(caseId), ':prefix': versionSkPrefix(docType) },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const latest = Items?.[0];
    return latest ? this.parseVersion(latest) : undefined;
  }

  /**
   * The version a docId names (download links, the QR verify page). The index is eventually
   * consistent: a version written a moment ago may not be found yet.
   */
  async getByDocId(docId: string): Promise<VersionRecord | undefined> {
    const { Items } = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: DOC_ID_INDEX,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': docIdIndexPk(docId) },
      }),
    );
    if (!Items || Items.length === 0) return undefined;
    if (Items.length > 1) throw new StoredItemInvalidError(`docId ${docId} names ${Items.length} versions in table ${this.tableName}; it must name one`);
    return this.parseVersion(Items[0]!);
  }

  private parseVersion(item: Record<string, unknown>): VersionRecord {
    return parseStored(VersionRecord, item, `version ${String(item.sk)} of ${String(item.pk)}`, this.tableName);
  }
}
