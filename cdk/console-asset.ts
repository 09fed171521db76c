// The staff console's browser script in the API function's asset: built once at synth time from
// its TypeScript sources and copied in by the bundling hook, so the function reads a file
// (NOTICE_CONSOLE_SCRIPT) instead of carrying esbuild.
import { join } from 'node:path';
import { buildConsoleScript } from '../lambdas/api/pages/console-script.js';
import { contentAddressedFile } from './cache-file.js';

/** Where the API function's asset holds the script, relative to its root. */
export const CONSOLE_SCRIPT_ASSET = 'console/staff-console.js';

/** The built script as a file under .cache/console/, named by its contents. */
export function consoleScriptFile(projectRoot: string): string {
  return contentAddressedFile(join(projectRoot, '.cache/console'), buildConsoleScript(), '.js');
}
