// The upload check reports the file's own digital signature beside the register's answer: intact
// for the issued file, broken for a copy altered by one byte inside the signed range, absent for a
// file without one — on the page for a person and in the JSON for a program.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleCase } from '../../lambdas/catalogue/index.js';
import { renderConfig } from '../../lambdas/config.js';
import { checkSignature } from '../../lambdas/api/signature-check.js';
import { signatureResult } from '../../lambdas/api/pages/signature-result.js';
import { createRenderer } from '../../lambdas/render/render-document.js';
import { ensureDemoSigningFiles } from '../../lambdas/render/sign/signer.js';
import { startTsaStandIn } from '../support/tsa-stand-in.js';
import { apiFixture, gatewayEvent, jsonOf, STAFF_CLAIMS, textOf } from './fixture.js';
import { tempDir } from '../support/temp-dirs.js';

const fx = await apiFixture();
await fx.issue('skill-grand-award', 'TY-SIG-0001');

const staff = (input: Parameters<typeof gatewayEvent>[0]) => fx.call(gatewayEvent({ claims: STAFF_CLAIMS, ...input }));
const { versions } = jsonOf(await staff({ method: 'GET', path: '/cases/TY-SIG-0001/documents' })) as { versions: { docId: string }[] };
const docId = versions[0]!.docId;
const location = String((await staff({ method: 'GET', path: '/cases/TY-SIG-0001/documents/1/download' })).headers?.location);
const issued = Buffer.from(await (await fetch(location)).arrayBuffer());

function form(pdf: Buffer) {
  const boundary = 'SignatureTest42';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="copy.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    pdf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return fx.call(gatewayEvent({ method: 'POST', path: `/v/${docId}`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body }));
}
const asProgram = (pdf: Buffer) => fx.call(gatewayEvent({ method: 'POST', path: `/v/${docId}`, headers: { 'content-type': 'application/pdf' }, body: pdf }));

/** The issued file with one byte of its Info title changed (inside the signed range). */
function altered(): Buffer {
  const copy = Buffer.from(issued);
  const at = copy.indexOf('/Title (') + 8;
  copy[at] = copy[at] === 0x41 ? 0x42 : 0x41;
  return copy;
}

describe('the signature in the upload check', () => {
  it('says in Chinese that the issued file’s signature is intact, who signed it and when', async () => {
    const page = textOf(await form(issued));
    expect(page).toContain('data-outcome="exact-current"');
    expect(page).toContain('data-signature="intact"');
    expect(page).toContain('数字签名完整有效：文件自签名后未被改动');
    expect(page).toMatch(/data-field="signer">[^<]*样本\/demo/);
    expect(page).toContain('签名证书为演示样本');
    const json = jsonOf(await asProgram(issued));
    expect(json).toMatchObject({ match: true, signature: { signed: true, intact: true, demo: true } });
  });

  it('says the signature is broken when one byte inside the signed range was changed, and why', async () => {
    const page = textOf(await form(altered()));
    // One byte of the Info title: the text layer is the same, the file is not the issued one, and the signature says it was changed.
    expect(page).toContain('data-outcome="same-text"');
    expect(page).toContain('data-signature="broken"');
    expect(page).toContain('数字签名无效');
    expect(page).toContain('签名范围内的字节被改动过');
    expect(jsonOf(await asProgram(altered()))).toMatchObject({ match: false, signature: { signed: true, intact: false } });
  });

  it('says a file without a signature cannot prove itself, and says nothing of signatures for a hash alone', async () => {
    const unsigned = issued.subarray(0, issued.indexOf('%%EOF') + 6);
    const page = textOf(await form(unsigned));
    expect(page).toContain('data-signature="unsigned"');
    expect(page).toContain('您的文件不带数字签名');
    const byHash = jsonOf(
      await fx.call(
        gatewayEvent({
          method: 'POST',
          path: `/v/${docId}`,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ sha256: '0'.repeat(64) }),
        }),
      ),
    );
    expect(byHash.signature).toBeNull();
  });
});

describe('a timestamped (PAdES B-T) signature in the upload check', () => {
  it('shows the timestamp in Beijing time and who issued it', async () => {
    const tsa = await startTsaStandIn();
    try {
      const files = ensureDemoSigningFiles(join(tempDir('notice-sigcheck-'), 'signing'));
      const config = renderConfig({
        NOTICE_DEMO: 'true',
        NOTICE_SIGNING_KEY: files.keyPath,
        NOTICE_SIGNING_CERT: files.certificatePath,
        NOTICE_SIGNING_TSA_URL: tsa.url,
      });
      const { pdf } = await createRenderer(config).render({
        case: exampleCase('skill-grand-award'),
        documentNumber: '并人才〔2026〕17号',
        verifyUrl: 'https://notice.example.gov.cn/v/abc',
      });
      const check = checkSignature(pdf);
      expect(check.intact).toBe(true);
      expect(check.timestamp?.valid).toBe(true);
      const page = String(signatureResult(check));
      expect(page).toContain('data-field="timestamp"');
      expect(page).toMatch(/时间戳<\/dt><dd data-field="timestamp">\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）[^<]*，由 [^<]+ 签发，证明签名在此时间之前已存在/);
    } finally {
      await tsa.close();
    }
  });
});
