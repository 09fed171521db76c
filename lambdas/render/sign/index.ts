// The signing stage after paint: which signer the configuration asks for, and where the
// signature's widget goes (on the seal the layout placed).
import type { RenderConfig } from '../../config.js';
import { ConfigError } from '../../errors.js';
import { PAGE_HEIGHT } from '../layout/geometry.js';
import type { Layout } from '../layout/types.js';
import { signPdf, type SignatureWidget } from './pdf-signature.js';
import { fileSigner, inMemoryDemoSigner, type Signer } from './signer.js';
import { requestTimestamp } from './timestamp.js';

/** The seal's square on its page, in PDF user space; undefined when no page has a seal. */
export function sealWidget(layout: Layout): SignatureWidget | undefined {
  for (const [page, { items }] of layout.pages.entries()) {
    for (const item of items) {
      if (item.kind !== 'seal') continue;
      const r = item.diameter / 2;
      return { page, rect: [item.cx - r, PAGE_HEIGHT - item.cy - r, item.cx + r, PAGE_HEIGHT - item.cy + r], alt: `印章：${item.issuer}（数字签名）` };
    }
  }
  return undefined;
}

/**
 * The configured signer: a KMS key (NOTICE_SIGNING_KMS_KEY, its certificate from
 * NOTICE_SIGNING_CERT_PARAMETER, read on first use and kept), the key and certificate files
 * (NOTICE_SIGNING_KEY, NOTICE_SIGNING_CERT), else in demo mode a key made in memory; outside demo
 * mode without either documents stay unsigned (docs/signing.md).
 */
function configuredSigner(config: RenderConfig): (() => Signer | Promise<Signer>) | undefined {
  const kms = config.kmsSigning;
  if (kms) {
    let signer: Promise<Signer> | undefined;
    // The AWS clients load only where KMS signs; a failed start (SSM unreachable) is tried again with the next document, not kept.
    const start = async () => (await import('./kms-signer.js')).configuredKmsSigner(kms);
    return () => (signer ??= start().catch((e: unknown) => ((signer = undefined), Promise.reject(e))));
  }
  if (config.signing) {
    let signer: Signer;
    try {
      signer = fileSigner(config.signing);
    } catch (e) {
      throw new ConfigError(
        `NOTICE_SIGNING_KEY/NOTICE_SIGNING_CERT: cannot load ${config.signing.keyPath} and ${config.signing.certificatePath} (${(e as Error).message})`,
      );
    }
    return () => signer;
  }
  if (!config.demo) return undefined;
  // Started now, while the renderer is made (and the fonts parse), not when the first document is signed.
  const demo = inMemoryDemoSigner();
  // Awaited by each signature; this only keeps a failure from counting as unhandled before one is made.
  demo.catch(() => undefined);
  return () => demo;
}

export type SigningStage = (pdf: Buffer, layout: Layout, date: Date) => Promise<Buffer>;

/** Signs painted bytes with the configured signer (made on first use), timestamped when a TSA is configured, or passes them through. */
export function signingStage(config: RenderConfig): SigningStage {
  const signer = configuredSigner(config);
  if (!signer) return async (pdf) => pdf;
  const url = config.timestampUrl;
  const timestamp = url ? (signatureValue: Buffer) => requestTimestamp(url, signatureValue) : undefined;
  return async (pdf, layout, date) => signPdf(pdf, await signer(), { date, widget: sealWidget(layout), timestamp });
}
