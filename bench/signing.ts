// Signing cost per document, one-off: `npx tsx bench/signing.ts [--runs N] [--kms-latency-ms M]`.
// Medians over N runs of: a warm render with signing, the signing stage alone on painted bytes
// with the local in-memory key, the same through a signer that waits M ms first (a simulated KMS
// Sign round trip; the key stays out of the process), and the bytes the signature adds.
import { parseArgs } from 'node:util';
import { exampleCase } from '../lambdas/catalogue/index.js';
import { renderConfig } from '../lambdas/config.js';
import { createRenderer } from '../lambdas/render/render-document.js';
import { signPdf } from '../lambdas/render/sign/pdf-signature.js';
import { inMemoryDemoSigner, type Signer } from '../lambdas/render/sign/signer.js';
import { median, round } from './stats.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' }, 'kms-latency-ms': { type: 'string', default: '15' } } });
const runs = Number(values.runs);
const latency = Number(values['kms-latency-ms']);

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
const local = inMemoryDemoSigner();
const keyMs = round(performance.now() - keyStarted);
const doc = await renderer.render(request);
for (let i = 0; i < 5; i++) await renderer.render(request);
// The painted bytes end at the first %%EOF: the signature is an incremental update after it.
const painted = doc.pdf.subarray(0, doc.pdf.indexOf('%%EOF\n') + 6);
const kms: Signer = { ...local, sign: async (digest) => new Promise((resolve) => setTimeout(() => resolve(local.sign(digest)), latency)) };
const options = { date: new Date(`${request.case.approvedOn}T00:00:00+08:00`) };

const report = {
  demoKeyGenerationMs: keyMs,
  warmRenderWithSigningMs: await timed(runs, () => renderer.render(request)),
  signLocalKeyMs: await timed(runs, () => signPdf(painted, local, options)),
  [`signSimulatedKms${latency}msMs`]: await timed(runs, () => signPdf(painted, kms, options)),
  paintedBytes: painted.length,
  signedBytes: doc.pdf.length,
  bytesAdded: doc.pdf.length - painted.length,
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
