// Collects the item and index writes dynalite's actions make instead of applying them one by one,
// so that an operation's whole effect — several items, their index entries, the stream records
// and bookkeeping — lands in the LevelDB as ONE batch: all of it or none of it, even across a
// kill -9, and readers never see half of it.
//
// dynalite's actions reach item and index storage through store.getItemDb / store.getIndexDb;
// the views returned here write into the open capture when there is one. Captures must not
// overlap: callers hold the store's write lock (see server.ts) around capture() and commit.
import type { BatchOp, Store, SubDb } from './dynalite.js';
import { subDbPrefix } from './dynalite.js';

export interface CapturedWrite {
  /** The sub-database written, e.g. "item-cases" or "index-global~cases~byDocId". */
  subDb: string;
  /** The key within that sub-database. */
  key: string;
  /** The same write as an operation on the main LevelDB. */
  op: BatchOp;
}

export interface WriteCapture {
  /** Runs fn, returning what it resolved to and the writes it made (none of them applied). */
  capture<T>(fn: () => Promise<T>): Promise<{ result: T; writes: CapturedWrite[] }>;
}

export function installWriteCapture(store: Store): WriteCapture {
  let open: CapturedWrite[] | undefined;
  const itemDb = store.getItemDb.bind(store);
  const indexDb = store.getIndexDb.bind(store);

  const view = (name: string, sub: SubDb): SubDb => {
    const prefix = subDbPrefix(name);
    const captured = Object.create(sub) as SubDb;
    const take = (key: string, op: BatchOp) => open?.push({ subDb: name, key, op });
    captured.put = (key, value, cb) => {
      if (!open) return sub.put(key, value, cb);
      take(key, { type: 'put', key: prefix + key, value });
      setImmediate(cb, null);
    };
    captured.del = (key, cb) => {
      if (!open) return sub.del(key, cb);
      take(key, { type: 'del', key: prefix + key });
      setImmediate(cb, null);
    };
    captured.batch = (ops, cb) => {
      if (!open) return sub.batch(ops, cb);
      for (const op of ops) take(op.key, { ...op, key: prefix + op.key });
      setImmediate(cb, null);
    };
    return captured;
  };

  store.getItemDb = (table) => view(`item-${table}`, itemDb(table));
  store.getIndexDb = (indexType, table, index) => view(`index-${indexType.toLowerCase()}~${table}~${index}`, indexDb(indexType, table, index));

  return {
    async capture(fn) {
      if (open) throw new Error('write captures overlap; writers must hold the write lock');
      const writes: CapturedWrite[] = [];
      open = writes;
      try {
        return { result: await fn(), writes };
      } finally {
        open = undefined;
      }
    },
  };
}
