import type { BatchOp, DynaliteOperation, Request, Store } from './dynalite.js';
import { run } from './dynalite.js';
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

/** One single-item or batch write (PutItem, UpdateItem, DeleteItem, BatchWriteItem). */
export function write(ctx: Context, operation: DynaliteOperation, data: Request): Promise<Record<string, unknown>> {
  return ctx.writeLock.run(() => atomically(ctx, () => run(ctx.store, operation, data)));
}
