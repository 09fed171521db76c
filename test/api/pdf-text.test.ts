// The upload check's text layer, read as the API Lambda reads it: bundled by esbuild into one ES
// module in a folder without node_modules (so no canvas package), pdfjs' worker in-process.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { pdfText, storedTextDigest, textDigest } from '../../lambdas/api/pdf-text.js';
import { tempDir } from '../support/temp-dirs.js';

function pdfWith(text: string): Promise<Buffer> {
  return new Promise((done) => {
    const doc = new PDFDocument({ info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => done(Buffer.concat(chunks)));
    doc.text(text);
    doc.end();
  });
}

describe('reading a PDF’s text layer', () => {
  it('gives the text without white space, and nothing for bytes that are not a PDF', async () => {
    expect(await pdfText(await pdfWith('Notice  No. 42\nissued'))).toBe('NoticeNo.42issued');
    expect(await pdfText(Buffer.from('not a pdf'))).toBeUndefined();
  });

  it('parses a stored file once: later checks of the same sha256 take its text digest from memory', async () => {
    const pdf = await pdfWith('Stored version 3');
    const sha = createHash('sha256').update(pdf).digest('hex');
    let loads = 0;
    const load = async () => {
      loads++;
      return pdf;
    };
    const first = await storedTextDigest(sha, load);
    expect(first).toBe(textDigest('Storedversion3'));
    expect(await storedTextDigest(sha, load)).toBe(first);
    expect(loads).toBe(1);
  });

  it('does not remember a stored file that could not be read, so it is read again next time', async () => {
    let loads = 0;
    const missing = async () => {
      loads++;
      return undefined;
    };
    expect(await storedTextDigest('0'.repeat(64), missing)).toBeNull();
    expect(await storedTextDigest('0'.repeat(64), missing)).toBeNull();
    expect(loads).toBe(2);
  });

  it('works bundled, as in the Lambda: no canvas package, no worker file', async () => {
    const dir = tempDir('notice-pdf-text-');
    writeFileSync(join(dir, 'doc.pdf'), await pdfWith('Bundled 7'));
    writeFileSync(
      join(dir, 'entry.ts'),
      `import { readFileSync } from 'node:fs';\nimport { pdfText } from ${JSON.stringify(resolve('lambdas/api/pdf-text.ts'))};\nconsole.log(JSON.stringify(await pdfText(readFileSync(process.argv[2]))));\n`,
    );
    execFileSync(
      'npx',
      [
        'esbuild',
        join(dir, 'entry.ts'),
        '--bundle',
        '--platform=node',
        '--format=esm',
        '--target=node20',
        `--banner:js=import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);`,
        `--outfile=${join(dir, 'out', 'index.mjs')}`,
      ],
      { stdio: 'pipe' },
    );
    const out = execFileSync('node', [join(dir, 'out', 'index.mjs'), join(dir, 'doc.pdf')], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toBe('Bundled7');
  });
});
