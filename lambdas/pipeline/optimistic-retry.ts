// Read, decide, write with a condition; if another writer got there first, read again.
// Used where several workers may write the same counter or case at once (numbering, versions).
import { WriteContentionError } from '../stores/errors.js';

export interface RetryOptions {
  /** Names the write in the error when it never lands, e.g. "numbering case C-1". */
  what: string;
  maxAttempts?: number;
}

/**
 * Runs `attempt` until it returns a value; `undefined` means "lost a race, try again". Waits a
 * random 0…(10 ms · 2^n, at most 200 ms) between attempts so that colliding writers spread out.
 * Gives up with a transient WRITE_CONTENTION error, which sends the message back to the queue.
 */
export async function retryOnContention<T>(attempt: () => Promise<T | undefined>, options: RetryOptions): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 60;
  for (let n = 0; n < maxAttempts; n++) {
    const result = await attempt();
    if (result !== undefined) return result;
    const ceiling = Math.min(200, 10 * 2 ** n);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
  }
  throw new WriteContentionError(`${options.what}: other writers kept winning for ${maxAttempts} attempts; the request will be retried from the queue`);
}
