// Signing finds the file's objects through its cross-reference tables, newest first: a file that
// an earlier incremental update changed is signed over what that update says, and an object the
// tables do not list is named in the error.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { beijingMidnight } from '../../lambdas/beijing-time.js';
import { exampleCase } from '../../lambdas/catalogue/index.js';
import { renderConfig } from '../../lambdas/config.js';
import { createRenderer, type RenderedDocument } from '../../lambdas/render/render-document.js';
import { sealWidget } from '../../lambdas/render/sign/index.js';
import { signPdf, unsignedRevision } from '../../lambdas/render/sign/pdf-signature.js';
import { ensureDemoSigningFiles, fileSigner } from '../../lambdas/render/sign/signer.js';
import { tempDir } from '../support/temp-dirs.js';

const dir = tempDir('notice-sign-update-');
const files = ensureDemoSigningFiles(join(dir, 'signing'));
const request = { case: exampleCase('skill-grand-award'), documentNumber: '并人才〔2026〕17号' };
let doc: RenderedDocument;
/** The file as paint wrote it, before signing. */
let painted: Buffer;

/** Appends an incremental update that redefines object `id` as `dict`, with its own xref section and a trailer pointing back. */
function withUpdate(pdf: Buffer, id: number, dict: string, trailerRoot: number): Buffer {
  const text = pdf.toString('latin1');
  const at = text.lastIndexOf('trailer');
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref\s+(\d+)/.exec(text.slice(at))!;
  const size = /\/Size (\d+)/.exec(trailer[1]!)![1];
  const info = /\/Info (\d+) 0 R/.exec(trailer[1]!)![1];
  const ids = /\/ID \[[^\]]*\]/.exec(trailer[1]!)![0];
  const body = `${id} 0 obj\n${dict}\nendobj\n`;
  const xref = pdf.length + body.length;
  const update = `${body}xref\n${id} 1\n${String(pdf.length).padStart(10, '0')} 00000 n \ntrailer\n<<\n/Size ${size}\n/Root ${trailerRoot} 0 R\n/Info ${info} 0 R\n${ids}\n/Prev ${trailer[2]}\n>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(update, 'latin1')]);
}

const rootOf = (pdf: Buffer) => {
  const text = pdf.toString('latin1');
  return Number(/\/Root (\d+) 0 R/.exec(text.slice(text.lastIndexOf('trailer')))![1]);
};
const catalogOf = (pdf: Buffer, id: number) => new RegExp(`\\n${id} 0 obj\\s*(<<[\\s\\S]*?>>)\\s*endobj`).exec(pdf.toString('latin1'))![1]!;
const sign = (pdf: Buffer) => signPdf(pdf, fileSigner(files), { date: beijingMidnight(doc.case.approvedOn), widget: sealWidget(doc.layout) });
const file = (name: string, bytes: Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

beforeAll(async () => {
  doc = await createRenderer(renderConfig({ NOTICE_DEMO: 'true', NOTICE_SIGNING_KEY: files.keyPath, NOTICE_SIGNING_CERT: files.certificatePath })).render(
    request,
  );
  painted = unsignedRevision(doc.pdf);
});

describe('signing a painted file', () => {
  it('gives the renderer’s own bytes when signed again with the same key', async () => {
    expect((await sign(painted)).equals(doc.pdf)).toBe(true);
  });

  it('reads an object an earlier incremental update redefined from that update, and the result is valid', async () => {
    const root = rootOf(painted);
    const catalog = catalogOf(painted, root);
    const updated = withUpdate(painted, root, `${catalog.slice(0, catalog.lastIndexOf('>>'))}/PageLayout /OneColumn\n>>`, root);
    const signed = await sign(updated);
    const update = signed.toString('latin1', updated.length);
    // The signature's catalog is the updated one, with the form added.
    expect(update).toMatch(new RegExp(`${root} 0 obj\\n<<[^]*/PageLayout /OneColumn[^]*/AcroForm`));
    expect(execFileSync('qpdf', ['--check', file('updated-signed.pdf', signed)], { encoding: 'utf8' })).toMatch(/No syntax or stream encoding errors/);
    const out = spawnSync('pdfsig', [file('updated-signed.pdf', signed)], { encoding: 'utf8' }).stdout;
    expect(out).toMatch(/Signature Validation: Signature is Valid\./);
    expect(out).toMatch(/Total document signed/);
  });

  it('names an object the cross-reference tables do not list', async () => {
    const missing = 9999;
    const updated = withUpdate(painted, rootOf(painted), catalogOf(painted, rootOf(painted)), missing);
    await expect(sign(updated)).rejects.toThrow(`PDF 中找不到对象 ${missing}`);
  });
});
