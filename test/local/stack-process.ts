// `npm start -- --data DIR` as a real child process, for tests that kill it: the same entry
// (cli/start.ts through tsx) on this Node, in its own process group so that one SIGKILL
// takes the whole stack (tsx, the stack's Node process and anything it started) at once.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { opsConfig, workerConfig } from '../../lambdas/pipeline/config.js';
import type { OpsConfig } from '../../lambdas/pipeline/config.js';
import { createPipelineClients, destroyPipelineClients } from '../../lambdas/pipeline/pipeline-clients.js';
import type { PipelineClients } from '../../lambdas/pipeline/pipeline-clients.js';
import { createPipelineDeps } from '../../lambdas/pipeline/deps.js';
import type { PipelineDeps } from '../../lambdas/pipeline/deps.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TSX_CLI = join(REPO, 'node_modules/tsx/dist/cli.mjs');
const START = join(REPO, 'cli/start.ts');
/** Generous: on a shared two-core machine the stack and the fonts can take many seconds. */
const READY_TIMEOUT_MS = 240_000;

export interface SpawnedStack {
  child: ChildProcess;
  /** Every stdout and stderr line so far. */
  lines: string[];
  /** Resolves when a line matches (now or later); fails if the stack exits first. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** SIGKILL to the whole process group; resolves once every process of it is gone. */
  kill(): Promise<void>;
}

export interface RunningStack extends SpawnedStack {
  /** The environment `npm start` wrote to out/local-stack.env (endpoints of this run). */
  env: Record<string, string>;
  /** Table and queues of this run, from that environment. */
  ops: OpsConfig & { deadLetterQueueUrl: string };
  clients: PipelineClients;
  deps: PipelineDeps;
  /** Lines of the issued-documents table for cases whose id starts with the prefix. */
  recorded(prefix: string): number;
}

function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)='(.*)'$/.exec(line);
    if (match) env[match[1]!] = match[2]!.replace(/'\\''/g, "'");
  }
  return env;
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function spawnStack(options: { dataDir: string; workDir: string }): SpawnedStack {
  const child = spawn(process.execPath, [TSX_CLI, START, '--data', options.dataDir], {
    cwd: options.workDir, // out/ (PDFs and local-stack.env) goes here
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NOTICE_VERIFY_BASE_URL: 'https://verify.example.test' },
  });
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts);
      for (const listener of listeners) listener();
    });
  }
  const kill = async () => {
    const pid = child.pid;
    if (pid === undefined) return;
    if (groupAlive(pid)) process.kill(-pid, 'SIGKILL');
    while (groupAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
  };
  const waitForLine = (pattern: RegExp, timeoutMs = READY_TIMEOUT_MS) =>
    new Promise<void>((resolve, reject) => {
      const tail = () => lines.slice(-30).join('\n');
      const timer = setTimeout(() => done(new Error(`the stack printed no line matching ${pattern} within ${timeoutMs / 1000} s:\n${tail()}`)), timeoutMs);
      const onExit = (code: number | null) => done(new Error(`the stack exited (${code}) before printing ${pattern}:\n${tail()}`));
      const check = () => {
        if (lines.some((line) => pattern.test(line))) done();
      };
      function done(error?: Error) {
        clearTimeout(timer);
        listeners.delete(check);
        child.off('exit', onExit);
        if (error) reject(error);
        else resolve();
      }
      listeners.add(check);
      child.once('exit', onExit);
      check();
    });
  return { child, lines, waitForLine, kill };
}

/** Spawns the stack and resolves once it runs (seeded, Pipe and worker started). */
export async function startStack(options: { dataDir: string; workDir: string }): Promise<RunningStack> {
  const spawned = spawnStack(options);
  try {
    await spawned.waitForLine(/^running; Ctrl-C stops/);
  } catch (error) {
    await spawned.kill();
    throw error;
  }
  const env = parseEnvFile(readFileSync(join(options.workDir, 'out', 'local-stack.env'), 'utf8'));
  const config = workerConfig(env);
  const ops = opsConfig(env);
  const clients = createPipelineClients(config.aws);
  return {
    ...spawned,
    env,
    ops: { ...ops, deadLetterQueueUrl: ops.deadLetterQueueUrl ?? '' },
    clients,
    deps: createPipelineDeps(config, clients),
    recorded: (prefix) => spawned.lines.filter((line) => line.startsWith(prefix) && !/FAILED|REJECTED/.test(line)).length,
    async kill() {
      destroyPipelineClients(clients);
      await spawned.kill();
    },
  };
}

/** Resolves when `condition` holds; checks every 200 ms, fails after `timeoutMs` saying `what` and `state()`. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 300_000, state?: () => unknown): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${state ? `: ${JSON.stringify(await state())}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
