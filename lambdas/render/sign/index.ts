// The signing stage after paint: which signer the configuration asks for, and where the
// signature's widget goes (on the seal the layout placed).
import type { RenderConfig } from '../../config.js';
import { ConfigError } from '../../errors.js';
import { PAGE_HEIGHT } from '../layout/geometry.js';
import type { Layout } from '../layout/types.js';
import { signPdf, type SignatureWidget } from './pdf-signature.js';
import { fileSigner, inMemoryDemoSigner, type Signer } from './signer.js';

/** The seal's square on its page, in PDF user space; undefined when no page has a seal. */
export function sealWidget(layout: Layout): SignatureWidget | undefined {
  for (const [page, { items }] of layout.pages.entries()) {
    for (const item of items) {
      if (item.kind !== 'seal') continue;
      const r = item.diameter / 2;
      return { page, rect: [item.cx - r, PAGE_HEIGHT - item.cy - r, item.cx + r, PAGE_HEIGHT - item.cy + r] };
    }
  }
  return undefined;
}

/**
 * The configured signer: the key and certificate files when given (NOTICE_SIGNING_KEY,
 * NOTICE_SIGNING_CERT), else in demo mode a key made in memory; outside demo mode without
 * files documents stay unsigned until a KMS adapter is configured (docs/signing.md).
 */
function configuredSigner(config: RenderConfig): (() => Signer) | undefined {
  if (config.signing) {
    let signer: Signer;
    try {
      signer = fileSigner(config.signing);
    } catch (e) {
      throw new ConfigError(`NOTICE_SIGNING_KEY/NOTICE_SIGNING_CERT: cannot load ${config.signing.keyPath} and ${config.signing.certificatePath} (${(e as Error).message})`);
    }
    return () => signer;
  }
  return config.demo ? inMemoryDemoSigner : undefined;
}

export type SigningStage = (pdf: Buffer, layout: Layout, date: Date) => Promise<Buffer>;

/** Signs painted bytes with the configured signer (made on first use), or passes them through. */
export function signingStage(config: RenderConfig): SigningStage {
  const signer = configuredSigner(config);
  if (!signer) return async (pdf) => pdf;
  return (pdf, layout, date) => signPdf(pdf, signer(), { date, widget: sealWidget(layout) });
}
