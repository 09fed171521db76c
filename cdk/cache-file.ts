// Files that synth makes once and keeps under .cache/ (git-ignored) for the bundling hooks to copy.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes under a private name and renames: a concurrent synth never copies half a file. */
export function writeAtomically(file: string, contents: string | Uint8Array): void {
  writeFileSync(`${file}.${process.pid}`, contents);
  renameSync(`${file}.${process.pid}`, file);
}

/** `contents` as a file in `dir` named by their hash (`<hash><extension>`): written once, then found. */
export function contentAddressedFile(dir: string, contents: string, extension: string): string {
  const file = join(dir, `${createHash('sha256').update(contents).digest('hex').slice(0, 20)}${extension}`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  writeAtomically(file, contents);
  return file;
}
