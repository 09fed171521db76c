// DynamoDB Local, Amazon's own emulator (a Java jar), started as a child process.
//
// Where the jar comes from: the npm package amplify-dynamodb-simulator ships it
// (emulator/DynamoDBLocal.jar + DynamoDBLocal_lib/). We do not add that package as a dependency:
// with its dependencies it is ~350 MB in every `npm ci`, including installs that only build or
// deploy the Lambdas. Instead the first start runs `npm pack` for one pinned version (~57 MB
// download, ~65 MB unpacked), checks the tarball against a pinned sha512 and unpacks only
// `emulator/` into .cache/dynamodb-local/<version>/ (git-ignored). npm's own cache keeps the
// tarball, so a fresh clone on the same machine unpacks without downloading again. The jar is
// licensed by AWS under the DynamoDB Local License Agreement (emulator/LICENSE.txt), not an
// open-source licence: it is fetched on the machine that runs it and never committed or bundled.
//
// It needs a Java runtime (`java` on PATH, or $JAVA_HOME/bin/java); Java 17 is on the machine
// image, and `apt-get install -y default-jre-headless` installs one where it is missing.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { NoticeError } from '../errors.js';

export const SIMULATOR_PACKAGE = 'amplify-dynamodb-simulator';
export const SIMULATOR_VERSION = '2.9.30';
const SIMULATOR_INTEGRITY =
  'sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_CACHE_DIR = join(REPO_ROOT, '.cache', 'dynamodb-local');

const START_TIMEOUT_MS = 60_000;

/** What `npm pack --json` prints: one entry per packed package. */
const PackOutput = z.tuple([z.object({ filename: z.string().regex(/^[\w.@-]+\.tgz$/) })]);

/** Something the local DynamoDB needs is missing or broken; the message says what to do. */
export class LocalDynamoDbError extends NoticeError {
  constructor(
    readonly code: 'JAVA_MISSING' | 'DYNAMODB_LOCAL_FETCH_FAILED' | 'DYNAMODB_LOCAL_START_FAILED',
    message: string,
  ) {
    super(message);
  }
}

export interface DynamoDbLocalOptions {
  /** Keep the tables in this folder across restarts; in memory when absent. */
  dbPath?: string;
  /** Where the unpacked jar is kept. */
  cacheDir?: string;
  /** The Java executable; defaults to $JAVA_HOME/bin/java, else `java` on PATH. */
  java?: string;
  log?: (line: string) => void;
}

export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const log = options.log ?? (() => {});
  const java = options.java ?? (process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java');
  checkJava(java);
  const emulatorDir = await ensureEmulator(options.cacheDir ?? DEFAULT_CACHE_DIR, log);
  if (options.dbPath !== undefined) mkdirSync(options.dbPath, { recursive: true });

  // A free port can be taken between our probe and Java's bind; try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await launch({ java, emulatorDir, port, dbPath: options.dbPath, log });
    } catch (error) {
      const portTaken = error instanceof LocalDynamoDbError && /BindException|Address already in use/i.test(error.message);
      if (!portTaken || attempt === 3) throw error;
      log(`port ${port} was taken before DynamoDB Local could bind it; trying another`);
    }
  }
}

function checkJava(java: string): void {
  const probe = spawnSync(java, ['-version'], { stdio: 'ignore' });
  if (probe.error) {
    throw new LocalDynamoDbError(
      'JAVA_MISSING',
      `DynamoDB Local needs a Java runtime, but “${java}” could not be run (${probe.error.message}); ` +
        'install one with `apt-get install -y default-jre-headless`, or set JAVA_HOME',
    );
  }
}

