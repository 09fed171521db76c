// The PDF/A output intent's sRGB profile: read beside pdfkit's module, or from NOTICE_OUTPUT_PROFILE
// in a Lambda bundle (which inlines pdfkit and ships the profile in its asset, cdk/worker-asset.ts).
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PRODUCTION_ISSUER } from '../../bench/production.js';
import { exampleCase } from '../../lambdas/catalogue/index.js';
import { pdfkitOutputProfile } from '../../lambdas/render/pdf-file.js';
import { tempDir } from '../support/temp-dirs.js';

const request = { case: exampleCase('talent-scout-award'), documentNumber: '并人才奖〔2026〕17号' };

/** A renderer from a module graph of its own, so the profile is read afresh under `profile`. */
async function renderWith(profile: string | undefined) {
  vi.resetModules();
  if (profile === undefined) delete process.env.NOTICE_OUTPUT_PROFILE;
  else process.env.NOTICE_OUTPUT_PROFILE = profile;
  const { createRenderer } = await import('../../lambdas/render/render-document.js');
  const { renderConfig } = await import('../../lambdas/config.js');
  // Outside demo mode and unsigned: a demo key would differ between the two module graphs.
  return createRenderer(renderConfig({ NOTICE_DEMO: 'false', NOTICE_ISSUER: JSON.stringify(PRODUCTION_ISSUER) })).render(request);
}

afterEach(() => {
  delete process.env.NOTICE_OUTPUT_PROFILE;
});

describe('the output profile', () => {
  it('gives the same document from a copy named by NOTICE_OUTPUT_PROFILE as from pdfkit’s own file', async () => {
    const copy = join(tempDir('notice-profile-'), 'sRGB.icc');
    copyFileSync(pdfkitOutputProfile(), copy);
    const fromPdfkit = await renderWith(undefined);
    const fromCopy = await renderWith(copy);
    expect(fromCopy.pdf.equals(fromPdfkit.pdf)).toBe(true);
  });

  it('stops the document with a configuration error naming NOTICE_OUTPUT_PROFILE when the file is missing', async () => {
    await expect(renderWith('/nonexistent/sRGB.icc')).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringMatching(/^NOTICE_OUTPUT_PROFILE: cannot read the sRGB output profile \(.*ENOENT/),
    });
  });
});
