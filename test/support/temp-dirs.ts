// The one way a test makes a scratch folder: `tempDir(prefix)` makes it under the system temp
// directory and removes it when the test file has finished, so repeated runs leave nothing in
// /tmp. The cleanup hook is registered once, when a test file first imports this module (each
// test file gets its own module instance), so it works from top-level code, hooks and tests alike.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh, empty folder `<tmp>/<prefix>XXXXXX`, removed after the current test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
