// Every key format of the one table, in one place: the stores, the local stack and the CDK
// stack all build keys and the table's schema from here (design.md "Data").
import * as z from 'zod';

export const PARTITION_KEY = 'pk';
export const SORT_KEY = 'sk';
/** The byDocId index: `gsi1pk = DOC#<docId>` on document versions only, so the index stays small. */
export const DOC_ID_INDEX = 'byDocId';
export const DOC_ID_INDEX_KEY = 'gsi1pk';
/**
 * Cases by document type and 成文日期, for choosing a bulk regeneration's cases with a Query. Keyed
 * on the case item's own `docType` and `approvedOn`, which only case items carry together, so
 * every existing case is in it as soon as the index is built: no backfill.
 */
export const TYPE_DATE_INDEX = 'byTypeAndDate';
/** Attributes the bulk selection reads from TYPE_DATE_INDEX besides its keys. */
const TYPE_DATE_INDEX_PROJECTION = ['caseId', 'documentNumber', 'updatedAt'];
/** Revoked cards by document type: only a version item with revokedAt carries both keys. */
export const REVOKED_INDEX = 'revokedByType';

/** The table's secondary indexes, as the CDK stack and the local stack both create them. */
export const SECONDARY_INDEXES: readonly {
  name: string;
  partitionKey: string;
  sortKey?: string;
  /** ALL, KEYS_ONLY, or these attributes besides the keys. */
  projection: 'ALL' | 'KEYS_ONLY' | readonly string[];
}[] = [
  { name: DOC_ID_INDEX, partitionKey: DOC_ID_INDEX_KEY, projection: 'ALL' },
  { name: TYPE_DATE_INDEX, partitionKey: 'docType', sortKey: 'approvedOn', projection: TYPE_DATE_INDEX_PROJECTION },
  { name: REVOKED_INDEX, partitionKey: 'docType', sortKey: 'revokedAt', projection: 'KEYS_ONLY' },
];

/**
 * An id that goes into a key. `#` separates key parts, so it may not appear; the rest keeps ids
 * readable in the console and in S3 keys.
 */
export const KeyPart = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, 'use 1–128 letters, digits, “_”, “.”, “:” or “-”, starting with a letter or digit');

/** The highest version a 4-digit sort key can order correctly. */
export const MAX_VERSION = 9999;

export interface TableKey {
  pk: string;
  sk: string;
}

export const casePk = (caseId: string): string => `CASE#${caseId}`;
/** The case id a `CASE#<caseId>` partition key names. */
export const caseIdOfPk = (pk: unknown): string => String(pk).replace(/^CASE#/, '');
export const caseKey = (caseId: string): TableKey => ({ pk: casePk(caseId), sk: 'CASE' });

export const versionSkPrefix = (docType?: string): string => (docType === undefined ? 'DOC#' : `DOC#${docType}#`);
const versionSk = (docType: string, version: number): string => `${versionSkPrefix(docType)}${String(version).padStart(4, '0')}`;
export const versionKey = (caseId: string, docType: string, version: number): TableKey => ({
  pk: casePk(caseId),
  sk: versionSk(docType, version),
});
export const docIdIndexPk = (docId: string): string => `DOC#${docId}`;

/** Marks a request id as done for a case: the idempotency record of version writes. */
export const requestKey = (caseId: string, requestId: string): TableKey => ({
  pk: casePk(caseId),
  sk: `REQUEST#${requestId}`,
});

/** The random docId a request renders under, drawn before rendering (pipeline/document-identity.ts). */
export const docIdReservationKey = (caseId: string, requestId: string): TableKey => ({
  pk: casePk(caseId),
  sk: `DOCID#${requestId}`,
});

/** Sort-key prefix of a case's audit events. */
export const EVENT_SK_PREFIX = 'EVENT#';

/** ISO time first so a case's events sort by time; the id keeps two events in one millisecond apart. */
export const eventKey = (caseId: string, at: string, id: string): TableKey => ({
  pk: casePk(caseId),
  sk: `${EVENT_SK_PREFIX}${at}#${id}`,
});

export const counterKey = (prefix: string, year: number): TableKey => ({ pk: `SEQ#${prefix}#${year}`, sk: 'SEQ' });

/**
 * Messages the worker rejected (rejections-table.ts): one partition, one item per SQS message,
 * so a repeated delivery rewrites its item instead of adding one.
 */
export const REJECTED_PK = 'REJECTED';
export const rejectionKey = (messageId: string): TableKey => ({ pk: REJECTED_PK, sk: `MSG#${messageId}` });
