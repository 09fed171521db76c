// The staff console's browser code (console/*.ts, type-checked with DOM types by its own
// tsconfig.json) as the one ES2017 script the page inlines. The API function's asset holds it
// prebuilt (NOTICE_CONSOLE_SCRIPT, written when cdk bundles the function), so a cold start only
// reads a file; from a checkout (npm start, tests) esbuild, a devDependency, builds it on first
// use, once per process (~tens of milliseconds).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as esbuild from 'esbuild';

/** How the script is built, here and for the asset: one IIFE for any current browser. */
const BUILD = {
  bundle: true,
  format: 'iife',
  target: 'es2017',
  charset: 'utf8',
  legalComments: 'none',
  logLevel: 'silent',
} as const satisfies esbuild.BuildOptions;

/** Builds the script from its sources with the installed esbuild. */
export function buildConsoleScript(): string {
  // Loaded at run time, not imported: the API bundle must not pull esbuild in (the asset never builds).
  const { buildSync } = createRequire(import.meta.url)('esbuild') as typeof esbuild;
  const entry = fileURLToPath(new URL('./console/main.ts', import.meta.url));
  const result = buildSync({ ...BUILD, entryPoints: [entry], write: false });
  return result.outputFiles[0]!.text;
}

let script: string | undefined;

export function consoleScript(): string {
  const prebuilt = process.env.NOTICE_CONSOLE_SCRIPT;
  return (script ??= prebuilt ? readFileSync(prebuilt, 'utf8') : buildConsoleScript());
}
