// Signing cost per document, one-off: `npx tsx bench/signing.ts [--runs N]`.
// Medians over N runs of: a warm render with signing, the signing stage alone on painted bytes
// with the local in-memory key, the same through KMS (the real @aws-sdk/client-kms against the
// local KMS stand-in, test/support/kms-stand-in.ts: SDK, HTTP and JSON costs, no network
// distance; add the region's round trip, about 10–20 ms), the same with a B-T timestamp from the
// local TSA stand-in, and the bytes each adds.
import { parseArgs } from 'node:util';
import { KMSClient } from '@aws-sdk/client-kms';
import { beijingMidnight } from '../lambdas/beijing-time.js';
import { exampleCase } from '../lambdas/catalogue/index.js';
import { renderConfig } from '../lambdas/config.js';
import { createRenderer } from '../lambdas/render/render-document.js';
import { kmsSelfSignedCertificate, kmsSigner } from '../lambdas/render/sign/kms-signer.js';
import { signPdf } from '../lambdas/render/sign/pdf-signature.js';
import { inMemoryDemoSigner } from '../lambdas/render/sign/signer.js';
import { requestTimestamp } from '../lambdas/render/sign/timestamp.js';
import { startKmsStandIn } from '../test/support/kms-stand-in.js';
import { startTsaStandIn } from '../test/support/tsa-stand-in.js';
import { median, round } from './stats.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' } } });
const runs = Number(values.runs);

async function timed(n: number, f: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    samples.push(performance.now() - t);
  }
  return round(median(samples));
}

const renderer = createRenderer(renderConfig({ NOTICE_DEMO: 'true' }));
const request = { case: exampleCase('skill-grand-award'), documentNumber: '并人才〔2026〕17号', verifyUrl: 'https://notice.example.gov.cn/v/abc' };
const keyStarted = performance.now();
const local = await inMemoryDemoSigner();
const keyMs = round(performance.now() - keyStarted);
const doc = await renderer.render(request);
for (let i = 0; i < 5; i++) await renderer.render(request);
// The painted bytes end at the first %%EOF: the signature is an incremental update after it.
const painted = doc.pdf.subarray(0, doc.pdf.indexOf('%%EOF\n') + 6);
const options = { date: beijingMidnight(request.case.approvedOn) };

const kmsStandIn = await startKmsStandIn();
const tsa = await startTsaStandIn();
const client = new KMSClient({ endpoint: kmsStandIn.endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const keyId = kmsStandIn.createKey('RSA_2048');
const kms = kmsSigner(client, keyId, [await kmsSelfSignedCertificate(client, keyId)]);
const timestamp = (value: Buffer) => requestTimestamp(tsa.url, value);
const timestamped = await signPdf(painted, local, { ...options, timestamp });
await signPdf(painted, kms, options); // the SDK's first request loads its modules

const report = {
  demoKeyGenerationMs: keyMs,
  warmRenderWithSigningMs: await timed(runs, () => renderer.render(request)),
  signLocalKeyMs: await timed(runs, () => signPdf(painted, local, options)),
  signKmsStandInMs: await timed(runs, () => signPdf(painted, kms, options)),
  signLocalKeyWithTimestampStandInMs: await timed(runs, () => signPdf(painted, local, { ...options, timestamp })),
  paintedBytes: painted.length,
  signedBytes: doc.pdf.length,
  bytesAdded: doc.pdf.length - painted.length,
  bytesAddedWithTimestamp: timestamped.length - painted.length,
};
client.destroy();
await Promise.all([kmsStandIn.close(), tsa.close()]);
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
