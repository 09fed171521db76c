#!/usr/bin/env node
// `npx notice …`: runs the CLI from an esbuild bundle instead of through tsx's loader, which saves most of the cold start.
//
// The bundle cannot go stale: it is named by a hash of the contents of every file esbuild read
// to build it (the manifest lists them), and each start re-hashes those files (~60 small files,
// about a millisecond) before using it. A change anywhere in what the CLI imports rebuilds it on
// the fly (~0.2 s, once). npm packages stay external, so they load from node_modules as before.
// Where the build fails it runs through tsx, so a TypeScript error is reported the same way. The
// CLI runs from a checkout after `npm ci` (esbuild and tsx are devDependencies): nothing deployed uses it.
//
// The bundle lives in .cache/notice-cli/ (git-ignored), two levels below the repository root like
// every source file in lambdas/*/, so `new URL('../../…', import.meta.url)` still finds the same files.
// It is split where the CLI imports a module dynamically: the operations commands (cli/ops.ts) and
// the KMS signer, with the AWS SDK they import, load only when one runs, not for `notice render`
// (docs/scale.md "Cold start"). The entry is <digest>.mjs; the chunks are named by their content.
// The same build writes templates/precompiled.json (git-ignored), the templates' compiled code
// (lambdas/render/template-compiler.ts), so `notice render` does not compile them; the templates count among
// the bundle's inputs, so editing one rebuilds both.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const entry = 'cli/notice.ts';
const templatesModule = 'lambdas/render/template-compiler.ts';
const cacheDir = join(repo, '.cache/notice-cli');
const manifestFile = join(cacheDir, 'manifest.json');
const precompiledFile = join(repo, 'templates/precompiled.json');

/** The template files (relative to the repository), which the bundle's digest covers too. */
function templateFiles() {
  return readdirSync(join(repo, 'templates'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.hbs'))
    .map((f) => `templates/${f}`);
}

/** Writes a file under a private name and renames it: a concurrent start never sees half a file. */
function writeAtomically(path, contents) {
  writeFileSync(`${path}.${process.pid}`, contents);
  renameSync(`${path}.${process.pid}`, path);
}

/** Hash of the named files' contents (and names): what the bundle was built from. */
function digest(files) {
  const h = createHash('sha256');
  for (const f of files)
    h.update(`${f}\0`)
      .update(readFileSync(join(repo, f)))
      .update('\0');
  return h.digest('hex').slice(0, 20);
}

/** The cached bundle if it was built from exactly the files as they are now. */
function cachedBundle() {
  try {
    const m = JSON.parse(readFileSync(manifestFile, 'utf8'));
    const built = m.entry === entry && m.digest === digest(m.inputs) && m.outputs.every((f) => existsSync(join(cacheDir, f)));
    if (built && existsSync(precompiledFile)) return join(cacheDir, `${m.digest}.mjs`);
  } catch {
    // No manifest yet, or an input was deleted: build.
  }
  return undefined;
}

async function buildBundle() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return undefined;
  }
  try {
    const result = await esbuild.build({
      absWorkingDir: repo,
      entryPoints: { entry, templates: templatesModule },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      packages: 'external',
      sourcemap: 'inline',
      write: false,
      metafile: true,
      splitting: true,
      outdir: cacheDir,
      entryNames: '[name]',
      outExtension: { '.js': '.mjs' },
      logLevel: 'silent',
    });
    const inputs = [...new Set([...Object.keys(result.metafile.inputs), 'tsconfig.json', ...templateFiles()])].sort();
    const hash = digest(inputs);
    mkdirSync(cacheDir, { recursive: true });
    const named = { 'entry.mjs': `${hash}.mjs`, 'templates.mjs': `${hash}-templates.mjs` };
    const outputs = result.outputFiles.map((f) => named[basename(f.path)] ?? basename(f.path));
    result.outputFiles.forEach((f, i) => writeAtomically(join(cacheDir, outputs[i]), f.contents));
    const { precompileTemplates } = await import(pathToFileURL(join(cacheDir, named['templates.mjs'])).href);
    writeAtomically(precompiledFile, precompileTemplates(join(repo, 'templates')));
    writeAtomically(manifestFile, JSON.stringify({ entry, digest: hash, inputs, outputs }));
    // Older bundles are dead weight; kept for a day, since a process still running one may yet load one of its chunks.
    const dayAgo = Date.now() - 24 * 3600 * 1000;
    for (const old of readdirSync(cacheDir)) {
      const path = join(cacheDir, old);
      if (old.endsWith('.mjs') && !outputs.includes(old) && statSync(path).mtimeMs < dayAgo) rmSync(path, { force: true });
    }
    return join(cacheDir, `${hash}.mjs`);
  } catch {
    return undefined;
  }
}

// V8's code cache of every module loaded from here on (the bundle, pdfkit, fontkit …), kept by
// Node in .cache/notice-cli/v8/ and checked against each file's content and Node's version: a
// start after the first compiles none of them again. (Node ≥ 22.1; an older node simply compiles.)
// Node never prunes it, so a new bundle starts it afresh rather than beside the old chunks' code.
const cached = cachedBundle();
const v8Cache = join(cacheDir, 'v8');
if (!cached) rmSync(v8Cache, { recursive: true, force: true });
module.enableCompileCache?.(v8Cache);

const bundle = cached ?? (await buildBundle());
if (bundle) {
  // The bundle carries an inline source map; NODE_OPTIONS=--enable-source-maps shows TypeScript
  // lines in a stack trace (left off by default: it costs ~30 ms of every start).
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(repo, entry)).href);
}
