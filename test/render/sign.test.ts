// The signature on each document: made after paint by an incremental update, valid for poppler's
// pdfsig, deterministic for the same key, and every alteration caught by `notice verify`.
import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleCase } from '../../lambdas/catalogue/index.js';
import { renderConfig } from '../../lambdas/config.js';
import { ConfigError } from '../../lambdas/errors.js';
import { createRenderer, type RenderedDocument } from '../../lambdas/render/render-document.js';
import { parseSignedData } from '../../lambdas/render/sign/cms.js';
import { readDer } from '../../lambdas/render/sign/der.js';
import { sealWidget } from '../../lambdas/render/sign/index.js';
import { demoSigningFiles, ensureDemoSigningFiles } from '../../lambdas/render/sign/signer.js';
import { verifyPdf } from '../../lambdas/render/sign/verify.js';
import { tempDir } from '../support/temp-dirs.js';

const dir = tempDir('notice-sign-');
const keyDir = join(dir, 'signing');
const signingEnv = () => {
  const files = ensureDemoSigningFiles(keyDir);
  return { NOTICE_DEMO: 'true', NOTICE_SIGNING_KEY: files.keyPath, NOTICE_SIGNING_CERT: files.certificatePath };
};
const request = { case: exampleCase('skill-grand-award'), documentNumber: '并人才〔2026〕17号', verifyUrl: 'https://notice.example.gov.cn/v/abc' };
let doc: RenderedDocument;

const file = (name: string, bytes: Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const byteRangeOf = (pdf: Buffer) => /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(pdf.toString('latin1'))!.slice(1).map(Number);
const notice = (...args: string[]) => spawnSync(process.execPath, ['bin/notice.js', ...args], { encoding: 'utf8' });
const pdfsig = (path: string) => spawnSync('pdfsig', [path], { encoding: 'utf8' }).stdout;

beforeAll(async () => {
  doc = await createRenderer(renderConfig(signingEnv())).render(request);
});

describe('a signed document', () => {
  it('is the painted file with one signature appended that poppler’s pdfsig finds valid over the whole file', () => {
    const out = pdfsig(file('signed.pdf', doc.pdf));
    expect(out).toMatch(/Signature Type: ETSI\.CAdES\.detached/);
    expect(out).toMatch(/Signing Hash Algorithm: SHA-256/);
    expect(out).toMatch(/Total document signed/);
    expect(out).toMatch(/Signature Validation: Signature is Valid\./);
    // A self-signed demo certificate: valid signature, untrusted signer.
    expect(out).toMatch(/Signer Certificate Common Name: .*样本\/demo/);
    expect(out).not.toMatch(/Certificate Validation: Certificate is Trusted/);
  });

  it('still passes qpdf’s structure check', () => {
    expect(execFileSync('qpdf', ['--check', file('signed.pdf', doc.pdf)], { encoding: 'utf8' })).toMatch(/No syntax or stream encoding errors/);
  });

  it('carries the signing time as 成文日期 at Beijing midnight and no signingTime attribute in the CMS', () => {
    const report = verifyPdf(doc.pdf);
    expect(report.intact).toBe(true);
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]!.signingTime?.toISOString()).toBe(new Date(`${request.case.approvedOn}T00:00:00+08:00`).toISOString());
    expect(doc.pdf.toString('latin1')).toContain(`/M (D:${request.case.approvedOn.replace(/-/g, '')}000000+08'00')`);
    const [, start, end] = byteRangeOf(doc.pdf);
    const hex = Buffer.from(doc.pdf.toString('latin1', start! + 1, end! - 1), 'hex');
    const cms = hex.subarray(0, readDer(hex).raw.length);
    // signingTime is 1.2.840.113549.1.9.5: its DER encoding must not appear.
    expect(cms.includes(Buffer.from('06092a864886f70d010905', 'hex'))).toBe(false);
    expect(parseSignedData(cms).certificateHash).toBeDefined();
  });

  it('is byte-identical when the same case is rendered again by another renderer with the same key', async () => {
    const again = await createRenderer(renderConfig(signingEnv())).render(request);
    expect(again.sha256).toBe(doc.sha256);
  });

  it('puts the signature’s widget on the seal, printable, with an appearance', async () => {
    const expected = sealWidget(doc.layout)!;
    expect(expected).toBeDefined();
    const pdf = await getDocument({ data: new Uint8Array(doc.pdf), verbosity: 0 }).promise;
    const annotations = await (await pdf.getPage(expected.page + 1)).getAnnotations();
    const widget = annotations.find((a: { fieldType?: string }) => a.fieldType === 'Sig') as { rect: number[]; annotationFlags: number } | undefined;
    expect(widget).toBeDefined();
    widget!.rect.forEach((v, i) => expect(v).toBeCloseTo(expected.rect[i]!, 2));
    expect(widget!.annotationFlags & 4).toBe(4);
    expect(doc.pdf.toString('latin1')).toMatch(/\/FT \/Sig[\s\S]*\/AP << \/N \d+ 0 R >>/);
  });

  it('puts the widget into the structure tree: a Form element read right after the seal’s Figure, with alternate text', () => {
    const tree = execFileSync('pdfinfo', ['-struct', file('signed.pdf', doc.pdf)], { encoding: 'utf8' });
    const widgetId = /(\d+) 0 obj\s*<<\s*\/Type \/Annot/.exec(doc.pdf.toString('latin1'))![1];
    expect(tree).toMatch(new RegExp(`\\n  Figure\\n  Form\\n    Object ${widgetId} 0\\n`));
    const text = doc.pdf.toString('latin1');
    const alt = `<FEFF${Buffer.from('印章：', 'utf16le').swap16().toString('hex').toUpperCase()}`;
    expect(text).toMatch(/\/S \/Form[^>]*\/K << \/Type \/OBJR[^>]*>>\n\/Alt <FEFF/);
    expect(text).toContain(`/TU ${alt}`);
    expect(text).toMatch(/\/StructParent 1\n/);
  });

  it('tags an invisible signature too, when the document has no seal: the Form comes last', async () => {
    const issuer = { name: '太原市人才工作领导小组办公室', header: '太原市人才工作领导小组办公室文件', printedBy: '太原市人才工作领导小组办公室' };
    const files = ensureDemoSigningFiles(keyDir);
    const unsealed = await createRenderer(
      renderConfig({
        NOTICE_DEMO: 'false',
        NOTICE_ISSUER: JSON.stringify(issuer),
        NOTICE_SIGNING_KEY: files.keyPath,
        NOTICE_SIGNING_CERT: files.certificatePath,
      }),
    ).render(request);
    expect(sealWidget(unsealed.layout)).toBeUndefined();
    const tree = execFileSync('pdfinfo', ['-struct', file('unsealed.pdf', unsealed.pdf)], { encoding: 'utf8' })
      .trimEnd()
      .split('\n');
    expect(tree.slice(-2)[0]).toBe('  Form');
    expect(unsealed.pdf.toString('latin1')).toContain(`/TU <FEFF${Buffer.from('数字签名', 'utf16le').swap16().toString('hex').toUpperCase()}>`);
    expect(pdfsig(file('unsealed.pdf', unsealed.pdf))).toMatch(/Signature is Valid/);
  });
});

