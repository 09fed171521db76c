// PAdES B-T: with NOTICE_SIGNING_TSA_URL set, the signature value is timestamped by an RFC 3161
// authority over real HTTP (test/support/tsa-stand-in.ts) and the token travels in the CMS as
// id-aa-signatureTimeStampToken. pdfsig still validates the signature; `notice verify` reports the
// timestamp in Chinese; the TSA being down is transient, a refusal or a wrong token is not.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleCase } from '../../lambdas/catalogue/index.js';
import { renderConfig } from '../../lambdas/config.js';
import { ConfigError } from '../../lambdas/errors.js';
import { createRenderer, type RenderedDocument } from '../../lambdas/render/render-document.js';
import { parseSignedData } from '../../lambdas/render/sign/cms.js';
import { readDer } from '../../lambdas/render/sign/der.js';
import { ensureDemoSigningFiles, pemCertificates } from '../../lambdas/render/sign/signer.js';
import {
  readTimestampToken,
  requestTimestamp,
  timestampRequest,
  TimestampRejectedError,
  TimestampUnavailableError,
  tokenCovers,
  tokenOf,
} from '../../lambdas/render/sign/timestamp.js';
import { verifyPdf } from '../../lambdas/render/sign/verify.js';
import { startTsaStandIn, type TsaStandIn } from '../support/tsa-stand-in.js';
import { tempDir } from '../support/temp-dirs.js';

