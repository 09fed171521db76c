// The staff console's browser script in the API function's asset: built once at synth time from
// its TypeScript sources and copied in by the bundling hook, so the function reads a file
// (NOTICE_CONSOLE_SCRIPT) instead of carrying esbuild.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildConsoleScript } from '../lambdas/api/pages/console-script.js';

/** Where the API function's asset holds the script, relative to its root. */
export const CONSOLE_SCRIPT_ASSET = 'console/staff-console.js';

/** The built script as a file under .cache/console/, named by its contents. */
export function consoleScriptFile(projectRoot: string): string {
  const script = buildConsoleScript();
  const dir = join(projectRoot, '.cache/console');
  const file = join(dir, `${createHash('sha256').update(script).digest('hex').slice(0, 20)}.js`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  // Written under a private name and renamed: a concurrent synth never copies half a file.
  writeFileSync(`${file}.${process.pid}`, script);
  renameSync(`${file}.${process.pid}`, file);
  return file;
}
