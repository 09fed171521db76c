// The digital signature of an uploaded copy, for the verification page: does the file carry a
// signature, is it intact (the bytes it covers unchanged, the value verifying with the signer's
// certificate), who signed and when. The register's hash says whether the file is the one we
// issued; the signature says whether it was changed since it was signed, even by a copy we never
// saw. The checks are the offline ones of `notice verify` (lambdas/render/sign/verify.ts).
import { verifyPdf } from '../render/sign/verify.js';

export interface SignatureCheck {
  /** The file carries at least one signature. */
  signed: boolean;
  /** Every signature intact and the last covering the whole file. */
  intact: boolean;
  /** The last signature's signer certificate subject and issuer, as the certificate names them. */
  signer?: string;
  issuer?: string;
  /** The signer certificate is a self-signed demo (样本) certificate. */
  demo: boolean;
  /** ISO time the signature states (/M). */
  signingTime?: string;
  /** What is wrong, in Chinese; empty when intact. */
  problems: string[];
}

export function checkSignature(pdf: Buffer): SignatureCheck {
  const report = verifyPdf(pdf);
  const last = report.signatures[report.signatures.length - 1];
  if (!last) return { signed: false, intact: false, demo: false, problems: [] };
  return {
    signed: true,
    intact: report.intact,
    ...(last.signer ? { signer: last.signer.subject, issuer: last.signer.issuer } : {}),
    demo: last.signer ? last.signer.selfSigned && /样本|demo/.test(last.signer.subject) : false,
    ...(last.signingTime ? { signingTime: last.signingTime.toISOString() } : {}),
    problems: report.signatures.flatMap((s) => s.problems),
  };
}