/** Unpacks the pinned jar once; later starts reuse it. */
async function ensureEmulator(cacheDir: string, log: (line: string) => void): Promise<string> {
  const target = join(cacheDir, SIMULATOR_VERSION, 'emulator');
  if (existsSync(join(target, 'DynamoDBLocal.jar'))) return target;

  mkdirSync(cacheDir, { recursive: true });
  // Unpack beside the target and rename, so a concurrent start never sees half a jar folder.
  const work = mkdtempSync(join(cacheDir, '.fetch-'));
  try {
    const spec = `${SIMULATOR_PACKAGE}@${SIMULATOR_VERSION}`;
    log(`fetching ${spec} (the DynamoDB Local jar, ~57 MB) with npm pack into ${cacheDir}`);
    const packed = PackOutput.safeParse(JSON.parse(run('npm', ['pack', spec, '--pack-destination', work, '--json'], work)));
    if (!packed.success) {
      throw new LocalDynamoDbError('DYNAMODB_LOCAL_FETCH_FAILED', `npm pack ${spec} printed no tarball name; run it by hand to see why`);
    }
    const tarball = join(work, packed.data[0].filename);
    const integrity = await sha512Integrity(tarball);
    if (integrity !== SIMULATOR_INTEGRITY) {
      throw new LocalDynamoDbError(
        'DYNAMODB_LOCAL_FETCH_FAILED',
        `${spec} from the registry has integrity ${integrity}, expected ${SIMULATOR_INTEGRITY}; refusing to run it`,
      );
    }
    run('tar', ['-xzf', tarball, '-C', work, 'package/emulator'], work);
    mkdirSync(join(cacheDir, SIMULATOR_VERSION), { recursive: true });
    try {
      renameSync(join(work, 'package', 'emulator'), target);
    } catch (error) {
      if (!existsSync(join(target, 'DynamoDBLocal.jar'))) throw error; // else another start won the race
    }
    log(`unpacked DynamoDB Local into ${target}`);
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.error || result.status !== 0) {
    const why = result.error?.message ?? `exit ${result.status}: ${result.stderr.trim().split('\n').slice(-3).join(' / ')}`;
    throw new LocalDynamoDbError(
      'DYNAMODB_LOCAL_FETCH_FAILED',
      `fetching DynamoDB Local failed at \`${command} ${args.join(' ')}\` (${why}); check that the npm registry is reachable`,
    );
  }
  return result.stdout;
}

async function sha512Integrity(file: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return `sha512-${hash.digest('base64')}`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface LaunchParams {
  java: string;
  emulatorDir: string;
  port: number;
  dbPath: string | undefined;
  log: (line: string) => void;
}

async function launch({ java, emulatorDir, port, dbPath, log }: LaunchParams): Promise<DynamoDbLocal> {
  const args = [
    `-Djava.library.path=${join(emulatorDir, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(emulatorDir, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    // One database whatever the credentials and region, so every client sees the same tables.
    '-sharedDb',
    '-disableTelemetry',
    ...(dbPath === undefined ? ['-inMemory'] : ['-dbPath', dbPath]),
  ];
  log(`starting DynamoDB Local: ${java} -jar DynamoDBLocal.jar on port ${port}${dbPath ? ` with data in ${dbPath}` : ', in memory'}`);
  const child = spawn(java, args, { cwd: emulatorDir, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - 30));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // Never leave a Java process behind when this Node process exits without calling stop().
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const endpoint = `http://127.0.0.1:${port}`;
  const started = Date.now();
  try {
    await waitUntilAnswering(endpoint, child, output);
  } catch (error) {
    await stopChild(child);
    process.removeListener('exit', killOnExit);
    throw error;
  }
  log(`DynamoDB Local answers on ${endpoint} (${Date.now() - started} ms)`);
  return {
    endpoint,
    async stop() {
      process.removeListener('exit', killOnExit);
      await stopChild(child);
    },
  };
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    // Any HTTP answer (400 for an unsigned GET) means the server is listening.
    const answered = await fetch(endpoint, { signal: AbortSignal.timeout(1_000) }).then(
      () => true,
      () => false,
    );
    if (answered) return;
    await Promise.race([exited, new Promise((r) => setTimeout(r, 100))]);
  }
  const state = child.exitCode !== null ? `exited with code ${child.exitCode}` : `did not answer within ${START_TIMEOUT_MS / 1000} s`;
  throw new LocalDynamoDbError(
    'DYNAMODB_LOCAL_START_FAILED',
    `DynamoDB Local ${state}; its last output: ${output.slice(-8).join(' / ') || '(none)'}`,
  );
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
