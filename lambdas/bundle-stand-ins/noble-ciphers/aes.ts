// Stands in for @noble/ciphers' AES in the Lambda bundles (cdk/bundling.ts). pdfkit imports it
// only to encrypt a PDF, which no notice is, and the real module computes its tables when it
// loads, in every cold start.
function notUsed(): never {
  throw new Error('PDF encryption is not used by this renderer');
}
export const cbc = notUsed;
export const ecb = notUsed;
