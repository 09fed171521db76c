// TransactWriteItems and TransactGetItems, which dynalite lacks.
//
// A write transaction runs under the store's write lock, so no other write (single or
// transactional) interleaves with it: first every item's condition is checked against the items
// as they are; if any fails, the transaction is cancelled with one reason per item, in request
// order. Otherwise dynalite's own Put/Update/Delete actions run with their writes captured, and
// the writes, their stream records and the ClientRequestToken land in one LevelDB batch.
import { createHash } from 'node:crypto';
import type { Context } from './context.js';
import { atomically } from './context.js';
import type { DynaliteOperation, Item, Request, TableDescription } from './dynalite.js';
import { checkConditional, getTable, itemError, itemLevelKey, keyError, run, validate } from './dynalite.js';
import { errorCode, errorMessage, isDynaliteError, ServiceError, validationError } from './errors.js';

type Body = Record<string, unknown>;

const MAX_ITEMS = 100;
/** A ClientRequestToken is remembered for 10 minutes after the transaction that used it. */
export const TOKEN_LIFETIME_MS = 10 * 60 * 1000;
const TOKEN_PREFIX = 'plus~token~';

const WRITE_KINDS = { ConditionCheck: 'DeleteItem', Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem' } as const;
type WriteKind = keyof typeof WRITE_KINDS;

interface PreparedWrite {
  kind: WriteKind;
  /** The request as dynalite validated it (expressions parsed). */
  data: Request;
  returnOldOnFailure: boolean;
}

interface CancellationReason {
  Code: string;
  Message?: string;
  Item?: Item;
}

function transactItems(body: Body): Body[] {
  const items = body.TransactItems;
  if (!Array.isArray(items)) {
    throw validationError("1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: Member must not be null");
  }
  if (items.length < 1 || items.length > MAX_ITEMS) {
    const bound = items.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_ITEMS}`;
    throw validationError(`1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length ${bound}`);
  }
  return items as Body[];
}

function prepareWrite(ctx: Context, entry: Body): PreparedWrite {
  const kinds = (Object.keys(WRITE_KINDS) as WriteKind[]).filter((k) => entry[k] !== undefined && entry[k] !== null);
  if (kinds.length !== 1) throw validationError('TransactItems can only contain one of Check, Put, Update or Delete');
  const kind = kinds[0]!;
  const { ReturnValuesOnConditionCheckFailure, ...request } = entry[kind] as Body;
  if (kind === 'ConditionCheck' && typeof request.ConditionExpression !== 'string') {
    throw validationError(
      "1 validation error detected: Value null at 'transactItems.1.member.conditionCheck.conditionExpression' failed to satisfy constraint: Member must not be null",
    );
  }
  return { kind, data: validate(ctx.store, WRITE_KINDS[kind], request), returnOldOnFailure: ReturnValuesOnConditionCheckFailure === 'ALL_OLD' };
}

/** The item's LevelDB key; also checks the key (or the Put's item) against the table's schema. */
function levelKey(table: TableDescription, keyOrItem: Item, isItem: boolean): string {
  const invalid = isItem ? itemError(keyOrItem, table) : keyError(keyOrItem, table);
  if (invalid) throw invalid;
  return itemLevelKey(keyOrItem, table);
}

async function itemKeys(ctx: Context, requests: { data: Request; isItem: boolean }[]): Promise<string[]> {
  const tables = new Map<string, TableDescription>();
  const keys: string[] = [];
  for (const { data, isItem } of requests) {
    const name = String(data.TableName);
    const table = tables.get(name) ?? (await getTable(ctx.store, name));
    tables.set(name, table);
    keys.push(levelKey(table, (isItem ? data.Item : data.Key) as Item, isItem));
  }
  if (new Set(keys).size !== keys.length) throw validationError('Transaction request cannot include multiple operations on one item');
  return keys;
}

function cancelled(reasons: CancellationReason[]): ServiceError {
  return new ServiceError(
    'TransactionCanceledException',
    `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
    { CancellationReasons: reasons },
  );
}

/** The request minus its token, in a stable form: a repeated token must come with the same request. */
function requestHash(body: Body): string {
  const { ClientRequestToken: _token, ...rest } = body;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
}

