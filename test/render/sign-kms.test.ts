// Signing through KMS: the real @aws-sdk/client-kms and client-ssm against a local stand-in that
// speaks their JSON protocol (test/support/kms-stand-in.ts). The renderer configured with a KMS key
// and a certificate parameter signs with one kms:Sign per document; pdfsig and `notice verify`
// accept the result; a certificate that does not belong to the key is refused before anything is
// written; a CSR and a demo self-signed certificate can be made for the key.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { KMSClient } from '@aws-sdk/client-kms';
import { SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleCase } from '../../lambdas/catalogue/index.js';
import { renderConfig } from '../../lambdas/config.js';
import { ConfigError } from '../../lambdas/errors.js';
import { createRenderer } from '../../lambdas/render/render-document.js';
import { SignerMismatchError } from '../../lambdas/render/sign/cms.js';
import { certificatesFromParameter, kmsSelfSignedCertificate, kmsSigner } from '../../lambdas/render/sign/kms-signer.js';
import { signPdf } from '../../lambdas/render/sign/pdf-signature.js';
import { pemCertificates } from '../../lambdas/render/sign/signer.js';
import { verifyPdf } from '../../lambdas/render/sign/verify.js';
import { startKmsStandIn, type KeySpec, type KmsStandIn } from '../support/kms-stand-in.js';
import { tempDir } from '../support/temp-dirs.js';

let kms: KmsStandIn;
let client: KMSClient;
let ssm: SSMClient;
const dir = tempDir('notice-kms-');
const request = { case: exampleCase('skill-grand-award'), documentNumber: '并人才〔2026〕17号', verifyUrl: 'https://notice.example.gov.cn/v/abc' };
const date = new Date('2026-11-24T00:00:00+08:00');
const file = (name: string, bytes: Buffer | string) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const savedEnv = { ...process.env };

beforeAll(async () => {
  kms = await startKmsStandIn();
  const options = { endpoint: kms.endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  client = new KMSClient(options);
  ssm = new SSMClient(options);
  // The renderer makes its own clients: they find the stand-in through the SDK's endpoint variables.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_KMS: kms.endpoint,
    AWS_ENDPOINT_URL_SSM: kms.endpoint,
    AWS_REGION: 'cn-north-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
});

afterAll(async () => {
  process.env = savedEnv;
  client.destroy();
  ssm.destroy();
  await kms.close();
});

/** A painted, unsigned document: outside demo mode without a key nothing signs. */
async function unsignedPdf(): Promise<Buffer> {
  const issuer = { name: '太原市人才工作领导小组办公室', header: '太原市人才工作领导小组办公室文件', printedBy: '太原市人才工作领导小组办公室' };
  return (await createRenderer(renderConfig({ NOTICE_DEMO: 'false', NOTICE_ISSUER: JSON.stringify(issuer) })).render(request)).pdf;
}

/** A key in the stand-in with a demo certificate made through KMS and stored in a parameter. */
async function keyWithCertificate(spec: KeySpec): Promise<{ keyId: string; parameter: string; certificate: Buffer }> {
  const keyId = kms.createKey(spec);
  const certificate = await kmsSelfSignedCertificate(client, keyId);
  const parameter = `/notice/signing/${keyId}`;
  kms.putParameter(parameter, pemCertificates([certificate]));
  return { keyId, parameter, certificate };
}

describe.each(['ECC_NIST_P256', 'RSA_2048'] as const)('a document signed by a %s KMS key', (spec) => {
  it('is signed with one kms:Sign, valid for pdfsig and notice verify, by the certificate in the parameter', async () => {
    const { keyId, parameter, certificate } = await keyWithCertificate(spec);
    const renderer = createRenderer(renderConfig({ NOTICE_DEMO: 'true', NOTICE_SIGNING_KMS_KEY: keyId, NOTICE_SIGNING_CERT_PARAMETER: parameter }));
    const before = kms.calls.Sign ?? 0;
    const doc = await renderer.render(request);
    expect((kms.calls.Sign ?? 0) - before).toBe(1);
    const report = verifyPdf(doc.pdf);
    expect(report.intact, report.lines.join('\n')).toBe(true);
    expect(report.signatures[0]!.signer!.fingerprint256).toBe(new X509Certificate(certificate).fingerprint256);
    const out = spawnSync('pdfsig', [file(`${spec}.pdf`, doc.pdf)], { encoding: 'utf8' }).stdout;
    expect(out).toMatch(/Signature Validation: Signature is Valid\./);
    expect(out).toMatch(/Total document signed/);
  });

  it('changes, between two signings of the same file, only what the scheme randomises', async () => {
    const { keyId, certificate } = await keyWithCertificate(spec);
    const unsigned = await unsignedPdf();
    const signer = kmsSigner(client, keyId, [certificate]);
    const [a, b] = [await signPdf(unsigned, signer, { date }), await signPdf(unsigned, signer, { date })];
    const range = /\/ByteRange \[0 (\d+) (\d+)/.exec(a.toString('latin1'))!.slice(1).map(Number) as [number, number];
    // The signed bytes are the same; the signature value is too for RSA PKCS#1 v1.5, not for ECDSA (random nonce).
    expect(a.subarray(0, range[0]).equals(b.subarray(0, range[0]))).toBe(true);
    expect(a.subarray(range[1]).equals(b.subarray(range[1]))).toBe(true);
    expect(a.equals(b)).toBe(spec === 'RSA_2048');
  });
});

describe('a KMS signer', () => {
  it('refuses to sign with a certificate that is not the key’s, before anything is written', async () => {
    const { keyId } = await keyWithCertificate('ECC_NIST_P256');
    const other = await keyWithCertificate('ECC_NIST_P256');
    await expect(signPdf(await unsignedPdf(), kmsSigner(client, keyId, [other.certificate]), { date })).rejects.toThrow(SignerMismatchError);
  });

  it('says which parameter is missing or holds no certificate', async () => {
    await expect(certificatesFromParameter(ssm, '/notice/signing/none')).rejects.toThrow(ConfigError);
    kms.putParameter('/notice/signing/empty', 'to be filled in');
    await expect(certificatesFromParameter(ssm, '/notice/signing/empty')).rejects.toThrow(/holds no PEM certificate/);
  });

  it('makes, with `notice kms-certificate`, a certification request for the agency’s CA that openssl verifies with the KMS public key', async () => {
    const keyId = kms.createKey('ECC_NIST_P256');
    const path = join(dir, 'request.pem');
    // Asynchronously: the stand-in answers from this process's event loop.
    await promisify(execFile)(process.execPath, ['bin/notice.js', 'kms-certificate', keyId, '--out', path, '--subject', '太原市人才工作领导小组办公室'], {
      env: process.env,
    });
    const out = execFileSync('openssl', ['req', '-in', path, '-verify', '-noout', '-subject', '-nameopt', 'utf8'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out).toMatch(/CN\s*=\s*太原市人才工作领导小组办公室/);
  });

  it('makes a self-signed demo certificate marked 样本/demo that verifies with its own key', async () => {
    const { certificate } = await keyWithCertificate('RSA_2048');
    const cert = new X509Certificate(certificate);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.subject).toMatch(/样本\/demo/);
  });
});
