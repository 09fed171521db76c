// Child processes for the bench: a fresh `node` per measurement, timed from spawn to exit.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureDemoSigningFiles } from '../lambdas/render/sign/signer.js';

export interface ProcessRun {
  /** Spawn → exit, as the shell that starts `notice render` sees it. */
  wallMs: number;
  stdout: string;
  stderr: string;
  code: number | null;
}

function runNode(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ wallMs: Number(process.hrtime.bigint() - start) / 1e6, stdout, stderr, code }));
  });
}

/** A run that must succeed: otherwise the child's own words, first lines only. */
export async function runNodeOk(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<ProcessRun> {
  const run = await runNode(args, options);
  if (run.code !== 0) {
    const said = (run.stderr || run.stdout).trim().split('\n').slice(0, 6).join('\n');
    throw new Error(`node ${args.join(' ')} exited with ${run.code}:\n${said}`);
  }
  return run;
}

/** The tsx loader as a URL, so `--import` finds it whatever the child's working directory. */
export const TSX_LOADER = import.meta.resolve('tsx');

/**
 * The environment of a child that renders: demo documents signed with one key for the whole run
 * (kept in `tmp`), since the demo signer otherwise makes a new key per process and no two
 * processes, or checkouts, could give the same bytes.
 */
export function renderEnv(tmp: string): NodeJS.ProcessEnv {
  if (process.env.NOTICE_SIGNING_KEY) return process.env;
  const files = ensureDemoSigningFiles(join(tmp, 'signing'));
  return { ...process.env, NOTICE_SIGNING_KEY: files.keyPath, NOTICE_SIGNING_CERT: files.certificatePath };
}