describe('notice verify', () => {
  it('says in Chinese that an untouched document is intact, who signed it and when', () => {
    const r = notice('verify', file('ok.pdf', doc.pdf));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/签名 1（ETSI\.CAdES\.detached）：完整有效/);
    expect(r.stdout).toMatch(/签名人证书：.*样本\/demo/);
    expect(r.stdout).toMatch(/未经可信根验证；这是样本（demo）证书/);
    expect(r.stdout).toContain(`签名时间：${request.case.approvedOn} 00:00:00（北京时间）`);
  });

  it('trusts the signer when given its certificate', () => {
    const r = notice('verify', file('ok.pdf', doc.pdf), '--trust', demoSigningFiles(keyDir).certificatePath);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('证书信任：由所给的可信证书签发或即为其一。');
  });

  /** The document with the byte at `at` changed by `change`; `notice verify` and pdfsig must both reject it. */
  function expectCaught(
    name: string,
    at: number,
    change: (byte: number) => number,
    finding: { digestMatches: boolean; signatureValid: boolean },
    says: string,
  ) {
    const altered = Buffer.from(doc.pdf);
    altered[at] = change(altered[at]!);
    const report = verifyPdf(altered);
    expect(report.intact).toBe(false);
    expect(report.signatures[0]).toMatchObject(finding);
    const r = notice('verify', file(name, altered));
    expect(r.status).toBe(3);
    expect(r.stdout).toContain(says);
    expect(pdfsig(file(name, altered))).not.toMatch(/Signature is Valid/);
  }

  it('catches one byte altered inside the signed range', () => {
    const [, start] = byteRangeOf(doc.pdf);
    // A byte of the painted document, halfway into the first signed range.
    expectCaught('altered-content.pdf', Math.floor(start! / 2), (b) => b ^ 0x01, { digestMatches: false, signatureValid: true }, '签名范围内的字节被改动过');
  });

  it('catches one byte altered inside the signature value', () => {
    const [, start, end] = byteRangeOf(doc.pdf);
    const hex = Buffer.from(doc.pdf.toString('latin1', start! + 1, end! - 1), 'hex');
    const { signatureOffset } = parseSignedData(hex.subarray(0, readDer(hex).raw.length));
    // A hex digit of the signature value's tenth byte.
    const at = start! + 1 + 2 * (signatureOffset + 10);
    expectCaught('altered-signature.pdf', at, (b) => (b === 0x30 ? 0x31 : 0x30), { digestMatches: true, signatureValid: false }, '签名值与签名证书的公钥不符');
  });

  it('catches bytes appended after signing', () => {
    const report = verifyPdf(Buffer.concat([doc.pdf, Buffer.from('\n% appended\n')]));
    expect(report.intact).toBe(false);
    expect(report.lines.join('\n')).toContain('签名之后文件又被追加了 12 字节');
  });

  it('says so when a file carries no signature', () => {
    const report = verifyPdf(Buffer.from('%PDF-1.7\n%%EOF\n'));
    expect(report.intact).toBe(false);
    expect(report.lines).toEqual(['未找到数字签名：此文件不能证明自身的完整性与来源。']);
  });
});

describe('the demo signing key', () => {
  it('is made once under the data folder, with a certificate marked 样本/demo', () => {
    const files = ensureDemoSigningFiles(keyDir);
    const before = readFileSync(files.certificatePath);
    expect(ensureDemoSigningFiles(keyDir)).toEqual(files);
    expect(readFileSync(files.certificatePath).equals(before)).toBe(true);
    const cert = new X509Certificate(before);
    expect(cert.subject).toMatch(/样本\/demo/);
    expect(cert.verify(cert.publicKey)).toBe(true);
  });

  it('needs both the key and the certificate configured, or neither', () => {
    expect(() => renderConfig({ NOTICE_SIGNING_KEY: '/k.pem' })).toThrow(ConfigError);
  });
});
