// Stands in for brotli's decoder in the Lambda bundles (cdk/bundling.ts). fontkit imports it for
// WOFF2 files only, and the real one brings 1.4 MB of dictionary source for every cold start to
// compile; the font pack takes TrueType and OpenType files (fonts.ts refuses WOFF2 first).
export default function decompress(): never {
  throw new Error('WOFF2 fonts cannot be read here: use the TrueType or OpenType file of the font');
}
