// The LevelDB keys of secondary-index entries, replacing dynalite's. dynalite keys an entry by the
// index key followed by 24 bits of a hash of the item's table key, so two items with equal index
// keys whose table keys share those 24 bits overwrite each other's entry, and one of them goes
// missing from the index. Here the index key is followed by the item's whole table key, encoded
// as the item's own key in its table: distinct items always get distinct entries. The index key
// part is encoded as dynalite does, so its Query ranges and the order of results are unchanged.
//
// dynalite's actions compute these keys through its db module's exports (updateIndexes for the
// writes of PutItem, UpdateItem and DeleteItem, createIndexKey for Query's and Scan's
// ExclusiveStartKey); dynalite.ts replaces both exports with the functions made here.
import type { Item, KeySchemaElement, Store, TableDescription } from './dynalite.js';

type Callback = (error?: Error | null) => void;

interface SecondaryIndex {
  IndexName: string;
  KeySchema: KeySchemaElement[];
  Projection: { ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; NonKeyAttributes?: string[] };
}

interface IndexedTable extends TableDescription {
  LocalSecondaryIndexes?: SecondaryIndex[];
  GlobalSecondaryIndexes?: SecondaryIndex[];
}

/** dynalite's key encoding of an item (or key) under a key schema, the table's when none is given. */
type CreateKey = (item: Item, table: TableDescription, keySchema?: KeySchemaElement[]) => string;

/** One entry to write: the index, the indexType dynalite's getIndexDb takes, the key and the entry. */
interface IndexWrite {
  indexType: 'Local' | 'Global';
  index: string;
  key: string;
  entry?: Item;
}

export interface IndexKeyFunctions {
  createIndexKey(item: Item, table: TableDescription, keySchema: KeySchemaElement[]): string;
  updateIndexes(store: Store, table: TableDescription, oldItem: Item | null | undefined, newItem: Item | null | undefined, cb: Callback): void;
}

/** Marks a LevelDB whose index entries are keyed as here; written when the store is new. */
const FORMAT_KEY = 'plus~format';
const FORMAT = 'index-keys-with-table-key';

/**
 * Marks a new store as keyed as here, and refuses one written before (by dynalite's keys, with
 * no mark) rather than answer Queries from index entries that may be missing. Migrating would
 * mean rewriting every index entry; the folder holds local data only, so it is deleted instead.
 */
export async function checkIndexKeyFormat(store: Store, path: string | undefined): Promise<void> {
  const format = await store.db.get(FORMAT_KEY);
  if (format === FORMAT) return;
  const empty = format === undefined && (await store.db.keys({ limit: 1 }).all()).length === 0;
  if (empty) return store.db.batch([{ type: 'put', key: FORMAT_KEY, value: FORMAT }]);
  await new Promise<void>((resolve) => store.db.close(() => resolve()));
  throw new Error(
    `dynalite-plus: the LevelDB folder ${path ?? ''} was written by an older dynalite-plus, whose secondary-index ` +
      'entries can overwrite each other (items missing from a Query on an index). Its index entries are keyed ' +
      'differently now and cannot be read. Delete that folder (it holds local data only) and start again.',
  );
}

export function indexKeyFunctions(createKey: CreateKey): IndexKeyFunctions {
  const createIndexKey = (item: Item, table: TableDescription, keySchema: KeySchemaElement[]) => createKey(item, table, keySchema) + createKey(item, table);

  /** The attributes an index entry keeps: all of them, or its keys, the table's keys and the included ones. */
  const projected = (item: Item, table: TableDescription, index: SecondaryIndex): Item => {
    if (index.Projection.ProjectionType === 'ALL') return item;
    const names = [...index.KeySchema, ...table.KeySchema].map((k) => k.AttributeName).concat(index.Projection.NonKeyAttributes ?? []);
    return Object.fromEntries(names.filter((name) => item[name] != null).map((name) => [name, item[name]!]));
  };

  /** The deletes (first) and puts that take an index from oldItem's entries to newItem's. */
  const indexWrites = (table: IndexedTable, oldItem: Item | null | undefined, newItem: Item | null | undefined) => {
    const deletes: IndexWrite[] = [];
    const puts: IndexWrite[] = [];
    const kinds = [
      ['Local', table.LocalSecondaryIndexes],
      ['Global', table.GlobalSecondaryIndexes],
    ] as const;
    for (const [indexType, indexes] of kinds) {
      for (const index of indexes ?? []) {
        const inIndex = (item: Item | null | undefined): item is Item => !!item && index.KeySchema.every((k) => item[k.AttributeName] != null);
        const newKey = inIndex(newItem) ? createIndexKey(newItem, table, index.KeySchema) : undefined;
        const oldKey = inIndex(oldItem) ? createIndexKey(oldItem, table, index.KeySchema) : undefined;
        if (oldKey !== undefined && oldKey !== newKey) deletes.push({ indexType, index: index.IndexName, key: oldKey });
        if (newKey !== undefined) puts.push({ indexType, index: index.IndexName, key: newKey, entry: projected(newItem!, table, index) });
      }
    }
    return [...deletes, ...puts];
  };

  const updateIndexes: IndexKeyFunctions['updateIndexes'] = (store, table, oldItem, newItem, cb) => {
    const writes = indexWrites(table as IndexedTable, oldItem, newItem);
    // Through store.getIndexDb, one after another, so the write capture sees every one in order.
    const next = (i: number): void => {
      const write = writes[i];
      if (!write) return cb(null);
      const indexDb = store.getIndexDb(write.indexType, table.TableName, write.index);
      const done = (error?: Error | null) => (error ? cb(error) : next(i + 1));
      if (write.entry) indexDb.put(write.key, write.entry, done);
      else indexDb.del(write.key, done);
    };
    next(0);
  };

  return { createIndexKey, updateIndexes };
}
