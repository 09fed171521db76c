// What the worker asset's command hooks copy, computed without building anything.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../cdk/app.js';
import { assetFontPack, shellQuote, workerAssetCommands, workerAssetEnvironment } from '../../cdk/worker-asset.js';
import { defaultFontPackConfig } from '../../lambdas/render/fonts.js';
import { pdfkitOutputProfile } from '../../lambdas/render/pdf-file.js';
import { sealStreams, sealStreamsPath } from '../../lambdas/render/seal-image.js';
import { sealPng } from '../../bench/production.js';
import { PRECOMPILED_FILE, precompileTemplates } from '../../lambdas/render/template-compiler.js';
import { tempDir } from '../support/temp-dirs.js';

describe('assetFontPack', () => {
  it('copies each font file once, names the pack’s files relative to it, keeps the title face whole and subsets the heading and fallback faces', () => {
    const { files, pack } = assetFontPack(defaultFontPackConfig());
    expect(files.map((f) => [f.name, f.keep])).toEqual([
      ['NotoSerifSC_700Bold.ttf', undefined],
      ['NotoSerifSC_400Regular.ttf', undefined],
      ['NotoSansSC_700Bold.ttf', 'common'],
      ['NotoSansSC_400Regular.ttf', 'body-lacks'],
    ]);
    expect(pack).toEqual({
      title: 'NotoSerifSC_700Bold.ttf',
      body: 'NotoSerifSC_400Regular.ttf',
      heading: 'NotoSansSC_700Bold.ttf',
      kai: 'NotoSerifSC_400Regular.ttf',
      song: 'NotoSerifSC_400Regular.ttf',
      // What the subset heading face drops, the whole body face prints.
      fallback: ['NotoSerifSC_400Regular.ttf', 'NotoSansSC_400Regular.ttf'],
    });
  });

  it('keeps two files of the same name apart', () => {
    const { files, pack } = assetFontPack({
      title: '/a/font.ttf',
      body: '/b/font.ttf',
      heading: '/a/font.ttf',
      kai: '/a/font.ttf',
      song: '/a/font.ttf',
      fallback: [],
    });
    expect(files).toEqual([
      { from: '/a/font.ttf', name: 'font.ttf' },
      { from: '/b/font.ttf', name: '1-font.ttf' },
    ]);
    expect(pack.fallback).toEqual(['1-font.ttf']);
    expect(pack.body).toBe('1-font.ttf');
  });
});

describe('workerAssetCommands', () => {
  it('quotes every path for bash, whatever it contains', () => {
    const tricky = "/tmp/it's a $(dir)";
    expect(execFileSync('bash', ['-c', `printf '%s' ${shellQuote(tricky)}`], { encoding: 'utf8' })).toBe(tricky);
  });

  it('writes the pack, the seal with its streams and the templates where the environment says they are', async () => {
    const out = tempDir('notice-asset-commands-');
    const seal = join(out, 'operator-seal.png');
    writeFileSync(seal, sealPng());
    const commands = workerAssetCommands({ projectRoot: PROJECT_ROOT, fontPack: { ...defaultFontPackConfig() }, sealImage: seal }, out);
    // Run only the cheap commands here (no fonts): worker-bundle.test.ts runs them all.
    for (const command of commands.filter((c) => !(c.startsWith('cp ') && c.endsWith(".ttf'")))) execFileSync('bash', ['-c', command], { cwd: PROJECT_ROOT });
    const env = workerAssetEnvironment(out, true);
    expect(JSON.parse(readFileSync(env.NOTICE_FONT_PACK!, 'utf8'))).toEqual(assetFontPack(defaultFontPackConfig()).pack);
    expect(readFileSync(env.NOTICE_SEAL_IMAGE!).equals(readFileSync(seal))).toBe(true);
    // Its split, made by the project's pdfkit as the asset is built (lambdas/render/seal-image.ts).
    expect(readFileSync(sealStreamsPath(env.NOTICE_SEAL_IMAGE!)).equals(await sealStreams(readFileSync(seal)))).toBe(true);
    expect(readFileSync(join(env.NOTICE_TEMPLATES_DIR!, 'partials', 'document.hbs'), 'utf8').length).toBeGreaterThan(0);
    expect(readFileSync(join(env.NOTICE_TEMPLATES_DIR!, PRECOMPILED_FILE), 'utf8')).toBe(precompileTemplates());
    expect(readFileSync(env.NOTICE_OUTPUT_PROFILE!).equals(readFileSync(pdfkitOutputProfile()))).toBe(true);
  });

  it('sets no seal variable without a seal', () => {
    expect(workerAssetEnvironment('/var/task', false)).toEqual({
      NOTICE_TEMPLATES_DIR: '/var/task/templates',
      NOTICE_FONT_PACK: '/var/task/fonts/font-pack.json',
      NOTICE_OUTPUT_PROFILE: '/var/task/pdfa/sRGB_IEC61966_2_1.icc',
    });
  });
});
