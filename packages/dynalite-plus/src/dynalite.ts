// A typed bridge to dynalite's internals: its LevelDB store, its request validations and its
// actions, called in-process instead of through dynalite's own HTTP server. dynalite ships no
// types and exports only its server, so the modules are loaded by path; the version is pinned
// exactly in package.json because these paths and the store's key layout are not public API.
import { createRequire } from 'node:module';
import type { IndexKeyFunctions } from './index-keys.js';
import { indexKeyFunctions } from './index-keys.js';

const require = createRequire(import.meta.url);

/** An attribute value in DynamoDB's JSON wire shape, e.g. { S: 'x' } or { M: { ... } }. */
type AttributeValue = Record<string, unknown>;
export type Item = Record<string, AttributeValue>;

/** What dynalite's validations and actions fail with: an HTTP status and DynamoDB's error body. */
export interface DynaliteError extends Error {
  statusCode?: number;
  body?: { __type: string; message?: string; Message?: string };
}

type Callback<T> = (error: DynaliteError | null | undefined, result?: T) => void;

/** One key-prefixed view of the single LevelDB (dynalite names them item-<table>, index-…, table). */
export interface SubDb {
  put(key: string, value: unknown, cb: Callback<void>): void;
  get(key: string, cb: Callback<unknown>): void;
  del(key: string, cb: Callback<void>): void;
  batch(ops: BatchOp[], cb: Callback<void>): void;
  lock(key: string, fn: (release: <T>(cb: T) => T) => void): void;
}

export type BatchOp = { type: 'put'; key: string; value: unknown } | { type: 'del'; key: string };

/** The LevelDB all sub-databases share (classic-level on disk, memory-level without a path). */
interface MainDb {
  get(key: string): Promise<unknown>;
  batch(ops: BatchOp[]): Promise<void>;
  values(options: { gt?: string; gte?: string; lt?: string; limit?: number }): { all(): Promise<unknown[]> };
  keys(options: { gt?: string; gte?: string; lt?: string; limit?: number }): { all(): Promise<string[]> };
  close(cb: Callback<void>): void;
}

export interface KeySchemaElement {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
}

export interface StreamSpecification {
  StreamEnabled: boolean;
  StreamViewType?: StreamViewType;
}

export type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';

/** A table as dynalite keeps it (its DescribeTable output), plus the stream fields we add. */
export interface TableDescription {
  TableName: string;
  TableStatus: string;
  KeySchema: KeySchemaElement[];
  StreamSpecification?: StreamSpecification;
  LatestStreamArn?: string;
  LatestStreamLabel?: string;
  [other: string]: unknown;
}

export interface Store {
  options: { maxItemSize: number };
  db: MainDb;
  tableDb: SubDb & { awsRegion: string; awsAccountId: string };
  getItemDb(table: string): SubDb;
  getIndexDb(indexType: string, table: string, index: string): SubDb;
  getTable(name: string, cb: Callback<TableDescription>): void;
}

export interface StoreOptions {
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}

/** A validated request body; dynalite adds parsed expressions under keys such as _condition. */
export type Request = Record<string, unknown>;

interface DbModule extends IndexKeyFunctions {
  create(options: StoreOptions): Store;
  checkConditional(data: Request, existing: Item | undefined): DynaliteError | null | undefined;
  createKey(item: Item, table: TableDescription, keySchema?: KeySchemaElement[]): string;
  validateKey(key: Item, table: TableDescription): DynaliteError | null | undefined;
  validateItem(item: Item, table: TableDescription): DynaliteError | null | undefined;
  validationError(message: string): DynaliteError;
}

interface ValidationsModule {
  checkTypes(data: Request, types: unknown): Request;
  checkValidations(data: Request, types: unknown, custom: unknown, store: Store): void;
  toLowerFirst(name: string): string;
}

type Action = (store: Store, data: Request, cb: Callback<Record<string, unknown>>) => void;

// The require() results are untyped JavaScript modules; these casts give them the shapes above.
const db = require('dynalite/db/index.js') as DbModule;
const validations = require('dynalite/validations/index.js') as ValidationsModule;
// Index entries keyed without collisions (see index-keys.ts); the actions call these exports.
Object.assign(db, indexKeyFunctions(db.createKey));

/** The operations dynalite implements itself, by their DynamoDB names. */
export const DYNALITE_OPERATIONS = [
  'BatchGetItem',
  'BatchWriteItem',
  'CreateTable',
  'DeleteItem',
  'DeleteTable',
  'DescribeTable',
  'DescribeTimeToLive',
  'GetItem',
  'ListTables',
  'PutItem',
  'Query',
  'Scan',
  'TagResource',
  'UntagResource',
  'ListTagsOfResource',
  'UpdateItem',
  'UpdateTable',
] as const;
export type DynaliteOperation = (typeof DYNALITE_OPERATIONS)[number];

const actions = new Map<string, { run: Action; types: unknown; custom: unknown }>();
for (const operation of DYNALITE_OPERATIONS) {
  const name = validations.toLowerFirst(operation);
  const validation = require(`dynalite/validations/${name}.js`) as { types: unknown; custom: unknown };
  actions.set(operation, { run: require(`dynalite/actions/${name}.js`) as Action, ...validation });
}

export function createStore(options: StoreOptions): Store {
  return db.create(options);
}

function action(operation: DynaliteOperation): { run: Action; types: unknown; custom: unknown } {
  const found = actions.get(operation);
  if (!found) throw new Error(`dynalite has no ${operation}`);
  return found;
}

/** Checks a request as dynalite's server would; throws a DynaliteError carrying DynamoDB's error body. */
export function validate(store: Store, operation: DynaliteOperation, body: Request): Request {
  const { types, custom } = action(operation);
  const data = validations.checkTypes({ ...body }, types);
  validations.checkValidations(data, types, custom, store);
  return data;
}

/** Runs one of dynalite's actions on a validated request. */
export function run(store: Store, operation: DynaliteOperation, data: Request): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    action(operation).run(store, data, (error, result) => (error ? reject(error) : resolve(result ?? {})));
  });
}

export function getTable(store: Store, name: string): Promise<TableDescription> {
  return new Promise((resolve, reject) => store.getTable(name, (error, table) => (error || !table ? reject(error) : resolve(table))));
}

export const isNotFound = (error: unknown) => error instanceof Error && ((error as DynaliteError).body?.__type ?? '').endsWith('#ResourceNotFoundException');
export const checkConditional = (data: Request, existing: Item | undefined) => db.checkConditional(data, existing) ?? undefined;
/** The LevelDB key of an item (or of the item a key names) in its table. */
export const keyError = (key: Item, table: TableDescription) => db.validateKey(key, table) ?? undefined;
export const itemError = (item: Item, table: TableDescription) => db.validateItem(item, table) ?? undefined;

/** The LevelDB key prefix of a sub-database (dynalite's createPrefixedDbWrapper). */
export const subDbPrefix = (name: string) => `${name}~`;
/** The LevelDB key of an item (or of the item a key names) in its table. */
export const itemLevelKey = (keyOrItem: Item, table: TableDescription) => `${subDbPrefix(`item-${table.TableName}`)}${db.createKey(keyOrItem, table)}`;
