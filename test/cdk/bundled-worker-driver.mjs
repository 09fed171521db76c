// Runs the render worker's bundle the way Lambda does, from a folder holding nothing but the
// asset: import index.mjs (the init phase: configuration, clients, the font pack), then hand the
// handler SQS events. Plain JavaScript run by plain node, importing only node: modules and the
// bundle, so nothing from the project's node_modules can help it.
// Usage: node bundled-worker-driver.mjs <asset dir> <SQS event JSON>...
// Prints one JSON line: { importMs, invocations: [{ ms, response }] }.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [assetDir, ...events] = process.argv.slice(2);
const started = performance.now();
const { handler } = await import(pathToFileURL(join(assetDir, 'index.mjs')).href);
const importMs = performance.now() - started;
const invocations = [];
for (const event of events) {
  const t = performance.now();
  const response = await handler(JSON.parse(event), { functionName: 'render-worker', awsRequestId: `local-${invocations.length}` });
  invocations.push({ ms: performance.now() - t, response });
}
process.stdout.write(`${JSON.stringify({ importMs, invocations })}\n`);