export async function transactWriteItems(ctx: Context, body: Body): Promise<Body> {
  const prepared = transactItems(body).map((entry) => prepareWrite(ctx, entry));
  const token = body.ClientRequestToken;
  if (token !== undefined && (typeof token !== 'string' || token.length < 1 || token.length > 36)) {
    throw validationError("1 validation error detected: Value at 'clientRequestToken' failed to satisfy constraint: Member must have length between 1 and 36");
  }
  const hash = requestHash(body);

  return ctx.writeLock.run(async () => {
    const keys = await itemKeys(
      ctx,
      prepared.map((p) => ({ data: p.data, isItem: p.kind === 'Put' })),
    );

    if (token !== undefined) {
      const seen = (await ctx.store.db.get(TOKEN_PREFIX + token)) as { hash: string; at: number } | undefined;
      if (seen && Date.now() - seen.at < TOKEN_LIFETIME_MS) {
        if (seen.hash === hash) return {}; // the same request again: it was applied once already
        throw new ServiceError('IdempotentParameterMismatchException', 'The request uses the same client token as a previous, but non-identical request.');
      }
    }

    // Every condition is checked before anything is written, and every failure is reported.
    const reasons: CancellationReason[] = [];
    for (const [i, p] of prepared.entries()) {
      const existing = (await ctx.store.db.get(keys[i]!)) as Item | undefined;
      const failed = checkConditional(p.data, existing);
      reasons.push(
        failed
          ? { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', ...(p.returnOldOnFailure && existing ? { Item: existing } : {}) }
          : { Code: 'None' },
      );
    }
    if (reasons.some((r) => r.Code !== 'None')) throw cancelled(reasons);

    const tokenOps = token === undefined ? [] : [{ type: 'put' as const, key: TOKEN_PREFIX + token, value: { hash, at: Date.now() } }];
    try {
      await atomically(
        ctx,
        async () => {
          for (const [i, p] of prepared.entries()) {
            if (p.kind === 'ConditionCheck') continue;
            try {
              await run(ctx.store, WRITE_KINDS[p.kind] as DynaliteOperation, p.data);
            } catch (error) {
              throw new ItemFailed(i, error);
            }
          }
        },
        tokenOps,
      );
    } catch (error) {
      // An update that cannot apply (a wrong operand type, an item grown too large) cancels the
      // whole transaction; nothing captured so far is written.
      if (!(error instanceof ItemFailed) || !isDynaliteError(error.cause)) throw error;
      const code = errorCode(error.cause) === 'ValidationException' ? 'ValidationError' : errorCode(error.cause).replace(/Exception$/, '');
      throw cancelled(prepared.map((_, i) => (i === error.index ? { Code: code, Message: errorMessage(error.cause as Error) } : { Code: 'None' })));
    }
    return {};
  });
}

class ItemFailed extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(`transaction item ${index} failed`);
  }
}

export async function transactGetItems(ctx: Context, body: Body): Promise<Body> {
  const requests = transactItems(body).map((entry) => {
    if (!entry.Get || Object.keys(entry).length !== 1) throw validationError('TransactItems can only contain one Get');
    return validate(ctx.store, 'GetItem', { ...(entry.Get as Body), ConsistentRead: true });
  });
  // Read under the write lock: no write lands between the reads, so they are one snapshot.
  return ctx.writeLock.run(async () => {
    await itemKeys(
      ctx,
      requests.map((data) => ({ data, isItem: false })),
    );
    const Responses = [];
    for (const data of requests) {
      const { Item } = await run(ctx.store, 'GetItem', data);
      Responses.push(Item === undefined ? {} : { Item });
    }
    return { Responses };
  });
}

/** Forgets tokens older than their 10 minutes; run at start and now and then. */
export async function forgetOldTokens(ctx: Context): Promise<void> {
  const now = Date.now();
  const stale: string[] = [];
  const keys = await ctx.store.db.keys({ gte: TOKEN_PREFIX, lt: `${TOKEN_PREFIX}\x7f` }).all();
  for (const key of keys) {
    const seen = (await ctx.store.db.get(key)) as { at: number } | undefined;
    if (!seen || now - seen.at >= TOKEN_LIFETIME_MS) stale.push(key);
  }
  if (stale.length > 0) await ctx.store.db.batch(stale.map((key) => ({ type: 'del' as const, key })));
}
