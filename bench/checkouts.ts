// What the bench measures: this working tree, and optionally a committed baseline extracted to a
// temporary directory, so before/after figures come from one run under the same load.
// The baseline is read with `git archive` (the shared working tree and its index are never touched)
// and shares this tree's node_modules, so only the project's own code differs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Checkout {
  /** 'current', or the baseline's short commit id. */
  name: string;
  root: string;
}

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export function currentCheckout(): Checkout {
  return { name: 'current', root: REPO_ROOT };
}

export class BaselineError extends Error {
  readonly code = 'BENCH_BASELINE';
}

/** Extracts `ref` (any commit-ish) once per commit under the OS temp directory. */
export function baselineCheckout(ref: string): Checkout {
  let commit: string;
  try {
    commit = execFileSync('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    throw new BaselineError(`--baseline ${ref}: not a commit in ${REPO_ROOT} (try a hash from \`git log --oneline\`)`);
  }
  const root = join(tmpdir(), `notice-bench-${commit.slice(0, 12)}`);
  if (!existsSync(join(root, 'package.json'))) {
    const partial = `${root}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    const tar = execFileSync('git', ['archive', '--format=tar', commit], { cwd: REPO_ROOT, maxBuffer: 1 << 30 });
    execFileSync('tar', ['-x', '-C', partial], { input: tar });
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(partial, 'node_modules'), 'dir');
    rmSync(root, { recursive: true, force: true });
    renameSync(partial, root);
  }
  return { name: commit.slice(0, 7), root };
}
