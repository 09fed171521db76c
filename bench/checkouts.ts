// What the bench measures: this working tree, and optionally a baseline in a temporary directory,
// so before/after figures come from one run under the same load. The baseline is either a whole
// commit (read with `git archive`) or this working tree with only some paths as a commit has them
// (`--baseline-paths`: the before/after of one change while others edit other folders). Git's
// index and the shared working tree are never touched; the baseline shares this tree's node_modules.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface Checkout {
  /** 'current', or the baseline's short commit id. */
  name: string;
  root: string;
}

/** What the benches use of a checkout's renderer (its own module graph: another commit's code). */
export interface CheckoutRenderer {
  render(r: { case: unknown; documentNumber: string }): Promise<{ pdf: Buffer }>;
}

/** The process's renderer of a checkout, loaded from its own files, so two commits can run side by side. */
export async function checkoutRenderer(c: Checkout): Promise<CheckoutRenderer> {
  const m = (await import(pathToFileURL(join(c.root, 'lambdas/render/render-document.ts')).href)) as { renderer(): CheckoutRenderer };
  return m.renderer();
}

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export function currentCheckout(): Checkout {
  return { name: 'current', root: REPO_ROOT };
}

class BaselineError extends Error {
  readonly code = 'BENCH_BASELINE';
}

const git = (args: readonly string[]) => execFileSync('git', args, { cwd: REPO_ROOT, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });

function resolveCommit(ref: string): string {
  try {
    return git(['rev-parse', '--verify', `${ref}^{commit}`])
      .toString('utf8')
      .trim();
  } catch {
    throw new BaselineError(`--baseline ${ref}: not a commit in ${REPO_ROOT} (try a hash from \`git log --oneline\`)`);
  }
}

/**
 * `ref` (any commit-ish) as a checkout; with `paths`, this working tree (tracked and untracked
 * files, as they are now) with just those paths taken from `ref` (removed where `ref` lacks them).
 */
export function baselineCheckout(ref: string, paths?: readonly string[]): Checkout {
  const commit = resolveCommit(ref);
  return paths && paths.length > 0 ? treeWithPathsFrom(commit, paths) : wholeCommit(commit);
}

const treeCopies = new Set<string>();

/** Removes a `--baseline-paths` tree copy (made afresh each run); a whole-commit baseline stays for the next run. */
export function discardCheckout(c: Checkout): void {
  if (treeCopies.delete(c.root)) rmSync(c.root, { recursive: true, force: true });
}

function treeWithPathsFrom(commit: string, paths: readonly string[]): Checkout {
  const root = mkdtempSync(join(tmpdir(), `notice-bench-${commit.slice(0, 7)}-paths-`));
  treeCopies.add(root);
  const files = git(['ls-files', '-z', '--cached', '--others', '--exclude-standard'])
    .toString('utf8')
    .split('\0')
    .filter((f) => f !== '');
  for (const f of files) {
    if (!existsSync(join(REPO_ROOT, f))) continue; // deleted in the working tree, not yet staged
    mkdirSync(dirname(join(root, f)), { recursive: true });
    copyFileSync(join(REPO_ROOT, f), join(root, f));
  }
  for (const p of paths) {
    const target = join(root, p);
    rmSync(target, { force: true });
    let content: Buffer | undefined;
    try {
      content = git(['show', `${commit}:${p}`]);
    } catch {
      content = undefined; // not in that commit: the baseline goes without it
    }
    if (content) {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  }
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return { name: `${commit.slice(0, 7)}-paths`, root };
}

/** A whole commit, extracted once per commit under the OS temp directory. */
function wholeCommit(commit: string): Checkout {
  const root = join(tmpdir(), `notice-bench-${commit.slice(0, 12)}`);
  if (!existsSync(join(root, 'package.json'))) {
    const partial = `${root}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    const tar = git(['archive', '--format=tar', commit]);
    execFileSync('tar', ['-x', '-C', partial], { input: tar });
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(partial, 'node_modules'), 'dir');
    rmSync(root, { recursive: true, force: true });
    renameSync(partial, root);
  } else if (realpathOrUndefined(join(root, 'node_modules')) !== realpathSync(join(REPO_ROOT, 'node_modules'))) {
    // Kept from a run in another checkout (a worktree since removed, say): use this tree's packages.
    rmSync(join(root, 'node_modules'), { force: true });
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  }
  return { name: commit.slice(0, 7), root };
}

function realpathOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined; // a dangling link
  }
}
