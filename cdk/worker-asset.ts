// What the render worker's asset holds beside the esbuild bundle, and the shell commands that put
// it there after bundling (aws-lambda-nodejs commandHooks, run locally in the project root):
//   pdfa/          the sRGB ICC profile pdfkit ships, embedded as every document's PDF/A output
//                  intent (NOTICE_OUTPUT_PROFILE): pdfkit and fontkit are inlined in the bundle,
//                  which loses the data files pdfkit finds beside its own module. Its standard
//                  fonts are not needed: the renderer opens every document with no font
//   templates/     the Handlebars templates and partials (NOTICE_TEMPLATES_DIR), with their code
//                  precompiled when the asset is built (precompiled.json), so the first document
//                  does not compile them
//   fonts/         the font pack's files, the title, heading and fallback faces subset (worker-fonts.ts),
//                  and a font-pack.json naming them relatively (NOTICE_FONT_PACK)
//   seal/          the operator's seal image, when configured (NOTICE_SEAL_IMAGE), and its split
//                  (seal.png.streams, lambdas/render/seal-image.ts), made as the asset is built
import { basename, dirname, join } from 'node:path';
import type { FontPackConfig } from '../lambdas/render/fonts.js';
import { pdfkitOutputProfile } from '../lambdas/render/pdf-file.js';
import { sealStreamsPath } from '../lambdas/render/seal-image.js';
import { PRECOMPILED_FILE, precompileTemplates } from '../lambdas/render/template-compiler.js';
import { contentAddressedFile } from './cache-file.js';
import { FontSubsets, type FontKeep } from './worker-fonts.js';

/** Where Lambda unpacks a function's code. */
export const LAMBDA_TASK_ROOT = '/var/task';

export const ASSET_PATHS = {
  templates: 'templates',
  fonts: 'fonts',
  fontPack: 'fonts/font-pack.json',
  seal: 'seal/seal.png',
  outputProfile: 'pdfa/sRGB_IEC61966_2_1.icc',
} as const;

/** Quotes one word for bash, whatever it contains. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
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
  commands.push(`mkdir -p ${out(dirname(ASSET_PATHS.outputProfile))} && cp ${q(pdfkitOutputProfile())} ${out(ASSET_PATHS.outputProfile)}`);
  commands.push(`cp -R ${q(join(input.projectRoot, 'templates'))} ${out(ASSET_PATHS.templates)}`);
  commands.push(`cp ${q(precompiledTemplatesFile(input.projectRoot))} ${out(join(ASSET_PATHS.templates, PRECOMPILED_FILE))}`);
  const fonts = assetFontPack(input.fontPack);
  commands.push(`mkdir -p ${out(ASSET_PATHS.fonts)}`);
  const subsets = new FontSubsets(input.projectRoot, input.fontPack.body);
  for (const f of fonts.files) commands.push(`cp ${q(f.keep ? subsets.file(f.from, f.keep) : f.from)} ${out(join(ASSET_PATHS.fonts, f.name))}`);
  commands.push(`printf '%s' ${q(JSON.stringify(fonts.pack))} > ${out(ASSET_PATHS.fontPack)}`);
  if (input.sealImage) {
    commands.push(`mkdir -p ${out(dirname(ASSET_PATHS.seal))} && cp ${q(input.sealImage)} ${out(ASSET_PATHS.seal)}`);
    // Its split, made now with the project's pdfkit, so the worker's init does not decode it.
    const script = join(input.projectRoot, 'cdk/seal-streams.ts');
    commands.push(`${q(process.execPath)} --import tsx ${q(script)} ${out(ASSET_PATHS.seal)} ${out(sealStreamsPath(ASSET_PATHS.seal))}`);
  }
  return commands;
}

/** The renderer's environment variables that point into the asset, unpacked at `root`. */
export function workerAssetEnvironment(root: string, hasSeal: boolean): Record<string, string> {
  return {
    NOTICE_TEMPLATES_DIR: `${root}/${ASSET_PATHS.templates}`,
    NOTICE_FONT_PACK: `${root}/${ASSET_PATHS.fontPack}`,
    NOTICE_OUTPUT_PROFILE: `${root}/${ASSET_PATHS.outputProfile}`,
    ...(hasSeal ? { NOTICE_SEAL_IMAGE: `${root}/${ASSET_PATHS.seal}` } : {}),
  };
}
