// How the functions are built: the project's own esbuild on this machine (no Docker), one ES
// module per function. ESM because the code finds its files through `import.meta.url`
// (lambdas/render/fonts.ts, template-compiler.ts), which a CommonJS bundle leaves undefined.
import { fileURLToPath } from 'node:url';
import type { BundlingOptions, ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';

/**
 * Bundled CommonJS dependencies (handlebars, the SDK's) call `require` for Node built-ins, which
 * an ES module does not have: give the bundle one. The odd name keeps clear of esbuild's own.
 */
const REQUIRE_SHIM = "import { createRequire as __noticeCreateRequire } from 'node:module'; const require = __noticeCreateRequire(import.meta.url);";

/**
 * Imports a bundle resolves to stand-ins (lambdas/bundle-stand-ins/, each says why), because the
 * real module would cost every cold start: brotli decodes only WOFF2 fonts (1.4 MB of dictionary
 * source to compile) and @noble/ciphers only encrypts PDFs (AES tables built as it loads), so
 * theirs throw if called; node:http is the real module, taken through require, not an ES import.
 */
const STAND_INS = {
  brotli: '../lambdas/bundle-stand-ins/brotli',
  '@noble/ciphers': '../lambdas/bundle-stand-ins/noble-ciphers',
  'node:http': '../lambdas/bundle-stand-ins/node-http.ts',
  http: '../lambdas/bundle-stand-ins/node-http.ts',
} as const;

export interface FunctionBundling {
  commandHooks?: ICommandHooks;
}

export function bundlingOptions(options: FunctionBundling = {}): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    // The functions' runtime (nodejs24.x); also what the project runs on locally (package.json engines).
    target: 'node24',
    mainFields: ['module', 'main'],
    banner: REQUIRE_SHIM,
    // The SDK is bundled at the version the project tests with, not the runtime's copy.
    bundleAwsSDK: true,
    // Everything inlined, pdfkit and fontkit too: one file to load and compile, one copy of the
    // packages they share with the renderer (linebreak). What pdfkit reads beside its own module
    // comes with the asset (worker-asset.ts).
    externalModules: [],
    esbuildArgs: { '--alias': Object.entries(STAND_INS).map(([name, path]) => `${name}=${fileURLToPath(new URL(path, import.meta.url))}`) },
    forceDockerBundling: false,
    minify: false,
    keepNames: true,
    sourceMap: false,
    ...(options.commandHooks ? { commandHooks: options.commandHooks } : {}),
  };
}

/** Hooks that only add commands after esbuild has written the bundle. */
export function afterBundling(commands: (outputDir: string) => string[]): ICommandHooks {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir, outputDir) => commands(outputDir),
  };
}
