// fauxqs: SQS and S3 in this Node process. S3 clients must use path-style URLs
// (`forcePathStyle: true`): virtual-hosted names like `bucket.127.0.0.1` or `*.localhost` do not
// resolve here.
//
// We assemble it as fauxqs' own startFauxqs() does (stores, persistence, buildApp) rather than
// calling that, for two reasons: startFauxqs() listens on every interface (0.0.0.0, not an
// option), and it leaves no way to add the S3 behaviour fauxqs lacks (fauxqs-s3-gaps.ts) before
// it listens. The stores and persistence classes are not in the package's `exports`, so they are
// loaded by file from the installed package; fauxqs is pinned to an exact version in
// package.json for that reason, and test/local/fauxqs.test.ts fails if a new one moves them.
//
// Persistence (`dataDir`): queues and messages — ready, delayed and in flight with their
// visibility deadlines — go to SQLite in `<dataDir>/sqs`, objects to plain files under
// `<dataDir>/s3`. fauxqs writes every change through before it answers the request, so what a
// client was told is stored survives a kill -9 of this process.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp } from 'fauxqs';
import { addS3Gaps } from './fauxqs-s3-gaps.js';

export interface FauxqsServer {
  /** One endpoint for SQS and S3, e.g. http://127.0.0.1:40123. */
  endpoint: string;
  stop(): Promise<void>;
}

export interface FauxqsOptions {
  /** Keep queues, messages and objects in this folder across restarts; in memory when absent. */
  dataDir?: string;
  log?: (line: string) => void;
}

type Stores = NonNullable<NonNullable<Parameters<typeof buildApp>[0]>['stores']>;

/** fauxqs' SQLite store for queues and topics, as its stores declare it. */
type QueuePersistence = NonNullable<Stores['sqsStore']['persistence']>;
/** fauxqs' files-as-objects store; `loadS3` and `close` are on the class, not on the interface the store declares. */
type ObjectPersistence = NonNullable<Stores['s3Store']['persistence']> & { loadS3(s3: Stores['s3Store']): void; close(): void };
interface Internals {
  SqsStore: new () => Stores['sqsStore'];
  SnsStore: new () => Stores['snsStore'];
  S3Store: new () => Stores['s3Store'];
  PersistenceManager: new (dataDir: string) => QueuePersistence;
  FileS3Persistence: new (dir: string) => ObjectPersistence;
}

/** fauxqs' installed dist/ folder: the first node_modules on Node's search path that has it. */
function fauxqsDist(): URL {
  const folders = createRequire(import.meta.url).resolve.paths('fauxqs') ?? [];
  const found = folders.find((folder) => existsSync(join(folder, 'fauxqs', 'package.json')));
  if (!found) throw new Error('fauxqs is not installed: run npm ci');
  return pathToFileURL(join(found, 'fauxqs', 'dist', '/'));
}

async function loadInternals(): Promise<Internals> {
  const dist = fauxqsDist();
  const load = async (file: string, name: string) => {
    const module = (await import(new URL(file, dist).href)) as Record<string, unknown>;
    if (typeof module[name] !== 'function') throw new Error(`fauxqs: ${file} no longer exports ${name}; check the pinned version in package.json`);
    return module[name];
  };
  return {
    SqsStore: (await load('sqs/sqsStore.js', 'SqsStore')) as Internals['SqsStore'],
    SnsStore: (await load('sns/snsStore.js', 'SnsStore')) as Internals['SnsStore'],
    S3Store: (await load('s3/s3Store.js', 'S3Store')) as Internals['S3Store'],
    PersistenceManager: (await load('persistence.js', 'PersistenceManager')) as Internals['PersistenceManager'],
    FileS3Persistence: (await load('s3/fileS3Persistence.js', 'FileS3Persistence')) as Internals['FileS3Persistence'],
  };
}

/**
 * Removes objects whose metadata file is not whole. fauxqs writes an object's body, then its
 * `.meta.json`, then answers; a process killed inside that last write leaves a metadata file
 * that does not parse, which would stop every later start. That put was never acknowledged, so
 * its sender retries it: dropping the pair loses nothing.
 */
export function removeTornObjects(s3Dir: string): string[] {
  const removed: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.meta.json')) {
        try {
          JSON.parse(readFileSync(path, 'utf8'));
        } catch {
          rmSync(path, { force: true });
          rmSync(`${path.slice(0, -'.meta.json'.length)}.data`, { force: true });
          removed.push(path);
        }
      }
    }
  };
  const buckets = join(s3Dir, 'buckets');
  if (existsSync(buckets)) walk(buckets);
  return removed;
}

export async function startFauxqsServer(options: FauxqsOptions = {}): Promise<FauxqsServer> {
  const internals = await loadInternals();
  const stores: Stores = { sqsStore: new internals.SqsStore(), snsStore: new internals.SnsStore(), s3Store: new internals.S3Store() };
  const kept: { close(): void }[] = [];
  if (options.dataDir) {
    // As startFauxqs() does: load first, then wire persistence in, so loading writes nothing back.
    const s3Dir = join(options.dataDir, 's3');
    for (const torn of removeTornObjects(s3Dir)) options.log?.(`fauxqs: removed an object whose write was cut off: ${torn}`);
    const queues = new internals.PersistenceManager(join(options.dataDir, 'sqs'));
    const objects = new internals.FileS3Persistence(s3Dir);
    kept.push(queues, objects);
    queues.loadSqsAndSns(stores.sqsStore, stores.snsStore);
    objects.loadS3(stores.s3Store);
    stores.sqsStore.persistence = queues;
    stores.snsStore.persistence = queues;
    for (const queue of stores.sqsStore.allQueues()) queue.persistence = queues;
    stores.s3Store.persistence = objects;
  }
  const app = buildApp({ logger: false, stores });
  app.addHook('preClose', () => {
    for (const persistence of kept) persistence.close();
  });
  addS3Gaps(app);
  // Loopback only: nothing outside this machine needs the emulator.
  const endpoint = await app.listen({ port: 0, host: '127.0.0.1' });
  options.log?.(`fauxqs (SQS, S3) answers on ${endpoint}${options.dataDir ? `, keeping queues and objects in ${options.dataDir}` : ''}`);
  return {
    endpoint,
    stop: async () => {
      await app.close();
    },
  };
}
