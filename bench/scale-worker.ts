// One render worker process for bench/scale.ts, as one Lambda execution environment would be: the
// local SQS trigger feeding the render batch handler, against the local stack the environment
// names (local/pipeline-env.ts). Renders the example once before it says `ready`, so the
// run measures warm workers. Prints a JSON line whenever its count of outcomes changes (at most
// every 100 ms) and, on SIGTERM, stops taking batches, lets those in flight finish and prints its
// totals and CPU time.
//   node --import tsx bench/scale-worker.ts --concurrency 2
import { parseArgs } from 'node:util';
import { exampleCase } from '../lambdas/catalogue/index.js';
import { createWorkerLogger } from '../lambdas/handlers/logger.js';
import { createRenderBatchHandler } from '../lambdas/handlers/render-batch.js';
import { startSqsTrigger } from '../local/sqs-trigger.js';
import { createPipelineClients, destroyPipelineClients } from '../lambdas/pipeline/pipeline-clients.js';
import { workerConfig } from '../lambdas/pipeline/config.js';
import { createPipelineDeps } from '../lambdas/pipeline/deps.js';

const { values } = parseArgs({ options: { concurrency: { type: 'string', default: '2' }, 'queue-arn': { type: 'string' } } });
const config = workerConfig(process.env);
const clients = createPipelineClients(config.aws);
const deps = createPipelineDeps(config, clients);
await deps.renderer.render({ case: exampleCase('skill-grand-award'), documentNumber: '并人才奖〔2026〕1号' });

let recorded = 0;
let other = 0;
let shown = '';
const show = () => {
  const line = JSON.stringify({ recorded, other });
  if (line !== shown) process.stdout.write(`${line}\n`);
  shown = line;
};
const ticker = setInterval(show, 100);
const queueUrl = process.env.NOTICE_RENDER_QUEUE_URL!;
const trigger = startSqsTrigger({
  sqs: clients.sqs,
  queueUrl,
  queueArn: values['queue-arn'] ?? `arn:aws:sqs:${config.aws.region}:000000000000:${queueUrl.split('/').at(-1)}`,
  concurrency: Number(values.concurrency),
  waitTimeSeconds: 1,
  handler: createRenderBatchHandler(deps, {
    logger: createWorkerLogger({ logLevel: 'ERROR' }),
    observe: (outcome) => (outcome.kind === 'recorded' ? recorded++ : other++),
  }),
});
const cpuAtReady = process.cpuUsage();
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);

process.once('SIGTERM', () => {
  void (async () => {
    await trigger.stop();
    clearInterval(ticker);
    show();
    const cpu = process.cpuUsage(cpuAtReady);
    process.stdout.write(`${JSON.stringify({ done: true, recorded, other, cpuMs: (cpu.user + cpu.system) / 1000, trigger: trigger.stats() })}\n`);
    destroyPipelineClients(clients);
    process.exit(0);
  })();
});
