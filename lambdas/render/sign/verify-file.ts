// `notice verify`: reads the PDF (and the certificates to trust) from files and checks it.
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { verifyPdf, type VerificationReport } from './verify.js';

async function read(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new Error(`${path}: cannot read the ${what} (${(e as Error).message})`);
  }
}

/** Every certificate in a PEM file (or the one DER certificate it holds). */
function certificatesIn(bytes: Buffer): X509Certificate[] {
  const pems = bytes.toString('latin1').match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g);
  return (pems ?? [bytes]).map((c) => new X509Certificate(c));
}

export async function verifyFile(pdfPath: string, trustPath?: string): Promise<VerificationReport> {
  const pdf = await read(pdfPath, 'PDF');
  const trusted = trustPath ? certificatesIn(await read(trustPath, 'trusted certificates')) : [];
  return verifyPdf(pdf, trusted);
}
