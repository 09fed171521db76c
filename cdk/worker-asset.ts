// What the render worker's asset holds beside the esbuild bundle, and the shell commands that put
// it there after bundling (aws-lambda-nodejs commandHooks, run locally in the project root):
//   node_modules/  pdfkit and fontkit with their dependencies, copied from the project's install:
//                  pdfkit loads its standard fonts with require('#standard-fonts/…') and its ICC
//                  profile from `new URL('./data/…', import.meta.url)`, both relative to its own
//                  files, which a bundle loses (a known trap of bundling pdfkit). fontkit stays beside it so
//                  that the Font objects fonts.ts parses are the ones pdfkit embeds. Copied rather
//                  than `nodeModules` (which runs `npm install` in the asset and needs the network).
//   templates/     the Handlebars templates and partials (NOTICE_TEMPLATES_DIR), with their code
//                  precompiled when the asset is built (precompiled.json), so the first document
//                  does not compile them
//   fonts/         the font pack's files, the title, heading and fallback faces subset (worker-fonts.ts),
//                  and a font-pack.json naming them relatively (NOTICE_FONT_PACK)
//   seal/seal.png  the operator's seal image, when configured (NOTICE_SEAL_IMAGE)
import { readFileSync, existsSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { FontPackConfig } from '../lambdas/render/fonts.js';
import { PRECOMPILED_FILE, precompileTemplates } from '../lambdas/render/template-compiler.js';
import { contentAddressedFile } from './cache-file.js';
import { FontSubsets, type FontKeep } from './worker-fonts.js';

/** Packages the bundle imports at run time from the asset's node_modules instead of inlining them. */
export const UNBUNDLED_PACKAGES = ['pdfkit', 'fontkit'] as const;

/**
 * What pdfkit and fontkit ship beside the ES module builds Node loads (their package.json
 * `exports`, `node`/`import` conditions): browser, standalone and legacy builds, the sources, and
 * the package manager pdfkit's tarball carries by mistake. Globs, relative to node_modules/.
 */
const UNLOADED_BUILDS = [
  'pdfkit/.yarn',
  'pdfkit/.yarnrc.yml',
  'pdfkit/js/pdfkit.browser*',
  'pdfkit/js/pdfkit.standalone.js',
  'pdfkit/js/pdfkit.old.js',
  'pdfkit/tools',
  'fontkit/src',
  'fontkit/dist/browser*',
] as const;

/** Where Lambda unpacks a function's code. */
export const LAMBDA_TASK_ROOT = '/var/task';

export const ASSET_PATHS = {
  templates: 'templates',
  fonts: 'fonts',
  fontPack: 'fonts/font-pack.json',
  seal: 'seal/seal.png',
} as const;

/** Quotes one word for bash, whatever it contains. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

interface PackageJson {
  name?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function readPackageJson(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/** Node's lookup: `<dir>/node_modules/<name>`, then each parent's, up to the project root. */
function findInstalled(name: string, fromDir: string, projectRoot: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === projectRoot) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The installed directories (relative to the project root) of `roots` and everything they
 * depend on at run time, resolved as Node resolves them, so nested versions keep their place.
 * A directory inside another listed one is left out: copying the outer one brings it along.
 */
export function runtimePackageDirs(projectRoot: string, roots: readonly string[]): string[] {
  const found = new Set<string>();
  const visit = (name: string, fromDir: string, optional: boolean) => {
    const dir = findInstalled(name, fromDir, projectRoot);
    if (!dir) {
      if (optional) return;
      throw new Error(`${name} is needed by ${relative(projectRoot, fromDir) || 'the worker'} but is not installed; run npm ci`);
    }
    if (found.has(dir)) return;
    found.add(dir);
    const pkg = readPackageJson(dir);
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, dir, false);
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dep, dir, true);
  };
  for (const root of roots) visit(root, projectRoot, false);
  const dirs = [...found].map((d) => relative(projectRoot, d)).sort();
  return dirs.filter((d) => !dirs.some((outer) => outer !== d && d.startsWith(outer + sep)));
}

export interface AssetFontPack {
  /** Font files to copy: absolute source path → file name inside fonts/, and what to keep of it (all when absent). */
  files: { from: string; name: string; keep?: FontKeep }[];
  /** The pack as the asset holds it: file names relative to fonts/font-pack.json. */
  pack: FontPackConfig;
}

/**
 * Roles that print case data (names, addresses, amounts) stay whole, the title included: a rare
 * character of a name in a title must print in the title face, so the worker's PDF is the same
 * bytes as the one made anywhere else from the same case. Only the heading face, which prints
 * template text, is subset.
 */
