// The staff console's script in the API function's asset: built at synth time from its
// TypeScript sources (cdk/console-asset.ts) and, deployed, read from the file NOTICE_CONSOLE_SCRIPT
// names instead of being built (lambdas/api/pages/console-script.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONSOLE_SCRIPT_ASSET, consoleScriptFile } from '../../cdk/console-asset.js';
import { buildConsoleScript } from '../../lambdas/api/pages/console-script.js';
import { tempDir } from '../support/temp-dirs.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = tempDir('console-asset-');

describe('the console script for the API asset', () => {
  it('is one browser script built from the TypeScript sources, in a file named by its contents', () => {
    const file = consoleScriptFile(root);
    const script = readFileSync(file, 'utf8');
    expect(script).toBe(buildConsoleScript());
    expect(basename(file)).toMatch(/^[0-9a-f]{20}\.js$/);
    expect(consoleScriptFile(root)).toBe(file);
    // An IIFE with no imports or exports of its own (pdf.js is loaded with import() at run time),
    // and nothing that would end the inline <script> early.
    expect(script.trimStart().startsWith('"use strict";\n(() => {')).toBe(true);
    expect(script).not.toMatch(/^\s*(import|export)\s/m);
    expect(script.toLowerCase()).not.toContain('</script');
    // The panels are in the same bundle as the console.
    for (const id of ['find-form', 'rl-send-form', 'card-revoke-form']) expect(script).toContain(`"${id}"`);
    expect(CONSOLE_SCRIPT_ASSET).toBe('console/staff-console.js');
  });

  it('is read from NOTICE_CONSOLE_SCRIPT when set, as the deployed function does, and inlined under the nonce', async () => {
    const prebuilt = join(work, 'staff-console.js');
    writeFileSync(prebuilt, 'console.log("prebuilt console script");');
    process.env.NOTICE_CONSOLE_SCRIPT = prebuilt;
    try {
      const { staffConsolePage } = await import('../../lambdas/api/pages/staff-console.js');
      const page = staffConsolePage({ redirectUri: 'https://notice.example.gov.cn/staff' }, 'n0nce');
      expect(page).toContain('<script nonce="n0nce">console.log("prebuilt console script");</script>');
    } finally {
      delete process.env.NOTICE_CONSOLE_SCRIPT;
    }
  });
});
