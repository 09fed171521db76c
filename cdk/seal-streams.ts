// `node --import tsx cdk/seal-streams.ts <seal.png> <out>`: writes the seal image's streams file
// (lambdas/render/seal-image.ts) while the worker's asset is built, so that no cold start decodes
// and splits the seal. An image pdfkit cannot draw stops the build, naming the file.
import { readFileSync, writeFileSync } from 'node:fs';
import { sealStreams } from '../lambdas/render/seal-image.js';

const [png, out] = process.argv.slice(2);
if (!png || !out) throw new Error('usage: node --import tsx cdk/seal-streams.ts <seal.png> <out>');
try {
  writeFileSync(out, await sealStreams(readFileSync(png)));
} catch (e) {
  console.error(`sealImage ${png}: not an image pdfkit can draw (${e instanceof Error ? e.message : String(e)}); give a PNG, ideally red on transparent`);
  process.exit(1);
}