const WHOLE_ROLES = ['title', 'body', 'kai', 'song'] as const;

/**
 * Lays a font pack out flat in fonts/, one copy per distinct file, names kept where they do not
 * clash. The heading face is subset, so the body face comes first in the fallback chain: a rare
 * character in a heading prints in the body face rather than not at all.
 */
export function assetFontPack(config: FontPackConfig): AssetFontPack {
  const names = new Map<string, string>();
  const files: AssetFontPack['files'] = [];
  const whole = new Set<string>(WHOLE_ROLES.map((r) => config[r]));
  const place = (from: string, keep?: FontKeep) => {
    let name = names.get(from);
    if (name === undefined) {
      const base = basename(from);
      name = files.some((f) => f.name === base) ? `${files.length}-${base}` : base;
      names.set(from, name);
      files.push(whole.has(from) || keep === undefined ? { from, name } : { from, name, keep });
    }
    return name;
  };
  const pack: FontPackConfig = {
    title: place(config.title),
    body: place(config.body),
    heading: place(config.heading, 'common'),
    kai: place(config.kai),
    song: place(config.song),
    fallback: [config.body, ...config.fallback.filter((f) => f !== config.body)].map((f) => place(f, 'body-lacks')),
  };
  return { files, pack };
}

/**
 * The project's templates precompiled, in a file named by its content under .cache/worker-templates/
 * (written here, at synth, and copied by the asset's commands: too long for a command line).
 */
function precompiledTemplatesFile(projectRoot: string): string {
  return contentAddressedFile(join(projectRoot, '.cache/worker-templates'), precompileTemplates(join(projectRoot, 'templates')), '.json');
}

export interface WorkerAssetInput {
  projectRoot: string;
  fontPack: FontPackConfig;
  sealImage?: string | undefined;
}

/** Bash commands that complete the worker asset in `outputDir` after esbuild has written index.mjs. */
export function workerAssetCommands(input: WorkerAssetInput, outputDir: string): string[] {
  const q = shellQuote;
  const out = (p: string) => q(join(outputDir, p));
  const commands: string[] = [];
  for (const dir of runtimePackageDirs(input.projectRoot, UNBUNDLED_PACKAGES)) {
    commands.push(`mkdir -p ${out(dirname(dir))} && cp -R ${q(join(input.projectRoot, dir))} ${out(dir)}`);
  }
  // Source maps, type declarations, TypeScript sources (Node never runs them from node_modules) and
  // docs other than licences: megabytes nothing at run time reads.
  commands.push(
    `find ${out('node_modules')} -type f \\( -name '*.map' -o -name '*.ts' -o -name '*.mts' -o -name '*.cts' -o \\( -name '*.md' ! -iname 'licen*' \\) \\) -delete`,
  );
  // The globs are ours (no spaces or quotes), left unquoted so bash expands them.
  for (const glob of UNLOADED_BUILDS) commands.push(`rm -rf ${out('node_modules')}/${glob}`);
  commands.push(`cp -R ${q(join(input.projectRoot, 'templates'))} ${out(ASSET_PATHS.templates)}`);
  commands.push(`cp ${q(precompiledTemplatesFile(input.projectRoot))} ${out(join(ASSET_PATHS.templates, PRECOMPILED_FILE))}`);
  const fonts = assetFontPack(input.fontPack);
  commands.push(`mkdir -p ${out(ASSET_PATHS.fonts)}`);
  const subsets = new FontSubsets(input.projectRoot, input.fontPack.body);
  for (const f of fonts.files) commands.push(`cp ${q(f.keep ? subsets.file(f.from, f.keep) : f.from)} ${out(join(ASSET_PATHS.fonts, f.name))}`);
  commands.push(`printf '%s' ${q(JSON.stringify(fonts.pack))} > ${out(ASSET_PATHS.fontPack)}`);
  if (input.sealImage) {
    commands.push(`mkdir -p ${out(dirname(ASSET_PATHS.seal))} && cp ${q(input.sealImage)} ${out(ASSET_PATHS.seal)}`);
  }
  return commands;
}

/** The renderer's environment variables that point into the asset, unpacked at `root`. */
export function workerAssetEnvironment(root: string, hasSeal: boolean): Record<string, string> {
  return {
    NOTICE_TEMPLATES_DIR: `${root}/${ASSET_PATHS.templates}`,
    NOTICE_FONT_PACK: `${root}/${ASSET_PATHS.fontPack}`,
    ...(hasSeal ? { NOTICE_SEAL_IMAGE: `${root}/${ASSET_PATHS.seal}` } : {}),
  };
}
