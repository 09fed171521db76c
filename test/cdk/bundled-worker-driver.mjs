// Runs the render worker's bundle the way Lambda does, from a folder holding nothing but the
// asset: import index.mjs (the init phase: configuration, clients, the font pack), then hand the
// handler SQS events. Plain JavaScript run by plain node, importing only node: modules and the
// bundle, so nothing from the project's node_modules can help it.
// Usage: node bundled-worker-driver.mjs <asset dir> <SQS event JSON>...
// Prints one JSON line: { importMs, importCpuMs, invocations: [{ ms, cpuMs, response }] }. CPU time
// is the process's (every thread's), which a neighbour's load disturbs far less than the wall clock.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [assetDir, ...events] = process.argv.slice(2);
const cpuMs = (since) => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
};
const started = performance.now();
const cpuStarted = process.cpuUsage();
const { handler } = await import(pathToFileURL(join(assetDir, 'index.mjs')).href);
const importMs = performance.now() - started;
const importCpuMs = cpuMs(cpuStarted);
const invocations = [];
for (const event of events) {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const response = await handler(JSON.parse(event), { functionName: 'render-worker', awsRequestId: `local-${invocations.length}` });
  invocations.push({ ms: performance.now() - t, cpuMs: cpuMs(cpu), response });
}
process.stdout.write(`${JSON.stringify({ importMs, importCpuMs, invocations })}\n`);