const dir = tempDir('notice-tsa-');
const files = ensureDemoSigningFiles(join(dir, 'signing'));
const request = { case: exampleCase('skill-grand-award'), documentNumber: '并人才〔2026〕17号', verifyUrl: 'https://notice.example.gov.cn/v/abc' };
const file = (name: string, bytes: Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const rendererWith = (url: string) =>
  createRenderer(
    renderConfig({ NOTICE_DEMO: 'true', NOTICE_SIGNING_KEY: files.keyPath, NOTICE_SIGNING_CERT: files.certificatePath, NOTICE_SIGNING_TSA_URL: url }),
  );

/** The CMS in a signed PDF's /Contents, and the signed byte ranges. */
function signatureOf(pdf: Buffer) {
  const [, start, end] = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(pdf.toString('latin1'))!.slice(1).map(Number);
  const hex = Buffer.from(pdf.toString('latin1', start! + 1, end! - 1), 'hex');
  return { cms: parseSignedData(hex.subarray(0, readDer(hex).raw.length)), signed: Buffer.concat([pdf.subarray(0, start), pdf.subarray(end)]) };
}

let tsa: TsaStandIn;
let doc: RenderedDocument;

beforeAll(async () => {
  tsa = await startTsaStandIn();
  doc = await rendererWith(tsa.url).render(request);
});

afterAll(() => tsa.close());

describe('a document signed with a timestamp authority configured', () => {
  it('carries a timestamp token over its signature value, from the TSA, as an unsigned attribute', () => {
    const { cms } = signatureOf(doc.pdf);
    expect(cms.timestampToken).toBeDefined();
    const token = readTimestampToken(cms.timestampToken!);
    expect(token.signatureValid).toBe(true);
    expect(token.forTimestamping).toBe(true);
    expect(token.authority.raw.equals(tsa.certificate)).toBe(true);
    expect(Math.abs(token.time.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('is valid for poppler’s pdfsig over the whole file', () => {
    const out = spawnSync('pdfsig', [file('timestamped.pdf', doc.pdf)], { encoding: 'utf8' }).stdout;
    expect(out).toMatch(/Signature Validation: Signature is Valid\./);
    expect(out).toMatch(/Total document signed/);
  });

  it('is reported by notice verify as intact, with the timestamp time in Chinese', () => {
    const r = spawnSync(process.execPath, ['bin/notice.js', 'verify', file('timestamped.pdf', doc.pdf)], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const time = verifyPdf(doc.pdf).signatures[0]!.timestamp!.time;
    const beijing = new Date(time.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    expect(r.stdout).toContain(`时间戳：${beijing}（北京时间），由 `);
    expect(r.stdout).toMatch(/测试时间戳服务.*签发，证明签名在此时间之前已存在；时间戳服务证书未经可信根验证。/);
    const trusting = spawnSync(
      process.execPath,
      ['bin/notice.js', 'verify', file('timestamped.pdf', doc.pdf), '--trust', file('tsa.pem', Buffer.from(pemCertificates([tsa.certificate])))],
      { encoding: 'utf8' },
    );
    expect(trusting.stdout).toContain('；时间戳服务证书由所给的可信证书签发或即为其一。');
  });

  it('differs from another rendering only inside the token: same signed bytes, same signature value', async () => {
    const again = await rendererWith(tsa.url).render(request);
    expect(again.pdf.length).toBe(doc.pdf.length);
    const [a, b] = [signatureOf(doc.pdf), signatureOf(again.pdf)];
    expect(b.signed.equals(a.signed)).toBe(true);
    expect(b.cms.signature.equals(a.cms.signature)).toBe(true);
    expect(b.cms.timestampToken!.equals(a.cms.timestampToken!)).toBe(false);
  });

  it('holds a token OpenSSL’s `ts -verify` accepts for the signature value', () => {
    const { cms } = signatureOf(doc.pdf);
    const args = [
      'ts',
      '-verify',
      '-data',
      file('signature-value', cms.signature),
      '-token_in',
      '-in',
      file('token.der', cms.timestampToken!),
      '-CAfile',
      file('tsa.pem', Buffer.from(pemCertificates([tsa.certificate]))),
      '-partial_chain',
    ];
    expect(execFileSync('openssl', args, { encoding: 'utf8', stdio: 'pipe' })).toMatch(/Verification: OK/);
  });

  it('is caught when a byte of the token is altered', () => {
    const altered = Buffer.from(doc.pdf);
    const { cms } = signatureOf(doc.pdf);
    const [, start, end] = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(doc.pdf.toString('latin1'))!.slice(1).map(Number);
    const hex = Buffer.from(doc.pdf.toString('latin1', start! + 1, end! - 1), 'hex');
    // The last byte of the token is the TSA's signature value; change one hex digit of it.
    const tokenEnd = hex.indexOf(cms.timestampToken!) + cms.timestampToken!.length;
    const at = start! + 1 + 2 * (tokenEnd - 1);
    altered[at] = altered[at] === 0x30 ? 0x31 : 0x30;
    const report = verifyPdf(altered);
    expect(report.intact).toBe(false);
    expect(report.lines.join('\n')).toContain('签名时间戳的签名无效');
  });
});

describe('the timestamp client', () => {
  const value = Buffer.from('a signature value');

  it('treats an unreachable TSA as transient, so the message is retried', async () => {
    const closed = await startTsaStandIn();
    await closed.close();
    const error = await requestTimestamp(closed.url, value).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimestampUnavailableError);
    expect(error).toMatchObject({ code: 'TSA_UNAVAILABLE', permanent: false });
    expect((error as Error).message).toMatch(/无法连接.*稍后重试/);
  });

  it('treats HTTP 503 and a systemFailure refusal as transient', async () => {
    tsa.mode = 'down';
    await expect(requestTimestamp(tsa.url, value)).rejects.toMatchObject({ code: 'TSA_UNAVAILABLE', message: expect.stringContaining('HTTP 503') });
    tsa.mode = 'busy';
    await expect(requestTimestamp(tsa.url, value)).rejects.toMatchObject({ code: 'TSA_UNAVAILABLE', message: expect.stringContaining('systemFailure') });
    tsa.mode = 'grant';
  });

  it('says TSA_REJECTED, with the TSA’s reason, when the TSA refuses the request', async () => {
    tsa.mode = 'reject';
    const error = await requestTimestamp(tsa.url, value).catch((e: unknown) => e);
    tsa.mode = 'grant';
    expect(error).toBeInstanceOf(TimestampRejectedError);
    expect(error).toMatchObject({ code: 'TSA_REJECTED', permanent: true });
    expect((error as Error).message).toContain('rejection; badAlg; 只接受 SHA-512 摘要');
  });

  it('refuses a token that timestamps something else', async () => {
    tsa.mode = 'wrong-imprint';
    await expect(requestTimestamp(tsa.url, value)).rejects.toMatchObject({ code: 'TSA_REJECTED', message: expect.stringContaining('messageImprint 不符') });
    tsa.mode = 'grant';
  });

  it('reads the reply of OpenSSL’s own TSA to a request it builds', () => {
    const ossl = join(dir, 'openssl-tsa');
    mkdirSync(ossl);
    writeFileSync(join(ossl, 'serial'), '01\n');
    writeFileSync(
      join(ossl, 'tsa.cnf'),
      `[ tsa ]\ndefault_tsa = t\n[ t ]\nserial = ${ossl}/serial\nsigner_digest = sha256\ndefault_policy = 1.2.3.4.1\nother_policies = 1.2.3.4.2\ndigests = sha256\ness_cert_id_alg = sha256\n`,
    );
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        `${ossl}/key.pem`,
        '-out',
        `${ossl}/cert.pem`,
        '-subj',
        '/CN=OpenSSL TSA',
        '-days',
        '2',
        '-addext',
        'extendedKeyUsage=critical,timeStamping',
      ],
      { stdio: 'pipe' },
    );
    const nonce = Buffer.from('0102030405060708', 'hex');
    writeFileSync(join(ossl, 'q.tsq'), timestampRequest(createHash('sha256').update(value).digest(), nonce));
    execFileSync(
      'openssl',
      [
        'ts',
        '-reply',
        '-config',
        `${ossl}/tsa.cnf`,
        '-queryfile',
        `${ossl}/q.tsq`,
        '-inkey',
        `${ossl}/key.pem`,
        '-signer',
        `${ossl}/cert.pem`,
        '-out',
        `${ossl}/r.tsr`,
      ],
      { stdio: 'pipe' },
    );
    const token = readTimestampToken(tokenOf(readFileSync(join(ossl, 'r.tsr')), 'openssl'));
    expect(tokenCovers(token, value)).toBe(true);
    expect(token.nonce?.equals(nonce)).toBe(true);
    expect(token).toMatchObject({ signatureValid: true, forTimestamping: true });
  });

  it('fails the render when the TSA is down, so nothing unstamped is stored', async () => {
    tsa.mode = 'down';
    await expect(rendererWith(tsa.url).render(request)).rejects.toBeInstanceOf(TimestampUnavailableError);
    tsa.mode = 'grant';
  });
});

describe('the timestamp configuration', () => {
  it('wants an http(s) URL and a signing key outside demo mode', () => {
    expect(() => renderConfig({ NOTICE_SIGNING_TSA_URL: 'ftp://tsa.example.cn' })).toThrow(/NOTICE_SIGNING_TSA_URL/);
    const issuer = JSON.stringify({
      name: '太原市人才工作领导小组办公室',
      header: '太原市人才工作领导小组办公室文件',
      printedBy: '太原市人才工作领导小组办公室',
    });
    expect(() => renderConfig({ NOTICE_DEMO: 'false', NOTICE_ISSUER: issuer, NOTICE_SIGNING_TSA_URL: 'https://tsa.example.cn/tsa' })).toThrow(ConfigError);
  });
});
