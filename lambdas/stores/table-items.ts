// Every item a Query or a Scan finds, page after page, through lib-dynamodb's paginators: the one
// read loop the stores share, each store giving how an item is read back.
import { paginateQuery, paginateScan } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient, QueryCommandInput, ScanCommandInput } from '@aws-sdk/lib-dynamodb';

type TableItem = Record<string, unknown>;

export interface TableItems<T> {
  items: T[];
  /** True when the read stopped at its limit with more items left. */
  truncated: boolean;
}

/**
 * The items a query (or a scan) finds, each as `read` makes it; one `read` makes undefined is left
 * out. With `limit`, at most that many: `truncated` when another was found, and no page after it
 * is read.
 */
export async function tableItems<T>(
  documents: DynamoDBDocumentClient,
  request: { query: QueryCommandInput } | { scan: ScanCommandInput },
  read: (item: TableItem) => T | undefined,
  limit = Infinity,
): Promise<TableItems<T>> {
  // Copies: the paginators write each page's start key into the input they are given.
  const pages = 'query' in request ? paginateQuery({ client: documents }, { ...request.query }) : paginateScan({ client: documents }, { ...request.scan });
  const items: T[] = [];
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const value = read(item);
      if (value === undefined) continue;
      if (items.length === limit) return { items, truncated: true };
      items.push(value);
    }
  }
  return { items, truncated: false };
}
