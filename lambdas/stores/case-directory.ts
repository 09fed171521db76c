// Reads across cases, beside the per-case stores: searching cases (id, name, 文号, …), choosing the
// cases of a bulk regeneration, and reading many cases and request markers at once.
//
// Bulk selection is a Query on the byTypeAndDate index (document type, 成文日期), so a run of
// 100,000 cases reads ≈ 10 pages of keys, not the table. Search still Scans with a filter: there
// is no index on names, which is fine for a clerk's occasional search.
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { BatchGetCommandOutput, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DocTypeId } from '../catalogue/index.js';
import { inParallel } from '../in-parallel.js';
import { StoredCaseItem } from './cases-table.js';
import type { StoredCase } from './cases-table.js';
import { caseIdOfPk, caseKey, REVOKED_INDEX, requestKey, TYPE_DATE_INDEX } from './keys.js';
import type { TableKey } from './keys.js';
import { tableItems } from './table-items.js';
import type { TableItems } from './table-items.js';

/** BatchGetItem takes at most 100 keys per call. */
const BATCH_GET_LIMIT = 100;
/** BatchGetItem calls in flight at once: a 100,000-case run's progress reads in seconds, not minutes. */
const BATCH_GET_CONCURRENCY = 16;

export interface BulkFilters {
  docType: DocTypeId;
  /** 成文日期 range, inclusive, ISO dates. */
  approvedFrom?: string;
  approvedTo?: string;
}

/** What the bulk selection needs of an issued case, from the index alone. */
export interface IssuedCaseKey {
  caseId: string;
  approvedOn: string;
  /** Moves whenever the case is written: the plan's fingerprint covers it. */
  updatedAt: string;
}

export interface CaseSearch {
  /** Part of a case id (any case), of the recipient's name, or of the 发文字号. */
  text?: string;
  docType?: DocTypeId;
  status?: string;
  /** 成文日期 range, inclusive, ISO dates. */
  approvedFrom?: string;
  approvedTo?: string;
}

interface ScanFilter {
  FilterExpression: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

function caseFilter(filters: CaseSearch): ScanFilter {
  const conditions = ['sk = :case'];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':case': 'CASE' };
  if (filters.text) {
    // DynamoDB's contains() is case-sensitive: case ids are stored upper-case, names and 文号 as written.
    conditions.push('(contains(caseId, :upper) OR contains(recipient.#name, :text) OR contains(documentNumber, :text))');
    names['#name'] = 'name';
    values[':upper'] = filters.text.toUpperCase();
    values[':text'] = filters.text;
  }
  if (filters.docType) {
    conditions.push('docType = :type');
    values[':type'] = filters.docType;
  }
  if (filters.status) {
    conditions.push('#status = :status');
    names['#status'] = 'status';
    values[':status'] = filters.status;
  }
  if (filters.approvedFrom) {
    conditions.push('approvedOn >= :from');
    values[':from'] = filters.approvedFrom;
  }
  if (filters.approvedTo) {
    conditions.push('approvedOn <= :to');
    values[':to'] = filters.approvedTo;
  }
  return {
    FilterExpression: conditions.join(' AND '),
    ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
    ExpressionAttributeValues: values,
  };
}

export class CaseDirectory {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  /** Cases matching every given filter (none: every case), at most `limit` of them. */
  search(filters: CaseSearch, limit: number): Promise<TableItems<StoredCase>> {
    return this.scanCases(caseFilter(filters), limit);
  }

  /**
   * Issued cases (they carry a 发文字号) of a document type, 成文日期 within the range, in date
   * order: at most `limit`, and `truncated` when there are more.
   */
  async issuedCases(filters: BulkFilters, limit: number): Promise<TableItems<IssuedCaseKey>> {
    const range =
      filters.approvedFrom && filters.approvedTo
        ? ' AND approvedOn BETWEEN :from AND :to'
        : filters.approvedFrom
          ? ' AND approvedOn >= :from'
          : filters.approvedTo
            ? ' AND approvedOn <= :to'
            : '';
    const query = {
      TableName: this.tableName,
      IndexName: TYPE_DATE_INDEX,
      KeyConditionExpression: `docType = :type${range}`,
      FilterExpression: 'sk = :case AND attribute_exists(documentNumber)',
      ExpressionAttributeValues: {
        ':type': filters.docType,
        ':case': 'CASE',
        ...(filters.approvedFrom ? { ':from': filters.approvedFrom } : {}),
        ...(filters.approvedTo ? { ':to': filters.approvedTo } : {}),
      },
    };
    const issued = (item: Record<string, unknown>): IssuedCaseKey | undefined =>
      typeof item.caseId === 'string' && typeof item.approvedOn === 'string'
        ? { caseId: item.caseId, approvedOn: item.approvedOn, updatedAt: typeof item.updatedAt === 'string' ? item.updatedAt : '' }
        : undefined;
    return tableItems(this.documents, { query }, issued, limit);
  }

  /** Case ids whose current card of this type was revoked (a revoked version stays current). */
  async revokedCaseIds(docType: DocTypeId): Promise<Set<string>> {
    const query = {
      TableName: this.tableName,
      IndexName: REVOKED_INDEX,
      KeyConditionExpression: 'docType = :type',
      ExpressionAttributeValues: { ':type': docType },
    };
    const { items } = await tableItems(this.documents, { query }, (item) => caseIdOfPk(item.pk));
    return new Set(items);
  }

  /** The cases the filter matches, at most `limit`; an item that does not read as a case is passed over. */
  private scanCases(filter: ScanFilter, limit: number): Promise<TableItems<StoredCase>> {
    return tableItems(this.documents, { scan: { TableName: this.tableName, ...filter } }, (item) => StoredCaseItem.safeParse(item).data, limit);
  }

  /** The cases of these ids that exist, by id. */
  async getCases(caseIds: readonly string[]): Promise<Map<string, StoredCase>> {
    const items = await this.batchGet(caseIds.map((id) => caseKey(id)));
    const out = new Map<string, StoredCase>();
    for (const item of items) {
      const stored = StoredCaseItem.safeParse(item);
      if (stored.success) out.set(stored.data.caseId, stored.data);
    }
    return out;
  }

  /** Which of these (case, request) pairs have recorded a version: the keys `${caseId}` of those that have. */
  async servedRequests(pairs: readonly { caseId: string; requestId: string }[]): Promise<Set<string>> {
    const items = await this.batchGet(pairs.map((p) => requestKey(p.caseId, p.requestId)));
    const served = new Set<string>();
    for (const item of items) served.add(caseIdOfPk(item.pk));
    return served;
  }

  private async batchGet(keys: readonly TableKey[]): Promise<Record<string, unknown>[]> {
    const batches: TableKey[][] = [];
    for (let start = 0; start < keys.length; start += BATCH_GET_LIMIT) batches.push(keys.slice(start, start + BATCH_GET_LIMIT));
    const results = await inParallel(batches, BATCH_GET_CONCURRENCY, (batch) => this.batchGetOne(batch));
    return results.flat();
  }

  private async batchGetOne(keys: readonly TableKey[]): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    let pending: Record<string, unknown>[] | undefined = keys.map((k) => ({ ...k }));
    // DynamoDB may leave keys unprocessed under load; ask again for those, backing off.
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const result: BatchGetCommandOutput = await this.documents.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      out.push(...(result.Responses?.[this.tableName] ?? []));
      pending = result.UnprocessedKeys?.[this.tableName]?.Keys;
    }
    return out;
  }
}
