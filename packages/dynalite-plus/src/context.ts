import type { BatchOp, DynaliteOperation, Item, Request, Store } from './dynalite.js';
import { getTable, itemLevelKey, run } from './dynalite.js';
import { errorCode, isDynaliteError } from './errors.js';
import type { Mutex } from './mutex.js';
import type { StreamLog } from './stream-log.js';
import type { WriteCapture } from './write-capture.js';

/** What every operation handler works with. */
export interface Context {
  store: Store;
  log: StreamLog;
  capture: WriteCapture;
  /** Held by every operation that writes, so writes (single or transactional) never interleave. */
  writeLock: Mutex;
}

/**
 * Runs dynalite actions as one atomic write: their item and index writes, the stream records
 * for them and `extra` land in one batch, or nothing does when an action fails.
 * Callers hold the write lock.
 */
export async function atomically<T>(ctx: Context, actions: () => Promise<T>, extra: BatchOp[] = []): Promise<T> {
  const { result, writes } = await ctx.capture.capture(actions);
  await ctx.log.commit(writes, extra);
  return result;
}

/**
 * One single-item or batch write (PutItem, UpdateItem, DeleteItem, BatchWriteItem). A failed
 * condition carries the item as it is when the request asked for ReturnValuesOnConditionCheckFailure
 * ALL_OLD, which dynalite does not support.
 */
export function write(ctx: Context, operation: DynaliteOperation, data: Request, returnOldOnFailure: boolean): Promise<Record<string, unknown>> {
  return ctx.writeLock.run(async () => {
    try {
      return await atomically(ctx, () => run(ctx.store, operation, data));
    } catch (error) {
      if (returnOldOnFailure && isDynaliteError(error) && errorCode(error) === 'ConditionalCheckFailedException') {
        const table = await getTable(ctx.store, String(data.TableName));
        const key = (data.Item ?? data.Key) as Item;
        const existing = (await ctx.store.db.get(itemLevelKey(key, table))) as Item | undefined;
        if (existing) error.body = { ...error.body, Item: existing } as typeof error.body;
      }
      throw error;
    }
  });
}
