// Self time by function (and by file) of a V8 .cpuprofile: where a render loop spends its time.
//   node bench/profile-summary.mjs <file.cpuprofile> [top=40]   (the main thread's file: the one named …001.cpuprofile)
// With the image stage: the seal's (or a photo's) decoding and deflating, wherever it runs.
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/profile-summary.mjs <file.cpuprofile> [top]');
const top = Number(topArg ?? 40);
const p = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map();
for (let i = 0; i < p.samples.length; i++) {
  const n = byId.get(p.samples[i]);
  const dt = p.timeDeltas[i] ?? 0;
  self.set(n, (self.get(n) ?? 0) + dt);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const fn = new Map();
const files = new Map();
for (const [n, t] of self) {
  const cf = n.callFrame;
  const where = cf.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(lambdas|bench)\//, '$1/');
  const key = `${cf.functionName || '(anonymous)'} ${where}:${cf.lineNumber + 1}`;
  fn.set(key, (fn.get(key) ?? 0) + t);
  const pkg =
    where.startsWith('lambdas/') || where.startsWith('bench/')
      ? where
      : where
          .split('/')
          .slice(0, where.startsWith('@') ? 2 : 1)
          .join('/') || cf.functionName;
  files.set(pkg, (files.get(pkg) ?? 0) + t);
}
// Inclusive time of the render's stages: samples with the stage's function anywhere on their stack.
const STAGES = [
  'parseCase',
  'assertCaseDrawable',
  'renderMarkup',
  'markupRoot',
  'parseDocumentElement',
  'assertModelDrawable',
  'layoutDocument',
  'paint',
  'paintText',
  'paintDemoSeal',
  'paintWatermark',
  'signPdf',
  'embed',
  'flushPages',
  '_addColorOutputIntent',
  'processChunkSync',
  'createSubset',
  'encode',
  'toUnicodeCmap',
];
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n);
const stages = new Map();
for (const [n, t] of self) {
  const seen = new Set();
  for (let at = n; at; at = parent.get(at.id)) if (STAGES.includes(at.callFrame.functionName)) seen.add(at.callFrame.functionName);
  for (const name of seen) stages.set(name, (stages.get(name) ?? 0) + t);
}
// Deflate by what it compresses, as a share of the time under `render` (the process's start left out).
const DEFLATED = [
  ['toUnicodeCmap', 'ToUnicode CMaps'],
  ['embed', 'font subsets'],
  ['flushPages', 'page content'],
];
const deflate = new Map();
let rendering = 0;
for (const [n, t] of self) {
  const names = [];
  for (let at = n; at; at = parent.get(at.id)) names.push(at.callFrame.functionName);
  if (!names.includes('render')) continue;
  rendering += t;
  if (!names.includes('deflateSync')) continue;
  const what = DEFLATED.find(([fn]) => names.includes(fn))?.[1] ?? 'other streams';
  deflate.set(what, (deflate.get(what) ?? 0) + t);
}
// Images (the seal, a photo): pdfkit decodes a PNG with an alpha channel in png-js's inflate
// callback, after paint has returned, so that work is not under `render` on the stack.
const IMAGE_FUNCTIONS = ['splitAlphaChannel', 'decodePixels', 'splitByPdfkit', 'drawSealImage', 'endSealImage'];
const isImageFrame = (cf) => cf.url.includes('/png-js/') || IMAGE_FUNCTIONS.includes(cf.functionName);
let image = 0;
let imageOutside = 0;
for (const [n, t] of self) {
  let underImage = false;
  let underRender = false;
  for (let at = n; at; at = parent.get(at.id)) {
    if (isImageFrame(at.callFrame)) underImage = true;
    if (at.callFrame.functionName === 'render') underRender = true;
  }
  if (!underImage) continue;
  image += t;
  if (!underRender) imageOutside += t;
}
const ofRender = [...deflate]
  .sort((a, b) => b[1] - a[1])
  .map(([k, t]) => `${((100 * t) / rendering).toFixed(1).padStart(5)}%  ${k}`)
  .join('\n');
const show = (m) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, t]) => `${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n');
console.log(
  `total ${(total / 1000).toFixed(0)} ms, of which under render ${(rendering / 1000).toFixed(0)} ms\n` +
    `images (decode, alpha split, their deflate): ${(image / 1000).toFixed(0)} ms, of which ${(imageOutside / 1000).toFixed(0)} ms in callbacks outside render; ` +
    `${((100 * image) / (rendering + imageOutside)).toFixed(1)}% of render and those callbacks\n\ndeflate, share of the time under render:\n${ofRender}\n\nby stage (inclusive):\n${show(stages)}\n\nby function (self):\n${show(fn)}\n\nby file or package (self):\n${show(files)}`,
);
